"""Fit against a posting: the posting's own requirements, and the built-in role it reads as,
which carries a fixed share of the score so that the score tells the posting's own kind of
candidate apart."""

from __future__ import annotations

from datetime import date

import builders
import pytest

from service.analysis import Limits, analyze, read_job_description
from service.postings import CLOSEST_ROLE_SHARE, FULL_SIMILARITY

TODAY = date(2026, 6, 15)
ML_POSTING = """Senior Machine Learning Engineer
Requirements
3+ years deploying models to production with Docker and Kubernetes.
Python and PyTorch; model serving and monitoring; CI/CD.
Nice to have
Spark.
"""
RESEARCH_POSTING = """Research Scientist, Language
Qualifications
PhD in computer science or a related field.
First-author publications at NeurIPS, ICML or ACL.
Deep learning research in PyTorch; designing experiments.
"""


def read(text: str, nlp, taxonomy):
    return read_job_description(text, nlp=nlp, taxonomy=taxonomy, limits=Limits())


def posting_fit(resume: str, posting, nlp, taxonomy):
    analysis = analyze(resume, nlp=nlp, taxonomy=taxonomy, limits=Limits(seconds=0), job_description=posting, today=TODAY)
    return analysis.roles[0], {fit.role.id: fit for fit in analysis.roles[1:]}


@pytest.mark.parametrize(("text", "role"), [(ML_POSTING, "ml-engineer"), (RESEARCH_POSTING, "research-scientist")])
def test_a_posting_asks_for_the_role_it_reads_as_with_a_fixed_share(blank_nlp, taxonomy, text, role):
    posting = read(text, blank_nlp, taxonomy)
    closest = [r for r in posting.requirements if r.kind == "role"]
    assert len(closest) == 1
    requirement = closest[0].requirement
    assert (requirement.signal, requirement.minimum) == ("role", role)
    similarity = posting.closest_roles[0][1]
    share = CLOSEST_ROLE_SHARE * min(similarity / FULL_SIMILARITY, 1.0)
    others = sum(r.requirement.weight for r in posting.requirements if r.kind != "role")
    assert requirement.weight / (requirement.weight + others) == pytest.approx(share, abs=0.01)
    assert f"{share:.0%} of the score" in requirement.reason and f"similarity {similarity:.2f}" in requirement.reason
    assert requirement in posting.role.requirements


def test_a_posting_that_reads_as_no_built_in_role_asks_only_what_it_says(blank_nlp, taxonomy):
    posting = read("Graphic Designer\nRequirements\nAdobe Photoshop and Adobe Illustrator.", blank_nlp, taxonomy)
    assert posting.requirements and all(r.kind != "role" for r in posting.requirements)


def test_the_closest_role_earns_the_candidates_fit_to_that_role(blank_nlp, taxonomy):
    posting = read(ML_POSTING, blank_nlp, taxonomy)
    fit, built_in = posting_fit(builders.ML_ENGINEER_CV, posting, blank_nlp, taxonomy)
    closest = next(r for r in fit.matched if r.requirement.signal == "role")
    assert closest.credit == pytest.approx(built_in["ml-engineer"].score / 100, abs=1e-4)
    assert closest.detail.startswith(f"fits the ML engineer role at {built_in['ml-engineer'].score:g} of 100")
    assert closest.evidence  # the evidence of the role's best-met requirements
    # the score is still recomputable from its parts
    earned = sum(r.requirement.weight * r.credit for r in fit.matched)
    assert fit.score == pytest.approx(100 * earned / fit.possible, abs=0.05)


def test_the_score_against_a_posting_tells_its_own_kind_of_candidate_apart(blank_nlp, taxonomy):
    ml, research = read(ML_POSTING, blank_nlp, taxonomy), read(RESEARCH_POSTING, blank_nlp, taxonomy)
    engineer = [posting_fit(builders.ML_ENGINEER_CV, p, blank_nlp, taxonomy)[0].score for p in (ml, research)]
    academic = [posting_fit(builders.ACADEMIC_CV, p, blank_nlp, taxonomy)[0].score for p in (ml, research)]
    assert engineer[0] > academic[0]  # the ML engineering posting prefers the ML engineer
    assert academic[1] > engineer[1]  # the research posting prefers the researcher


ENGINEER_CV = """Sam Q. Doe
Experience
Machine Learning Engineer, Example Tech (Mar 2020 - Present)
Developed and deployed the recommendation model used by the mobile app.
Built a real-time inference server for speech recognition with low latency.
Key tech: Python, Docker, MLflow
Education
M.Sc. Data Science, Example University, 2016
"""


def test_a_skills_list_naming_the_postings_tools_does_not_beat_the_evidence_of_the_role(blank_nlp, taxonomy):
    # A researcher whose skills line names every tool of the posting, against an ML engineer who
    # names fewer but holds the title and deployed models: the posting's own list alone ranks the
    # researcher first; the role the posting reads as puts the engineer first.
    stuffed = builders.ACADEMIC_CV.replace("Python, PyTorch, NumPy", "Python, PyTorch, Docker, Kubernetes, Spark, CI/CD, NumPy")
    posting = read(ML_POSTING, blank_nlp, taxonomy)
    engineer, researcher = (posting_fit(cv, posting, blank_nlp, taxonomy)[0] for cv in (ENGINEER_CV, stuffed))
    assert engineer.score > researcher.score
    own_list = [
        sum(r.requirement.weight * r.credit for r in fit.matched if r.requirement.signal != "role")
        / sum(r.requirement.weight for r in [*fit.matched, *fit.missing] if r.requirement.signal != "role")
        for fit in (engineer, researcher)
    ]
    assert own_list[1] > own_list[0]


def test_a_title_case_posting_title_reads_as_a_job_title_in_the_explanation(blank_nlp, taxonomy):
    posting = read(ML_POSTING, blank_nlp, taxonomy)
    fit, _ = posting_fit(builders.ML_ENGINEER_CV, posting, blank_nlp, taxonomy)
    title = next(r for r in fit.matched if r.requirement.id == "title")
    assert title.detail.startswith("held a machine learning engineer title")


def test_postings_of_one_role_are_ordered_by_what_each_asks(blank_nlp, taxonomy):
    # Two ML engineering postings: the role part is the same for a candidate, so the posting whose
    # own requirements the candidate meets fits better than the one asking for what they lack.
    met = read("Machine Learning Engineer\nRequirements\nPython, Docker and MLflow; ONNX and TensorRT.", blank_nlp, taxonomy)
    unmet = read("Machine Learning Engineer\nRequirements\nScala, Kubeflow and Triton; Go and gRPC.", blank_nlp, taxonomy)
    assert met.closest_roles[0][0].id == unmet.closest_roles[0][0].id == "ml-engineer"
    fits = [posting_fit(builders.ML_ENGINEER_CV, posting, blank_nlp, taxonomy)[0] for posting in (met, unmet)]
    role_credit = [next(r.credit for r in fit.matched if r.requirement.signal == "role") for fit in fits]
    assert role_credit[0] == role_credit[1]
    assert fits[0].score > fits[1].score + 10
