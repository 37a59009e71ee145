"""Running the service in the open: request ids, JSON logs, API keys, CORS, rate limits, metrics.

Logs carry a request id, the route, status, sizes and timings; never a document's text, a
name or a file name."""

from __future__ import annotations

import hmac
import json
import logging
import os
import re
import sys
import time
import uuid
from collections.abc import Iterable
from typing import Any, TextIO

from flask import Flask, Response, g, has_request_context, request
from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from werkzeug.exceptions import RequestEntityTooLarge

from service.documents.archives import archive_entries
from service.web.errors import problem
from service.web.page import is_page_path

REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# Probes, metrics and the API description stay open when API keys are set.
OPEN_PATHS = {"/healthz", "/readyz", "/metrics", "/openapi.yaml", "/openapi.json"}


def _is_open(path: str) -> bool:
    """Probes, metrics, the API description, and the web page with its assets (the page itself
    asks for a key when the service wants one)."""
    return path in OPEN_PATHS or is_page_path(path)


STAGE_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30)

REQUESTS = Counter("rolefit_requests_total", "HTTP requests by route and status.", ["route", "method", "status"])
LATENCY = Histogram("rolefit_request_seconds", "Request latency by route.", ["route"], buckets=STAGE_BUCKETS)
STAGES = Histogram("rolefit_stage_seconds", "Time per pipeline stage.", ["stage"], buckets=STAGE_BUCKETS)
DOCUMENTS = Counter("rolefit_documents_total", "Documents analysed by media type.", ["media_type"])
RANKINGS = Counter("rolefit_rankings_total", "Rankings by side: candidates for a posting, or postings for a resume.", ["side"])
RANKING_DOCUMENTS = Histogram("rolefit_ranking_documents", "Documents per ranking.", buckets=(1, 2, 5, 10, 20, 50, 100, 200, 500))
PROBLEMS = Counter("rolefit_problems_total", "Problem responses by problem type.", ["type"])
REJECTED = Counter("rolefit_rejected_total", "Documents rejected by a limit.", ["limit"])
LIMIT_OF = {
    "document-too-large": "size",
    "too-many-pages": "pages",
    "document-too-complex": "time",
}


class JsonFormatter(logging.Formatter):
    """One JSON object a line, with the request id when there is a request."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or (g.get("request_id") if has_request_context() else None)
        if request_id:
            entry["request_id"] = request_id
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info).splitlines()[-1]  # the type and where, not locals
        return json.dumps(entry)


class _ServiceHandler(logging.StreamHandler[TextIO]):
    """The JSON handler the app installs, marked so that a second app in the process adds none."""

    rolefit = True


def configure_logging(app: Flask) -> None:
    logger = logging.getLogger("service")
    logger.setLevel(app.config["LOG_LEVEL"])
    if not any(getattr(handler, "rolefit", False) for handler in logger.handlers):
        handler = _ServiceHandler(sys.stdout)
        handler.setFormatter(JsonFormatter())
        logger.addHandler(handler)
        logger.propagate = False


def _keys(value: str | Iterable[object] | None) -> list[str]:
    """A setting's list: comma-separated (from the environment) or a list (from the mapping a test passes)."""
    if isinstance(value, str):
        return [key.strip() for key in value.split(",") if key.strip()]
    return [str(key) for key in value or []]


