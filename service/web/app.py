"""The Flask application factory."""

from __future__ import annotations

import io
from typing import IO, Any

from flask import Flask, Request, Response
from flask_smorest import Api
from werkzeug.exceptions import HTTPException

from service.config import settings
from service.engine import make_engine
from service.rankings import RankingLimits
from service.web import operations
from service.web.errors import http_problem, register_error_handlers

EXTENSION = "rolefit"
MULTIPART_OVERHEAD = 64 * 1024


class InMemoryRequest(Request):
    """Uploads stay in memory (werkzeug spools large ones to temporary files): nothing a client
    sends is written to disk. MAX_CONTENT_LENGTH bounds what that memory can be."""

    def _get_file_stream(
        self, total_content_length: int | None, content_type: str | None, filename: str | None = None, content_length: int | None = None
    ) -> IO[bytes]:
        return io.BytesIO()


class ProblemApi(Api):  # type: ignore[misc]  # flask_smorest ships no types, so Api is Any to mypy
    """flask-smorest's Api, with errors as RFC 9457 problems."""

    def handle_http_exception(self, error: HTTPException) -> Response:
        return http_problem(error)


def api_settings() -> dict[str, Any]:
    return {
        "API_TITLE": "Resume-to-role gap analyzer",
        "API_VERSION": "1.0.0",
        "OPENAPI_VERSION": "3.1.0",
        "OPENAPI_URL_PREFIX": "/",
        "OPENAPI_JSON_PATH": "openapi.json",
        "API_SPEC_OPTIONS": {
            "info": {
                "description": (
                    "Reads a resume (PDF, DOCX or text), finds the candidate's skills and signals, and answers "
                    "with a fit score for every role of the taxonomy, the requirements met with their evidence, "
                    "and the requirements missing with advice. Every error is an RFC 9457 problem."
                ),
                "license": {"name": "MIT", "identifier": "MIT"},
            },
            "servers": [{"url": "http://127.0.0.1:8000"}],
            "components": {
                "securitySchemes": {
                    "bearerKey": {"type": "http", "scheme": "bearer", "description": "An API key, when ROLEFIT_API_KEYS is set."},
                    "headerKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
                }
            },
            # Open unless the deployment sets API keys; then either scheme.
            "security": [{}, {"bearerKey": []}, {"headerKey": []}],
        },
    }


def build_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask("service", static_folder=None)  # the page blueprint serves its own assets
    app.request_class = InMemoryRequest
    app.config.update(api_settings())
    app.config.update(settings())  # the defaults with ROLEFIT_* variables applied, as the command line reads them
    app.config.update(config or {})
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_UPLOAD_BYTES"]) + MULTIPART_OVERHEAD

    app.extensions[EXTENSION] = make_engine(app.config)
    ranking = RankingLimits.from_settings(app.config)
    app.extensions["rolefit-rankings"] = ranking
    # a ranking's request holds many documents: its body may be as large as they are together
    app.config["BODY_LIMITS"] = {"/v1/rankings": ranking.max_bytes + MULTIPART_OVERHEAD}

    operations.install(app)
    api = ProblemApi(app)
    from service.web import ranking_views, views

    views.register(api)
    ranking_views.register(api)
    from service.web.page import page

    app.register_blueprint(page)
    register_error_handlers(app)
    return app
