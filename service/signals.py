"""Sections and skill mentions -> signals: the candidate's name, education, publications,
deployment experience and years of experience."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language

from service.documents import Line
from service.matching import Mention
from service.sections import Section
from skill_taxonomy import Taxonomy

# --- education ---

DEGREE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "doctorate",
        re.compile(
            r"\b(?:Ph\.?\s?D\.?|PhD|DPhil|D\.Phil\.?|Doctor of (?!Medicine\b)[A-Z][a-z]+|Doctorate|Doctoral|Sc\.D\.|Dr\.\s?rer\.\s?nat\.?|"
            r"Post-?doc(?:toral)?)(?![a-z])",
            re.I,
        ),
    ),
    (
        "master",
        re.compile(
            r"(?:\b(?:M\.\s?S\.?c?\.?|M\.Sc\.?|MSc|M\.\s?Eng\.?|MEng|M\.\s?Tech\.?|MTech|MBA|M\.B\.A\.|M\.A\.|MPhil|M\.Phil\.?|MCA|M\.E\.|"
            r"MASc|M\.A\.Sc\.?|MRes|Master(?:'s|’s|s)?|MASTER(?:'S|’S|S)?)(?![A-Za-z])|\b(?:MS|MA|ME)\s+(?=in\b|of\b|[A-Z][a-z]+ (?:Science|Engineering|Studies)))"
        ),
    ),
    (
        "bachelor",
        re.compile(
            r"(?:\b(?:B\.\s?S\.?c?\.?|B\.Sc\.?|BSc|B\.\s?Eng\.?|BEng|B\.\s?Tech\.?|BTech|B\.Tech|B\.E\.|BBA|B\.B\.A\.?|BCA|B\.Com\.?|BCom|B\.A\.|A\.B\.|"
            r"Bachelor(?:'s|’s|s)?|BACHELOR(?:'S|’S|S)?|Undergraduate degree)(?![A-Za-z])|\b(?:BS|BA|BE)\s+(?=in\b|of\b|[A-Z][a-z]+ (?:Science|Engineering|Studies|Arts)))"
        ),
    ),
    ("associate", re.compile(r"\b(?:Associate(?:'s|’s)? (?:of|in|degree)|Associate Degree|A\.A\.S?\.|A\.S\.|AAS)(?![A-Za-z])")),
)
LEVELS = {"associate": 1, "bachelor": 2, "master": 3, "doctorate": 4}
IN_PROGRESS = re.compile(
    r"\b(?:candidate|student|expected|anticipated|in progress|pursuing|ongoing|present|current(?:ly)?|to date|now)\b", re.I
)
NEIGHBOUR_PROGRESS = re.compile(r"\b(?:present|current|expected|ongoing|anticipated)\b", re.I)
COMPLETED_DOCTORATE = re.compile(r"\bpost-?doc", re.I)
INSTITUTION = re.compile(
    r"([A-Z][\w.&'’-]*(?:\s+(?:of|de|for|and|the|[A-Z][\w.&'’-]*))*\s+)?"
    r"\b(?:University|Universit[éäày]|Institute|College|School|Academy|Polytechnic|École|Ecole|Hochschule|IIT|ETH|MIT|EPFL)\b"
    r"(?:\s+(?:of|de|for|and|the|at)?\s*[A-Z][\w.&'’-]*)*"
)
FIELD = re.compile(r"\b(?:in|of)\s+([A-Z][A-Za-z&/\- ]{2,60}?)(?=\s*(?:[,;|()\[\]–—]|\s-\s|\d|$|\s(?:from|at)\s))")
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
SHORT_YEAR = re.compile(r"[‘’'](\d\d)\b")  # "SBIM '13"
VENUE_WITH_YEAR = re.compile(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*\s*(?:[‘’']\d\d|(?:19|20)\d\d)\b")

# --- publications ---

TOP_VENUES: dict[str, re.Pattern[str]] = {
    "NeurIPS": re.compile(r"\b(?:NeurIPS|NIPS)\b|Neural Information Processing Systems", re.I),
    "ICML": re.compile(r"\bICML\b|International Conference on Machine Learning\b(?! and)", re.I),
    "ICLR": re.compile(r"\bICLR\b|International Conference on Learning Representations", re.I),
    "CVPR": re.compile(r"\bCVPR\b|Computer Vision and Pattern Recognition", re.I),
    "ICCV": re.compile(r"\bICCV\b|International Conference on Computer Vision", re.I),
    "ECCV": re.compile(r"\bECCV\b|European Conference on Computer Vision", re.I),
    "ACL": re.compile(r"\bACL\b(?!-)|Annual Meeting of the Association for Computational Linguistics"),
    "EMNLP": re.compile(r"\bEMNLP\b|Empirical Methods in Natural Language Processing", re.I),
    "NAACL": re.compile(r"\bNAACL\b|North American Chapter of the Association for Computational Linguistics", re.I),
    "AAAI": re.compile(r"\bAAAI\b"),
    "IJCAI": re.compile(r"\bIJCAI\b|International Joint Conference on Artificial Intelligence", re.I),
    "KDD": re.compile(r"\b(?:SIG)?KDD\b|Knowledge Discovery and Data Mining", re.I),
    "SIGIR": re.compile(r"\bSIGIR\b"),
    "WWW": re.compile(r"\bWWW\b|The Web Conference"),
    "COLT": re.compile(r"\bCOLT\b|Conference on Learning Theory"),
    "UAI": re.compile(r"\bUAI\b|Uncertainty in Artificial Intelligence"),
    "AISTATS": re.compile(r"\bAISTATS\b|Artificial Intelligence and Statistics"),
    "CoRL": re.compile(r"\bCoRL\b|Conference on Robot Learning"),
    "RSS": re.compile(r"\bRobotics: Science and Systems\b"),
    "JMLR": re.compile(r"\bJMLR\b|Journal of Machine Learning Research"),
    "TPAMI": re.compile(r"\b(?:T-?PAMI)\b|Transactions on Pattern Analysis and Machine Intelligence"),
    "TACL": re.compile(r"\bTACL\b|Transactions of the Association for Computational Linguistics"),
    "Interspeech": re.compile(r"\bInterspeech\b", re.I),
    "MICCAI": re.compile(r"\bMICCAI\b"),
}
VENUE_WORDS = re.compile(
    r"\b(?:Proceedings|Proc\.|Conference|Conf\.|Symposium|Workshop|Journal|Transactions|Trans\.|Letters|"
    r"arXiv|preprint|In:|In\s+(?=[A-Z])|Submitted|Accepted|under review|in submission|to appear|Advances in|"
    r"Review|Magazine|IEEE|ACM|Springer|Elsevier|Nature|Science|bioRxiv|medRxiv|SSRN|Findings of)\b"
)
ARXIV = re.compile(r"\barXiv[: ]\s*\d{4}\.\d{4,5}|\b\d{4}\.\d{4,5}(?:v\d)?\b|arxiv\.org/abs/", re.I)
DOI = re.compile(r"\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/\S+", re.I)
NOT_ACCEPTED = re.compile(r"\b(?:submitted|under review|in submission|in preparation|preprint|arXiv)\b", re.I)
WORKSHOP = re.compile(r"\bworkshop\b", re.I)
AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
NAME_TOKEN = re.compile(r"^(?:[A-Z][a-zA-Z'’\-]+|[A-Z]\.(?:\s?[A-Z]\.)*|[A-Z]\.?-[A-Z]\.)[*†‡]?$")
PUBLICATION_SECTIONS = {"publications"}
NO_CITATION_SECTIONS = {"talks", "teaching", "service", "awards"}

# --- deployment and experience ---

DEPLOY_WORDS = re.compile(
    r"\b(?:deploy(?:ed|ing|s|ment|ments)?|serv(?:e|ed|es|ing)\b|in production|production(?:-grade|-ready|ised|ized| systems?| environments?| traffic| models?| pipelines?| services?)|"
    r"productioni[sz](?:e|ed|ing)|ship(?:ped|ping)?\b|launch(?:ed|ing)?|roll(?:ed)?[- ]out|go-live|inference)\b",
    re.I,
)
DEPLOY_GROUPS = {"serving-tool", "container-tool", "cloud-platform", "mlops"}
DEPLOY_SECTIONS = {"experience", "projects", "summary", "header", "other"}
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
POINT = (  # one date; "@" stands for the group-name prefix of the start or the end point
    rf"(?:(?P<@m>{MONTH})\s*,?\s*'?(?P<@y>(?:19|20)\d\d)|(?P<@n>\d{{1,2}})\s*[/.-]\s*(?P<@ny>(?:19|20)\d\d)"
    r"|(?P<@iy>(?:19|20)\d\d)\s*[/.-]\s*(?P<@im>\d{1,2})\b|(?P<@o>(?:19|20)\d\d))"
)
YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")  # every date range starts with a year: lines without one are skipped
NOW = r"(?P<now>present|current(?:ly)?|now|today|ongoing|till date|to date|date)"
DATE_RANGE = re.compile(
    POINT.replace("@", "a") + r"\s*(?:-|–|—|to|until|till|through|~|\u2212)\s*(?:" + POINT.replace("@", "b") + "|" + NOW + r"|(?P<open>$))",
    re.I,
)
STATED_YEARS = re.compile(r"\b(\d{1,2}(?:\.\d)?)\+?\s*(?:years?|yrs?)\b(?:\s+of)?(?:\s+\w+){0,3}?\s+experience", re.I)
EXPERIENCE_SECTIONS = {"experience"}
MAX_EVIDENCE = 5


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


@dataclass
class Signals:
    """What the resume says beyond single skills."""

    name: str | None
    education: list[EducationEntry] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    deployment: list[Evidence] = field(default_factory=list)
    experience_years: float | None = None
    experience_source: str = "none"  # date-ranges, stated or none
    # Lines that can hold the candidate's job titles (matched against each role's titles).
    title_lines: list[TitleLine] = field(default_factory=list)
    # The job dates each experience line belongs to, for months per skill and per title.
    line_periods: dict[Line, list[Period]] = field(default_factory=dict)


def find_signals(sections: list[Section], mentions: list[Mention], taxonomy: Taxonomy, nlp: Language, today: date) -> Signals:
    """Find the candidate's name, education, publications, deployment experience and years."""
    name = _find_name(sections, nlp)
    periods = _line_periods(sections, today)
    years, source = _experience_years(sections, periods)
    return Signals(
        name=name,
        education=_education(sections, today),
        publications=_publications(sections, name),
        deployment=_deployment(mentions, taxonomy),
        experience_years=years,
        experience_source=source,
        title_lines=_title_lines(sections, periods),
        line_periods=periods,
    )


