"""POST /v1/rankings: parse the request (many resumes and one posting or role, or one resume and
several postings), call the domain's ranking, and shape the answer."""

from __future__ import annotations

import json
from typing import Any

from flask import current_app, request
from flask_smorest import Api, Blueprint

from service.analysis import parse_custom_roles
from service.exceptions import DocumentError, InvalidRequest, UnsupportedMediaType
from service.postings import JobDescription
from service.rankings import rank_postings, rank_resumes, ranking_dict
from service.web.errors import TYPE_PREFIX, status_of_code
from service.web.operations import observe_ranking
from service.web.ranking_schemas import RankingSchema
from service.web.request_schemas import RankingUploadSchema
from service.web.views import _about_posting, _checked_text, _engine, _loaded, _only_declared, _problem_responses, _upload_bytes
from skill_taxonomy import Role

rankings = Blueprint("rankings", __name__, url_prefix="/v1", description="Rank resumes against a posting, or postings for a resume.")


def _uploads(name: str) -> list[tuple[str, bytes]]:
    """Every file sent under a field name (repeated), with its name and bytes, each within the upload limit."""
    files = []
    for index, upload in enumerate(request.files.getlist(name)):
        data = _upload_bytes(upload, name) or b""
        files.append((upload.filename or f"{name}[{index}]", data))
    return files


def _ranked_role(role_id: str | None, custom: str | None) -> Role | None:
    """The role a ranking names instead of a posting: a taxonomy role, or the request's own."""
    tax = _engine().taxonomy
    if role_id and custom:
        raise InvalidRequest("Send a role or a custom_role, not both.", {"role": ["not with custom_role"]})
    if role_id:
        if role_id not in tax.roles:
            raise InvalidRequest(f"Unknown role id: {role_id}.", {"role": [f"unknown role id {role_id!r}"]})
        return tax.roles[role_id]
    if custom:
        try:
            raw = json.loads(custom)
        except ValueError as error:
            raise InvalidRequest("custom_role is not valid JSON.", {"custom_role": ["Not valid JSON."]}) from error
        (role,) = parse_custom_roles([raw], tax)
        return role
    return None


def _postings_sent() -> list[tuple[str, JobDescription | DocumentError]]:
    """Every posting of the request read, each or its problem (naming its field)."""
    sent: list[tuple[str, bytes | str, str]] = [
        (f"job_description[{index}]", text, "job_description")
        for index, text in enumerate(request.form.getlist("job_description"))
        if text.strip()
    ]
    sent += [(name, data, "job_description_file") for name, data in _uploads("job_description_file")]
    postings: list[tuple[str, JobDescription | DocumentError]] = []
    for label, data, field in sent:
        try:
            with _about_posting(field):
                postings.append((label, _engine().read_job_description(_checked_text(data, field) if isinstance(data, str) else data)))
        except DocumentError as error:
            postings.append((label, error))
    return postings


def _row_problems(answer: dict[str, Any]) -> dict[str, Any]:
    """Each row's problem as RFC 9457 fields, with the status an analysis of that document would answer."""
    for row in answer["candidates"] + answer["postings"]:
        if row["problem"]:
            code = row["problem"].pop("code")
            row["problem"] = {"type": TYPE_PREFIX + code, **row["problem"], "status": status_of_code(code)}
    return answer


@rankings.route("/rankings", methods=["POST"])
@rankings.doc(
    requestBody={"required": True, "content": {"multipart/form-data": {"schema": {"$ref": "#/components/schemas/RankingUpload"}}}}
)
@rankings.response(
    200, RankingSchema, description="The resumes best first for the posting or role; or the postings best first for the resume."
)
@_problem_responses(rankings, 400, 401, 413, 415, 422, 429, 500)
def create_ranking() -> dict[str, Any]:
    """Rank resumes against a posting, or postings for a resume"""
    if request.mimetype != "multipart/form-data":
        raise UnsupportedMediaType(
            "Send multipart/form-data: 'resumes' files (or a ZIP) with a 'job_description', or one 'resume' with several."
        )
    _only_declared(RankingUploadSchema())
    not_files = [name for name in ("resumes", "resume", "job_description_file") if name in request.form]
    if not_files:
        raise InvalidRequest(
            "The request has invalid fields; see errors.", {name: ["Send a file, not a text field."] for name in not_files}
        )
    _loaded(RankingUploadSchema(), {name: request.form[name] for name in ("role", "custom_role") if request.form.get(name)})
    engine, limits = _engine(), current_app.extensions["rolefit-rankings"]
    resumes = _uploads("resumes") + _uploads("resume")
    if not resumes:
        raise InvalidRequest(
            "Send the resumes as 'resumes' files (repeat the field, or a ZIP archive).", {"resumes": ["Missing data for required field."]}
        )
    role = _ranked_role(request.form.get("role"), request.form.get("custom_role"))
    postings = _postings_sent()
    if len(postings) > 1:
        if role is not None or len(resumes) > 1:
            raise InvalidRequest(
                "Several job descriptions are fitted to one resume: send one 'resume' and no role.",
                {"resume": ["one resume beside several job descriptions"]},
            )
        ranking = rank_postings(engine, resumes[0], postings, limits)
        observe_ranking("postings", ranking.documents)
        return _row_problems(ranking_dict(ranking))
    posting = None
    if postings:
        label, read = postings[0]
        if isinstance(read, DocumentError):
            raise read
        posting = read
    if (posting is None) == (role is None):
        raise InvalidRequest(
            "Send one job description ('job_description' or 'job_description_file'), or a 'role' or 'custom_role', to rank the resumes for.",
            {"job_description": ["one posting, or a role, is required"]},
        )
    ranking = rank_resumes(engine, resumes, limits, posting=posting, role=role)
    observe_ranking("candidates", ranking.documents)
    return _row_problems(ranking_dict(ranking))


def register(api: Api) -> None:
    api.spec.components.schema("RankingUpload", schema=RankingUploadSchema)
    api.register_blueprint(rankings)
