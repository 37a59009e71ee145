"""Degrees: level, field, institution, year and whether still in progress."""

from __future__ import annotations

import re
from datetime import date

from service.sections import Section, heading_sections
from service.signals.base import YEAR, EducationEntry
from skill_taxonomy.lexicon import Lexicon
from skill_taxonomy.prefilter import Prefiltered, prefiltered

LEVELS = {"associate": 1, "bachelor": 2, "master": 3, "doctorate": 4}
# "在读" (studying), "至今" (to date): a Chinese resume's words for the same
IN_PROGRESS = re.compile(
    r"\b(?:candidate|student|expected|anticipated|in progress|pursuing|ongoing|present|current(?:ly)?|to date|now)\b|在读|至今", re.I
)
NEIGHBOUR_PROGRESS = re.compile(r"\b(?:present|current|expected|ongoing|anticipated)\b|至今", re.I)
COMPLETED_DOCTORATE = re.compile(r"\bpost-?doc|博士后", re.I)
# A stay at another lab, not a degree: "Visiting PhD student, Example Institute (6 months)"
VISIT = re.compile(r"\bvisiting\s+(?:[\w.-]+\s+){0,2}(?:students?|researchers?|scholars?|fellows?|candidates?)\b", re.I)
FIELD = re.compile(r"\b(?:in|of)\s+([A-Z][A-Za-z&/\- ]{2,60}?)(?=\s*(?:[,;|()\[\]–—]|\s-\s|\d|$|\s(?:from|at)\s))")
INSTITUTION = re.compile(
    r"([A-Z][\w.&'’-]*(?:\s+(?:of|de|di|del|della|des|du|for|and|the|[A-Z][\w.&'’-]*))*\s+)?"
    r"\b(?:University|Universit[éäày]|Universidad|Universidade|Institute|College|School|Academy|Polytechnic|Politecnico|Polytechnique|"
    r"Polit[ée]cnica|Technion|École|Ecole|Hochschule|IIT|ETH|MIT|EPFL)\b"
    r"(?:\s+(?:of|de|di|del|della|des|du|for|and|the|at)?\s*[A-Z][\w.&'’-]*)*"
)


FIRST_PERSON_DOCTORATE = re.compile(r"\b(?:student|candidate|holds?|received|earned|completed|pursuing|doing)\b", re.I)
# What may stand before a degree that opens its entry: a year or a range of years ("2022 — now")
ENTRY_DATES = re.compile(r"^\s*(?:(?:19|20)\d\d\s*(?:[-–—]\s*(?:(?:19|20)\d\d|now|present|today))?\s*[,:|]?\s*)?", re.I)


def _degree_entry(text: str, lexicon: Lexicon) -> bool:
    """A line that opens on a degree (after its years) and names an institution: an education
    entry wherever it stands ("Ph.D., National University of Singapore Sept. 2013-May 2015")."""
    opening = ENTRY_DATES.match(text)
    start = opening.end() if opening else 0
    if COMPLETED_DOCTORATE.match(text, start):  # "Postdoc in Computer Science, Example University": a job
        return False
    return INSTITUTION.search(text) is not None and any(
        (match := pattern.search(text, start)) is not None and match.start() == start for _, pattern in lexicon.degrees
    )


# A degree's letters in parentheses after a course's name give the course's level, not a degree:
# "Neural Networks (PhD), Advanced Computer Vision (PhD), Statistics (MS)"
COURSE_LEVEL = re.compile(r"\(\s*(?:Ph\.?\s?D\.?|M\.?\s?Sc?\.?|MS|B\.?\s?Sc?\.?|BS|graduate|undergraduate)\s*\)", re.I)


def _without_course_levels(text: str) -> str:
    """The line without the levels of the courses it lists (two or more: one alone may be the
    degree written after its university, "Example University (PhD)")."""
    return COURSE_LEVEL.sub("", text) if len(COURSE_LEVEL.findall(text)) >= 2 else text