TITLE_SECTIONS = {"header", "experience", "summary", "education", "projects", "other"}


def _title_lines(sections: list[Section], periods: dict[Line, list[Period]]) -> list[TitleLine]:
    """Lines where job titles stand; every line when the resume has no experience section
    (text pasted as one block puts "Role: Database Administrator" anywhere)."""
    structured = any(section.name == "experience" for section in sections)
    return [
        TitleLine(line.text, section.name, line.page, periods.get(line, []))
        for section in sections
        if section.name in TITLE_SECTIONS or not structured
        for line in section.lines
    ]


# --- name ---

NAME_LINE = re.compile(r"^[A-Z][A-Za-z'’\-]+(?:\s+(?:[A-Z]\.|[A-Z][A-Za-z'’\-]+|van|von|de|da|del|der|di|la|le|bin|al)){1,3}$")
NOT_NAME_WORDS = {
    "resume",
    "curriculum",
    "vitae",
    "cv",
    "engineer",
    "scientist",
    "developer",
    "manager",
    "summary",
    "profile",
    "experience",
    "education",
    "skills",
    "contact",
    "analyst",
    "consultant",
    "director",
    "assistant",
    "professional",
    "objective",
    "specialist",
    "data",
    "senior",
    "software",
    "research",
    "machine",
    "learning",
    "associate",
}


