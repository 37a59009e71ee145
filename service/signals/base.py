"""What the signal extractors share: the records they produce and the year pattern."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from service.documents import Line

YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")

Period = tuple[int, int]  # months since year 0: start and end


@dataclass
class EducationEntry:
    degree_level: str
    in_progress: bool
    field: str | None
    institution: str | None
    year: int | None
    evidence: str
    page: int


@dataclass
class Publication:
    text: str
    venue: str | None
    year: int | None
    first_author: bool
    top_venue: bool
    workshop: bool
    page: int
    accepted: bool = True  # published or accepted: not a preprint, a submission or work in preparation
    peer_reviewed: bool = False  # the entry names a journal, proceedings or publisher, or a venue acronym with its year


@dataclass
class Evidence:
    text: str
    section: str
    page: int
    highlight: tuple[int, int] | None = None  # where the skill's name stands in text, when it names one


@dataclass
class TitleLine:
    """A line that may state a job title, with the dates of the job it belongs to."""

    text: str
    section: str
    page: int
    periods: list[Period] = field(default_factory=list)
    recent: bool = True  # the headline, or a line of the latest job (or no job has dates)


@dataclass
class Signals:
    """What the resume says beyond single skills."""

    name: str | None
    education: list[EducationEntry] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    deployment: list[Evidence] = field(default_factory=list)
    # Lines that show machine learning applied in a product or business (a job outside academia).
    applied: list[Evidence] = field(default_factory=list)
    experience_years: float | None = None
    experience_source: str = "none"  # date-ranges, stated or none
    # Lines that can hold the candidate's job titles (matched against each role's titles).
    title_lines: list[TitleLine] = field(default_factory=list)
    # The job dates each experience line belongs to, for months per skill and per title.
    line_periods: dict[Line, list[Period]] = field(default_factory=dict)


def fold(text: str) -> str:
    """Lower case without accents ("Müller" -> "muller"), for comparing names."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
