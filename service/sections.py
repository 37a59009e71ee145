"""Lines -> canonical resume sections, from heading layout and heading vocabulary."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field, replace

from service.documents import Document, Line

# Canonical section -> heading phrases (lower case, letters and spaces only).
VOCABULARY: dict[str, tuple[str, ...]] = {
    "experience": (
        "experience",
        "work experience",
        "professional experience",
        "work history",
        "employment",
        "employment history",
        "career history",
        "relevant experience",
        "industry experience",
        "research experience",
        "professional background",
        "internships",
        "internship",
        "appointments",
        "academic appointments",
        "positions",
        "positions held",
        "professional positions",
        "career",
        "experience details",
        "work",
        "research positions",
        "industry",
        "professional history",
        "selected experience",
        "technical experience",
        "teaching and research experience",
        "research",
        "consulting",
        "consulting experience",
        "professional appointments",
    ),
    "education": (
        "education",
        "academic background",
        "education and training",
        "educational background",
        "academic qualifications",
        "qualifications",
        "education details",
        "academic history",
        "academic profile",
        "degrees",
        "academic credentials",
        "educational qualifications",
        "thesis",
        "theses",
    ),
    "skills": (
        "skills",
        "technical skills",
        "core competencies",
        "competencies",
        "technologies",
        "tools",
        "technical expertise",
        "expertise",
        "programming languages",
        "languages and tools",
        "skill set",
        "skillset",
        "areas of expertise",
        "key skills",
        "computer skills",
        "technical proficiencies",
        "skill details",
        "tech stack",
        "technical stack",
        "tools and technologies",
        "technologies and tools",
        "skills and tools",
        "skills and expertise",
        "software",
        "software skills",
        "it skills",
        "core skills",
        "professional skills",
        "relevant skills",
        "highlights of skills",
        "proficiencies",
        "technical summary",
        "skills summary",
        "additional skills",
        "programming",
        "frameworks",
        "skill highlights",
        "technical highlights",
    ),
    "projects": (
        "projects",
        "personal projects",
        "selected projects",
        "academic projects",
        "side projects",
        "open source",
        "open source projects",
        "research projects",
        "key projects",
        "project details",
        "project experience",
        "open source contributions",
        "selected work",
    ),
    "publications": (
        "publications",
        "selected publications",
        "papers",
        "peer reviewed publications",
        "conference papers",
        "journal articles",
        "journal publications",
        "conference publications",
        "preprints",
        "refereed publications",
        "publications and preprints",
        "research papers",
        "working papers",
        "manuscripts",
        "selected papers",
        "refereed conference papers",
        "refereed journal papers",
        "publications and patents",
        "recent publications",
        "workshop papers",
        "book chapters",
        "articles",
        "publication",
        "selected recent publications",
        "peer reviewed papers",
    ),
    "summary": (
        "summary",
        "profile",
        "professional summary",
        "objective",
        "career objective",
        "about me",
        "about",
        "overview",
        "research interests",
        "career summary",
        "executive summary",
        "summary of qualifications",
        "professional profile",
        "personal statement",
        "research statement",
        "introduction",
        "bio",
        "highlights",
        "career overview",
        "professional overview",
        "interests",
        "research summary",
        "accomplishments",
    ),
    "certifications": (
        "certifications",
        "certificates",
        "licenses",
        "licenses and certifications",
        "certifications and licenses",
        "certification",
        "training",
        "trainings",
        "courses and certifications",
        "professional development",
    ),
    "coursework": ("coursework", "relevant coursework", "courses", "selected coursework", "relevant courses", "course work"),
    "awards": (
        "awards",
        "honors",
        "honours",
        "awards and honors",
        "awards and honours",
        "honors and awards",
        "honours and awards",
        "fellowships",
        "scholarships",
        "grants",
        "achievements",
        "fellowships and awards",
        "grants and awards",
        "awards and fellowships",
        "scholarships and awards",
        "distinctions",
    ),
    "teaching": ("teaching", "teaching experience", "mentoring", "teaching and mentoring", "supervision"),
    "service": (
        "service",
        "professional service",
        "academic service",
        "reviewing",
        "professional activities",
        "activities",
        "leadership",
        "leadership and activities",
        "volunteer",
        "volunteering",
        "volunteer experience",
        "extracurricular activities",
        "community service",
        "affiliations",
        "memberships",
        "professional affiliations",
    ),
    "talks": ("talks", "invited talks", "presentations", "talks and presentations", "conference talks"),
    "languages": ("languages", "spoken languages", "language skills", "language proficiency"),
    "other": (
        "references",
        "hobbies",
        "interests and hobbies",
        "personal details",
        "personal information",
        "additional information",
        "patents",
        "press",
        "media",
        "contact",
        "contact information",
        "links",
        "miscellaneous",
        "misc",
        "other",
    ),
}
PHRASES = {phrase: name for name, phrases in VOCABULARY.items() for phrase in phrases}
MAX_HEADING_WORDS = 6
# "Skills: Python, SQL" starts a skills section and keeps its content.
INLINE = re.compile(r"^(?P<head>[A-Za-z][A-Za-z &/]{2,40}?)\s*[:|\-–—]\s+(?P<rest>\S.*)$")


@dataclass
class Section:
    """A run of lines under one heading."""

    name: str  # canonical: experience, education, skills, ..., header (before any heading), other
    heading: str
    lines: list[Line] = field(default_factory=list)


def _normal(text: str) -> str:
    text = text.lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z ]+", " ", text).split())


# A heading that joins two sections ("Achievements and Publications") is filed under the more
# specific one: papers and jobs matter more to the roles than awards or activities.
PRIORITY = ("publications", "experience", "education", "projects", "skills", "teaching", "talks")
# A line naming a job ("Software Engineer (April 2021)") is an entry, not a heading, even where
# one of its words is a heading word.
JOB_NOUNS = frozenset(
    "engineer engineers scientist scientists developer analyst manager intern internship researcher architect consultant "
    "assistant associate fellow lead director administrator specialist officer".split()
)
PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def _canonical(text: str) -> str | None:
    if re.search(r"[:|]\s*\S", text):  # "Languages: Python, Go" is a labelled line, not a heading
        return None
    # "Selected Publications (Full List at Google Scholar)", "Publications (2020-2024)"
    phrase = _normal(PARENTHESES.sub(" ", text))
    if not phrase or len(phrase.split()) > MAX_HEADING_WORDS:
        return None
    if phrase in PHRASES:
        return PHRASES[phrase]
    words = phrase.split()
    if JOB_NOUNS.intersection(words):
        return None
    # "Professional Experience and Internships", "Invited and Contributed Talks"
    found = {
        PHRASES[candidate]
        for size in range(min(len(words), 4), 0, -1)
        for candidate in (" ".join(words[:size]), " ".join(words[-size:]))
        if candidate in PHRASES and (len(words) - size <= 2 or candidate == words[-1])
    }
    return min(found, key=lambda name: (PRIORITY.index(name) if name in PRIORITY else len(PRIORITY), name)) if found else None


def _looks_like_heading(line: Line, body_size: float) -> bool:
    """Layout says heading: its own short line, larger, bold, capitals or marked as one."""
    text = line.text.strip()
    if len(text) > 60 or text.endswith((".", ",")):
        return False
    if text[:1].islower() and not line.heading:  # "achievements:" wrapped from "Key achievements:"
        return False
    letters = [ch for ch in text if ch.isalpha()]
    capitals = bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)
    larger = body_size > 0 and line.size >= body_size * 1.12
    words = PARENTHESES.sub(" ", text).split()  # "Selected Publications (Full List at Google Scholar)"
    title_case = all(word[:1].isupper() or not word[:1].isalpha() or word in {"and", "of", "&"} for word in words)
    return line.heading or larger or line.bold or capitals or text.endswith(":") or (title_case and len(words) <= 4)


GLUED_HEADING = re.compile(r"^(?P<body>.*[a-z0-9.)!?])(?P<head>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z&]+){0,3})\s*$")
MAX_CAPS_PREFIX = 4


def _unglue(line: Line) -> list[Line]:
    """Split headings that text extraction glued to their neighbours: "...proactively.Education
    Details" (a heading run into the previous sentence) and "TECHNICAL SKILLS SQL, Oracle" (a
    capitalised heading run into its first item)."""
    glued = GLUED_HEADING.match(line.text)
    if glued and _normal(glued["head"]) in PHRASES and " " not in glued["body"][-1:]:
        return [replace(line, text=glued["body"]), replace(line, text=glued["head"], heading=True)]
    words = line.text.split()
    for size in range(min(MAX_CAPS_PREFIX, len(words) - 1), 0, -1):
        head = " ".join(words[:size])
        if head.isupper() and len(head) >= 4 and _normal(head) in PHRASES:
            return [replace(line, text=head, heading=True), replace(line, text=" ".join(words[size:]))]
    return [line]


# Templates with a margin column (moderncv's classic style) put each heading left of the body,
# on the same line as its first entry: "Education   University of X, 2017 - present". A line
# that starts this far left of where most lines start begins in such a column.
MARGIN_COLUMN_GAP = 40.0  # points
MAX_MARGIN_HEADING_WORDS = 3


def _body_x0(lines: tuple[Line, ...]) -> float | None:
    """Where most lines start (points from the left edge); None where the format has no positions."""
    starts = [round(line.x0 / 4) * 4 for line in lines if line.x0 > 0]
    return statistics.mode(starts) if len(starts) >= 10 else None


def _margin_heading(line: Line, body_x0: float | None) -> list[Line]:
    """Split a heading standing in a margin column from the entry beside it."""
    if body_x0 is None or line.x0 > body_x0 - MARGIN_COLUMN_GAP:
        return [line]
    words = line.text.split()
    for size in range(min(MAX_MARGIN_HEADING_WORDS, len(words) - 1), 0, -1):
        head = " ".join(words[:size])
        if all(word[:1].isupper() or word in ("and", "&", "of") for word in words[:size]) and _normal(head) in PHRASES:
            return [replace(line, text=head, heading=True), replace(line, text=" ".join(words[size:]), x0=body_x0)]
    return [line]


def split_sections(document: Document) -> list[Section]:
    """Put every line of the document in a canonical section, in document order."""
    sizes = [line.size for line in document.lines if line.size]
    body_size = statistics.median(sizes) if sizes else 0.0
    body_x0 = _body_x0(document.lines)
    sections = [Section("header", "")]
    pieces = (part for whole in document.lines for piece in _unglue(whole) for part in _margin_heading(piece, body_x0))
    for line in pieces:
        name = _canonical(line.text.rstrip(":")) if _looks_like_heading(line, body_size) else None
        if name:
            sections.append(Section(name, line.text))
            continue
        inline = INLINE.match(line.text)
        inline_name = _canonical(inline["head"]) if inline else None
        if inline_name and inline_name != sections[-1].name and _is_section_start(inline["head"]):
            sections.append(Section(inline_name, inline["head"]))
        sections[-1].lines.append(line)
    return [section for section in sections if section.lines or section.name != "header"]


def _is_section_start(head: str) -> bool:
    """An inline label opens a section only when it is a whole heading phrase ("Skills:",
    "Education Details -"), not a category inside one ("Languages: Python")."""
    phrase = _normal(head)
    return (
        phrase in PHRASES
        and PHRASES[phrase] in {"skills", "education", "experience", "publications", "summary", "projects"}
        and phrase not in {"programming", "frameworks", "tools", "software", "programming languages", "languages"}
    )
