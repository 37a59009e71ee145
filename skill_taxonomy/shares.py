"""How often real postings ask for each requirement of a role (`shares.yaml`, derived by
scripts/derive_shares.py), and the rules that turn the shares into importance and weight.

The rules, written down:
- importance follows how often the role's postings ask: a must when at least half of them ask
  for the requirement, nice when fewer than a fifth do, important between;
- weight follows how far the requirement sets the role apart from the others: its separation
  is the share of the role's postings asking for it less the mean share of the other roles'
  postings (at least 0). Each requirement's written weight is multiplied by 1 + separation / 2,
  then all of them by one factor that keeps their sum as written, so the role's weight moves
  towards the requirements its postings ask for and others' do not (a requirement only this
  role's postings ask for gains up to half its weight against one every role asks for alike).
A role's title keeps its written importance and weight: every posting of a role asks for its
title by definition, and its share of the score stays as written.

Weights are redistributed rather than replaced: set from the shares alone (by share, by
separation, by the importance rule) they ranked the labelled CVs of the evaluation set worse
than the written ones (README). The parser finds 38% of what postings ask, so the shares are a
floor: fine enough to say which requirements tell roles apart, not to weigh them alone."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from skill_taxonomy.catalogue import Importance, Requirement, Role

MUST_SHARE = 0.5
NICE_SHARE = 0.2
SEPARATION_GAIN = 0.5  # what a requirement's separation adds to its weight's factor


@dataclass(frozen=True)
class PostingShares:
    """Where a taxonomy's shares come from."""

    source: str
    date: str
    postings: dict[str, int]  # role id -> postings counted


def importance_for(asked_by: float) -> Importance:
    """The importance a share gives: must from one half, nice below one fifth."""
    return "must" if asked_by >= MUST_SHARE else "nice" if asked_by < NICE_SHARE else "important"


def separation(asked_by: float, asked_by_others: float | None) -> float:
    """How much more often the role's postings ask for a requirement than other roles' do, in [0, 1]."""
    return max(asked_by - (asked_by_others or 0.0), 0.0)


def weights_for(requirements: list[Requirement]) -> dict[str, float]:
    """The weights of a role's requirements that have shares (not its title): each written weight
    times 1 + separation / 2, scaled so that their sum stays as written."""
    written: dict[str, float] = {}
    raised: dict[str, float] = {}
    for req in requirements:
        if req.asked_by is None or req.written_weight is None or req.signal == "title":
            continue
        written[req.id] = req.written_weight
        raised[req.id] = req.written_weight * (1 + SEPARATION_GAIN * separation(req.asked_by, req.asked_by_others))
    scale = sum(written.values()) / sum(raised.values()) if raised else 1.0
    return {req_id: round(weight * scale, 2) for req_id, weight in raised.items()}


def parse_shares(data: Any, roles: dict[str, Role], where: str, problems: list[str]) -> PostingShares | None:
    """Check a shares file against the roles; every problem is reported with its place."""
    if not isinstance(data, dict) or not isinstance(data.get("roles"), dict) or not isinstance(data.get("postings"), dict):
        problems.append(f"{where}: needs source, date, postings and roles")
        return None
    for role_id, requirements in data["roles"].items():
        role = roles.get(role_id)
        if role is None:
            problems.append(f"{where} roles.{role_id}: no such role")
            continue
        known = {req.id for req in role.requirements}
        for req_id, row in (requirements or {}).items():
            if req_id not in known:
                problems.append(f"{where} roles.{role_id}.{req_id}: no such requirement")
            if not isinstance(row, dict) or row.get("asked_by") is None:
                problems.append(f"{where} roles.{role_id}.{req_id}: needs asked_by")
                continue
            for key in ("asked_by", "asked_by_others"):
                value = row.get(key)
                if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1):
                    problems.append(f"{where} roles.{role_id}.{req_id}.{key}: needs a share between 0 and 1 (got {value!r})")
    postings = {str(k): int(v) for k, v in data["postings"].items() if isinstance(v, int)}
    return PostingShares(str(data.get("source", "")), str(data.get("date", "")), postings)


def apply_shares(roles: dict[str, Role], data: dict[str, Any]) -> dict[str, Role]:
    """The roles with each requirement's shares, and its importance and weight by the rules."""
    out: dict[str, Role] = {}
    for role_id, role in roles.items():
        rows = data["roles"].get(role_id) or {}
        requirements: list[Requirement] = []
        for req in role.requirements:
            row = rows.get(req.id)
            written = req.weight if req.written_weight is None else req.written_weight
            if row is None:
                requirements.append(replace(req, weight=written, asked_by=None, asked_by_others=None, written_weight=None))
                continue
            asked, others = float(row["asked_by"]), row.get("asked_by_others")
            shared = replace(req, asked_by=asked, asked_by_others=others, written_weight=written, weight=written)
            if req.signal != "title":
                shared = replace(shared, importance=importance_for(asked))
            requirements.append(shared)
        weights = weights_for(requirements)
        requirements = [replace(req, weight=weights[req.id]) if req.id in weights else req for req in requirements]
        out[role_id] = replace(role, requirements=tuple(requirements))
    return out
