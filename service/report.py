"""What the command line prints: one analysis as a readable report, and a batch's summary table."""

from __future__ import annotations

from collections import Counter
from typing import Any

BAR_WIDTH = 30
MAX_MATCHED = 8
MAX_MISSING = 6
EVIDENCE_WIDTH = 110
BOLD, PLAIN = "\033[1m", "\033[0m"


def _bar(score: float) -> str:
    filled = round(score / 100 * BAR_WIDTH)
    return "█" * filled + "·" * (BAR_WIDTH - filled)


def _evidence_line(evidence: dict[str, Any], emphasis: bool) -> str:
    """The evidence text around its highlight, cut to the width, the name in bold on a terminal."""
    text, mark = evidence["text"], evidence.get("highlight")
    if mark:  # cut around the name first: the offsets count the text as it stands
        start, end = mark
        left = max(0, min(start - 30, len(text) - EVIDENCE_WIDTH))
        text = text[left : left + EVIDENCE_WIDTH]
        start, end = start - left, min(end - left, len(text))
        name = text[start:end]
        text = ("…" if left else "") + text[:start] + (f"{BOLD}{name}{PLAIN}" if emphasis else f"[{name}]") + text[end:]
    text = " ".join(text.split())
    if not mark and len(text) > EVIDENCE_WIDTH:
        text = text[: EVIDENCE_WIDTH - 1] + "…"
    return f'"{text}" ({evidence["section"]}, page {evidence["page"]})'


MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def asked_by_words(req: dict[str, Any], role: dict[str, Any]) -> str:
    """ "asked by 64% of 80 ML engineer postings and 20% of other roles' postings, Feb 2026", or ""
    where the role has no shares."""
    source = role.get("asked_by_source")
    if req.get("asked_by") is None or not source:
        return ""
    year, _, month = str(source["date"]).partition("-")
    when = f"{MONTH_NAMES[int(month) - 1]} {year}" if month.isdigit() and 1 <= int(month) <= 12 else str(source["date"])
    title = role["title"] if role["title"][:2].isupper() else role["title"][:1].lower() + role["title"][1:]
    others = f" and {round(req['asked_by_others'] * 100)}% of other roles' postings" if req.get("asked_by_others") is not None else ""
    return f"asked by {round(req['asked_by'] * 100)}% of {source['postings']} {title} postings{others}, {when}"


def _role_detail(role: dict[str, Any], emphasis: bool) -> list[str]:
    lines = [f"{role['title']}: {role['score']:.1f} of 100 ({role['band']}), {role['earned']:g} of {role['possible']:g} points"]
    if capped := role.get("capped_by"):
        lines.append(f"  held at {capped['cap']:g} while missing: {capped['label']}")
    if role["matched"]:
        lines.append("  met:")
    for req in role["matched"][:MAX_MATCHED]:
        how = f" ({req['detail']})" if req.get("detail") else ""
        part = "" if req["credit"] >= 1 else f", partly: {round(req['credit'] * 100)}%"
        lines.append(f"    ✓ {req['label']} [{req['importance']}{part}]{how}")
        if asked := asked_by_words(req, role):
            lines.append(f"        {asked}")
        for evidence in req["evidence"][:2]:
            lines.append(f"        {_evidence_line(evidence, emphasis)}")
        if req.get("advice"):
            lines.append(f"        to do: {req['advice']}")
    if len(role["matched"]) > MAX_MATCHED:
        lines.append(f"    … and {len(role['matched']) - MAX_MATCHED} more met")
    if role["missing"]:
        lines.append("  missing:")
    order = {"must": 0, "important": 1, "nice": 2}
    missing = sorted(role["missing"], key=lambda r: (order.get(r["importance"], 3), -r["weight"]))
    for req in missing[:MAX_MISSING]:
        asked = asked_by_words(req, role)
        lines.append(f"    ✗ {req['label']} [{req['importance']}{'; ' + asked if asked else ''}]: {req['advice']}")
    if len(missing) > MAX_MISSING:
        lines.append(f"    … and {len(missing) - MAX_MISSING} more missing")
    return lines


def _step_line(number: int, step: dict[str, Any], role: dict[str, Any] | None) -> list[str]:
    """A numbered step: what to do, the score and band after it, its gain, what postings say, and
    the other roles it raises."""
    line = f"  {number}. {step['kind']} {step['label']}: {step['score_after']:g} {step['band_after']} (+{step['gain']:g})"
    lines = [line]
    if role is not None and (asked := asked_by_words(step, role)):
        lines.append(f"       {asked}")
    if step["kind"] == "show" and step.get("line"):
        lines.append(f"       nearly there: {_evidence_line(step['line'], False)}")
    lines.append(f"       {step['advice']}")
    raised = [f"{other['title']} {other['score_before']:g} → {other['score_after']:g}" for other in step.get("also_raises", [])]
    if raised:
        lines.append("       also raises " + ", ".join(raised))
    return lines


