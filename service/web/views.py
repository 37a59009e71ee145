"""HTTP views: parse the request, call one domain function, shape the answer."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import Response, current_app, request
from flask_smorest import Api, Blueprint
from marshmallow import Schema, ValidationError, fields
from werkzeug.datastructures import FileStorage

from service.analysis import parse_custom_roles
from service.answers import posting_dict, role_dict, role_summary
from service.engine import Engine
from service.exceptions import DocumentError, DocumentTooLarge, InvalidRequest, UnsupportedMediaType
from service.postings import JobDescription
from service.web.errors import PROBLEM_JSON, flatten_messages, problem
from service.web.operation_schemas import ProblemSchema, StatusSchema
from service.web.operations import metrics_response, observe_analysis
from service.web.request_schemas import (
    ONE_WAY,
    AnalysisRequestSchema,
    AnalysisUploadSchema,
    CustomRequirementSchema,
    JobDescriptionRequestSchema,
    JobDescriptionUploadSchema,
    SkillQuerySchema,
)
from service.web.schemas import AnalysisSchema, JobDescriptionSchema
from service.web.taxonomy_schemas import RoleListSchema, RoleSchema, SkillListSchema

analyses = Blueprint("analyses", __name__, url_prefix="/v1", description="Analyse resumes against roles.")
taxonomy = Blueprint("taxonomy", __name__, url_prefix="/v1", description="The roles and skills of the taxonomy.")
operations = Blueprint("operations", __name__, description="Health, readiness and the API description.")

PROBLEM_EXAMPLES = {
    400: (
        "The request is malformed or names unknown roles.",
        "invalid-request",
        "The request is not valid",
        "Unknown role ids: astronaut.",
    ),
    401: (
        "API keys are configured and the request has no valid one.",
        "unauthorized",
        "Unauthorized",
        "Send a valid API key as 'Authorization: Bearer <key>' or 'X-API-Key'.",
    ),
    404: ("No such resource.", "not-found", "Not Found", "The requested URL was not found on the server."),
    413: (
        "The document exceeds the upload, page, text or image-pixel limit.",
        "document-too-large",
        "The document is too large",
        "The document has 12582912 bytes; the limit is 10485760.",
    ),
    415: (
        "The document is not a PDF, DOCX, text or (with OCR on) PNG, JPEG or TIFF image, or the request body type is not supported.",
        "unsupported-media-type",
        "Unsupported media type",
        "The file is a GIF image; upload a PNG, JPEG or TIFF scan.",
    ),
    422: (
        "The document is corrupt, encrypted, holds no usable text (a posting: no requirement), or took longer than its time budget.",
        "encrypted-document",
        "The document is encrypted",
        "The PDF is protected by a password; upload an unprotected copy.",
    ),
    429: (
        "Too many requests for this key or address; retry after the Retry-After seconds.",
        "too-many-requests",
        "Too Many Requests",
        "120 per 1 minute",
    ),
    500: ("The server failed.", "internal-error", "Internal Server Error", "The server failed to analyse the request."),
}


View = TypeVar("View", bound=Callable[..., Any])


def _problem_responses(blueprint: Blueprint, *statuses: int) -> Callable[[View], View]:
    """Document the problem responses an operation can give, each with an example."""

    def decorate(view: View) -> View:
        for status in statuses:
            description, code, title, detail = PROBLEM_EXAMPLES[status]
            example = {"type": f"urn:rolefit:problem:{code}", "title": title, "status": status, "detail": detail}
            view = blueprint.alt_response(
                status, schema=ProblemSchema, description=description, content_type=PROBLEM_JSON, example=example
            )(view)
        return view

    return decorate


def _engine() -> Engine:
    return current_app.extensions["rolefit"]  # type: ignore[no-any-return]  # set by build_app


def _roles_field(values: list[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@dataclass
class AnalysisRequest:
    resume: bytes | str
    role_ids: list[str] | None
    job_description: JobDescription | None
    custom_roles: object
    target_role: str | None


def _upload_bytes(upload: FileStorage | str | None, field: str) -> bytes | None:
    if upload is None:
        return None
    if isinstance(upload, str):  # sent as a form field instead of a file: its text
        return _checked_text(upload, field).encode()
    limit = _engine().limits.max_bytes
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        raise DocumentTooLarge(f"The '{field}' file has more than {limit} bytes; the limit is {limit}.")
    return data


def _checked_text(text: str, field: str) -> str:
    limit = _engine().limits.max_bytes
    if len(text.encode()) > limit:
        raise DocumentTooLarge(f"The '{field}' field has more than {limit} bytes; the limit is {limit}.")
    return text


def _loaded(schema: Schema, payload: dict[str, Any]) -> dict[str, Any]:
    try:
        return schema.load(payload)  # type: ignore[no-any-return]  # marshmallow's load is untyped
    except ValidationError as error:
        raise InvalidRequest("The request has invalid fields; see errors.", flatten_messages(error.messages)) from error


def _only_declared(schema: Schema) -> None:
    """Refuse a form field the schema does not declare (the description says none is allowed)."""
    # names as the client wrote them: werkzeug may give a part's undecodable name as other than text
    unknown = sorted({str(name) for name in (*request.form, *request.files)} - set(schema.fields))
    if unknown:
        raise InvalidRequest("The request has invalid fields; see errors.", {name: ["Unknown field."] for name in unknown})


def _form_body(schema: Schema) -> dict[str, Any]:
    """A multipart form read through its declared schema: its files and its fields, where an empty
    text field is absent (as an HTML form sends an empty optional field); list fields keep every
    value. A field the schema does not declare is refused."""
    _only_declared(schema)
    payload: dict[str, Any] = {}
    for name, field in schema.fields.items():
        if name in request.files:
            payload[name] = request.files[name]
        elif isinstance(field, fields.List) and name in request.form:
            payload[name] = request.form.getlist(name)
        elif request.form.get(name):
            payload[name] = request.form[name]
    return _loaded(schema, payload)


def _json_body(schema: Schema) -> dict[str, Any]:
    payload = request.get_json(silent=True)
    if payload is None:
        raise InvalidRequest("The body is not valid JSON.")
    return _loaded(schema, payload)


@contextmanager
def _about_posting(field: str) -> Iterator[None]:
    """A problem with the job description says so and names its field, so that a caller can tell
    a refused posting from a refused resume."""
    try:
        yield
    except DocumentError as error:
        raise error.about(field, "job description") from error


def _posting(args: dict[str, Any]) -> JobDescription | None:
    """The job description of a request's fields, read: a file, or text; none when the text is
    empty or blank."""
    field = "job_description_file" if args.get("job_description_file") is not None else "job_description"
    with _about_posting(field):
        if field == "job_description_file":
            posting: bytes | str | None = _upload_bytes(args[field], field)
        else:
            text = args.get(field)
            posting = _checked_text(text, field) if text and text.strip() else None
        return _engine().read_job_description(posting) if posting else None


def _target(args: dict[str, Any]) -> str | None:
    """The target role a request names; none when the field is empty or blank."""
    return str(args.get("target_role") or "").strip() or None


def _read_analysis_request() -> AnalysisRequest:
    """The resume (bytes of an upload, or text from JSON), the roles asked for, and optionally a
    job description and the request's own roles."""
    if request.mimetype == "multipart/form-data":
        args = _form_body(AnalysisUploadSchema())
        custom = args.get("custom_roles")
        try:
            custom_roles = json.loads(custom) if custom else None
        except ValueError as error:
            raise InvalidRequest("custom_roles is not valid JSON.", {"custom_roles": ["Not valid JSON."]}) from error
        roles = _roles_field(args["roles"]) if "roles" in args else None
        return AnalysisRequest(_upload_bytes(args["resume"], "resume") or b"", roles, _posting(args), custom_roles, _target(args))
    if request.mimetype == "application/json":
        args = _json_body(AnalysisRequestSchema())
        return AnalysisRequest(_checked_text(args["text"], "text"), args["roles"], _posting(args), args.get("custom_roles"), _target(args))
    raise UnsupportedMediaType("Send multipart/form-data with a 'resume' file, or application/json with a 'text' field.")


