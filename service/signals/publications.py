"""Publications: entries of a publications section and unmistakable citations elsewhere,
each with its venue, year, and whether the candidate leads the author list."""

from __future__ import annotations

import re

from service.documents import Line
from service.sections import Section
from service.signals.base import YEAR, Publication, fold

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


def find_publications(sections: list[Section], name: str | None) -> list[Publication]:
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
    surname, initial = fold(parts[-1]), fold(parts[0])[:1]
    tokens = [t for t in re.split(r"[\s,;*†‡]+", fold(authors)) if t and t not in {"and", "&"}]
    if not tokens:
        return False
    head = tokens[:2]
    if surname not in head:
        return False
    if len(head) < 2:
        return True
    other = (head[1] if head[0] == surname else head[0]).rstrip(".")
    return other[:1] == initial
