"""The candidate's name: the leading run of name words on a line at the top of the resume, with
contact details, headlines and degrees cut away; the largest type, or the contact addresses,
decide between lines."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, replace

from spacy.language import Language

from service.documents import Line
from service.sections import Section
from service.signals.base import fold
from service.signals.name_words import (
    HONORIFICS,
    NOT_NAME_ENDINGS,
    PARTICLES,
    SUFFIXES,
    common_word,
    name_word,
    stop_words,
)
from skill_taxonomy.lexicon import builtin_lexicon

TOP_LINES = 8  # lines of the header where the name may stand
LABELLED_LINES = 40  # lines of the document searched for "Name: Jane Roe"
SIZE_STEP = 0.5  # points: type sizes closer than this are one size
MAX_NAME_WORDS = 4  # given names and surnames, particles and initials aside
MAX_RUN_TOKENS = 6
LOWER_CASE_LINES = 2  # an all-lower-case name ("jane roe" in a DOCX) only as the first lines

# LaTeX sets an accent apart from its letter ("JOSE´ ROE", "M¨uller"): the accent is dropped. (A)
DETACHED_ACCENTS = re.compile("[\u00b4\u00a8\u02dc\u02c6\u0060\u02d8\u02d9\u02da\u02db\u02dd\u00b8\u02c7\u00af]")
# Characters that never stand in a name and separate it from what shares its line. (A)
SEPARATORS = re.compile(r"[|·•⋄◇◆▪∙;,]|:(?!//)|\s[–—-]+\s|\s@\s")
# Contact details sharing the name's line: e-mail, web address, profile path, phone number. (A)
EMAIL_OR_URL = re.compile(r"@|://|^www\.|/|[a-z0-9]\.[a-z]{2,}(?:/|$)", re.I)
PHONE = re.compile(r"\d.*\d.*\d|^\+\d|^\(\+?\d")
CONTACT_LABELS = frozenset(
    "linkedin github gitlab email e-mail mailto phone mobile tel telephone cell website homepage portfolio "
    "google scholar twitter kaggle medium orcid blog skype researchgate leetcode huggingface".split()
)
# "Ann Arbor, MI 48109", "Pune, Maharashtra": a place before its region, not a name (A)
PLACE_TAIL = re.compile(r"^\s*,\s*(?P<next>[^\W\d_]+)")
NAME_LABEL = re.compile(r"^\s*(?:(?:full\s+)?name|姓名)\s*[:：\-–]\s*(?P<name>\S.*)$", re.I)  # "Name: Jane Roe", "姓名：王小明" (A)
REFEREES = re.compile(r"\brefere", re.I)  # a referee's "Name:" is not the candidate's
NICKNAME = re.compile(r"^[\"“(](?P<inner>[^\"”()]+)[\"”)]$")  # Given "Nick" Surname (A)
# A Chinese or Korean name standing alone on one of the first lines ("刘天雨", "김민준"); "个人简历"
# ("resume") heads many Chinese CVs and is no name, nor is a heading of the lexicon.
CJK_NAME = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}|[\uac00-\ud7a3]{2,4})$")
CJK_NOT_NAME = re.compile("简历|履历|履歴|이력서")


@dataclass(frozen=True)
class Candidate:
    name: str
    size: float
    index: int
    confirmed: bool  # its words stand in the e-mail or web addresses at the top, or a label names it


def find_name(sections: list[Section], nlp: Language) -> str | None:
    """The candidate's name: the leading run of name words of a line at the top, preferring a
    name its contact addresses confirm, then the largest type, then one the named-entity
    recogniser (where the pipeline has one) calls a person, then the earliest line."""
    labelled = _labelled_name(sections)
    if labelled:
        return labelled
    top = sections[0].lines[:TOP_LINES] if sections and _personal(sections[0]) else []
    handles = _handles(top)
    candidates = [candidate for index, line in enumerate(top) if (candidate := _candidate(line, index, handles))]
    if not candidates:
        return _name_in_large_type(sections)
    people: list[str] = []
    if "ner" in nlp.pipe_names and len(candidates) >= 2:
        people = _people(top, nlp)  # the recogniser only decides between several candidates

    def rank(c: Candidate) -> tuple[bool, int, bool, int]:
        named = any(c.name in person or person in c.name for person in people)
        return c.confirmed, round(c.size / SIZE_STEP), named, -c.index

    best = max(candidates, key=rank)
    return best.name


# The name stands in type at least this much larger than the body's.
LARGE_TYPE = 1.4
WRAP_STEP = 1.6  # a wrapped line stands at most this many type sizes below the one it goes on from
ALIGNED = 4.0  # points: lines starting this close start at one edge
MAX_LINES_ABOVE_NAME = 2  # contact lines that may stand above a name in large type
SAME_COLUMN = 36.0  # points: lines starting this close stand in one column


def _name_in_large_type(sections: list[Section]) -> str | None:
    """A two-column page may be read from the column that opens on a heading ("CONTACT") before
    the one the name heads, so no name stands before the first heading: the name is then the
    first page's line set in its largest type, well above the body's, when nothing but contact
    lines stands above it (an employer in large type further down is none), with a name wrapped
    onto the line right below it in a narrow column ("Lukas" above "Brandstätter") joined again."""
    lines = [line for section in sections for line in section.lines if line.page == 1 and line.size]
    if not lines:
        return None
    largest = max(line.size for line in lines)
    sizes = sorted(line.size for line in lines)
    if largest < LARGE_TYPE * sizes[len(sizes) // 2]:
        return None
    large = [line for line in lines if abs(line.size - largest) < SIZE_STEP]
    handles = _handles(lines)
    if len(large) >= 2 and _wrapped(large[0], large[1]):
        large.insert(0, replace(large[0], text=f"{large[0].text} {large[1].text}"))
    return next((found.name for line in large if _on_top(line, lines) and (found := _candidate(line, 0, handles))), None)


def _on_top(line: Line, lines: list[Line]) -> bool:
    """Whether only contact lines (an address, a phone number) stand above the line in its column."""
    above = [other for other in lines if other.top < line.top - SIZE_STEP and abs(other.x0 - line.x0) <= SAME_COLUMN]
    return len(above) <= MAX_LINES_ABOVE_NAME and all(
        any(EMAIL_OR_URL.search(token) or PHONE.search(token) for token in other.text.split()) for other in above
    )


def _wrapped(first: Line, second: Line) -> bool:
    """One word above another, right below it and starting where it starts: a name wrapped in a narrow column."""
    return (
        len(first.text.split()) == 1
        and len(second.text.split()) == 1
        and 0 < second.top - first.top <= WRAP_STEP * first.size
        and abs(second.x0 - first.x0) <= ALIGNED
    )


# Headings of a block of personal details that may open a resume, the name among them
PERSONAL_HEADINGS = frozenset({"personal information", "personal details", "personal data", "个人信息", "基本信息", "个人资料"})


def _personal(section: Section) -> bool:
    """The lines before the first heading, or a first block of personal details."""
    return section.name == "header" or section.heading.strip().rstrip(":：").lower() in PERSONAL_HEADINGS


def _labelled_name(sections: list[Section]) -> str | None:
    """ "Name: Jane Roe" near the start of the document (plain-text resumes). (A)"""
    # the first lines only: the rest of the document is not gathered
    lines = itertools.islice(
        (line for section in sections if not REFEREES.search(section.heading) for line in section.lines), LABELLED_LINES
    )
    for line in lines:
        match = NAME_LABEL.match(_clean(line.text))
        if match and CJK_NAME.match(match["name"].strip()):
            return match["name"].strip()
        if match:
            segments = _tokens(match["name"])
            name = _leading_run(segments[0])[0] if segments else None
            if name:
                return name
    return None


def _people(lines: list[Line], nlp: Language) -> list[str]:
    doc = nlp("\n".join(_clean(line.text) for line in lines), disable=[p for p in nlp.pipe_names if p != "ner"])
    return [ent.text.strip() for ent in doc.ents if ent.label_ == "PERSON" and 2 <= len(ent.text.split()) <= MAX_NAME_WORDS]


def _candidate(line: Line, index: int, handles: set[str]) -> Candidate | None:
    text = _clean(line.text)
    segments = _tokens(text)
    if not segments:
        return None
    name, end = _leading_run(segments[0])
    tail = PLACE_TAIL.match(_after(text, segments[0][:end])) if name else None
    if tail and tail["next"].lower().strip(".") not in stop_words():
        name = None
    if name:
        return Candidate(name, line.size, index, _confirmed(name, handles))
    # The name after a city or a phone number on a glued two-column header: only a run whose
    # every word stands in the contact addresses. (A)
    for segment in segments:
        found = _confirmed_run(segment, handles)
        if found:
            return Candidate(found, line.size, index, True)
    if (
        index < LOWER_CASE_LINES
        and CJK_NAME.match(text)
        and not CJK_NOT_NAME.search(text)
        and text not in builtin_lexicon().resume_headings
    ):
        return Candidate(text, line.size, index, False)
    if index < LOWER_CASE_LINES:
        lower = _lower_case_name(segments, handles)
        if lower:
            return Candidate(lower, line.size, index, _confirmed(lower, handles))
    return None


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return " ".join(DETACHED_ACCENTS.sub("", text).split())


def _tokens(text: str) -> list[list[str]]:
    """The line's words in segments: contact details, separators and glyph leftovers split it. (A)"""
    segments: list[list[str]] = [[]]
    for token in SEPARATORS.sub(" | ", text).split():
        if _is_boundary(token):
            segments.append([])
        else:
            segments[-1].append(token)
    return [segment for segment in segments if segment]


