"""Lines -> canonical resume sections, from heading layout and heading vocabulary."""

from __future__ import annotations

import re
import statistics
import string
from dataclasses import dataclass, field, replace

from service.documents import Document, Line
from skill_taxonomy.lexicon import Lexicon, builtin_lexicon

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
    """Lower case, letters (of any script) and single spaces: "Education & Training:" -> "education and training"."""
    text = text.lower().replace("&", " and ")
    return " ".join(re.sub(r"[\W\d_]+", " ", text).split())


# A heading that joins two sections ("Achievements and Publications") is filed under the more
# specific one: papers and jobs matter more to the roles than awards or activities.
PRIORITY = ("publications", "experience", "education", "projects", "skills", "teaching", "talks")
PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def _canonical(text: str, lexicon: Lexicon) -> str | None:
    """The canonical section a heading names (the lexicon's resume headings), or None; of two
    joined ("Education & Experience"), the first in PRIORITY."""
    found = heading_sections(text, lexicon)
    return min(found, key=lambda name: (PRIORITY.index(name) if name in PRIORITY else len(PRIORITY), name)) if found else None


def labelled(text: str, lexicon: Lexicon) -> bool:
    """A line that opens on a heading's words as a label ("Service: reviewer for NeurIPS",
    "Software: github.com/...")."""
    inline = INLINE.match(text)
    return inline is not None and _normal(inline["head"]) in lexicon.resume_headings


def heading_sections(text: str, lexicon: Lexicon) -> set[str]:
    """Every canonical section a heading names: one, or two it joins ("Education & Experience")."""
    phrases = lexicon.resume_headings
    if re.search(r"[:|]\s*\S", text):  # "Languages: Python, Go" is a labelled line, not a heading
        return set()
    # "Selected Publications (Full List at Google Scholar)", "Publications (2020-2024)"
    phrase = _normal(PARENTHESES.sub(" ", text))
    if not phrase or len(phrase.split()) > MAX_HEADING_WORDS:
        return set()
    if phrase in phrases:
        return {phrases[phrase]}
    words = phrase.split()
    if lexicon.job_nouns.intersection(words):  # "Software Engineer (April 2021)" is an entry
        return set()
    # "Professional Experience and Internships", "Invited and Contributed Talks"
    found = {
        phrases[candidate]
        for size in range(min(len(words), 4), 0, -1)
        for candidate in (" ".join(words[:size]), " ".join(words[-size:]))
        if candidate in phrases and (len(words) - size <= 2 or candidate == words[-1])
    }
    # a section's own name joined to more words: "Experience & Research Contributions"
    if not found and len(words) > 2 and words[1] == "and" and phrases.get(words[0]) == words[0]:
        found.add(words[0])
    return found


UNCASED_HEADING_LETTERS = 8


def _looks_like_heading(line: Line, body_size: float) -> bool:
    """Layout says heading: its own short line, larger, bold, capitals or marked as one."""
    text = line.text.strip()
    if len(text) > 60 or text.endswith((".", ",")):
        return False
    if text[:1].islower() and not line.heading:  # "achievements:" wrapped from "Key achievements:"
        return False
    letters = [ch for ch in text if ch.isalpha()]
    cased = [ch for ch in letters if ch.isupper() or ch.islower()]
    # a script without case (Chinese, Japanese) writes a heading as a short line alone
    capitals = sum(ch.isupper() for ch in cased) >= 0.8 * len(cased) if cased else 0 < len(letters) <= UNCASED_HEADING_LETTERS
    larger = body_size > 0 and line.size >= body_size * 1.12
    words = PARENTHESES.sub(" ", text).split()  # "Selected Publications (Full List at Google Scholar)"
    title_case = all(word[:1].isupper() or not word[:1].isalpha() or word in {"and", "of", "&"} for word in words)
    return line.heading or larger or line.bold or capitals or text.endswith(":") or (title_case and len(words) <= 4)


GLUED_HEADING = re.compile(r"^(?P<body>.*[a-z0-9.)!?])(?P<head>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z&]+){0,3})\s*$")
HEADING_ENDS = frozenset(string.ascii_letters + "&")  # the last character a GLUED_HEADING can end on
MAX_CAPS_PREFIX = 4


