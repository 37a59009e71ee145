"""The candidate's name: the leading run of name words on a line at the top of the resume, with
contact details, headlines and degrees cut away; the largest type, or the contact addresses,
decide between lines."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache

from spacy.language import Language

from service.documents import Line
from service.matching import JOB_WORDS
from service.sections import Section
from service.signals.base import fold
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
SUFFIXES = frozenset("jr sr ii iii iv".split())
HONORIFICS = frozenset("dr dr. prof prof. mr mr. mrs mrs. ms ms. mx mx.".split())
PARTICLES = frozenset("van von de da del della der den di du la le bin binti ibn al el dos das do ten ter y zu".split())
# Name-cased prefixes of surnames written with an inner capital ("McDonald", "DeVries").
INNER_CAPITAL = re.compile(r"^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz|O|[A-Z][a-z]+)[A-Z][a-z]+$")  # "AlalaSundaram"
# Words that end a run of name words: headlines, headings, organisations, addresses, degrees. (A)
NOT_NAME_WORDS = frozenset(
    # resume headings and headline words
    "resume résumé curriculum vitae cv biodata summary profile experience education skills contact objective "
    "professional senior junior staff principal software data machine learning research "
    # job titles
    "engineer scientist developer manager analyst consultant director assistant associate specialist researcher "
    "professor lecturer student candidate intern postdoc postdoctoral architect officer administrator coordinator "
    "technician teacher designer representative executive accountant advocate supervisor instructor recruiter "
    "generalist tester programmer founder president chef nurse clerk cashier receptionist attendant advisor "
    "therapist pharmacist paralegal auditor mechanic electrician secretary "
    "hr it qa ui ux sap erp crm bi ml ai ops dev devops sre sdet "
    # the heads of an organisation's name that may follow a glued name ("Jane Roe University of X")
    "university college institute school academy hospital center centre foundation department dept laboratory "
    # degrees and credentials after a name ("Jane Roe PhD"), and parts of degrees ("B. Com")
    "phd ph.d dphil md mba msc bsc mph jd cpa cfa pmp rn np dds dvm pe com tech sc".split()
)
# Words that end the name of a company or a street: the words before them are no person's name. (A)
NOT_NAME_ENDINGS = frozenset(
    "inc llc ltd corp corporation company co gmbh technologies solutions systems labs lab group bank consulting "
    "services limited pvt agency partners street avenue ave road boulevard blvd suite apt".split()
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


def _name_in_large_type(sections: list[Section]) -> str | None:
    """A two-column page may be read from the column that opens on a heading ("CONTACT") before
    the one the name heads, so no name stands before the first heading: the name is then the
    first page's line set in its largest type, well above the body's, with a name wrapped over
    two such lines in a narrow column ("Lukas" above "Brandstätter") joined again."""
    lines = [line for section in sections for line in section.lines if line.page == 1 and line.size]
    if not lines:
        return None
    largest = max(line.size for line in lines)
    sizes = sorted(line.size for line in lines)
    if largest < LARGE_TYPE * sizes[len(sizes) // 2]:
        return None
    large = [line for line in lines if abs(line.size - largest) < SIZE_STEP]
    handles = _handles(lines)
    if len(large) >= 2 and all(len(line.text.split()) == 1 for line in large[:2]):
        large.insert(0, replace(large[0], text=f"{large[0].text} {large[1].text}"))
    return next((found.name for line in large if (found := _candidate(line, 0, handles))), None)


# Headings of a block of personal details that may open a resume, the name among them
PERSONAL_HEADINGS = frozenset({"personal information", "personal details", "personal data", "个人信息", "基本信息", "个人资料"})


def _personal(section: Section) -> bool:
    """The lines before the first heading, or a first block of personal details."""
    return section.name == "header" or section.heading.strip().rstrip(":：").lower() in PERSONAL_HEADINGS


def _labelled_name(sections: list[Section]) -> str | None:
    """ "Name: Jane Roe" near the start of the document (plain-text resumes). (A)"""
    lines = [line for section in sections if not REFEREES.search(section.heading) for line in section.lines][:LABELLED_LINES]
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
    if tail and tail["next"].lower().strip(".") not in _stop_words():
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


SYLLABLE = 5  # letters at most in a syllable of a romanised Korean or Chinese given name


def _syllable(part: str, first: str) -> bool:
    """A lower-case syllable after a short capitalised one ("Ji-hoon"), not a word of job language
    after a hyphen ("Data-driven", "Cloud-based")."""
    return part.islower() and 2 <= len(part) <= SYLLABLE and len(first) <= SYLLABLE and first[:1].isupper() and not common_word(part)


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


def _name_word(token: str) -> bool:
    """A capitalised (or capitals only) word of letters, with inner hyphens and apostrophes
    ("Hung-Jin", "O'Neil", "al-Rashid", "BELEÑO", "McDonald")."""
    parts = re.split(r"[-'’]", token)
    if len(token) < 2 or not all(part.isalpha() for part in parts):
        return False
    for position, part in enumerate(parts):
        if part.lower() in PARTICLES and position < len(parts) - 1:
            continue
        if len(part) == 1 and position > 0:
            return False  # "MICHAEL'S": a possessive
        if position > 0 and _syllable(part, parts[0]):
            continue  # a romanised given name's second syllable: "Ji-hoon", "Mei-ling"
        if not part[0].isupper() or not (part[1:].islower() or part[1:].isupper() or INNER_CAPITAL.match(part) or len(part) == 1):
            return False
    if token.lower() in _stop_words():
        return False
    if len(parts) > 1:
        # a double-barrelled name may hold a word that ends names ("Ellery-Mba"); a joined heading
        # or title holds nothing else ("Data-Engineer")
        return not all(_stop_words().intersection(_humps(part)) for part in parts)
    return not _stop_words().intersection(_humps(token))


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
        if _name_word(token):
            run.append(token)
        elif _initial(token) and _name_word(following):
            run.append(token)  # "S Surname", "Jane Q. Roe" (A)
        elif _initial(token) and len(run) == 1 + len(_initials(run)) and all(_initial(t) for t in tokens[position:]):
            run.append(token)  # "Given S", "Given S. K." with the surname as initials (A)
        elif run and token.lower() in PARTICLES and (_name_word(following) or following.lower() in PARTICLES):
            run.append(token)  # "Ana de la Cruz", "Omar bin Said" (A)
        elif run and nickname and _name_word(nickname["inner"]) and _name_word(following):
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
    return word in _stop_words() or word in SUFFIXES or bool(NICKNAME.match(token)) or len(token) == 1


def _initials(run: list[str]) -> list[str]:
    return [token for token in run if _initial(token)]


def _checked(run: list[str]) -> str | None:
    words = [token for token in run if _name_word(token)]
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
        if token and _name_word(token) and _in_handles(token, handles):
            run.append(token)
            continue
        if len(run) > len(best):
            best = run
        run = []
    return _checked(best) if len(best) >= 2 else None


@cache
def _stop_words() -> frozenset[str]:
    """Words that end a name: NOT_NAME_WORDS and the words of section headings."""
    headings = {word for phrase in builtin_lexicon().resume_headings for word in phrase.split() if len(word) > 2}
    return NOT_NAME_WORDS | NOT_NAME_ENDINGS | headings


@cache
def _job_words() -> frozenset[str]:
    lines = JOB_WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def common_word(word: str) -> bool:
    """A word of job language ("Staff", "Deep", "Learning", "DataEngineer"), rarely a name."""
    return all(hump in _job_words() for hump in _humps(word))


def _humps(word: str) -> list[str]:
    """The lower-cased words inside a word: "TechnicalProficiencies" -> technical, proficiencies;
    "Hung-Jin" -> hung, jin."""
    humps: list[str] = []
    for part in re.split(r"[-'’]", word):
        start = 0
        for position in range(1, len(part)):
            if part[position].isupper() and part[position - 1].islower():
                humps.append(part[start:position])
                start = position
        humps.append(part[start:])
    return [hump.lower() for hump in humps if hump]