def _is_boundary(token: str) -> bool:
    if not any(ch.isalnum() for ch in token):
        return True  # "|", "#", "§"
    if len(token) == 1 and not ("A" <= token <= "Z"):
        return True  # icon-font leftovers ("ï", "ð", "Í")
    bare = token.strip("()[]<>")
    return bool(EMAIL_OR_URL.search(bare) or PHONE.search(bare)) or token.lower().strip(".") in CONTACT_LABELS


def _initial(token: str) -> bool:
    """ "Q.", "J.-P.", or a letter without its period ("S Surname")."""
    return bool(re.fullmatch(r"[A-Z]\.?|[A-Z]\.-?[A-Z]\.", token))


def _after(text: str, tokens: list[str]) -> str:
    """The text of a line after its first tokens."""
    end = 0
    for token in tokens:
        end = text.find(token, end) + len(token)
    return text[end:]


def _leading_run(tokens: list[str]) -> tuple[str | None, int]:
    """The name words that start a segment, checked for the shape of a name (None otherwise),
    and how many tokens they took."""
    start = 0
    while start < len(tokens) and tokens[start].lower() in HONORIFICS:
        start += 1  # "DR. JANE ROE" (A)
    tokens = tokens[start:]
    run: list[str] = []
    for position, token in enumerate(tokens[: MAX_RUN_TOKENS + 1]):
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        nickname = NICKNAME.match(token)
        if name_word(token):
            run.append(token)
        elif _initial(token) and name_word(following):
            run.append(token)  # "S Surname", "Jane Q. Roe" (A)
        elif _initial(token) and len(run) == 1 + len(_initials(run)) and all(_initial(t) for t in tokens[position:]):
            run.append(token)  # "Given S", "Given S. K." with the surname as initials (A)
        elif run and token.lower() in PARTICLES and (name_word(following) or following.lower() in PARTICLES):
            run.append(token)  # "Ana de la Cruz", "Omar bin Said" (A)
        elif run and nickname and name_word(nickname["inner"]) and name_word(following):
            run.append(token)  # Given "Nick" Surname (A)
        else:
            break
    rest = tokens[len(run) :]
    if rest and rest[0].lower().strip(".,") in NOT_NAME_ENDINGS:
        return None, 0  # "Acme Analytics Inc.", "Baker Street"
    if len(run) > MAX_RUN_TOKENS or (rest and not _ends_name(rest[0])):
        return None, 0  # the start of a sentence or a list ("Hobbies Playing Chess Solving Rubik's")
    return _checked(run), start + len(run)


