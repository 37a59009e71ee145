"""Requirements grounded in real postings: shares from shares.yaml, importance by the written
rule, `asked_by` and its source in the answers, and the closest roles of a posting."""

from __future__ import annotations

from pathlib import Path

import pytest
from openapi_check import assert_matches_spec

from service.documents import Document, Line
from service.postings import parse_job_description
from service.report import asked_by_words
from skill_taxonomy import TaxonomyError, load_taxonomy
from skill_taxonomy.catalogue import MAX_WEIGHT, Requirement, Role
from skill_taxonomy.shares import apply_shares, importance_for

ROOT = Path(__file__).resolve().parents[1]
ACME = ROOT / "skill_taxonomy" / "examples" / "acme"


def text(lines: str) -> Document:
    return Document("text/plain", 1, tuple(Line(t, 1) for t in lines.splitlines() if t.strip()))


@pytest.mark.parametrize(("share", "importance"), [(0.5, "must"), (0.93, "must"), (0.49, "important"), (0.2, "important"), (0.19, "nice")])
def test_the_importance_rule(share, importance):
    assert importance_for(share) == importance


def test_the_builtin_roles_carry_their_shares(taxonomy):
    assert taxonomy.shares is not None and taxonomy.shares.date and sum(taxonomy.shares.postings.values()) > 300
    for role in taxonomy.roles.values():
        for req in role.requirements:
            assert req.asked_by is not None and 0 <= req.asked_by <= 1
            if req.signal != "title":
                assert req.importance == importance_for(req.asked_by)


def _requirement(req_id: str, weight: float, signal: str | None = None) -> Requirement:
    return Requirement(req_id, req_id, "important", weight, "r", "a", any_of=() if signal else ("python",), signal=signal)


def _role(*requirements: Requirement) -> dict[str, Role]:
    return {"r": Role("r", "R", "d", tuple(requirements), titles=("r",))}


def test_weight_moves_to_the_requirements_that_set_the_role_apart():
    roles = _role(_requirement("title", 5, "title"), _requirement("apart", 2), _requirement("alike", 2), _requirement("unasked", 1))
    shares = {
        "roles": {
            "r": {
                "title": {"asked_by": 1.0, "asked_by_others": 0.0},
                "apart": {"asked_by": 0.8, "asked_by_others": 0.1},  # separation 0.7
                "alike": {"asked_by": 0.8, "asked_by_others": 0.8},  # separation 0
                "unasked": {"asked_by": 0.0, "asked_by_others": 0.3},  # asked more by others: separation 0
            }
        }
    }
    weights = {req.id: req for req in apply_shares(roles, shares)["r"].requirements}
    assert weights["title"].weight == 5  # every posting asks for its own title: it keeps its share of the score
    # 2 * 1.35 against 2 * 1 and 1 * 1, all scaled so the three still weigh 5 together
    assert weights["apart"].weight == pytest.approx(2.7 * 5 / 5.7, abs=0.01)
    assert weights["alike"].weight == pytest.approx(2 * 5 / 5.7, abs=0.01)
    assert weights["unasked"].weight == pytest.approx(5 / 5.7, abs=0.01)
    assert sum(weights[i].weight for i in ("apart", "alike", "unasked")) == pytest.approx(5, abs=0.02)
    assert all(req.written_weight == w for req, w in zip(weights.values(), (5, 2, 2, 1), strict=True))
    assert weights["unasked"].importance == "nice" and weights["apart"].importance == "must"


def test_shares_applied_again_start_from_the_written_weights():
    roles = _role(_requirement("a", 2), _requirement("b", 2))
    first = {"roles": {"r": {"a": {"asked_by": 0.9, "asked_by_others": 0.0}, "b": {"asked_by": 0.5, "asked_by_others": 0.5}}}}
    once = apply_shares(roles, first)
    assert apply_shares(once, first) == once
    # other shares (another fold of the postings) start again from the written weights ...
    other = {"roles": {"r": {"a": {"asked_by": 0.5, "asked_by_others": 0.5}, "b": {"asked_by": 0.9, "asked_by_others": 0.0}}}}
    a, b = once["r"].requirements
    assert a.weight > b.weight
    assert [req.weight for req in apply_shares(once, other)["r"].requirements] == [b.weight, a.weight]
    # ... and a requirement they do not count is back to its written importance and weight, with no shares
    assert (b.importance, a.importance) == ("must", "must")
    back = apply_shares(once, {"roles": {"r": {"a": {"asked_by": 0.1, "asked_by_others": 0.0}}}})["r"].requirements
    assert (back[1].importance, back[1].weight, back[1].asked_by, back[1].written_weight) == ("important", 2, None, None)
    assert (back[0].importance, back[0].written_importance) == ("nice", "important")


