"""The parts of an answer that are built on a short path, held to the plain building."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from service.answers import _requirement, _weight_and_shares, evidence_dict
from service.scoring import RequirementResult
from service.signals import Evidence
from skill_taxonomy import Requirement

REQUIREMENTS = st.builds(
    Requirement,
    st.sampled_from(["python", "phd"]),
    st.sampled_from(["Python", "PhD"]),
    st.sampled_from(["must", "important", "nice"]),
    st.sampled_from([0.0, 1.5, 3]),
    st.just("why"),
    st.just("how"),
    asked_by=st.sampled_from([None, 0.0, 0.5]),
    asked_by_others=st.sampled_from([None, 0.25]),
    written_weight=st.sampled_from([None, 2.0]),
)


def plain_requirement(result: RequirementResult, matched: bool) -> dict:
    req = result.requirement
    out = {"id": req.id, "label": req.label, "importance": req.importance, **_weight_and_shares(req)}
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


@settings(max_examples=200, deadline=None)
@given(req=REQUIREMENTS, credit=st.sampled_from([0.0, 0.5, 1.0]), matched=st.booleans())
def test_a_requirement_answers_its_keys_in_the_plain_order(req, credit, matched):
    result = RequirementResult(req, credit, ["python"], [Evidence("used python", "experience", 1)], "Python")
    assert list(_requirement(result, matched).items()) == list(plain_requirement(result, matched).items())