def _ends_name(token: str) -> bool:
    """What may follow a name on its line without a separator: a headline, organisation or degree
    word ("Jane Roe Data Scientist", "Jane Roe University of X", "Jane Roe Ph.D."), a suffix or
    nickname, or a glyph left over from an icon font. (A)"""
    word = token.lower().strip(".,")
    return word in stop_words() or word in SUFFIXES or bool(NICKNAME.match(token)) or len(token) == 1


def _initials(run: list[str]) -> list[str]:
    return [token for token in run if _initial(token)]


def _checked(run: list[str]) -> str | None:
    words = [token for token in run if name_word(token)]
    initials = _initials(run)
    if not words or len(words) > MAX_NAME_WORDS or (len(words) == 1 and not initials):
        return None
    # a particle is no common word here: "Van" in "Nguyen Van Long", "De" in "De Souza Lima"
    if sum(common_word(word) and word.lower() not in PARTICLES for word in words) * 2 > len(words):
        return None  # "Staff Accountant", "Air Guard Health": a headline, not a name (A)
    if all(word.isupper() for word in words):
        return " ".join(token.lower() if token.lower() in PARTICLES else _title(token) for token in run)
    if words[0].isupper():
        return None  # "MCA Pune", "KEY SKILLS Python": an acronym, where a name starts Capitalised (A)
    return " ".join(run)