@analyses.route("/analyses", methods=["POST"])
@analyses.doc(
    requestBody={
        "required": True,
        "content": {
            "multipart/form-data": {"schema": {"$ref": "#/components/schemas/AnalysisUpload"}},
            "application/json": {
                "schema": {"$ref": "#/components/schemas/AnalysisRequest"},
                "example": {
                    "text": "Jane Doe\nExperience\nML Engineer, Acme (2019 - Present)\nDeployed PyTorch models with Docker and Kubernetes.",
                    "roles": ["ml-engineer"],
                },
            },
        },
    }
)
@analyses.response(200, AnalysisSchema, description="The candidate profile and a fit for every role, best first.")
@_problem_responses(analyses, 400, 401, 413, 415, 422, 429, 500)
def create_analysis() -> dict[str, Any]:
    """Analyse a resume against the roles"""
    ask = _read_analysis_request()
    engine = _engine()
    custom_roles = parse_custom_roles(ask.custom_roles, engine.taxonomy) if ask.custom_roles is not None else []
    result = engine.analyze(
        ask.resume, role_ids=ask.role_ids, job_description=ask.job_description, custom_roles=custom_roles, target_role=ask.target_role
    )
    observe_analysis(result.timings, result.document.media_type)
    return result.as_dict()


@analyses.route("/job-descriptions/parse", methods=["POST"])
@analyses.doc(
    requestBody={
        "required": True,
        "content": {
            # One of the two fields is required (the schema says so in words): an anyOf here
            # leaves clients generated from the description (openapi-python-client) untyped.
            "multipart/form-data": {"schema": {"$ref": "#/components/schemas/JobDescriptionUpload"}},
            "application/json": {
                "schema": {"$ref": "#/components/schemas/JobDescriptionRequest"},
                "example": {
                    "text": "Data Scientist\nRequirements\n3+ years of experience with Python and SQL.\nNice to have\nExperience with Airflow."
                },
            },
        },
    }
)
@analyses.response(200, JobDescriptionSchema, description="The title, sections and requirements understood from the posting.")
@_problem_responses(analyses, 400, 401, 413, 415, 422, 429, 500)
def parse_posting() -> dict[str, Any]:
    """Extract the requirements of a job description"""
    if request.mimetype == "multipart/form-data":
        posting = _posting(_form_body(JobDescriptionUploadSchema()))
        if posting is None:
            raise InvalidRequest(
                "Send the posting as a 'job_description_file' file or a 'job_description' field.",
                {"job_description": ["Missing data for required field."]},
            )
    elif request.mimetype == "application/json":
        text = _json_body(JobDescriptionRequestSchema())["text"]
        with _about_posting("text"):
            posting = _engine().read_job_description(_checked_text(text, "text"))
    else:
        raise UnsupportedMediaType("Send multipart/form-data with a 'job_description_file', or application/json with a 'text' field.")
    return posting_dict(posting)