def test_without_other_roles_shares_the_weights_stay_as_written():
    # a taxonomy of one role knows no other roles' shares: importance follows, weight does not move
    roles = _role(_requirement("a", 2), _requirement("b", 1))
    shared = apply_shares(roles, {"roles": {"r": {"a": {"asked_by": 0.9}, "b": {"asked_by": 0.1}}}})["r"].requirements
    assert [(req.importance, req.weight) for req in shared] == [("must", 2), ("nice", 1)]


def test_a_weight_raised_by_its_shares_stays_within_the_limit():
    roles = _role(_requirement("a", 10), _requirement("b", 1))
    shares = {"roles": {"r": {"a": {"asked_by": 1.0, "asked_by_others": 0.0}, "b": {"asked_by": 0.5, "asked_by_others": 0.5}}}}
    a, b = apply_shares(roles, shares)["r"].requirements
    assert a.weight == MAX_WEIGHT and b.weight < 1


def test_the_builtin_weights_keep_their_written_sum():
    # as the shares move them, before the fitted weights replace them (tests/test_fitted.py)
    for role in load_taxonomy(fitted=False).roles.values():
        shared = [req for req in role.requirements if req.signal != "title"]
        assert sum(req.weight for req in shared) == pytest.approx(sum(req.written_weight for req in shared), abs=0.05)
        title = next(req for req in role.requirements if req.signal == "title")
        assert title.weight == title.written_weight


def test_roles_and_analyses_say_how_often_postings_ask(client):
    role = client.get("/v1/roles/ml-engineer").get_json()
    assert role["asked_by_source"]["postings"] > 0 and role["asked_by_source"]["date"]
    assert all(0 <= r["asked_by"] <= 1 and 0 <= r["asked_by_others"] <= 1 and r["written_weight"] > 0 for r in role["requirements"])
    response = client.post("/v1/analyses", json={"text": "Jane Roe\nExperience\nDeployed PyTorch models with Docker on Kubernetes."})
    assert_matches_spec(response, "/v1/analyses", "POST")
    answer = response.get_json()
    fit = next(r for r in answer["roles"] if r["id"] == "ml-engineer")
    assert fit["asked_by_source"] == role["asked_by_source"]
    assert all(r["asked_by"] is not None and r["written_weight"] is not None for r in fit["matched"] + fit["missing"])


def test_the_report_says_it_in_words():
    role = {"title": "ML engineer", "asked_by_source": {"source": "postings", "date": "2026-02", "postings": 80}}
    assert asked_by_words({"asked_by": 0.64}, role) == "asked by 64% of 80 ML engineer postings, Feb 2026"
    both = asked_by_words({"asked_by": 0.64, "asked_by_others": 0.2}, role)
    assert both == "asked by 64% of 80 ML engineer postings and 20% of other roles' postings, Feb 2026"
    assert asked_by_words({"asked_by": None}, role) == ""
    assert asked_by_words({"asked_by": 0.5}, {"title": "Data engineer", "asked_by_source": None}) == ""


def test_a_customer_role_without_shares_keeps_its_written_importance(tmp_path):
    acme = load_taxonomy(ACME)
    own = acme.roles["mlops-engineer"]
    assert all(req.asked_by is None for req in own.requirements)
    assert acme.roles["ml-engineer"].requirements[1].asked_by is not None  # the built-in roles keep theirs
    (tmp_path / "taxonomy.yaml").write_text('version: "bare"\nskills: []\nroles: []\n')
    bare = load_taxonomy(tmp_path)
    assert bare.shares is None


def test_shares_problems_are_reported_with_their_place(tmp_path):
    (tmp_path / "taxonomy.yaml").write_text('version: "t"\nextends: builtin\nshares: shares.yaml\n')
    (tmp_path / "shares.yaml").write_text(
        "source: s\ndate: '2026-02'\npostings: {ml-engineer: 3}\nroles:\n  ml-engineer:\n    python: {asked_by: 1.5}\n    nothing: {asked_by: 0.1}\n"
        "  astronaut: {}\n"
    )
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(tmp_path)
    problems = "\n".join(caught.value.problems)
    assert "roles.ml-engineer.python.asked_by: needs a share between 0 and 1" in problems
    assert "roles.ml-engineer.nothing: no such requirement" in problems
    assert "roles.astronaut: no such role" in problems


