"""One engine for every caller (the web app, the command line, the evaluation and the
benchmark): the spaCy pipeline with the skill matcher, the taxonomy it was built from, and the
limits, made once per process from the settings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, cast

from spacy.language import Language

from service import languages
from service.analysis import Analysis, Limits, analyze, read_job_description
from service.matching import SkillMatcher, make_pipeline
from service.postings import JobDescription
from skill_taxonomy import Role, Taxonomy


@dataclass(frozen=True)
class Engine:
    """What analysing needs; built once per process, read-only afterwards."""

    nlp: Language
    taxonomy: Taxonomy
    limits: Limits
    model: str

    def analyze(
        self,
        data: bytes | str,
        *,
        role_ids: list[str] | None = None,
        job_description: JobDescription | None = None,
        custom_roles: Sequence[Role] = (),
        today: date | None = None,
        target_role: str | None = None,
    ) -> Analysis:
        """Analyse one resume within this engine's limits (see `service.analysis.analyze`)."""
        return analyze(
            data,
            nlp=self.nlp,
            taxonomy=self.taxonomy,
            limits=self.limits,
            role_ids=role_ids,
            job_description=job_description,
            custom_roles=custom_roles,
            today=today,
            target_role=target_role,
        )

    def read_job_description(self, data: bytes | str) -> JobDescription:
        """Read a posting within this engine's limits."""
        return read_job_description(data, nlp=self.nlp, taxonomy=self.taxonomy, limits=self.limits)

    def with_limits(self, **changes: Any) -> Engine:
        """The same pipeline and taxonomy under other limits ("max_pages=50")."""
        return replace(self, limits=replace(self.limits, **changes))


def make_engine(settings: Mapping[str, Any]) -> Engine:
    """The engine the settings ask for (service/config.py names: SPACY_MODEL, TAXONOMY_PATH and
    the limits). The taxonomy is the one the pipeline's skill matcher was built from.

    Raises ValueError for a wrong limit, TaxonomyError for an invalid taxonomy and OSError where
    the spaCy pipeline is not installed."""
    limits = Limits.from_settings(settings)
    model = str(settings["SPACY_MODEL"])
    nlp = make_pipeline(model, settings.get("TAXONOMY_PATH") or None)
    taxonomy = cast(SkillMatcher, nlp.get_pipe("skill_matcher")).taxonomy  # make_pipeline adds it
    # Once per process: a gunicorn master that preloads the app shares it with its workers.
    # Every request detects its language; the OCR model (about 20 MB) loads where a scan first
    # needs it (service.documents.ocr), so a worker that never meets one does without it.
    languages.load()
    return Engine(nlp, taxonomy, limits, model)