def _presented_key() -> str | None:
    auth = request.headers.get("Authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("X-API-Key")


def _route() -> str:
    return request.url_rule.rule if request.url_rule is not None else "unmatched"


def _rate_key() -> str:
    presented = _presented_key()
    return f"key:{hmac.new(b'rolefit', presented.encode(), 'sha256').hexdigest()[:16]}" if presented else get_remote_address()


def _documents() -> int:
    """What a request costs against the rate limit: one, or a ranking's documents (each file of
    a ZIP archive counted)."""
    if request.path != "/v1/rankings" or request.mimetype != "multipart/form-data":
        return 1
    try:
        uploads = [upload for name in request.files for upload in request.files.getlist(name)]
        texts = [text for text in request.form.getlist("job_description") if text.strip()]
    except RequestEntityTooLarge:
        return 1  # the view answers 413
    return max(1, len(texts) + sum(archive_entries(upload.stream) for upload in uploads))


def install(app: Flask) -> None:
    """Wire request ids, access logs, API keys, CORS, rate limits and metrics into the app."""
    configure_logging(app)
    access = logging.getLogger("service.access")
    keys = [key.encode() for key in _keys(app.config["API_KEYS"])]

    @app.before_request
    def start() -> Response | None:
        supplied = request.headers.get("X-Request-ID", "")
        g.request_id = supplied if REQUEST_ID.match(supplied) else uuid.uuid4().hex
        g.started = time.perf_counter()
        body_limit = app.config.get("BODY_LIMITS", {}).get(request.path)
        if body_limit:  # an operation that takes many documents in one request
            request.max_content_length = body_limit
        if keys and not _is_open(request.path) and request.method != "OPTIONS":
            presented = (_presented_key() or "").encode()
            # compare against every key, each in constant time
            if not any([hmac.compare_digest(presented, key) for key in keys]):  # noqa: C419
                response = problem(
                    401, "Unauthorized", "Send a valid API key as 'Authorization: Bearer <key>' or 'X-API-Key'.", "unauthorized"
                )
                response.headers["WWW-Authenticate"] = 'Bearer realm="rolefit"'
                return response
        return None

    @app.after_request
    def finish(response: Response) -> Response:
        seconds = time.perf_counter() - g.get("started", time.perf_counter())
        route = _route()
        response.headers["X-Request-ID"] = g.get("request_id", "")
        REQUESTS.labels(route, request.method, str(response.status_code)).inc()
        LATENCY.labels(route).observe(seconds)
        if response.mimetype == "application/problem+json":
            kind = (response.get_json(silent=True) or {}).get("type", "about:blank")
            PROBLEMS.labels(kind).inc()
            limit = LIMIT_OF.get(kind.rsplit(":", 1)[-1])
            if limit or response.status_code == 413:
                REJECTED.labels(limit or "size").inc()
        access.info(
            "request",
            extra={
                "fields": {
                    "method": request.method,
                    "route": route,
                    "status": response.status_code,
                    "request_bytes": request.content_length or 0,
                    "response_bytes": response.calculate_content_length() or 0,
                    "seconds": round(seconds, 4),
                }
            },
        )
        return response

    origins = _keys(app.config["CORS_ORIGINS"])
    if origins:
        CORS(
            app,
            origins=origins,
            expose_headers=["X-Request-ID", "Retry-After"],
            allow_headers=["Authorization", "X-API-Key", "X-Request-ID", "Content-Type"],
        )

    limiter = Limiter(
        _rate_key,
        app=app,
        default_limits=[app.config["RATE_LIMIT"]] if app.config["RATE_LIMIT"] else [],
        storage_uri=app.config["RATE_LIMIT_STORAGE_URI"],
        # A shared store that goes away (Redis restarting) must not fail requests: count in
        # memory until it is back.
        swallow_errors=True,
        in_memory_fallback_enabled=True,
        headers_enabled=True,
        default_limits_exempt_when=lambda: _is_open(request.path),
        default_limits_cost=_documents,
        enabled=bool(app.config["RATE_LIMIT"]),
    )
    app.extensions["rolefit-limiter"] = limiter


def metrics_response() -> Response:
    """The Prometheus exposition of this process, or of every worker when gunicorn shares a
    metrics folder (PROMETHEUS_MULTIPROC_DIR)."""
    registry = None
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]  # prometheus_client leaves this __init__ unannotated
    body = generate_latest(registry) if registry is not None else generate_latest()
    return Response(body, mimetype=CONTENT_TYPE_LATEST.split(";")[0])


def observe_ranking(side: str, documents: int) -> None:
    """Record one ranking: its side and its documents."""
    RANKINGS.labels(side).inc()
    RANKING_DOCUMENTS.observe(documents)


def observe_analysis(timings: dict[str, float], media_type: str) -> None:
    """Record one analysis: its stage timings and its document type."""
    for stage, seconds in timings.items():
        STAGES.labels(stage).observe(seconds)
    DOCUMENTS.labels(media_type).inc()
