"""How often real postings ask for each requirement of a role (`shares.yaml`, derived by
scripts/derive_shares.py), and the rule that turns a share into importance.

The rule, written down: a requirement is a must when at least half the role's postings ask for
it, nice when fewer than a fifth do, important between. A role's title keeps the importance
written in roles.yaml: every posting of a role asks for its title by definition.

Weights stay as written in roles.yaml. Weights derived from the shares (by share, by how much
more often the role's postings ask than other roles', or both) ranked the labelled CVs of the
evaluation set no better than the written ones in any form measured (lenient first role
87.2-89.7% against 92.3%, or the right role in the first two 97.4% against 100%; README): the
parser finds 38% of what postings ask, so the shares are a floor, not a measure fine enough to
rank by."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from skill_taxonomy.catalogue import Importance, Requirement, Role

MUST_SHARE = 0.5
NICE_SHARE = 0.2


@dataclass(frozen=True)
class PostingShares:
    """Where a taxonomy's shares come from."""

    source: str
    date: str
    postings: dict[str, int]  # role id -> postings counted


def importance_for(asked_by: float) -> Importance:
    """The importance a share gives: must from one half, nice below one fifth."""
    return "must" if asked_by >= MUST_SHARE else "nice" if asked_by < NICE_SHARE else "important"


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
    """The roles with each requirement's shares, and its importance by the rule."""
    out: dict[str, Role] = {}
    for role_id, role in roles.items():
        rows = data["roles"].get(role_id) or {}
        requirements: list[Requirement] = []
        for req in role.requirements:
            row = rows.get(req.id)
            if row is None:
                requirements.append(req)
                continue
            asked, others = float(row["asked_by"]), row.get("asked_by_others")
            importance = req.importance if req.signal == "title" else importance_for(asked)
            requirements.append(replace(req, importance=importance, asked_by=asked, asked_by_others=others))
        out[role_id] = replace(role, requirements=tuple(requirements))
    return out