@pytest.mark.parametrize(
    ("posting", "closest"),
    [
        ("Senior Data Engineer\nRequirements\nSQL, Spark and Airflow pipelines into Snowflake; data modeling.", "data-engineer"),
        (
            "Research Scientist, Language\nQualifications\nPhD in computer science. First-author publications at NeurIPS or ACL.",
            "research-scientist",
        ),
        (
            "Data Scientist\nWho are you?\nStatistics, A/B testing, SQL and Python; dashboards in Tableau for stakeholders.",
            "data-scientist",
        ),
        ("Engineer\nYou have\nDeployed models behind REST APIs with Docker, Kubernetes and MLflow; CI/CD.", "ml-engineer"),
    ],
)
def test_a_posting_is_filed_under_its_closest_role(blank_nlp, taxonomy, posting, closest):
    parsed = parse_job_description(text(posting), blank_nlp, taxonomy)
    assert parsed.closest_roles[0][0].id == closest
    assert all(0 <= similarity <= 1 for _, similarity in parsed.closest_roles)
    assert [s for _, s in parsed.closest_roles] == sorted((s for _, s in parsed.closest_roles), reverse=True)


def test_the_parse_endpoint_answers_closest_roles(client):
    response = client.post("/v1/job-descriptions/parse", json={"text": "Data Engineer\nRequirements\nSpark, Flink and Hive; SQL."})
    assert response.status_code == 200
    closest = response.get_json()["closest_roles"]
    assert closest[0]["id"] == "data-engineer" and 0 < closest[0]["similarity"] <= 1


def test_an_extending_taxonomy_with_its_own_shares_keeps_the_builtin_ones(tmp_path, taxonomy):
    (tmp_path / "taxonomy.yaml").write_text('version: "x2"\nextends: builtin\nroles: [roles.yaml]\nshares: shares.yaml\n')
    (tmp_path / "roles.yaml").write_text(
        "roles:\n- id: mlops-lead\n  title: MLOps lead\n  requirements:\n"
        "  - {id: py, label: Python, importance: important, any: [python], reason: r, advice: a}\n"
        "  - {id: k8s, label: Kubernetes, importance: important, any: [kubernetes], reason: r, advice: a}\n"
    )
    (tmp_path / "shares.yaml").write_text(
        "source: our postings\ndate: '2026-05'\npostings: {mlops-lead: 12}\nroles:\n  mlops-lead:\n"
        "    py: {asked_by: 0.9, asked_by_others: 0.8}\n    k8s: {asked_by: 0.75, asked_by_others: 0.1}\n"
    )
    custom = load_taxonomy(tmp_path)
    own = {req.id: req for req in custom.roles["mlops-lead"].requirements}
    assert own["k8s"].importance == "must" and own["k8s"].weight > own["py"].weight
    assert custom.shares.source_of("mlops-lead") == ("our postings", "2026-05", 12)
    builtin = taxonomy.shares.source_of("data-engineer")
    assert custom.shares.source_of("data-engineer") == builtin and builtin[0] != "our postings"
    assert custom.roles["data-engineer"] == taxonomy.roles["data-engineer"]  # shares, importance and weights kept


def test_a_role_read_from_the_api_can_be_posted_back_as_a_request_role(client):
    role = client.get("/v1/roles/data-engineer").get_json()
    text = "Jane Roe\nExperience\nData Engineer, Example Corp (2020 - Present)\nBuilt Spark and Airflow ETL into Snowflake."
    response = client.post("/v1/analyses", json={"text": text, "roles": ["data-engineer"], "custom_roles": [{**role, "id": "our-de"}]})
    assert response.status_code == 200
    assert_matches_spec(response, "/v1/analyses", "POST")
    fits = {fit["id"]: fit for fit in response.get_json()["roles"]}
    assert fits["our-de"]["score"] == fits["data-engineer"]["score"]  # posted with the weights it was read with
    assert fits["our-de"]["asked_by_source"] is None and fits["our-de"]["matched"][0]["asked_by"] is None


def test_a_replaced_role_has_no_shares(tmp_path):
    (tmp_path / "taxonomy.yaml").write_text('version: "x1"\nextends: builtin\nroles: [roles.yaml]\n')
    (tmp_path / "roles.yaml").write_text(
        "roles:\n- id: ml-engineer\n  title: Our ML engineer\n  requirements:\n"
        "  - {id: py, label: Python, importance: must, any: [python], reason: r, advice: a}\n"
    )
    custom = load_taxonomy(tmp_path)
    assert custom.roles["ml-engineer"].requirements[0].asked_by is None
    assert "ml-engineer" not in custom.shares.postings
    assert custom.roles["data-engineer"].requirements[1].asked_by is not None
