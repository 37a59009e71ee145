"""The answer as plain data, in the shapes of the API's schemas: a role fit with its requirements
and next steps, a plan, a posting as understood, a role of the taxonomy, and where a role's shares
and fitted weights come from."""

from __future__ import annotations

from typing import Any

from service.plans import Plan, Step
from service.postings import JobDescription
from service.scoring import RequirementResult, RoleFit
from service.signals import Evidence
from skill_taxonomy import Requirement, Role
from skill_taxonomy.catalogue import FittedSource
from skill_taxonomy.shares import PostingShares


def _weight_and_shares(req: Requirement) -> dict[str, Any]:
    """The requirement's weight, and the shares it follows: how often the role's postings and
    other roles' postings ask for it, and its weight as written before the shares moved it."""
    return {"weight": req.weight, "written_weight": req.written_weight, "asked_by": req.asked_by, "asked_by_others": req.asked_by_others}


def requirement_dict(req: Requirement) -> dict[str, Any]:
    """A requirement in the taxonomy's own schema."""
    out: dict[str, Any] = {"id": req.id, "label": req.label, "importance": req.importance, **_weight_and_shares(req)}
    if req.signal:
        out["signal"] = {"name": req.signal, "min": req.minimum}
    elif req.n_of > 1:
        out["n_of"] = {"n": req.n_of, "skills": list(req.any_of)}
    else:
        out["any"] = list(req.any_of)
    if req.cap is not None:
        out["cap"] = req.cap
    out.update(reason=req.reason, advice=req.advice)
    return out


def role_dict(role: Role, shares: PostingShares | None, fitted: FittedSource | None = None) -> dict[str, Any]:
    """A role of the taxonomy with its requirements, as GET /v1/roles/{id} answers it."""
    return {
        "id": role.id,
        "title": role.title,
        "description": role.description,
        "titles": list(role.titles),
        "asked_by_source": shares_source(shares, role.id),
        "weights_source": fitted_source(fitted, role.id),
        "requirements": [requirement_dict(r) for r in role.requirements],
    }


def role_summary(role: Role) -> dict[str, Any]:
    """A role in the list of roles."""
    return {"id": role.id, "title": role.title, "description": role.description, "requirements": len(role.requirements)}


def posting_dict(posting: JobDescription) -> dict[str, Any]:
    """What was understood of a job description: its title, sections and requirements."""
    return {
        "title": posting.title,
        "sections": posting.sections,
        "closest_roles": [{"id": role.id, "title": role.title, "similarity": similarity} for role, similarity in posting.closest_roles],
        "requirements": [{**requirement_dict(r.requirement), "kind": r.kind, "evidence": r.evidence[:3]} for r in posting.requirements],
    }


def evidence_dict(e: Evidence) -> dict[str, Any]:
    return {"text": e.text, "section": e.section, "page": e.page, "highlight": list(e.highlight) if e.highlight else None}


def _requirement(result: RequirementResult, matched: bool) -> dict[str, Any]:
    req = result.requirement
    # `_weight_and_shares` written out: every requirement of every role in every answer comes here
    out: dict[str, Any] = {
        "id": req.id,
        "label": req.label,
        "importance": req.importance,
        "weight": req.weight,
        "written_weight": req.written_weight,
        "asked_by": req.asked_by,
        "asked_by_others": req.asked_by_others,
    }
    if matched:
        out.update(
            credit=result.credit,
            earned=result.earned,
            detail=result.detail,
            skills=result.matched_skills,
            evidence=[evidence_dict(e) for e in result.evidence],
        )
        if result.credit < 1:
            out["advice"] = req.advice
    else:
        out.update(reason=req.reason, advice=req.advice)
    return out


def shares_source(shares: PostingShares | None, role_id: str) -> dict[str, Any] | None:
    """Where a role's `asked_by` shares come from: the postings' source, their date and how many
    of the role's postings were counted; None for a role without shares."""
    found = shares.source_of(role_id) if shares is not None else None
    if found is None:
        return None
    source, date, postings = found
    return {"source": source, "date": date, "postings": postings}


def fitted_source(fitted: FittedSource | None, role_id: str) -> dict[str, Any] | None:
    """Where a role's fitted weights come from: the source, its date and the labelled documents
    per folder; None for a role whose weights are as written (and moved by the shares)."""
    if fitted is None or role_id not in fitted.roles:
        return None
    return {"source": fitted.source, "date": fitted.date, "documents": dict(fitted.documents)}


def step_dict(step: Step) -> dict[str, Any]:
    """A step: the requirement, show or learn (with the line that nearly meets it), the score and
    band after it, its gain, and how often postings ask for it."""
    req = step.requirement
    return {
        "id": req.id,
        "label": req.label,
        "importance": req.importance,
        "kind": step.kind,
        "credit": step.result.credit,
        "line": evidence_dict(step.result.evidence[0]) if step.result.evidence else None,
        "score_after": step.score_after,
        "band_after": step.band_after,
        "gain": step.gain,
        "asked_by": req.asked_by,
        "asked_by_others": req.asked_by_others,
        "advice": req.advice,
    }


def plan_dict(plan: Plan) -> dict[str, Any]:
    """A plan: the role, whether the request named it, the best-fitting role where it is another,
    the role's requirements met in full, and per band above its own the fewest steps to it."""
    fit = plan.fit
    return {
        "role": fit.role.id,
        "title": fit.role.title,
        "asked": plan.asked,
        "score": fit.score,
        "band": fit.band,
        "first_role": {"id": plan.first.role.id, "title": plan.first.role.title, "score": plan.first.score} if plan.first else None,
        "already_met": [{"id": r.requirement.id, "label": r.requirement.label} for r in plan.already_met],
        "goals": [
            {
                "band": goal.band,
                "floor": goal.floor,
                "reachable": goal.reachable,
                "steps": [
                    {
                        **step_dict(step),
                        "also_raises": [
                            {
                                "role": raised.role.id,
                                "title": raised.role.title,
                                "requirement": raised.requirement.id,
                                "score_before": raised.score_before,
                                "score_after": raised.score_after,
                            }
                            for raised in step.also_raises
                        ],
                    }
                    for step in goal.steps
                ],
            }
            for goal in plan.goals
        ],
    }


def role_fit_dict(fit: RoleFit, shares: PostingShares | None, fitted: FittedSource | None, steps: list[Step]) -> dict[str, Any]:
    return {
        "id": fit.role.id,
        "title": fit.role.title,
        "asked_by_source": shares_source(shares, fit.role.id),
        "weights_source": fitted_source(fitted, fit.role.id),
        "score": fit.score,
        "band": fit.band,
        "earned": fit.earned,
        "possible": fit.possible,
        "title_years": fit.title_years,
        "capped_by": {"id": fit.capped_by.requirement.id, "label": fit.capped_by.requirement.label, "cap": fit.capped_by.requirement.cap}
        if fit.capped_by
        else None,
        "matched": [_requirement(r, True) for r in fit.matched],
        "missing": [_requirement(r, False) for r in fit.missing],
        "next_steps": [step_dict(step) for step in steps],
    }