def _find_name(sections: list[Section], nlp: Language) -> str | None:
    """The candidate's name: a short line of capitalised words at the top (confirmed by the
    named-entity recogniser when the pipeline has one)."""
    top_lines = [line for line in (sections[0].lines if sections else [])][:6]
    if not top_lines and sections:
        top_lines = sections[0].lines[:3]
    candidates = [
        line
        for line in top_lines
        if NAME_LINE.match(_title(line.text)) and not {w.lower().strip(".") for w in line.text.split()} & NOT_NAME_WORDS
    ]
    # The recogniser only decides between several candidate lines: skip it otherwise.
    if "ner" in nlp.pipe_names and len(candidates) >= 2:
        doc = nlp("\n".join(line.text for line in top_lines), disable=[p for p in nlp.pipe_names if p != "ner"])
        people = [ent.text.strip() for ent in doc.ents if ent.label_ == "PERSON" and 2 <= len(ent.text.split()) <= 4]
        confirmed = [line for line in candidates if any(person in line.text for person in people)]
        if confirmed:
            return _title(confirmed[0].text)
    if candidates:
        return _title(max(candidates, key=lambda line: line.size).text)
    return None


def _title(text: str) -> str:
    """ "DENIS YARATS" -> "Denis Yarats"; mixed case stays as it is."""
    text = text.strip()
    return text.title() if text.isupper() else text


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


