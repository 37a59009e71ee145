"""Name words: which words may stand in a person's name ("Hung-Jin", "O'Neil", "Ji-hoon",
"Ellery-Mba") and which end one or are job language ("Engineer", "University", "PhD")."""

from __future__ import annotations

import re
from functools import cache

from service.matching import JOB_WORDS
from skill_taxonomy.lexicon import builtin_lexicon

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
# One syllable of a romanised Korean or Chinese given name ("Ji", "hoon", "Seung", "ling", Wade-Giles
# "chieh", "shih"), or the morae of a Japanese one ("ichi" of "Ken-ichi").
SYLLABLE = re.compile(
    r"^(?:[bcdfghjklmnpqrstvwxyz]{0,3}[aeiouy]{1,3}(?:ng|n|m|k|p|t|l|r|h)?|[aeiou]?(?:(?:ch|sh|ts|[kstnhmyrwgzdbpf])?[aeiou]){1,2}n?)$",
    re.I,
)


def _syllable(part: str, first: str) -> bool:
    """A lower-case syllable after a capitalised one ("Ji-hoon"), not a word after a hyphen
    ("Data-driven", "Multi-modal", "Low-rank")."""
    return part.islower() and first[:1].isupper() and bool(SYLLABLE.match(part) and SYLLABLE.match(first)) and not common_word(part)


def name_word(token: str) -> bool:
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
    if token.lower() in stop_words():
        return False
    if len(parts) > 1:
        # a double-barrelled name may hold letters that end names ("Ellery-Mba"), not a word of job
        # language that does ("Data-Engineer", "Data-Centric")
        return not any(common_word(part) and stop_words().intersection(_humps(part)) for part in parts)
    return not stop_words().intersection(_humps(token))


@cache
def stop_words() -> frozenset[str]:
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
