"""Job titles as patterns: a role's titles with their qualifiers ("Senior", "Oracle"), their field
written out or abbreviated, a field coordinated into them, and the field written after the title
("Software Engineer, Machine Learning"). The scoring and the postings read titles with them."""

from __future__ import annotations

import functools
import re

NOT_YET = r"(?:aspiring|future|prospective|budding|would-be|wannabe)"


@functools.lru_cache(maxsize=256)
def title_pattern(titles: tuple[str, ...], seniority: str) -> re.Pattern[str]:
    """A job title standing as a title: at the start of a line, after a separator, "as a" or
    "I am a", with at most two qualifiers before it ("Senior Data Scientist - Acme", "Oracle DBA")."""
    # A title also follows "&" ("Data & Applied Scientist") and a date in a margin column ("May 2021
    # ML Engineer", "2022 - present Research Scientist").
    start = r"(?:^|[|,;:(–—/&]|\s[-@]\s|\b(?:as|am|is)\s+an?\b|\bas\b|\b(?:19|20)\d\d\b|\b(?:present|current|now|today)\b)"
    return re.compile(rf"{start}\s*{qualified_titles(titles, seniority)}", re.I)


def qualified_titles(titles: tuple[str, ...], seniority: str, plural: bool = True) -> str:
    """A pattern of the titles (plural too, unless not `plural`), each with at most two qualifiers before it."""
    names = "|".join(title_words(t) for t in sorted(titles, key=len, reverse=True))
    # "Senior", or a name such as "Oracle" in "Oracle DBA"; never a wish ("Aspiring Data Scientist")
    qualifier = rf"(?!{NOT_YET}\b)(?:{seniority}|(?-i:[A-Z][\w.+#/-]*))"
    return rf"(?:{qualifier}\s+){{0,2}}(?:{names})" + (r"(?:s|es)?\b" if plural else r"\b")


# Another field joined to a title's field before its last word: "Machine Learning and Computer
# Vision Algorithm Engineer" holds the title "machine learning engineer". Capitalised words only,
# as a title is written, so prose ("machine learning and data engineering") does not read as one.
COORDINATED = r"(?:\s*(?:and|&|/|,)\s*(?-i:[A-Z][\w+.-]*)(?:\s+(?-i:[A-Z][\w+.-]*)){0,2})?"


# A title's field written out or as its abbreviation: "ML platform engineer" is also "Machine
# Learning Platform Engineer", "machine learning engineer" also "ML Engineer".
TITLE_ABBREVIATIONS = {
    "ml": ("machine learning", r"(?:ML|Machine\s+Learning)"),
    "ai": ("artificial intelligence", r"(?:AI|Artificial\s+Intelligence)"),
    "nlp": ("natural language processing", r"(?:NLP|Natural\s+Language\s+Processing)"),
}


def title_words(title: str) -> str:
    """One title as a pattern: any spacing between its words, its field written out or
    abbreviated, and a coordinated field before its last word when it has more than one."""
    for short, (long, _) in TITLE_ABBREVIATIONS.items():
        title = re.sub(rf"\b{long}\b", short, title, flags=re.I)
    words = [TITLE_ABBREVIATIONS[word.lower()][1] if word.lower() in TITLE_ABBREVIATIONS else re.escape(word) for word in title.split()]
    if len(words) == 1:
        return words[0]
    return r"\s+".join(words[:-1]) + COORDINATED + r"\s+" + words[-1]


@functools.lru_cache(maxsize=256)
def title_keys(titles: tuple[str, ...]) -> re.Pattern[str]:
    """The last word of each title, lower-cased, as one pattern of them written as they are: a
    lower-cased line without any of them holds none of the titles."""
    return re.compile("|".join(re.escape(key) for key in sorted({title.split()[-1].lower() for title in titles})))


DOTTED_PHD = re.compile(r"\bPh\.\s?D\b\.?")
# A title followed by its field, as large employers write them: "Software Engineer, Machine
# Learning", "Senior Software Engineer (AI)", "Research Scientist - NLP", "Software Engineer, Data
# Platform", "Engineer II, ML Infrastructure" (a level after the title). The field then reads
# before the title ("Machine Learning Software Engineer"), also without a generic "Software"
# ("Data Platform Engineer"), as the roles' titles are written.
# Written as a title is: each word capitalised, or in capitals ("SOFTWARE ENGINEER, ML").
TITLE_THEN_FIELD = re.compile(
    r"(?P<title>(?:[A-Z][\w.+#/-]*\s+){0,3}(?i:Engineer|Developer|Scientist|Researcher))(?:\s+(?:I{1,3}|IV|V|[1-5]))?\s*(?:,|\(|\s[-–—|]\s)\s*"
    r"(?P<field>(?i:Machine\s+Learning|ML|AI|Artificial\s+Intelligence|NLP|Natural\s+Language\s+Processing|Deep\s+Learning|"
    r"Computer\s+Vision|Data\s+(?:Platform|Infrastructure|Pipelines?|Warehouse|Engineering)))\b"
)


GENERIC_TITLE_WORD = re.compile(r"^Software\s+", re.I)


def find_title(pattern: re.Pattern[str], text: str, seniority: str) -> re.Match[str] | None:
    """Where the text holds one of the pattern's titles, as written or with the field after the
    title ("Senior Software Engineer, Machine Learning" reads "Machine Learning Software Engineer"
    and "Machine Learning Engineer")."""
    match = pattern.search(text)
    if match is not None:
        return match
    reordered = TITLE_THEN_FIELD.search(text)
    if reordered is None:
        return None
    title = re.sub(rf"^(?:(?:{seniority})\s+)+", "", reordered["title"], flags=re.I)
    # "Software" says no more than the field does: "Software Engineer, Data Platform" is a "Data Platform Engineer"
    forms = (f"{reordered['field']} {title}", f"{reordered['field']} {GENERIC_TITLE_WORD.sub('', title)}")
    return reordered if any(pattern.search(form) for form in forms) else None