# --- education ---


def _education(sections: list[Section], today: date) -> list[EducationEntry]:
    entries: list[EducationEntry] = []
    for section in sections:
        lines = section.lines
        for i, line in enumerate(lines):
            level = _degree_level(line.text)
            if level is None:
                continue
            in_education = section.name == "education"
            # Outside the education section only first-person statements count ("PhD student at ...").
            if not in_education and not (
                level == "doctorate" and re.search(r"\b(?:student|candidate|holds?|received|earned|completed)\b", line.text, re.I)
            ):
                continue
            nearby = " ".join(l.text for l in lines[max(0, i - 1) : i + 2]) if in_education else line.text
            years = [int(y) for y in YEAR.findall(line.text) or YEAR.findall(nearby)]
            progress = bool(IN_PROGRESS.search(line.text)) or (in_education and bool(years) and max(years) > today.year)
            if in_education and not progress:
                # "New York University 2018 - Present" above "PhD in Computer Science"
                neighbours = [l.text for l in lines[max(0, i - 1) : i + 2] if l is not line and _degree_level(l.text) is None]
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


def _degree_level(text: str) -> str | None:
    for level, pattern in DEGREE_PATTERNS:
        match = pattern.search(text)
        if match and not re.match(
            r"\s*(?:Office|Excel|Word|SQL|Access|Project|Visio|Teams|Outlook|PowerPoint|Dynamics)\b", text[match.end() :]
        ):
            return level
    return None


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


def _publications(sections: list[Section], name: str | None) -> list[Publication]:
    found: list[Publication] = []
    for section in sections:
        if section.name in PUBLICATION_SECTIONS:
            found += [_publication(entry, name) for entry in _entries(section.lines)]
        elif section.name not in NO_CITATION_SECTIONS:
            found += [_publication([line], name) for line in section.lines if _is_citation_line(line.text)]
    return found


def _venue(text: str) -> str | None:
    for venue, pattern in TOP_VENUES.items():
        if pattern.search(text):
            return venue
    return None


def _is_anchor(text: str) -> bool:
    """A line that closes a publication entry: where it appeared (venue and year), or an id."""
    if ARXIV.search(text) or DOI.search(text):
        return True
    has_year = bool(YEAR.search(text) or SHORT_YEAR.search(text))
    return (
        (has_year and bool(VENUE_WORDS.search(text)))
        or (_venue(text) is not None and (has_year or len(text) < 80))
        or bool(VENUE_WITH_YEAR.search(text))
    )