def _unglue(line: Line, phrases: dict[str, str], job_nouns: frozenset[str]) -> list[Line]:
    """Split headings that text extraction glued to their neighbours: "...proactively.Education
    Details" (a heading run into the previous sentence) and "TECHNICAL SKILLS SQL, Oracle" (a
    capitalised heading run into its first item)."""
    words = line.text.split()
    # a heading glued to the line ends it, in letters: its last word opens on a capital, so the
    # line's last token holds one (most lines end on a lowercase word and need no pattern)
    if words and words[-1][-1] in HEADING_ENDS and words[-1].lower() != words[-1]:
        glued = GLUED_HEADING.match(line.text)
        if glued and _normal(glued["head"]) in phrases and " " not in glued["body"][-1:]:
            return [replace(line, text=glued["body"]), replace(line, text=glued["head"], heading=True)]
    # a heading in capitals has a word of capitals among its first (`str.isupper` of the words
    # joined holds for one of them): most lines have none and are no heading
    if not any(word.isupper() for word in words[:MAX_CAPS_PREFIX]):
        return [line]
    for size in range(min(MAX_CAPS_PREFIX, len(words) - 1), 0, -1):
        head = " ".join(words[:size])
        joined = words[size].lower() in {"&", "and"}  # "EDUCATION & EXPERIENCE" is one heading naming two
        # "RESEARCH SCIENTIST | ACME", "SOFTWARE ENGINEER, ML": a job title in capitals
        titled = words[size].lower().strip(",;:|") in job_nouns
        if head.isupper() and len(head) >= 4 and _normal(head) in phrases and not joined and not titled:
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


def _margin_heading(line: Line, body_x0: float | None, phrases: dict[str, str]) -> list[Line]:
    """Split a heading standing in a margin column from the entry beside it."""
    if body_x0 is None or line.x0 > body_x0 - MARGIN_COLUMN_GAP:
        return [line]
    words = line.text.split()
    for size in range(min(MAX_MARGIN_HEADING_WORDS, len(words) - 1), 0, -1):
        head = " ".join(words[:size])
        # capitalised as a heading is, in title case or sentence case ("Selected publications")
        if words[0][:1].isupper() and _normal(head) in phrases:
            return [replace(line, text=head, heading=True), replace(line, text=" ".join(words[size:]), x0=body_x0)]
    return [line]


# A rule drawn in text after a heading on its line: "EDUCATION_____________", "Skills ======"
TRAILING_RULE = re.compile(r"(?<=\S)\s*(?:[_=]{4,}|[-–—]{6,})\s*$")
RULE_ENDS = ("_", "=", "-", "–", "—")  # the last of a line's characters but spaces, where a rule ends it


def _without_rule(line: Line) -> Line:
    """The line without a rule drawn after its words (a heading underlined to the margin), for
    reading it as a heading; lines that stay lines keep their text."""
    if not line.text.rstrip().endswith(RULE_ENDS):
        return line  # no rule ends it: the expression would scan the whole line for nothing
    bare = TRAILING_RULE.sub("", line.text)
    return line if bare == line.text else replace(line, text=bare)


def split_sections(document: Document, lexicon: Lexicon | None = None) -> list[Section]:
    """Put every line of the document in a canonical section, in document order (headings from
    the lexicon: the taxonomy's, else the built-in one)."""
    lexicon = lexicon or builtin_lexicon()
    phrases = lexicon.resume_headings
    sizes = [line.size for line in document.lines if line.size]
    body_size = statistics.median(sizes) if sizes else 0.0
    body_x0 = _body_x0(document.lines)
    sections = [Section("header", "")]
    pieces = (
        part
        for whole in document.lines
        for piece in _unglue(whole, phrases, lexicon.job_nouns)
        for part in _margin_heading(piece, body_x0, phrases)
    )
    for line in pieces:
        bare = _without_rule(line)
        name = _canonical(bare.text.rstrip(":"), lexicon) if _looks_like_heading(bare, body_size) else None
        if name:
            sections.append(Section(name, bare.text))
            continue
        inline = INLINE.match(line.text)
        inline_name = _canonical(inline["head"], lexicon) if inline else None
        if inline and inline_name and inline_name != sections[-1].name and _is_section_start(inline["head"], phrases):
            sections.append(Section(inline_name, inline["head"]))
        sections[-1].lines.append(line)
    return [section for section in sections if section.lines or section.name != "header"]


def _is_section_start(head: str, phrases: dict[str, str]) -> bool:
    """An inline label opens a section only when it is a whole heading phrase ("Skills:",
    "Education Details -"), not a category inside one ("Languages: Python")."""
    phrase = _normal(head)
    return (
        phrase in phrases
        and phrases[phrase] in {"skills", "education", "experience", "publications", "summary", "projects"}
        and phrase not in {"programming", "frameworks", "tools", "software", "programming languages", "languages"}
    )
