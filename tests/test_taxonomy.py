"""The taxonomy: the built-in data, the validator's messages, and the validate command."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from service.cli import main
from skill_taxonomy import TaxonomyError, load_taxonomy, parse_roles

ROLE_IDS = {"data-engineer", "data-scientist", "applied-scientist", "ml-engineer", "research-scientist", "research-engineer"}


def test_builtin_taxonomy(taxonomy):
    assert len(taxonomy.skills) >= 1500
    assert set(taxonomy.roles) == ROLE_IDS
    for role in taxonomy.roles.values():
        assert 10 <= len(role.requirements) <= 25, role.id
        assert all(r.reason and r.advice for r in role.requirements)
    assert "deep-learning-framework" in taxonomy.ancestors["pytorch"]
    assert taxonomy.version


def test_search_prefers_exact_then_prefix(taxonomy):
    assert [s.id for s in taxonomy.search("python", 3)][0] == "python"
    assert taxonomy.search("k8s", 5)[0].id == "kubernetes"
    assert taxonomy.search("", 5) == []


def write(tmp_path: Path, skills: list, roles: list, version="t1") -> Path:
    (tmp_path / "taxonomy.yaml").write_text(yaml.safe_dump({"version": version, "skills": ["skills.yaml"], "roles": ["roles.yaml"]}))
    (tmp_path / "skills.yaml").write_text(yaml.safe_dump({"skills": skills}))
    (tmp_path / "roles.yaml").write_text(yaml.safe_dump({"roles": roles}))
    return tmp_path


SKILLS = [
    {"id": "python", "label": "Python", "category": "language", "aliases": ["py3"]},
    {"id": "sql", "label": "SQL", "category": "query"},
]


def requirement(**overrides):
    req = {"id": "python", "label": "Python", "importance": "must", "any": ["python"], "reason": "r", "advice": "a"}
    req.update(overrides)
    return req


def test_a_small_valid_taxonomy(tmp_path):
    taxonomy = load_taxonomy(write(tmp_path, SKILLS, [{"id": "dev", "title": "Dev", "requirements": [requirement()]}]))
    assert taxonomy.version == "t1" and taxonomy.roles["dev"].requirements[0].weight == 3.0
    assert taxonomy.roles["dev"].requirements[0].cap is None


def test_a_requirement_may_cap_its_role(tmp_path):
    taxonomy = load_taxonomy(write(tmp_path, SKILLS, [{"id": "dev", "title": "Dev", "requirements": [requirement(cap=40)]}]))
    assert taxonomy.roles["dev"].requirements[0].cap == 40.0


@pytest.mark.parametrize(
    ("skills", "req", "message"),
    [
        (SKILLS, requirement(any=["python", "cobol"]), "unknown skill ids cobol"),
        (
            SKILLS + [{"id": "py", "label": "Py3", "aliases": ["Python"]}],
            requirement(),
            "duplicate alias 'Python' names both python and py",
        ),
        (SKILLS, requirement(weight=0), "weight must be a number above 0"),
        (SKILLS, requirement(weight=11), "at most 10"),
        (SKILLS, requirement(cap=100), "cap must be a number above 0 and below 100"),
        (SKILLS, requirement(cap="half"), "cap must be a number above 0 and below 100"),
        (SKILLS, requirement(importance="critical"), "importance must be one of"),
        (SKILLS, requirement(reason=""), "reason is missing"),
        # a taxonomy file gets no default texts: a text left out of a file is a slip, reported with its place
        (SKILLS, {k: v for k, v in requirement().items() if k != "reason"}, "roles.yaml role dev requirement python: reason is missing"),
        (SKILLS, {k: v for k, v in requirement().items() if k != "advice"}, "roles.yaml role dev requirement python: advice is missing"),
        (SKILLS, {**requirement(), "signal": {"name": "publications", "min": 1}}, "exactly one of any, n_of, signal"),
        (
            SKILLS,
            {k: v for k, v in requirement().items() if k != "any"} | {"signal": {"name": "luck", "min": 1}},
            "signal name must be one of",
        ),
        (
            SKILLS,
            {k: v for k, v in requirement().items() if k != "any"} | {"signal": {"name": "degree", "min": "phd"}},
            "degree min must be one of",
        ),
        (
            SKILLS,
            {k: v for k, v in requirement().items() if k != "any"} | {"n_of": {"n": 3, "skills": ["python", "sql"]}},
            "n_of n must be",
        ),
        ([{"id": "Bad Id", "label": "x"}], requirement(), "must be lower-case"),
        (SKILLS, {k: v for k, v in requirement().items() if k != "any"} | {"signal": {"name": "title"}}, "needs the role's titles"),
    ],
)
def test_validation_messages(tmp_path, skills, req, message):
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(write(tmp_path, skills, [{"id": "dev", "title": "Dev", "requirements": [req]}]))
    assert any(message in problem for problem in caught.value.problems), caught.value.problems


def test_every_problem_is_reported_at_once(tmp_path):
    roles = [{"id": "dev", "title": "Dev", "requirements": [requirement(weight=-1), requirement(id="b", any=["nope"])]}]
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(write(tmp_path, SKILLS, roles))
    assert len(caught.value.problems) == 2


def test_unreadable_files(tmp_path):
    with pytest.raises(TaxonomyError, match="cannot be read"):
        load_taxonomy(tmp_path)
    (tmp_path / "taxonomy.yaml").write_text("version: [unclosed")
    with pytest.raises(TaxonomyError, match="not valid YAML"):
        load_taxonomy(tmp_path)


def test_validate_command(tmp_path, capsys):
    assert main(["taxonomy", "validate", str(Path(__file__).parents[1] / "skill_taxonomy" / "data")]) == 0
    out = capsys.readouterr().out
    assert "valid" in out and "research-scientist" in out
    write(tmp_path, SKILLS, [{"id": "dev", "title": "Dev", "requirements": [requirement(any=["cobol"])]}])
    assert main(["taxonomy", "validate", str(tmp_path)]) == 1
    assert "unknown skill ids cobol" in capsys.readouterr().err


def request_role(*requirements: dict, taxonomy) -> tuple[list, list[str]]:
    problems: list[str] = []
    raw = [{"id": "platform-engineer", "title": "Platform engineer", "requirements": list(requirements)}]
    return parse_roles(raw, taxonomy.skills, "custom_roles", problems), problems


def test_a_request_role_may_leave_out_reason_and_advice(taxonomy):
    bare = {"id": "k8s", "label": "Kubernetes", "importance": "must", "any": ["kubernetes"]}
    written = {
        "id": "go",
        "label": "Go",
        "importance": "nice",
        "any": ["go"],
        "reason": "Our services are in Go.",
        "advice": "Write a Go service.",
    }
    (role,), problems = request_role(bare, {**bare, "id": "k8s-too", "reason": None, "advice": None}, written, taxonomy=taxonomy)
    assert problems == []
    texts = [(r.id, r.reason, r.advice) for r in role.requirements]
    assert texts == [
        ("k8s", "Asked for by the role Platform engineer.", "Show Kubernetes in an experience bullet with what you did with it."),
        ("k8s-too", "Asked for by the role Platform engineer.", "Show Kubernetes in an experience bullet with what you did with it."),
        ("go", "Our services are in Go.", "Write a Go service."),
    ]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"reason": ""}, "custom_roles role platform-engineer requirement k8s: reason is missing"),  # given, but empty
        ({"advice": 3}, "custom_roles role platform-engineer requirement k8s: advice is missing"),
        ({"label": None}, "custom_roles role platform-engineer requirement k8s: label is missing"),  # the defaults are made from it
    ],
)
def test_a_request_role_text_that_is_given_must_be_text(taxonomy, overrides, message):
    roles, problems = request_role(
        {"id": "k8s", "label": "Kubernetes", "importance": "must", "any": ["kubernetes"], **overrides}, taxonomy=taxonomy
    )
    assert roles == [] and problems == [message]
