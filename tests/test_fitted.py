"""Fitted numbers (`skill_taxonomy/data/fitted.yaml`): loaded over the written and shared weights,
checked like every taxonomy file, kept to the roles of the taxonomy that ships them, and shown
in the answer; and the role the resume reads as."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from service.analysis import Limits, analyze
from service.answers import role_dict
from service.profiles import FoundSkill, Profile
from service.scoring import score_roles
from service.signals import Evidence, Signals, TitleLine
from skill_taxonomy import Requirement, Role, TaxonomyError, load_taxonomy
from skill_taxonomy.loader import BUILTIN

TODAY = date(2026, 6, 15)
FITTED = BUILTIN / "fitted.yaml"


def fitted_data() -> dict:
    return yaml.safe_load(FITTED.read_text())


def test_the_built_in_taxonomy_carries_the_fitted_weights_beside_the_written_ones():
    fitted, unfitted = load_taxonomy(), load_taxonomy(fitted=False)
    data = fitted_data()
    written = {role["id"]: role for role in yaml.safe_load((BUILTIN / "roles.yaml").read_text())["roles"]}
    assert fitted.fitted is not None and fitted.fitted.roles == frozenset(data["roles"])
    assert unfitted.fitted is None and unfitted.earlier_title_credit == 0.5
    assert fitted.earlier_title_credit == data["earlier_title_credit"]
    for role_id, weights in data["roles"].items():
        for req in fitted.roles[role_id].requirements:
            assert req.weight == weights[req.id]
            as_written = next(r for r in written[role_id]["requirements"] if r["id"] == req.id)
            assert req.written_weight == as_written.get("weight", {"must": 3, "important": 2, "nice": 1}[as_written["importance"]])
        # the importance stays as the shares set it
        assert [r.importance for r in fitted.roles[role_id].requirements] == [r.importance for r in unfitted.roles[role_id].requirements]
    for role_id, caps in (data.get("caps") or {}).items():
        for req_id, cap in caps.items():
            assert next(r for r in fitted.roles[role_id].requirements if r.id == req_id).cap == cap


def test_the_fitted_file_says_where_its_numbers_come_from_and_how_they_measured():
    data = fitted_data()
    assert set(data["documents"]) == {"cv", "cv2", "cv3"} and all(n > 0 for n in data["documents"].values())
    assert data["date"] and data["source"]
    cross = data["figures"]["cross_validated"]
    assert {"hit_at_1", "hit_at_1_lenient", "hit_at_2", "separation", "per_role"} <= set(cross)
    assert 0 < data["earlier_title_credit"] < 1
    assert all(0 < w <= 10 for weights in data["roles"].values() for w in weights.values())


def write_extension(folder: Path, fitted: dict | None, roles: str | None = None) -> Path:
    manifest = 'version: "t"\nextends: builtin\n'
    if roles is not None:
        (folder / "roles.yaml").write_text(roles)
        manifest += "roles: [roles.yaml]\n"
    if fitted is not None:
        (folder / "fitted.yaml").write_text(yaml.safe_dump(fitted))
        manifest += "fitted: fitted.yaml\n"
    (folder / "taxonomy.yaml").write_text(manifest)
    return folder


@pytest.mark.parametrize(
    ("fitted", "problem"),
    [
        ({"roles": {"no-such-role": {"title": 2}}}, "roles.no-such-role: no such role"),
        ({"roles": {"ml-engineer": {"nope": 2}}}, "roles.ml-engineer.nope: no such requirement"),
        ({"roles": {"ml-engineer": {"python": 0}}}, "roles.ml-engineer.python: needs a weight above 0"),
        ({"roles": {"ml-engineer": {"python": 11}}}, "roles.ml-engineer.python: needs a weight above 0 and at most 10"),
        ({"roles": {"ml-engineer": {"python": "heavy"}}}, "roles.ml-engineer.python: needs a weight"),
        ({"roles": {}, "earlier_title_credit": 1.5}, "earlier_title_credit: needs a credit between 0 and 1"),
        ({"roles": {}, "caps": {"ml-engineer": {"python": 40}}}, "caps.ml-engineer.python: no such requirement with a cap"),
        ({"roles": {}, "caps": {"applied-scientist": {"applied": 100}}}, "caps.applied-scientist.applied: needs a cap between 0 and 100"),
        ({"weights": {}}, "needs source, date, documents and roles"),
    ],
)
def test_a_wrong_fitted_file_is_reported_with_its_place(tmp_path, fitted, problem):
    with pytest.raises(TaxonomyError) as raised:
        load_taxonomy(write_extension(tmp_path, fitted))
    assert any(problem in p and p.startswith("fitted.yaml") for p in raised.value.problems), raised.value.problems


def test_an_extension_fits_its_own_roles_and_keeps_the_built_in_fit_for_the_others(tmp_path):
    own = {
        "source": "our own labelled resumes",
        "date": "2026-12-01",
        "documents": {"ours": 40},
        "earlier_title_credit": 0.3,
        "roles": {"ml-engineer": {"title": 9.5, "python": 0.5}},
    }
    taxonomy = load_taxonomy(write_extension(tmp_path, own))
    builtin = load_taxonomy()
    python = next(r for r in taxonomy.roles["ml-engineer"].requirements if r.id == "python")
    assert python.weight == 0.5 and python.written_weight == 3
    # a requirement the file does not name keeps the built-in fit
    serving = next(r for r in taxonomy.roles["ml-engineer"].requirements if r.id == "serving")
    assert serving.weight == next(r for r in builtin.roles["ml-engineer"].requirements if r.id == "serving").weight
    assert taxonomy.earlier_title_credit == 0.3
    assert taxonomy.fitted is not None and taxonomy.fitted.source == "our own labelled resumes"
    assert taxonomy.fitted.roles == builtin.fitted.roles  # type: ignore[union-attr]


def test_a_role_an_extension_replaces_keeps_the_weights_it_writes(tmp_path):
    roles = """roles:
- id: ml-engineer
  title: ML engineer
  description: Our own.
  titles: [machine learning engineer]
  requirements:
  - {id: python, label: Python, importance: must, weight: 3, any: [python], reason: r, advice: a}
  - {id: docker, label: Docker, importance: nice, weight: 1, any: [docker], reason: r, advice: a}
"""
    taxonomy = load_taxonomy(write_extension(tmp_path, None, roles))
    assert [r.weight for r in taxonomy.roles["ml-engineer"].requirements] == [3, 1]
    assert role_dict(taxonomy.roles["ml-engineer"], taxonomy.shares, taxonomy.fitted)["weights_source"] is None
    assert role_dict(taxonomy.roles["data-engineer"], taxonomy.shares, taxonomy.fitted)["weights_source"]["documents"]


def test_an_earlier_title_earns_the_fitted_credit(blank_nlp, taxonomy):
    text = (
        "Jane Roe\nExperience\nProduct Manager, Example Corp (2022 - Present)\nLed a team.\n"
        "Data Scientist, Sample Inc (2018 - 2021)\nBuilt churn models in Python.\n"
    )
    fits = analyze(text, nlp=blank_nlp, taxonomy=taxonomy, limits=Limits(seconds=0), today=TODAY).roles
    title = next(r for f in fits if f.role.id == "data-scientist" for r in f.matched if r.requirement.id == "title")
    assert title.credit == taxonomy.earlier_title_credit


@pytest.mark.parametrize(
    ("text", "role", "line"),
    [
        # the latest job before the headline
        (
            "Jane Roe\nSenior Research Engineer at Example AI\nExperience\nResearch Engineer, Example AI (2021 - Present)",
            "research-engineer",
            3,
        ),
        # the headline, where no job names a role's title
        (
            "Jane Roe\nSenior Research Engineer at Example AI\nExperience\nMember of Technical Staff, Example AI (2021 - Present)",
            "research-engineer",
            1,
        ),
        # the latest job, where the headline names another role
        (
            "Jane Roe\nData scientist with a vision background\nExperience\nMachine Learning Engineer | Example | Feb 2023 - present",
            "ml-engineer",
            3,
        ),
        # the latest job, not the one before it
        (
            "Jane Roe\njane@example.org\nExperience\nApplied Scientist, Example (2022 - Present)\nData Scientist, Sample (2019 - 2022)",
            "applied-scientist",
            3,
        ),
        # the longest title a line writes out: an applied research scientist is an applied scientist
        ("Jane Roe\nExperience\nApplied Research Scientist, Example (2021 - Present)\nBuilt ranking models.", "applied-scientist", 2),
        ("Jane Roe\nExperience\nSoftware Engineer, Machine Learning, Example (2021 - Present)", "ml-engineer", 2),
    ],
)
def test_the_resume_reads_as_the_role_its_current_title_names(blank_nlp, taxonomy, text, role, line):
    analysis = analyze(text, nlp=blank_nlp, taxonomy=taxonomy, limits=Limits(seconds=0), today=TODAY)
    answer = analysis.as_dict()["reads_as"]
    assert answer["role"] == role
    evidence = answer["evidence"]
    assert evidence["text"] == text.splitlines()[line]
    start, end = evidence["highlight"]
    assert evidence["text"][start].isalpha() and ("Engineer" in evidence["text"][start:end] or "Scientist" in evidence["text"][start:end])


def test_a_resume_whose_current_title_names_no_role_reads_as_none(blank_nlp, taxonomy):
    text = "Jane Roe\nExperience\nProduct Manager, Example (2022 - Present)\nData Scientist, Sample (2018 - 2021)"
    assert analyze(text, nlp=blank_nlp, taxonomy=taxonomy, limits=Limits(seconds=0), today=TODAY).as_dict()["reads_as"] is None


TITLED_CAPPED = Role(
    "capped",
    "Capped role",
    "",
    (
        Requirement("title", "Worked as a capped", "important", 2.0, "r", "a", signal="title"),
        Requirement("python", "Python", "must", 3.0, "r", "a", any_of=("python",), n_of=1),
        Requirement("applied", "ML applied", "must", 1.0, "r", "a", signal="applied", minimum=1, cap=40.0),
    ),
    titles=("widget scientist",),
)


@pytest.mark.parametrize(
    ("title_line", "kind", "capped"),
    [
        (TitleLine("Widget Scientist, Example (2021 - Present)", "experience", 1), "current", False),
        (TitleLine("Widget Scientist, Example (2015 - 2019)", "experience", 1, recent=False), "earlier", True),
        (None, None, True),
    ],
)
def test_a_cap_does_not_hold_a_person_whose_current_title_is_the_roles(taxonomy, title_line, kind, capped):
    python = FoundSkill("python", "Python", "Programming language", 1, ["experience"], [Evidence("Python", "experience", 1)], "used", 1.0)
    signals = Signals(name="Jane Roe", title_lines=[title_line] if title_line else [])
    fit = score_roles(Profile([python], signals), [TITLED_CAPPED], taxonomy)[0]
    title = next((r for r in fit.matched if r.requirement.id == "title"), None)
    assert (title.title_kind if title else None) == kind
    assert 100 * fit.earned / fit.possible > 40.0
    assert (fit.capped_by is not None, fit.score == 40.0) == (capped, capped)


def test_a_capped_role_an_extension_replaces_loses_the_built_in_fitted_cap(tmp_path):
    roles = """roles:
- id: applied-scientist
  title: Applied scientist
  description: Our own, without a cap.
  titles: [applied scientist]
  requirements:
  - {id: applied, label: ML in a product, importance: must, weight: 3, signal: {name: applied, min: 1}, reason: r, advice: a}
  - {id: python, label: Python, importance: nice, weight: 1, any: [python], reason: r, advice: a}
"""
    taxonomy = load_taxonomy(write_extension(tmp_path, None, roles))
    assert [(r.weight, r.cap) for r in taxonomy.roles["applied-scientist"].requirements] == [(3, None), (1, None)]