def _entries(lines: list[Line]) -> list[list[Line]]:
    """Group a publications section into entries, each ending at its venue line."""
    entries: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        current.append(line)
        if _is_anchor(line.text):
            entries.append(current)
            current = []
    if current and entries and len(current) == 1 and not _looks_like_authors(current[0].text):
        entries[-1] += current  # a trailing "[pdf] [code]" line belongs to the last entry
    elif current and any(_looks_like_authors(line.text) or _quoted_title(line.text) for line in current):
        entries.append(current)  # an entry without venue or year, still shaped like a citation
    return entries


QUOTED = re.compile(r"[\"“]([^\"”]{10,200})[\"”]")


def _quoted_title(text: str) -> bool:
    """A paper title in quotes ("Deep Learning for Things"), not a quoted sentence of praise."""
    for match in QUOTED.finditer(text):
        words = [w for w in match.group(1).split() if w[:1].isalpha()]
        capitalised = sum(w[:1].isupper() for w in words if len(w) > 3)
        if len(words) >= 3 and capitalised >= 0.6 * sum(1 for w in words if len(w) > 3):
            return True
    return False


def _looks_like_authors(text: str) -> bool:
    parts = [p for p in AUTHOR_SPLIT.split(text.strip().rstrip(".")) if p]
    if len(parts) < 2:
        return False
    names = sum(1 for p in parts if 1 <= len(p.split()) <= 4 and all(NAME_TOKEN.match(t) for t in p.split()))
    return names >= max(2, int(0.6 * len(parts)))


def _is_citation_line(text: str) -> bool:
    """Outside a publications section, only unmistakable citations count."""
    if ARXIV.search(text) or DOI.search(text):
        return not re.search(r"\b(?:github|linkedin)\b", text, re.I)
    return bool(
        YEAR.search(text)
        and VENUE_WORDS.search(text)
        and _venue(text)
        and _author_part(text)
        and _looks_like_authors(_author_part(text) or "")
    )


def _author_part(text: str) -> str | None:
    """The author list of one entry: a line of names, or the text before the title."""
    head = re.split(r"(?<=[a-z]{2})\.\s|[\"“(]|\b(?:19|20)\d\d\b", text, maxsplit=1)[0]
    return head if head.strip() else None


def _publication(entry: list[Line], name: str | None) -> Publication:
    text = " ".join(line.text for line in entry)
    venue = _venue(text)
    years = [int(y) for y in YEAR.findall(text)] or [2000 + int(y) if int(y) < 50 else 1900 + int(y) for y in SHORT_YEAR.findall(text)]
    authors = next((line.text for line in entry if _looks_like_authors(line.text)), None) or _author_part(text) or ""
    workshop = bool(WORKSHOP.search(text))
    accepted = not NOT_ACCEPTED.search(text)
    return Publication(
        text=text[:400],
        venue=venue,
        year=max(years) if years else None,
        first_author=_leads(authors, name),
        top_venue=venue is not None and not workshop and accepted,
        workshop=workshop,
        page=entry[0].page,
    )


def _leads(authors: str, name: str | None) -> bool:
    """Whether the candidate's name is the first in an author list ("D. Yarats and A. Zhang",
    "Yarats, D., Zhang, A.", "Denis Yarats*, Amy Zhang")."""
    if not name:
        return False
    parts = name.split()
    surname, initial = _fold(parts[-1]), _fold(parts[0])[:1]
    tokens = [t for t in re.split(r"[\s,;*†‡]+", _fold(authors)) if t and t not in {"and", "&"}]
    if not tokens:
        return False
    head = tokens[:2]
    if surname not in head:
        return False
    if len(head) < 2:
        return True
    other = (head[1] if head[0] == surname else head[0]).rstrip(".")
    return other[:1] == initial


# --- deployment ---


def _deployment(mentions: list[Mention], taxonomy: Taxonomy) -> list[Evidence]:
    """Lines that say something was deployed, served or put in production together with a
    serving, container, cloud or MLOps tool."""
    seen: set[int] = set()
    evidence: list[Evidence] = []
    for mention in mentions:
        if mention.section not in DEPLOY_SECTIONS or id(mention.line) in seen:
            continue
        if taxonomy.ancestors.get(mention.skill_id, frozenset()) & DEPLOY_GROUPS and DEPLOY_WORDS.search(mention.line.text):
            seen.add(id(mention.line))
            evidence.append(Evidence(mention.line.text, mention.section, mention.page))
    return evidence


