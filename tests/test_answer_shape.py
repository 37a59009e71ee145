"""One answer, described once: what the domain builds is exactly what the schemas (and so
openapi.yaml) describe. marshmallow drops keys a schema lacks, so a key the builder adds and the
schema does not declare would reach `rolefit analyze --json` and silently not the API."""

from __future__ import annotations

import json

import builders
import pytest
from jsonschema import Draft202012Validator
from openapi_check import spec
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from service.answers import posting_dict
from service.cli import main
from service.config import settings
from service.engine import make_engine
from service.web.schemas import AnalysisSchema, JobDescriptionSchema

POSTING = "ML Engineer\nRequirements\n5+ years with Python, Docker and Kubernetes. MS or PhD.\nNice to have\nKafka."


@pytest.fixture(scope="module")
def engine():
    return make_engine({**settings({}), "SPACY_MODEL": "blank:en", "TIME_BUDGET_SECONDS": 0})


@pytest.mark.parametrize(
    "document",
    [builders.one_column_pdf(), builders.two_column_pdf(), builders.docx_resume(), builders.TEXT_RESUME, builders.ACADEMIC_CV],
)
def test_dumping_an_answer_through_its_schema_changes_nothing(engine, document):
    posting = engine.read_job_description(POSTING)
    for answer in (engine.analyze(document).as_dict(), engine.analyze(document, job_description=posting).as_dict()):
        assert AnalysisSchema().dump(answer) == answer
    assert JobDescriptionSchema().dump(posting_dict(posting)) == posting_dict(posting)


def _validator(name: str) -> Draft202012Validator:
    registry = Registry().with_resource("urn:openapi", DRAFT202012.create_resource(spec()))
    return Draft202012Validator({"$ref": f"urn:openapi#/components/schemas/{name}"}, registry=registry)


def test_the_command_lines_json_is_the_apis_answer(tmp_path, capsys):
    path = tmp_path / "cv.pdf"
    path.write_bytes(builders.one_column_pdf())
    posting = tmp_path / "posting.txt"
    posting.write_text(POSTING)
    assert main(["analyze", str(path), "--json", "--model", "blank:en", "--job-description", str(posting)]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row.pop("file") == str(path)
    _validator("Analysis").validate(row)
    assert AnalysisSchema().dump(row) == row