def find_education(sections: list[Section], today: date, lexicon: Lexicon) -> list[EducationEntry]:
    entries: list[EducationEntry] = []
    for section in sections:
        lines = section.lines
        for i, line in enumerate(lines):
            level = degree_level(_without_course_levels(line.text), lexicon)
            if level is None or degree_level(VISIT.sub("", line.text), lexicon) is None:
                continue  # no degree, or one named only in a visit ("Visiting PhD student, ...")
            # a section filed under experience whose heading also names education ("Education &
            # Experience") holds degrees too
            in_education = section.name == "education" or "education" in heading_sections(section.heading, lexicon)
            # Outside the education section only first-person statements count ("PhD student at
            # ...", "currently doing a PhD"), and entries that open on their degree at an
            # institution ("2022 — now Ph.D., Example University" among the jobs)
            if not in_education and not (
                (level == "doctorate" and FIRST_PERSON_DOCTORATE.search(line.text)) or _degree_entry(line.text, lexicon)
            ):
                continue
            nearby = " ".join(l.text for l in lines[max(0, i - 1) : i + 2]) if in_education else line.text
            years = [int(y) for y in YEAR.findall(line.text) or YEAR.findall(nearby)]
            progress = bool(IN_PROGRESS.search(line.text)) or (in_education and bool(years) and max(years) > today.year)
            if in_education and not progress:
                # "New York University 2018 - Present" above "PhD in Computer Science"
                neighbours = [l.text for l in lines[max(0, i - 1) : i + 2] if l is not line and degree_level(l.text, lexicon) is None]
                progress = any(NEIGHBOUR_PROGRESS.search(text) for text in neighbours)
            if level == "doctorate" and COMPLETED_DOCTORATE.search(line.text):
                progress = False
            field_match = FIELD.search(line.text)
            institution = INSTITUTION.search(line.text) or INSTITUTION.search(nearby)
            entries.append(
                EducationEntry(
                    degree_level=level,
                    in_progress=progress,
                    field=field_match.group(1).strip() if field_match else None,
                    institution=institution.group(0).strip() if institution else None,
                    year=max(years) if years else None,
                    evidence=line.text,
                    page=line.page,
                )
            )
    return _dedupe_education(entries)


def degree_level(text: str, lexicon: Lexicon) -> str | None:
    """The highest degree level the line names (the lexicon's degree forms), or None."""
    for level, pattern in _screened(lexicon.degrees):
        match = pattern.search(text)
        if match and not re.match(
            r"\s*(?:Office|Excel|Word|SQL|Access|Project|Visio|Teams|Outlook|PowerPoint|Dynamics)\b", text[match.end() :]
        ):
            return level
    return None


_SCREENED: dict[int, tuple[tuple[tuple[str, re.Pattern[str]], ...], tuple[tuple[str, Prefiltered], ...]]] = {}
MAX_SCREENED = 64  # lexicons kept (a process holds a few)


def _screened(degrees: tuple[tuple[str, re.Pattern[str]], ...]) -> tuple[tuple[str, Prefiltered], ...]:
    """The degree patterns with their openings, looked up once per lexicon rather than once per
    pattern and line (degree_level reads every line of a resume, some twice)."""
    kept = _SCREENED.get(id(degrees))
    if kept is None or kept[0] is not degrees:
        if len(_SCREENED) >= MAX_SCREENED:
            _SCREENED.clear()
        kept = _SCREENED[id(degrees)] = (degrees, tuple((level, prefiltered(pattern)) for level, pattern in degrees))
    return kept[1]


def _dedupe_education(entries: list[EducationEntry]) -> list[EducationEntry]:
    """The same degree stated in the summary and in the education section is one entry."""
    out: list[EducationEntry] = []
    for entry in entries:
        twin = next(
            (
                e
                for e in out
                if e.degree_level == entry.degree_level
                and (e.institution == entry.institution or not entry.institution or not e.institution)
            ),
            None,
        )
        if twin is None:
            out.append(entry)
        elif twin.institution is None and entry.institution:
            out[out.index(twin)] = entry
    return out


def highest_degree(entries: list[EducationEntry], completed_only: bool = False) -> str | None:
    """The highest degree level held (or, unless completed_only, being pursued)."""
    levels = [e.degree_level for e in entries if not (completed_only and e.in_progress)]
    return max(levels, key=LEVELS.__getitem__) if levels else None


# --- publications ---
