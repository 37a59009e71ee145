"""Where a skill's name stands on its line without naming a skill of the candidate, read from
the line's shape with the lexicon: inside a date or term ("Spring 2018"), a link ("GitHub:
handle"), a venue's name ("Symposium on Cloud Computing", "In: SPIE Proceedings"), an
organisation's, team's or place's name in an entry's heading ("Research Scientist @ Snowflake",
"Computer Vision Lab", "Applied Scientist | Microsoft Azure Speech"), or a person's name ("Prof.
Ada Smith", "R Hebbar"), an organisation's or event's name anywhere ("Machine Learning Society",
"Sponsors: Google Cloud, Databricks", "the ... (REAL) team", "Canva's payments platform"), a
longer name ("Meta Quest"), a position ("SQL Developer  Chennai"), or words that give the name
another sense ("table statistics", "Spark optimization"); and lines that name a thing (a paper, a
talk, a course, an award), where only fields of research count. The matcher (service/matching.py) finds the names; this module judges
them from plain text and the lexicon, the same for resumes and postings."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from skill_taxonomy.lexicon import Lexicon
from skill_taxonomy.prefilter import branches
from skill_taxonomy.taxonomy import Taxonomy

# Sections whose lines are lists of skills (a resume's skills, a posting's requirements): a name
# there is meant as the skill.
LIST_SECTIONS = {"skills", "languages", "requirements", "preferred", "responsibilities"}
# Sections whose lines name things (papers, talks, awards, courses taught or taken): a field of
# research named there is the candidate's, a tool's name is the thing's.
TITLE_SECTIONS = {"publications", "talks", "awards", "coursework", "teaching"}
# Sections whose entries open with a heading naming a position and an organisation (a header that
# runs on into jobs holds their headings too).
ENTRY_SECTIONS = {"experience", "education", "teaching", "service", "awards", "talks", "header"}
JOB_SECTIONS = {"experience", "header"}  # where a heading that names no position opens with the employer
MAX_HEADING_WORDS = 16
MAX_HEADING_PARTS = 4  # "Facebook, Integrity AI NLP Seattle, May 2018 - January 2020"; more are a list
MIN_CAPITALISED = 0.75  # share of a heading's words (small words aside) written with a capital
SMALL_WORDS = {"a", "an", "the", "of", "for", "and", "in", "on", "at", "to", "with", "by", "from", "&", "de", "la"}
PREPOSITIONS = {"on", "with", "using", "via", "to", "and", "in", "from", "through", "into", "or"}
# What separates a heading's parts: "Research Scientist @ Snowflake", "Data Scientist, Sberbank | NLP Team"
SEPARATOR = re.compile(r"\s*(?:[,|•·;:()\[\]]|\s[-–—]\s|[–—]|@|\bat\b)\s*")
WORDS = re.compile(r"[^\W\d_][\w'’.+-]*")
YEAR = re.compile(r"\b(?:19|20)\d\d\b|(?<!\w)['’]\d\d\b")  # "2018", "Summer '17"
# "Scale AI  2021", "Microsoft Azure Speech Nov 2018-present", "NodeIn Robotics Summer '17 and '18"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Spring|Summer|Fall|Autumn|Winter)[a-z]*\.?"
_WHEN = rf"(?:{_MONTH}\s+|\d{{1,2}}/)?(?:(?:19|20)\d\d|['’]\d\d)"
TRAILING_DATE = re.compile(rf"(?:\s+{_WHEN}(?:\s*(?:[-–—]|to|and)\s*(?:{_WHEN}|[Pp]resent|[Nn]ow|[Cc]urrent|[Tt]oday))?)+\s*$")
# "Ant Design", "Cold Spring Harbor", "Ada Lovelace": a capitalised word right after a name;
# "for Meta Quest": one right before it, after an article or a preposition of place or purpose
# (not in "Airflow Singer Flask", "we use Jest Cypress", "the use of Gerrit Jenkins").
NEXT_NAME = re.compile(r"^\s([A-Z][a-z]{2,})\b")
PREVIOUS_NAME = re.compile(r"\b(?:a|an|the|our|their|its|his|her|for|on|at|to|from|into|onto)\s([A-Z][a-z]{2,})\s$")
# "R Hebbar, R Lahiri": a one-letter name before a surname is an author's initial.
INITIAL = re.compile(r"^\s+[A-Z][a-z]{2,}(?:\s*,|\s+and\b|\s*$|\s+[A-Z]\.?\s)")
# "Bosma, ML, Smith, SR": in a list of authors, capitals after a surname and a comma are initials.
SURNAME_BEFORE = re.compile(r"\b[A-Z][a-z'’-]+,\s*$")
INITIALS = re.compile(r"^[A-Z]{1,3}$")
AFTER_INITIALS = re.compile(r"^\s*(?:[,.;]|and\b|&|$)")
NEXT_AUTHOR = re.compile(r"^\s*,\s*[A-Z][a-z'’-]+,\s*[A-Z]{1,3}\b")  # "ML, Buch, RM" where the list wraps
EMAIL_OR_PHONE = re.compile(r"[\w.+-]+@[\w-]+\.\w|\+\d{1,3}[\s-]?\(?\d|\(\d{3}\)\s?\d{3}|\b\d{3}[-. ]\d{3}[-. ]\d{4}\b")
MAX_ACRONYM = 6  # letters of an acronym that the words before it may spell out


USED_SECTIONS = {"experience", "projects", "publications"}
WEAK_SECTIONS = {"coursework"}
CLAUSE_START = re.compile(r"[.;!?•]|\n|\s[-–]\s")
# Cues read in the clause before a name; a list after the cue shares it ("no Java or Scala").
NEGATED = re.compile(
    r"\b(?:no|not|never|without|lacks?|lacking)\s+(?:(?:prior|any|real|professional|hands-on|much|direct|formal)\s+)?"
    r"(?:(?:experience|exposure|knowledge|background|familiarity|skills?|used|worked)\s+)?(?:(?:with|in|of|to|using)\s+)?"
    r"(?:[\w.+#-]+\s*(?:,|/|\bor\b|\band\b)\s*){0,4}$",
    re.I,
)
WEAK = re.compile(
    r"\b(?:familiar(?:ity)?\s+with|exposure\s+to|exposed\s+to|basic\s+(?:knowledge|understanding|skills)|beginner|"
    r"(?:currently\s+)?learning|coursework|courses?\s+(?:in|on)|introductory|some\s+knowledge|working\s+knowledge|"
    r"academic\s+knowledge|interested\s+in)\b",
    re.I,
)
MAX_CUE_DISTANCE = 80  # characters between a cue and the name it qualifies
# A line's label or words that name what is still to be learnt ("2026 roadmap: ...", "planning to
# learn Rust"): plans, not skills held.
PLANNED = re.compile(
    r"\b(?:(?:19|20)\d\d|learning|skills?|upskilling|personal)\s+roadmap\b|\broadmap\s*:|"
    r"\b(?:plan(?:s|ning)?|aim(?:s|ing)?|hop(?:e|es|ing))\s+to\s+learn\b|\b(?:learning|to\s+learn)\s+next\b",
    re.I,
)


def mention_context(before: str, section: str, on_line: str = "") -> str | None:
    """How a mention counts: None when negated or planned (`on_line`: the line's text before the
    name), else used, listed or weak."""
    clause = CLAUSE_START.split(before[-300:])[-1]
    near = clause[-MAX_CUE_DISTANCE:]
    if NEGATED.search(near) or PLANNED.search(on_line):
        return None
    if section in WEAK_SECTIONS or WEAK.search(near):
        return "weak"
    return "used" if section in USED_SECTIONS else "listed"


@dataclass(frozen=True)
class Found:
    """A name found on a line: its skill and where it stands (in the line, and in the text the
    line belongs to)."""

    skill_id: str
    start: int
    end: int
    char: int = 0
    ambiguous: bool = False  # a name that is also a word or a name of something else ("Spring", "Ant")


def skills_in_context(section: str, lines: Sequence[str], index: int, found: list[Found], taxonomy: Taxonomy) -> list[Found]:
    """The names found on line `index` of a section (its lines' texts) that name skills of the
    candidate."""
    text, lexicon = lines[index], taxonomy.lexicon
    # the lexicon's long alternations: each branch is searched only where the words it needs stand
    blocked = [span for pattern in (lexicon.dates, lexicon.links) for span in branches(pattern).spans(text)]
    titled = job_titles = False
    if section not in LIST_SECTIONS:
        tools = _tool_list(text, _segments(text), found)
        job_titles = not tools
        venues = branches(lexicon.venues).spans(text)
        named = [span for pattern in (lexicon.organisation_names, lexicon.organisation_lists) for span in branches(pattern).spans(text)]
        blocked += venues + named + _organisations(section, lines, index, found, lexicon)
        titled = section in TITLE_SECTIONS or bool(venues) or bool(lexicon.course_labels.search(text))
        titled = titled and not tools  # "Course project: AWS EC2, Django, MySQL"
    links = _link_labels(section, text, found, lexicon)
    return [
        item
        for item in found
        if not any(a < item.end and item.start < b for a, b in blocked)
        and not (titled and not taxonomy.is_field(item.skill_id))
        and not _names_a_person(text, item, lexicon, section in TITLE_SECTIONS)
        and not (taxonomy.is_technology(item.skill_id) and _inside_a_name(text, item, found))
        and not _defined_acronym(text, item, found)
        and not (links and text[item.start : item.end].lower() in lexicon.link_sites)
        and not _other_sense(text, item, lexicon)
        and not (job_titles and _reads_as_a_job(text, item, found, taxonomy))
    ]


def _segments(text: str) -> list[tuple[int, int, str]]:
    """A heading's parts, each with the separator before it."""
    pieces, last, separator = [], 0, ""
    for match in SEPARATOR.finditer(text):
        if match.start() > last:
            pieces.append((last, match.start(), separator))
        last, separator = match.end(), match.group().strip()
    if last < len(text):
        pieces.append((last, len(text), separator))
    return pieces


def _capitalised(text: str, share: float = MIN_CAPITALISED) -> bool:
    words = [word for word in WORDS.findall(text) if word.lower() not in SMALL_WORDS]
    return bool(words) and sum(word[0].isupper() for word in words) >= share * len(words)


def _tool_list(text: str, pieces: list[tuple[int, int, str]], found: list[Found]) -> bool:
    """ "Python | XGBoost | Streamlit": two parts or more that are each a skill's name."""
    return _whole_names(text, pieces, found) >= 2


def _whole_names(text: str, pieces: list[tuple[int, int, str]], found: list[Found]) -> int:
    """How many parts are each a skill's name."""
    return sum(any(item.start <= a + 1 and item.end >= len(text[:b].rstrip()) - 1 for item in found) for a, b, _ in pieces)


def _organisations(section: str, lines: Sequence[str], index: int, found: list[Found], lexicon: Lexicon) -> list[tuple[int, int]]:
    """Where an entry's heading names an organisation: the part after "@" or "at" a position
    ("Research Scientist @ Snowflake"), a part named as one ("Snowflake AI Research", "Computer
    Vision Lab", "NLP Team"), or, in a job's heading that names no position, its first part
    ("Hugging Face, Philadelphia, PA  Jun 2023 - Jul 2024"). An entry's heading names a position
    or stands by a date."""
    text = lines[index]
    if section not in ENTRY_SECTIONS or len(text.split()) > MAX_HEADING_WORDS or text.rstrip().endswith(".") or not _capitalised(text):
        return []
    pieces = _segments(text)
    whole = _whole_names(text, pieces, found)
    if whole >= 2:  # a list of tools
        return []
    # a short heading no part of which is only a tool's name: its parts name a position, an
    # organisation, a team, a place or a date
    plain_heading = whole == 0 and len(pieces) <= MAX_HEADING_PARTS
    dated_here = bool(TRAILING_DATE.search(text))  # a heading's dates close it
    held = [bool(lexicon.position_words.intersection(word.lower() for word in WORDS.findall(text[a:b]))) for a, b, _ in pieces]
    dated = any(YEAR.search(line) for line in lines[max(0, index - 1) : index + 2])
    if not (dated or any(held)):
        return []  # not an entry's heading: "Agile Software Development Banking IT Consulting"
    # a header's line is a job's heading only with its dates on it
    employer_first = section in JOB_SECTIONS and not any(held) and (section == "experience" or dated_here)
    out = []
    for number, (a, b, separator) in enumerate(pieces):
        part = TRAILING_DATE.sub("", text[a:b]).strip()  # "Scale AI  2021": the name before the date
        if held[number] or not _capitalised(part, 1.0):
            continue
        # "Research Scientist @ Snowflake"; in a job's heading "Applied Scientist | Microsoft Azure
        # Speech", not a specialty of skills' names ("Software Engineer, Machine Learning"); after the
        # employer that opens a heading, its team or place ("Facebook, Integrity AI NLP Seattle")
        named = (
            plain_heading
            and dated_here
            and section in JOB_SECTIONS
            and separator in ("|", ",")
            and not _all_names(text, a, a + len(part), found, small_words=False)  # "Computer Vision and Robotics"
        )
        after_position = any(held[:number]) and (separator in ("@", "at") or named)
        if after_position or (employer_first and (number == 0 or named)):
            out.append((a, b))
        elif lexicon.organisations.search(part) and not _all_names(text, a, b, found):
            out.append((a, b))  # "Scale AI", "NLP Team"; not a specialty of skills' names ("Generative AI")
    return out


def _all_names(text: str, a: int, b: int, found: list[Found], small_words: bool = True) -> bool:
    """Whether every word of text[a:b] (small words aside, unless `small_words`) stands inside a
    name found on the line."""
    words = [m.span() for m in WORDS.finditer(text, a, b) if small_words or m.group().lower() not in SMALL_WORDS]
    return bool(words) and all(any(item.start <= start and end <= item.end for item in found) for start, end in words)


def _link_labels(section: str, text: str, found: list[Found], lexicon: Lexicon) -> bool:
    """Whether the sites a line names are links to the candidate's pages: a contact line (an
    e-mail, a phone number, a link, two sites or more), a site's name alone on a line, or one
    that closes a title ("Sales Data Pipeline GitHub")."""
    if not any(text[item.start : item.end].lower() in lexicon.link_sites for item in found):
        return False
    sites = sum(1 for site in lexicon.link_sites if re.search(rf"\b{re.escape(site)}\b", text, re.I))
    if EMAIL_OR_PHONE.search(text) or lexicon.links.search(text) or sites >= 2:
        return True
    if section in LIST_SECTIONS:
        return False
    words = text.split()
    closing = len(words) > 2 and _capitalised(text) and words[-2].lower() not in PREPOSITIONS and not words[-2].endswith(",")
    return len(words) == 1 or (closing and words[-1].lower() in lexicon.link_sites)


def _names_a_person(text: str, item: Found, lexicon: Lexicon, authors: bool) -> bool:
    """ "Prof. Ada Smith", "Advisor: Julia Roe", "R Hebbar, R Lahiri", and where a line may list
    authors (a paper's, a talk's) "Bosma, ML, Smith, SR": a name that is a person's."""
    if lexicon.person_titles.search(text[max(0, item.start - 40) : item.start]):
        return True
    if authors and INITIALS.match(text[item.start : item.end]):
        after = text[item.end :]
        if (SURNAME_BEFORE.search(text[: item.start]) and AFTER_INITIALS.match(after)) or NEXT_AUTHOR.match(after):
            return True
    return item.end - item.start == 1 and text[item.start].isupper() and bool(INITIAL.match(text[item.end :]))


def _inside_a_name(text: str, item: Found, found: list[Found]) -> bool:
    """ "with React and Ant Design", "at Cold Spring Harbor", "with Ada Lovelace", "for Meta Quest":
    in a sentence (a line not all in capitals), a capitalised name that needs context followed, or
    preceded inside the sentence, by a capitalised word (no skill's) is part of a longer name."""
    if not item.ambiguous or not text[item.start : item.end].istitle() or _capitalised(text, 1.0):
        return False
    following = NEXT_NAME.match(text[item.end :])
    if following and following.group(1).lower() not in SMALL_WORDS and not any(other.start == item.end + 1 for other in found):
        return True
    previous = PREVIOUS_NAME.search(text[: item.start])
    if previous is None or previous.group(1).lower() in SMALL_WORDS:
        return False
    return not any(other.start < item.start and other.end >= previous.start(1) for other in found)  # no skill's name


def _reads_as_a_job(text: str, item: Found, found: list[Found], taxonomy: Taxonomy) -> bool:
    """ "SQL Developer Chennai": a tool's name of several words that ends in a job noun names a
    position, where the line names no other tool and no list's comma or colon stands before it
    ("Tools: Toad, SQL Developer")."""
    words = text[item.start : item.end].split()
    if len(words) < 2 or not taxonomy.is_technology(item.skill_id) or not taxonomy.lexicon.names_a_job(words[-1]):
        return False
    if text[: item.start].rstrip().endswith((",", ":", ";", "|", "/")):
        return False
    return not any(other is not item and taxonomy.is_technology(other.skill_id) for other in found)


def _defined_acronym(text: str, item: Found, found: list[Found]) -> bool:
    """ "Electronic Medical Records (EMR)": an acronym the words before it spell out names those
    words, not the skill of the same letters (unless the words are that skill's name too)."""
    name = text[item.start : item.end]
    before = text[: item.start].rstrip()
    if not (name.isalpha() and name.isupper() and 2 <= len(name) <= MAX_ACRONYM and before.endswith("(")):
        return False
    words = [word for word in WORDS.findall(before[:-1]) if word.lower() not in SMALL_WORDS][-len(name) :]
    spelt = "".join(word[0] for word in words).upper() == name
    return spelt and not any(other.skill_id == item.skill_id and other.end <= item.start for other in found)


def _other_sense(text: str, item: Found, lexicon: Lexicon) -> bool:
    """ "table statistics", "Spark optimization", "time series data", "CNNs, MLPs, Transformers":
    words beside the name that give it another sense than the skill's (the lexicon's
    `other_senses`)."""
    pattern = lexicon.other_senses.get(item.skill_id)
    return pattern is not None and any(m.start() <= item.start and item.end <= m.end() for m in pattern.finditer(text))
