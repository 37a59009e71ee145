"""Sections and skill mentions -> signals: the candidate's name, education, publications,
deployment experience and years of experience, one extractor per module."""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from service.matching import Mention
from service.sections import Section
from service.signals.applied import find_applied
from service.signals.base import EducationEntry, Evidence, Period, Publication, Signals, TitleLine
from service.signals.deployment import find_deployment
from service.signals.education import LEVELS, find_education, highest_degree
from service.signals.experience import experience_years, line_periods, merged_months, stated_months, title_lines
from service.signals.names import find_name
from service.signals.publications import find_publications
from skill_taxonomy import Taxonomy

__all__ = [
    "LEVELS",
    "EducationEntry",
    "Evidence",
    "Period",
    "Publication",
    "Signals",
    "TitleLine",
    "find_signals",
    "highest_degree",
    "merged_months",
    "stated_months",
]


def find_signals(sections: list[Section], mentions: list[Mention], taxonomy: Taxonomy, nlp: Language, today: date) -> Signals:
    """Find the candidate's name, education, publications, deployment experience and years."""
    name = find_name(sections, nlp)
    periods = line_periods(sections, today)
    years, source = experience_years(sections, periods)
    deployment = find_deployment(sections, mentions, taxonomy)
    education = find_education(sections, today, taxonomy.lexicon)
    return Signals(
        name=name,
        education=education,
        publications=find_publications(sections, name, taxonomy.lexicon),
        deployment=deployment,
        applied=find_applied(sections, deployment, taxonomy.lexicon, periods),
        experience_years=years,
        experience_source=source,
        title_lines=title_lines(sections, periods, taxonomy.lexicon, education),
        line_periods=periods,
    )
