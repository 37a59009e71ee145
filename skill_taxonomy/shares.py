"""How often real postings ask for each requirement of a role (`shares.yaml`, derived by
scripts/derive_shares.py), and the rules that turn the shares into importance and weight.

The rules, written down:
- importance follows how often the role's postings ask: a must when at least half of them ask
  for the requirement, nice when fewer than a fifth do, important between;
- weight follows how far the requirement sets the role apart from the others: its separation
  is the share of the role's postings asking for it less the mean share of the other roles'
  postings (at least 0; 0 where other roles' shares are unknown). Each requirement's written
  weight is multiplied by 1 + separation / 2, then all of them by one factor that keeps their
  sum as written (to rounding, and none above MAX_WEIGHT), so the role's weight moves
  towards the requirements its postings ask for and others' do not (a requirement only this
  role's postings ask for gains up to half its weight against one every role asks for alike).
A role's title keeps its written importance and weight: every posting of a role asks for its
title by definition, and its share of the score stays as written.

Weights are redistributed rather than replaced: set from the shares alone (by share, by
separation, by the importance rule) they ranked the labelled CVs of the evaluation set worse
than the written ones (README). The parser finds 38% of what postings ask, so the shares are a
floor: fine enough to say which requirements tell roles apart, not to weigh them alone."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from skill_taxonomy.catalogue import MAX_WEIGHT, Importance, Requirement, Role

MUST_SHARE = 0.5
NICE_SHARE = 0.2
SEPARATION_GAIN = 0.5  # what a requirement's separation adds to its weight's factor


@dataclass(frozen=True)
class PostingShares:
    """Where a taxonomy's shares come from: per role, the source, its date and the postings counted."""

    source: str
    date: str
    postings: dict[str, int]  # role id -> postings counted
    # role id -> (source, date) for roles whose shares come from another file (an extended
    # taxonomy's); the others' are `source` and `date`
    elsewhere: dict[str, tuple[str, str]] = field(default_factory=dict)

    def source_of(self, role_id: str) -> tuple[str, str, int] | None:
        """The source, date and postings counted of a role's shares; None for a role without."""
        if role_id not in self.postings:
            return None
        source, date = self.elsewhere.get(role_id, (self.source, self.date))
        return source, date, self.postings[role_id]

    def after(self, base: PostingShares) -> PostingShares:
        """These shares over a base taxonomy's: a role keeps the base's shares where these have none."""
        kept = {role_id: n for role_id, n in base.postings.items() if role_id not in self.postings}
        elsewhere = {role_id: base.elsewhere.get(role_id, (base.source, base.date)) for role_id in kept}
        return replace(self, postings={**kept, **self.postings}, elsewhere={**elsewhere, **self.elsewhere})


def importance_for(asked_by: float) -> Importance:
    """The importance a share gives: must from one half, nice below one fifth."""
    return "must" if asked_by >= MUST_SHARE else "nice" if asked_by < NICE_SHARE else "important"


def separation(asked_by: float, asked_by_others: float | None) -> float:
    """How much more often the role's postings ask for a requirement than other roles' do, in
    [0, 1]; 0 where other roles' shares are unknown (a taxonomy with one role)."""
    return 0.0 if asked_by_others is None else max(asked_by - asked_by_others, 0.0)


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
    return {req_id: min(round(weight * scale, 2), MAX_WEIGHT) for req_id, weight in raised.items()}


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
    """The roles the shares name, each requirement with its shares and its importance and weight
    by the rules (a requirement they do not count is back to its written importance and weight);
    the other roles as they were."""
    out = dict(roles)
    for role_id, rows in data["roles"].items():
        role = roles.get(role_id)
        if role is None:
            continue
        requirements = [_with_shares(req, (rows or {}).get(req.id)) for req in role.requirements]
        weights = weights_for(requirements)
        requirements = [replace(req, weight=weights[req.id]) if req.id in weights else req for req in requirements]
        out[role_id] = replace(role, requirements=tuple(requirements))
    return out


def _with_shares(req: Requirement, row: dict[str, Any] | None) -> Requirement:
    """The requirement as written, with the row's shares and the importance they give (a title
    keeps its own); its weight is set with the role's others (weights_for)."""
    importance = req.importance if req.written_importance is None else req.written_importance
    weight = req.weight if req.written_weight is None else req.written_weight
    written = replace(req, importance=importance, weight=weight, written_importance=None, written_weight=None)
    if row is None:
        return replace(written, asked_by=None, asked_by_others=None)
    asked = float(row["asked_by"])
    return replace(
        written,
        importance=importance if req.signal == "title" else importance_for(asked),
        asked_by=asked,
        asked_by_others=row.get("asked_by_others"),
        written_importance=importance,
        written_weight=weight,
    )
