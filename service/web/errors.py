"""The one place that maps errors to HTTP: RFC 9457 `application/problem+json` everywhere."""

from __future__ import annotations

import logging
import traceback
from typing import Any

from flask import Flask, Response, json
from werkzeug.exceptions import HTTPException, InternalServerError

from service import exceptions as domain
from skill_taxonomy import TaxonomyError

PROBLEM_JSON = "application/problem+json"
TYPE_PREFIX = "urn:rolefit:problem:"
STATUS_BY_ERROR: tuple[tuple[type[domain.AnalyzerError], int], ...] = (
    (domain.UnsupportedMediaType, 415),
    (domain.DocumentTooLarge, 413),  # TooManyPages too
    (domain.DocumentTooComplex, 422),
    (domain.DocumentError, 422),  # unreadable, encrypted, empty
    (domain.InvalidRequest, 400),
)
HTTP_CODES = {
    400: "bad-request",
    404: "not-found",
    405: "method-not-allowed",
    413: "document-too-large",
    415: "unsupported-media-type",
    429: "too-many-requests",
}
log = logging.getLogger(__name__)


def flatten_messages(messages: object, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages ({"roles": {0: ["..."]}}) as field paths ("roles[0]") to lists."""
    if not isinstance(messages, dict):
        items = messages if isinstance(messages, list) else [messages]
        return {prefix or "_schema": [str(item) for item in items]}
    out: dict[str, list[str]] = {}
    for key, value in messages.items():
        name = (
            f"{prefix}[{key}]" if isinstance(key, int) or (prefix and str(key).isdigit()) else (f"{prefix}.{key}" if prefix else str(key))
        )
        for field, texts in flatten_messages(value, name).items():
            out.setdefault(field, []).extend(texts)
    return out


def problem(status: int, title: str, detail: str, code: str | None = None, errors: dict[str, Any] | None = None) -> Response:
    """A problem+json response."""
    body: dict[str, Any] = {"type": TYPE_PREFIX + code if code else "about:blank", "title": title, "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    return Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)


def http_problem(error: HTTPException) -> Response:
    """A werkzeug or flask-smorest HTTP error as a problem; 422 argument errors become 400."""
    status = error.code or 500
    errors = None
    data = getattr(error, "data", None) or {}
    messages = data.get("messages") if isinstance(data, dict) else None
    if messages:
        # webargs nests messages by location ({"query": {"q": [...]}}); clients want field names
        errors = {field: msgs for location in messages.values() for field, msgs in flatten_messages(location).items()}
        status = 400
    detail = error.description or ""
    if status == 400 and errors:
        detail = "The request has invalid fields; see errors."
    code = HTTP_CODES.get(status)
    title = InternalServerError().name if status >= 500 else "Bad Request" if errors else (error.name or "Error")
    response = problem(status, title, detail, code, errors)
    if status == 405 and hasattr(error, "valid_methods") and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def status_of(error: domain.AnalyzerError) -> int:
    return next(code for kind, code in STATUS_BY_ERROR if isinstance(error, kind))


def status_of_code(code: str) -> int:
    """The status of the domain error with this code."""
    kinds = [domain.AnalyzerError]
    while kinds:
        kind = kinds.pop()
        if kind.code == code and kind is not domain.AnalyzerError:
            return status_of(kind(""))
        kinds += kind.__subclasses__()
    return 422


def domain_problem(error: domain.AnalyzerError) -> Response:
    status = status_of(error)
    return problem(status, error.title, error.detail, error.code, error.errors or None)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(domain.AnalyzerError, domain_problem)
    app.register_error_handler(HTTPException, http_problem)

    @app.errorhandler(TaxonomyError)
    def taxonomy_problem(error: TaxonomyError) -> Response:
        return problem(400, "Invalid role definitions", "; ".join(error.problems), "invalid-roles", {"roles": error.problems})

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        # Log the type and where, never the message: it may quote the request's content.
        frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
        where = f"{frame.filename}:{frame.lineno}" if frame else "unknown"
        log.error("unhandled %s at %s", type(error).__name__, where)
        return problem(500, "Internal Server Error", "The server failed to analyse the request.", "internal-error")
