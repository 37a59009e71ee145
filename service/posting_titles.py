"""A posting's job title: its first line when that names a job, else the title its text offers
("We are seeking a Research Engineer"), and the title a posting's role asks for."""

from __future__ import annotations

import functools
import re

from service.documents import Document
from service.titles import qualified_titles
from skill_taxonomy import Taxonomy
from skill_taxonomy.lexicon import Lexicon

MAX_TITLE_WORDS = 12  # a first line longer than this is a sentence, not a title


def first_line_title(document: Document, lexicon: Lexicon) -> str | None:
    """The posting's first line when it is short and names a job."""
    lines = document.lines
    return lines[0].text if lines and len(lines[0].text.split()) <= MAX_TITLE_WORDS and lexicon.names_a_job(lines[0].text) else None


def stated_title(document: Document, taxonomy: Taxonomy) -> str | None:
    """For a posting whose first line names no job, the title of one of the taxonomy's roles that
    its text offers: the first after a cue ("We are seeking a Research Engineer"), else the first
    a sentence opens on ("As a Data Scientist, you will"); as the text writes it, and one job, not
    colleagues ("The team includes Research Scientists")."""
    lexicon = taxonomy.lexicon
    titles = tuple(sorted({title for role in taxonomy.roles.values() for title in role.titles}))
    # a sentence that opens on a title in the plural speaks of colleagues ("The Research Scientists
    # on the team"), a cue before one offers several jobs ("hiring Data Scientists")
    for cues, plural in ((lexicon.posting_title_cues, True), (lexicon.posting_title_openers, False)):
        pattern = _stated_title_pattern(titles, lexicon.seniority, cues, plural)
        for line in document.lines:
            for match in pattern.finditer(line.text):
                # a job ("Data Engineer", "PhD Student", "DBA"), not a field or a team ("The data science team")
                last = match["title"].split()[-1]
                if last.lower() in lexicon.position_words or last.isupper():
                    return match["title"]
    return None


@functools.lru_cache(maxsize=16)
def _stated_title_pattern(titles: tuple[str, ...], seniority: str, cues: str, plural: bool) -> re.Pattern[str]:
    # up to three words between the cue and the title: "seeking a highly motivated Research Engineer"
    return re.compile(rf"(?:{cues})\s+(?:[\w/&,-]+\s+){{0,3}}?(?P<title>{qualified_titles(titles, seniority, plural)})", re.I)


def titles_from(title: str | None, lexicon: Lexicon) -> tuple[str, ...]:
    """ "Senior Machine Learning Engineer (NLP)" -> ("machine learning engineer",)."""
    if not title:
        return ()
    core = re.split(r"\s[-–—|(@,]\s*|\s+at\s+", title)[0].strip()
    core = re.sub(rf"^(?:(?:{lexicon.seniority})\s+)+", "", core, flags=re.I).strip()
    return (core.lower(),) if lexicon.names_a_job(core) else ()