# --- years of experience ---


def _month_index(match: re.Match[str], p: str) -> int | None:
    groups = match.groupdict()
    if groups.get(f"{p}m"):
        return int(groups[f"{p}y"]) * 12 + MONTHS[groups[f"{p}m"].lower()[:3]] - 1
    if groups.get(f"{p}n"):
        month = int(groups[f"{p}n"])
        return int(groups[f"{p}ny"]) * 12 + month - 1 if 1 <= month <= 12 else None
    if groups.get(f"{p}iy"):
        month = int(groups[f"{p}im"])
        return int(groups[f"{p}iy"]) * 12 + month - 1 if 1 <= month <= 12 else None
    if groups.get(f"{p}o"):
        return int(groups[f"{p}o"]) * 12
    return None


def _line_ranges(text: str, now: int) -> list[Period]:
    """The date ranges written on one line ("Jan 2020 - Present", "03/2019 - 02/2022")."""
    periods: list[Period] = []
    if not YEAR_DIGITS.search(text):
        return periods
    for match in DATE_RANGE.finditer(text):
        start = _month_index(match, "a")
        end = now if match.group("now") is not None or match.group("open") is not None else _month_index(match, "b")
        if start is None or end is None:
            continue
        end = min(end, now)
        if start < 1960 * 12 or start > end or end - start > 50 * 12:
            continue
        periods.append((start, end))
    return periods


def merged_months(periods: list[Period]) -> int:
    """Months covered by the periods, overlaps counted once."""
    total, current = 0, None
    for start, end in sorted(periods):
        if current is None or start > current[1]:
            total += current[1] - current[0] if current else 0
            current = (start, end)
        else:
            current = (current[0], max(current[1], end))
    return total + (current[1] - current[0] if current else 0)


def _line_periods(sections: list[Section], today: date) -> dict[Line, list[Period]]:
    """For each line of the experience section, the dates of the job it belongs to: a job's
    date line and the lines after it, and the one or two title lines just above it."""
    now = today.year * 12 + today.month - 1
    periods: dict[Line, list[Period]] = {}
    for section in sections:
        if section.name not in EXPERIENCE_SECTIONS:
            continue
        current: list[Period] = []
        pending: list[Line] = []  # lines before the first date of a job: its title and employer
        for line in section.lines:
            found = _line_ranges(line.text, now)
            if found:
                current = found
                for above in pending[-2:]:
                    periods[above] = found
                pending = []
            elif _heads_a_job(line.text):
                pending.append(line)
            else:
                pending = []
            if current:
                periods[line] = current
    return periods


def _heads_a_job(text: str) -> bool:
    """A title or employer line ("Data Engineer, Initech"), not a sentence about the work."""
    return len(text.split()) <= 8 and not text.rstrip().endswith((".", ";")) and text[:1].isupper()


STATED_MONTHS = re.compile(r"\bexperience\b\W{0,3}(\d{1,3})\s*(?:\+\s*)?months?\b", re.I)


def stated_months(text: str) -> int | None:
    """Months a skills line states ("Python - Experience - 24 months")."""
    match = STATED_MONTHS.search(text)
    return int(match.group(1)) if match else None


def _experience_years(sections: list[Section], periods: dict[Line, list[Period]]) -> tuple[float | None, str]:
    """Years covered by the date ranges of the experience section (`_line_periods`: every range
    it holds, each on its lines), overlaps merged and "present" meaning today; else the years
    (or months) the resume states."""
    spans = [period for found in periods.values() for period in found]
    if spans:
        return round(merged_months(spans) / 12, 1), "date-ranges"
    stated = [float(m.group(1)) for s in sections for line in s.lines for m in STATED_YEARS.finditer(line.text)]
    stated += [months / 12 for s in sections for line in s.lines if (months := stated_months(line.text))]
    stated = [years for years in stated if 0 < years <= 50]
    if stated:
        return round(max(stated), 1), "stated"
    return None, "none"
