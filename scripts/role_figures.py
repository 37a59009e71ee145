"""Figures of a role ranking over labelled documents, shared by `scripts/evaluate.py` and
`scripts/fit_scoring.py`: hit@1 (strict and lenient), hit@2 per role, and each role's separation
(how well its score tells the people who hold it from everyone else).

A result is a mapping with `id`, `expected` (a role id, `none` or `unlabeled`), `also` (roles an
honest reader would also accept first), `scores` (role id -> score) and `ranking` (role ids,
best first)."""

from __future__ import annotations

import statistics
from typing import Any


def ranked(scores: dict[str, float]) -> list[str]:
    """Role ids best first, ties by id (as the service orders them)."""
    return sorted(scores, key=lambda role: (-scores[role], role))


def labelled(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Analysed documents whose label is one of the ranked roles (not `none` or `unlabeled`)."""
    return [r for r in results if "ranking" in r and r["expected"] in r["scores"]]


def hits(r: dict[str, Any]) -> tuple[bool, bool, bool]:
    """Strict hit@1 (the label first), lenient hit@1 (the label or an `also` role first), hit@2."""
    strict = r["ranking"][0] == r["expected"]
    return strict, strict or r["ranking"][0] in r["also"], r["expected"] in r["ranking"][:2]


def _miss(r: dict[str, Any]) -> str:
    first, second = r["ranking"][:2]
    lenient = " (an also-accepted role)" if hits(r)[1] else ""
    return (
        f"{r['id']}: expected {r['expected']} {r['scores'][r['expected']]}, "
        f"got {first} {r['scores'][first]}{lenient}, {second} {r['scores'][second]}"
    )


def ranking_figures(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Role ranking over any set of results: overall and per labelled role, and the `none`
    documents' best scores."""
    rows = labelled(results)
    none = [r for r in results if "ranking" in r and r["expected"] == "none"]
    best_none = [max(r["scores"].values()) for r in none]
    found = [hits(r) for r in rows]
    strict, lenient, second = (sum(h[i] for h in found) for i in range(3))
    per_role: dict[str, dict[str, int]] = {}
    for r, (s, le, h2) in sorted(zip(rows, found, strict=True), key=lambda pair: pair[0]["expected"]):
        row = per_role.setdefault(r["expected"], {"n": 0, "strict": 0, "lenient": 0, "hit_at_2": 0})
        row["n"] += 1
        row["strict"] += s
        row["lenient"] += le
        row["hit_at_2"] += h2
    return {
        "labelled": len(rows),
        "hit_at_1": strict / max(len(rows), 1),
        "hit_at_1_lenient": lenient / max(len(rows), 1),
        "hit_at_2": second / max(len(rows), 1),
        "counts": {"strict": strict, "lenient": lenient, "hit_at_2": second},
        "per_role": per_role,
        "misses": [_miss(r) for r, h in zip(rows, found, strict=True) if not h[0]],
        "none_documents": len(none),
        "none_weak_share": sum(score < 25 for score in best_none) / max(len(none), 1),
        "none_best_score_median": statistics.median(best_none) if best_none else None,
        "none_best_score_max": max(best_none) if best_none else None,
        "none_above_weak": sorted(
            f"{r['id']} {max(r['scores'], key=r['scores'].get)} {max(r['scores'].values())}"
            for r in none
            if max(r["scores"].values()) >= 25
        ),
    }


def auc(positives: list[float], negatives: list[float]) -> float | None:
    """The chance that a positive scores above a negative (ties count half); None without both."""
    if not positives or not negatives:
        return None
    above = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return above / (len(positives) * len(negatives))


def separation_figures(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per role: how its score separates the labelled documents that hold the role from the
    other labelled documents (AUC; 0.5 says nothing), with both groups' median scores."""
    rows = labelled(results)
    roles = sorted({role for r in rows for role in r["scores"]})
    out: dict[str, dict[str, Any]] = {}
    for role in roles:
        holders = [r["scores"][role] for r in rows if r["expected"] == role]
        others = [r["scores"][role] for r in rows if r["expected"] != role]
        if not holders:
            continue
        out[role] = {
            "holders": len(holders),
            "holders_median": statistics.median(holders),
            "others_median": statistics.median(others) if others else None,
            "auc": auc(holders, others),
        }
    return out


def print_ranking(title: str, ranking: dict[str, Any], separation: dict[str, dict[str, Any]]) -> None:
    """One group's ranking and separation as a short table."""
    n = ranking["labelled"]
    print(
        f"\n{title}: {n} labelled; hit@1 strict {ranking['counts']['strict']}/{n} ({ranking['hit_at_1']:.1%}), "
        f"lenient {ranking['counts']['lenient']}/{n} ({ranking['hit_at_1_lenient']:.1%}), "
        f"hit@2 {ranking['counts']['hit_at_2']}/{n} ({ranking['hit_at_2']:.1%})"
    )
    print(f"  {'role':<20} {'n':>3} {'strict':>7} {'lenient':>8} {'hit@2':>6} {'holders':>8} {'others':>7} {'AUC':>6}")
    for role, row in ranking["per_role"].items():
        sep = separation.get(role, {})
        others = sep.get("others_median")
        print(
            f"  {role:<20} {row['n']:>3} {row['strict']:>7} {row['lenient']:>8} {row['hit_at_2']:>6} "
            f"{sep.get('holders_median', 0):>8.1f} {others if others is None else f'{others:.1f}':>7} "
            f"{sep.get('auc') or 0:>6.3f}"
        )
