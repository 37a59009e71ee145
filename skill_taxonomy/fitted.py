"""Numbers fitted to labelled resumes (`fitted.yaml`, written by scripts/fit_scoring.py): each
role requirement's weight, the caps, and the credits of a title held before the latest job and
of one in another current job.

A fitted file replaces the weights of the roles it names (written, then moved by the shares:
the values its fit was pulled towards); the importance stays as the shares set it, and each
requirement keeps its written weight beside the fitted one. A requirement the file does not
name keeps its weight. The file is checked like every taxonomy file: every problem is reported
with its place."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from skill_taxonomy.catalogue import MAX_WEIGHT, FittedSource, Requirement, Role

# The title credits a fitted file may set: a role's title held before the latest job, and one in
# another current job beside the person's current title.
TITLE_CREDITS = ("earlier_title_credit", "concurrent_title_credit")


def parse_fitted(data: Any, roles: dict[str, Role], where: str, problems: list[str]) -> FittedSource | None:
    """Check a fitted file against the roles; every problem is reported with its place."""
    if not isinstance(data, dict) or not isinstance(data.get("roles"), dict):
        problems.append(f"{where}: needs source, date, documents and roles")
        return None
    for key in TITLE_CREDITS:
        credit = data.get(key)
        if credit is not None and not _number_in(credit, 0, 1):
            problems.append(f"{where} {key}: needs a credit between 0 and 1 (got {credit!r})")
    _check_weights(data["roles"], roles, where, problems)
    _check_caps(data.get("caps") or {}, roles, where, problems)
    documents = data["documents"] if isinstance(data.get("documents"), dict) else {}
    figures = data["figures"] if isinstance(data.get("figures"), dict) else {}
    return FittedSource(
        str(data.get("source", "")),
        str(data.get("date", "")),
        {str(k): int(v) for k, v in documents.items() if isinstance(v, int)},
        frozenset(str(role_id) for role_id in data["roles"] if role_id in roles),
        dict(figures),
    )


def _number_in(value: Any, low: float, high: float) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float)) and low <= value <= high


def _check_weights(fitted: dict[str, Any], roles: dict[str, Role], where: str, problems: list[str]) -> None:
    for role_id, weights in fitted.items():
        role = roles.get(role_id)
        if role is None:
            problems.append(f"{where} roles.{role_id}: no such role")
            continue
        if not isinstance(weights, dict):
            problems.append(f"{where} roles.{role_id}: needs a weight per requirement id")
            continue
        known = {req.id for req in role.requirements}
        for req_id, weight in weights.items():
            if req_id not in known:
                problems.append(f"{where} roles.{role_id}.{req_id}: no such requirement")
            elif not _number_in(weight, 0, MAX_WEIGHT) or weight == 0:
                problems.append(f"{where} roles.{role_id}.{req_id}: needs a weight above 0 and at most {MAX_WEIGHT:g} (got {weight!r})")


def _check_caps(fitted: Any, roles: dict[str, Role], where: str, problems: list[str]) -> None:
    if not isinstance(fitted, dict):
        problems.append(f"{where} caps: needs a cap per role and requirement id")
        return
    for role_id, caps in fitted.items():
        role = roles.get(role_id)
        capped = {req.id for req in role.requirements if req.cap is not None} if role else set()
        for req_id, cap in caps.items() if isinstance(caps, dict) else []:
            if req_id not in capped:
                problems.append(f"{where} caps.{role_id}.{req_id}: no such requirement with a cap")
            elif not _number_in(cap, 0, 100) or cap in (0, 100):
                problems.append(f"{where} caps.{role_id}.{req_id}: needs a cap between 0 and 100 (got {cap!r})")


def apply_fitted(roles: dict[str, Role], data: dict[str, Any]) -> dict[str, Role]:
    """The roles the file names with its weights and caps (each requirement keeps its written
    weight in `written_weight`); the other roles as they were."""
    out = dict(roles)
    caps = data.get("caps") or {}
    for role_id, weights in data["roles"].items():
        role = roles.get(role_id)
        if role is None:
            continue
        requirements = tuple(_fitted(req, weights.get(req.id), (caps.get(role_id) or {}).get(req.id)) for req in role.requirements)
        out[role_id] = replace(role, requirements=requirements)
    return out


def _fitted(req: Requirement, weight: float | None, cap: float | None) -> Requirement:
    if weight is None:
        return req
    return replace(
        req,
        weight=float(weight),
        cap=req.cap if cap is None else float(cap),
        written_weight=req.weight if req.written_weight is None else req.written_weight,
        written_importance=req.importance if req.written_importance is None else req.written_importance,
    )