def render_plan(plan: dict[str, Any], roles: list[dict[str, Any]]) -> list[str]:
    """The plan as numbered lists: per band above the role's own, the fewest steps to it with the
    score after each."""
    why = "the role asked for" if plan["asked"] else "the role whose next band is nearest"
    lines = [f"plan for {plan['title']} ({why}): {plan['score']:g} of 100, {plan['band']}"]
    if plan["first_role"]:
        lines.append(f"  the best fit today is {plan['first_role']['title']} ({plan['first_role']['score']:g})")
    if plan["already_met"]:
        lines.append("  already met: " + ", ".join(req["label"] for req in plan["already_met"]))
    role = next((r for r in roles if r["id"] == plan["role"]), None)
    for goal in plan["goals"]:
        count = len(goal["steps"])
        reach = f"{count} step{'s' if count != 1 else ''}" if goal["reachable"] else f"out of reach by steps alone ({count} steps)"
        lines.append(f"to {goal['band']} ({goal['floor']:g}): {reach}")
        for number, step in enumerate(goal["steps"], start=1):
            lines += _step_line(number, step, role)
    return lines


def render_report(result: dict[str, Any], name: str, detail_roles: list[str] | None = None, emphasis: bool = False) -> str:
    """A readable report: the document, what was found, every role as a bar, and for the best
    role (or the roles asked for) what was met with its evidence and what is missing with advice."""
    document, profile = result["document"], result["profile"]
    pubs = profile["publications"]
    years = profile["experience_years"]
    lines = [
        f"{name}: {document['media_type']}, {document['pages']} page(s), {document['characters']} characters",
        f"  name: {profile['name'] or '-'}   degree: {profile['highest_degree'] or '-'}   "
        f"experience: {f'{years:g} years' if years is not None else '-'}   "
        f"publications: {pubs['count']} ({pubs['first_author']} first-author)   "
        f"deployment: {'yes' if profile['deployment_experience']['present'] else 'no'}",
        f"  skills ({len(profile['skills'])}): "
        + ", ".join(s["label"] for s in profile["skills"][:12])
        + (" …" if len(profile["skills"]) > 12 else ""),
    ]
    if reading := result.get("reads_as"):
        lines.append(f"  reads as: {reading['title']}, from {_evidence_line(reading['evidence'], emphasis)}")
    lines += ["", "role fit:"]
    width = max((len(role["title"]) for role in result["roles"]), default=10)
    for role in result["roles"]:
        lines.append(f"  {role['title']:<{width}}  {_bar(role['score'])} {role['score']:5.1f}  {role['band']}")
    chosen = [r for r in result["roles"] if r["id"] in detail_roles] if detail_roles else result["roles"][:1]
    for role in chosen:
        lines += ["", *_role_detail(role, emphasis)]
    if result.get("plan"):
        lines += ["", *render_plan(result["plan"], result["roles"])]
    if result["warnings"]:
        lines.append("")
    lines += [f"note: {warning}" for warning in result["warnings"]]
    return "\n".join(lines)


def render_summary(rows: list[dict[str, Any]], seconds: float, workers: int) -> str:
    """A batch's table: one row per document (best role, score, skills), then the totals."""
    width = min(max((len(r["file"]) for r in rows), default=4), 48)
    lines = [f"{'document':<{width}}  {'best role':<22} {'score':>5}  {'band':<8} {'skills':>6}"]
    failed = [r for r in rows if "error" in r]
    for row in sorted(rows, key=lambda r: r["file"]):
        name = row["file"] if len(row["file"]) <= width else "…" + row["file"][-(width - 1) :]
        if "error" in row:
            lines.append(f"{name:<{width}}  error: {row['error']}: {row['detail']}")
            continue
        best = row["roles"][0] if row["roles"] else None
        title, score, band = (best["title"], f"{best['score']:5.1f}", best["band"]) if best else ("-", "    -", "-")
        lines.append(f"{name:<{width}}  {title:<22} {score:>5}  {band:<8} {len(row['profile']['skills']):>6}")
    done = len(rows) - len(failed)
    rate = f", {len(rows) / seconds:.1f} documents/s" if seconds > 0 else ""
    lines.append(f"{done} analysed, {len(failed)} skipped with errors, in {seconds:.1f} s with {workers} worker(s){rate}")
    best_roles = Counter(r["roles"][0]["title"] for r in rows if "error" not in r and r["roles"])
    if best_roles:
        lines.append("best role: " + ", ".join(f"{title} {count}" for title, count in best_roles.most_common()))
    return "\n".join(lines)