def _title(token: str) -> str:
    """ "JANE" -> "Jane", "AL-RASHID" -> "Al-Rashid"."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), token) if token.isupper() else token


def _lower_case_name(segments: list[list[str]], handles: set[str]) -> str | None:
    """ "jane roe" on a line of its own at the very top (a DOCX without capitals), or "Jane roe"
    where the contact addresses hold every word. (A)"""
    if len(segments) != 1 or not 2 <= len(segments[0]) <= 3:
        return None
    words = segments[0]
    if not all(word.isalpha() and len(word) > 1 for word in words) or any(common_word(w) for w in words):
        return None
    if not all(word[1:].islower() for word in words) or not all(word.islower() for word in words[1:]):
        return None
    if not words[0].islower() and not all(_in_handles(word, handles) for word in words):
        return None
    return " ".join(word.capitalize() for word in words)


def _handles(lines: list[Line]) -> set[str]:
    """The folded e-mail and web addresses at the top, to confirm a name with. (A)"""
    return {fold(token) for line in lines for token in line.text.split() if EMAIL_OR_URL.search(token.strip("()[]<>"))}


def _confirmed(name: str, handles: set[str]) -> bool:
    return any(_in_handles(word, handles) for word in name.split() if len(word) > 2)


def _in_handles(word: str, handles: set[str]) -> bool:
    key = fold(word).strip('"“”()')
    if len(key) > 2:
        return any(key in handle for handle in handles)
    return any(key in re.split(r"[^a-z0-9]+", handle) for handle in handles)


def _confirmed_run(tokens: list[str], handles: set[str]) -> str | None:
    """The longest run of two or more name words all found in the contact addresses."""
    best: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if token and name_word(token) and _in_handles(token, handles):
            run.append(token)
            continue
        if len(run) > len(best):
            best = run
        run = []
    return _checked(best) if len(best) >= 2 else None