@taxonomy.route("/roles", methods=["GET"])
@taxonomy.response(200, RoleListSchema)
def list_roles() -> dict[str, Any]:
    """List the roles of the loaded taxonomy"""
    tax = _engine().taxonomy
    return {
        "taxonomy_version": tax.version,
        "roles": [role_summary(r) for r in tax.roles.values()],
    }


@taxonomy.route("/roles/<role_id>", methods=["GET"])
@taxonomy.response(200, RoleSchema)
@_problem_responses(taxonomy, 401, 404, 429)
def get_role(role_id: str) -> dict[str, Any] | Response:
    """Show one role with its requirements"""
    tax = _engine().taxonomy
    role = tax.roles.get(role_id)
    if role is None:
        return problem(404, "Not Found", f"No role with id {role_id!r}.", "not-found")
    return role_dict(role, tax.shares, tax.fitted)


@taxonomy.route("/skills", methods=["GET"])
@taxonomy.arguments(SkillQuerySchema, location="query")
@taxonomy.response(200, SkillListSchema)
@_problem_responses(taxonomy, 400, 401, 429)
def search_skills(args: dict[str, Any]) -> dict[str, Any]:
    """Search skills by label or alias, for autocomplete"""
    found = _engine().taxonomy.search(args["q"], args["limit"])
    return {"skills": [{"id": s.id, "label": s.label, "category": s.category, "aliases": list(s.aliases)} for s in found]}


@operations.route("/healthz", methods=["GET"])
@operations.response(200, StatusSchema)
def health() -> dict[str, Any]:
    """Tell that the process is up"""
    return {"status": "ok"}


@operations.route("/readyz", methods=["GET"])
@operations.response(200, StatusSchema)
@operations.alt_response(503, schema=ProblemSchema, content_type=PROBLEM_JSON, description="The pipeline or taxonomy is not loaded.")
def ready() -> dict[str, Any] | Response:
    """Tell whether the pipeline and taxonomy are loaded"""
    engine = current_app.extensions.get("rolefit")
    if engine is None or "skill_matcher" not in engine.nlp.pipe_names:
        return problem(503, "Service Unavailable", "The analysis pipeline is not loaded.", "not-ready")
    return {
        "status": "ready",
        "taxonomy_version": engine.taxonomy.version,
        "pipeline": engine.model,
        "skills": len(engine.taxonomy.skills),
        "roles": len(engine.taxonomy.roles),
    }


@operations.route("/metrics", methods=["GET"])
@operations.doc(responses={"200": {"description": "Prometheus metrics.", "content": {"text/plain": {"schema": {"type": "string"}}}}})
def metrics() -> Response:
    """Get the service's metrics in Prometheus format"""
    return metrics_response()


@operations.route("/openapi.yaml", methods=["GET"])
@operations.doc(
    responses={
        "200": {"description": "This API description (OpenAPI 3.1).", "content": {"application/yaml": {"schema": {"type": "object"}}}}
    }
)
def openapi_yaml() -> Response:
    """Get the OpenAPI description of this API"""
    api = current_app.extensions["flask-smorest"]["apis"][""]["ext_obj"]
    return Response(api.spec.to_yaml(), mimetype="application/yaml")


def register(api: Api) -> None:
    api.spec.components.schema("CustomRequirement", ONE_WAY, schema=CustomRequirementSchema)
    api.spec.components.schema("AnalysisRequest", schema=AnalysisRequestSchema)
    api.spec.components.schema("AnalysisUpload", schema=AnalysisUploadSchema)
    api.spec.components.schema("JobDescriptionRequest", schema=JobDescriptionRequestSchema)
    api.spec.components.schema("JobDescriptionUpload", schema=JobDescriptionUploadSchema)
    for blueprint in (analyses, taxonomy, operations):
        api.register_blueprint(blueprint)
