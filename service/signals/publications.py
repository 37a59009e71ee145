"""Publications: entries of a publications section and unmistakable citations elsewhere,
each with its venue, year, and whether the candidate leads the author list."""

from __future__ import annotations

import re

from service.documents import Line
from service.sections import Section, labelled
from service.signals.authors import author_parts, is_candidate, leading_authors, leads, may_name, name_shaped, name_tokens
from service.signals.base import YEAR, Publication
from service.signals.citation import ACRONYM, LEADING_TAG, NAME_TOKEN, ONLY_INITIALS, VENUE_WORDS, clean_entry, venue_first
from service.signals.name_words import PARTICLES, common_word
from skill_taxonomy.lexicon import Lexicon

SHORT_YEAR = re.compile(r"[‘’'′](\d\d)\b|\b(\d\d)[‘’'′]")  # "SBIM '13", "ACL 24′"
VENUE_WITH_YEAR = re.compile(rf"\b{ACRONYM}\s*(?:[‘’'′]\d\d\b|\d\d[‘’'′]|(?:19|20)\d\d\b)")

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
    "ICRA": re.compile(r"\bICRA\b|International Conference on Robotics and Automation"),
    "IROS": re.compile(r"\bIROS\b|International Conference on Intelligent Robots and Systems"),
    "RSS": re.compile(r"\bRobotics: Science and Systems\b"),
    "JMLR": re.compile(r"\bJMLR\b|Journal of Machine Learning Research"),
    "TPAMI": re.compile(r"\b(?:T-?PAMI)\b|Transactions on Pattern Analysis and Machine Intelligence"),
    "TACL": re.compile(r"\bTACL\b|Transactions of the Association for Computational Linguistics"),
    "Interspeech": re.compile(r"\bInterspeech\b", re.I),
    "MICCAI": re.compile(r"\bMICCAI\b"),
}
ARXIV = re.compile(r"\barXiv[: ]\s*\d{4}\.\d{4,5}|\b\d{4}\.\d{4,5}(?:v\d)?\b|arxiv\.org/abs/", re.I)
DOI = re.compile(r"\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/\S+", re.I)
# What every arXiv id, arXiv address and DOI holds: a dot between digits, or ".org/". Searched
# first because it opens on a plain character, which the engine skips ahead to.
ID_MARK = re.compile(r"\.(?:(?<=\d\.)\d|(?i:org)/)")
# An address in the text itself (a printed link is read from the text: ARXIV, DOI)
PRINTED_ADDRESS = re.compile(r"https?:|://|www\.|\b[\w-]+\.(?:org|com|net|edu|cc|io)/", re.I)
# A paper's page, where a title links to it without saying so in its text (a hyperlink)
PAPER_LINK = re.compile(
    r"(?:doi\.org|arxiv\.org|ieeexplore\.ieee\.org|dl\.acm\.org|researchgate\.net/publication|openreview\.net|aclanthology\.org|"
    r"proceedings\.neurips\.cc|papers\.nips\.cc|proceedings\.mlr\.press|jmlr\.org/papers|link\.springer\.com|sciencedirect\.com|"
    r"semanticscholar\.org/paper|pubmed\.ncbi\.nlm\.nih\.gov|biorxiv\.org|medrxiv\.org|ssrn\.com|nature\.com/articles|mdpi\.com)/",
    re.I,
)
NOT_ACCEPTED = re.compile(r"\b(?:submitted|under review|in submission|in preparation|preprint|arXiv|bioRxiv|medRxiv)\b", re.I)
# A paper at a peer-reviewed venue: a journal, proceedings or publisher, or an acronym with a year.
PEER_REVIEWED = re.compile(
    r"\b(?:Journal|Transactions|Trans\.|Proceedings|Proc\.|Conference|Conf\.|Symposium|Letters|Review|IEEE|ACM|Springer|Elsevier|Nature|Science)\b|\b[A-Z]{3,}\s*(?:19|20)\d\d\b"
)
WORKSHOP = re.compile(r"\bworkshop\b", re.I)
AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
PUBLICATION_SECTIONS = {"publications"}
NO_CITATION_SECTIONS = {"talks", "teaching", "service", "awards"}

# A list number or tag that opens an entry, before its text: "[3] ", "3. ", "[C] ", "(ICML 2023) ". (C)
START_TAG = re.compile(
    r"^\s*(?:\[[^\]]{1,40}\]|\((?=[^)]*\d)[^)]{1,40}\)|\d{1,3}[.)]|[A-Z]{1,2}\d{1,3}[.:)])(?:\s*\([^)]{1,40}\))?\s*(?=[^\W\d_])"
)
# APA: "Roe, J., Smith, A. B., & Lee, C. (2024). Title. Venue." (B, C)
SURNAME = r"(?:(?:van|von|de|der|den|da|del|di|du|le|la|al|el|bin)\s+)*[A-ZÀ-ÖØ-Þ][\w'’\-]*"
INITIALS = r"[A-Z]\.?(?:[\s-]?[A-Z]\.?){0,2}"
# Atomic groups: an author, once read, is not read again another way (no backtracking blow-up).
APA_AUTHOR = rf"(?>{SURNAME},\s*{INITIALS})"
APA_SEPARATOR = r"(?>,?\s*(?:(?:&|and)\s+)?)"
APA_HEAD = re.compile(
    rf"^{APA_AUTHOR}(?:{APA_SEPARATOR}{APA_AUTHOR})*+(?:,?\s*et\s+al\.?)?[.,]*\s*"
    r"\((?:(?:19|20)\d\d[a-z]?(?:,\s*\w+)?|in press|forthcoming|n\.d\.)\)[.,:]?\s*"
)
MIN_TITLE_WORDS = 3
ET_AL = re.compile(r"^et\.?\s+al\.?$", re.I)
# A short last line of an entry: the journal and when it appeared ("Genes, Dec 2023 [link]"). (C)
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
JOURNAL_DATE = re.compile(rf"^[^,]*[^\W\d_]{{3}}[^,]*,\s*(?:{MONTH}\s*)?(?:19|20)\d\d\)?\.?$")
MAX_JOURNAL_DATE_CHARS = 60
OPEN_PHRASE = re.compile(r"(?:\b(?:the|of|and|for|on|in|to|at)|[,:&-])$")  # a line that stops mid-phrase
SENTENCE_END = re.compile(r"[.)\]]$")
TRAILING_TAGS = re.compile(r"(?:\s*\[[^\]]*\])+\s*$")  # "[link]", "[pdf] [code]", "[JCR: Q1]"
# "Research Paper: Title of the Paper (2024)": a line labelled as a paper, with a title and a year. (C)
LABELLED_PAPER = re.compile(
    r"^\s*(?:Research |Conference |Journal |Workshop )?(?:Paper|Publication|Article)\s*[:\-–]\s*(?:\S+\s+){2,}.*\b(?:19|20)\d\d\b",
    re.I,
)
# Prose that tells of a published paper: "Co-authored an IEEE article", "published two papers in
# the Journal of X", with where it appeared. (C)
AUTHORSHIP_CLAIM = re.compile(
    r"\b(?:(?:co-?)?author(?:ed|ing)?|publish(?:ed|ing))\b[^.;]{0,30}?\b(?:IEEE|ACM|Springer|Elsevier|peer[- ]reviewed|"
    r"journal|conference)\b[^.;]{0,30}?\b(?:paper|article|publication|chapter)s?\b",
    re.I,
)
# Words every claim holds, in lower case: on ASCII text nothing else matches them when the case
# is ignored (the Kelvin sign and the long s are not ASCII)
AUTHORSHIP_WORDS = ("author", "publish")
# YEAR without its boundaries: the engine skips ahead to its first digits, where YEAR (opening on
# a boundary) is tried at every position
YEAR_DIGITS = re.compile(r"19[5-9]\d|20\d\d")
MIN_COAUTHORS_WITH_CANDIDATE = 3  # names in a line that lists the candidate among its authors (C)


def find_publications(sections: list[Section], name: str | None, lexicon: Lexicon) -> list[Publication]:
    found: list[Publication] = []
    claims: list[Line] = []
    for section in sections:
        if section.name in PUBLICATION_SECTIONS:
            found += [_publication(entry, name) for entry in _entries(section.lines, lexicon)]
            continue
        for line in section.lines:
            if LABELLED_PAPER.match(line.text) or (section.name not in NO_CITATION_SECTIONS and _is_citation_line(line.text, name)):
                found.append(_publication([line], name))
            elif section.name not in NO_CITATION_SECTIONS and _claims_authorship(line.text):
                claims.append(line)
    # "Co-authored an IEEE article on ...": a paper the resume tells of without citing it counts
    # once, where nothing is cited. (C)
    if claims and not found:
        return [_publication(claims[:1], None)]
    return found


def _venue(text: str) -> str | None:
    for venue, pattern in TOP_VENUES.items():
        if pattern.search(text):
            return venue
    return None


def _has_year(text: str) -> bool:
    return bool(YEAR.search(text) or SHORT_YEAR.search(text))


def _is_anchor(text: str, entry_has_year: bool = False, entry_begun: bool = False) -> bool:
    """A line that closes a publication entry: where it appeared (venue and year), or an id."""
    if ARXIV.search(text) or DOI.search(text):
        return True
    has_year = _has_year(text) or entry_has_year
    bare = TRAILING_TAGS.sub("", text).strip()
    if entry_has_year and not SENTENCE_END.search(bare):
        return False  # "... In Proceedings of the Conference on": the venue goes on (C)
    return (
        (has_year and bool(VENUE_WORDS.search(text)))
        or (_venue(text) is not None and (has_year or len(text) < 80))
        or bool(VENUE_WITH_YEAR.search(text))
        # "Genes, Dec 2023 [link]": a journal and a date on the entry's last line (C)
        or (entry_begun and len(bare) <= MAX_JOURNAL_DATE_CHARS and bool(JOURNAL_DATE.match(bare)))
    )


def _head(text: str) -> tuple[str, bool]:
    """The text after an entry's opening (list number, venue tag, APA authors and year), and
    whether the opening held the year."""
    text = LEADING_TAG.sub("", clean_entry(text))
    opening = APA_HEAD.match(text) or venue_first(text)
    return (text[opening.end() :], True) if opening else (text, False)


def _starts_entry(text: str) -> bool:
    """A line that opens a new entry: a list number or tag, APA authors and year, or a venue
    and year before the title. (C)"""
    clean = clean_entry(text)
    untagged = LEADING_TAG.sub("", clean)
    if START_TAG.match(clean) or APA_HEAD.match(untagged) or venue_first(untagged):
        return True
    # 'J. Roe, A. Smith, "Title ...': authors, then a quoted title, open a whole citation
    before = re.split('["“]', clean, maxsplit=1)
    if len(before) < 2:
        return False
    names = [part for part in author_parts(before[0]) if not ET_AL.match(part)]
    tokens = [token for part in names for token in name_tokens(part)]
    initials = any(ONLY_INITIALS.match(token) for token in tokens)
    uncommon = not any(common_word(token) for token in tokens if token.lower() not in PARTICLES)
    return (
        len(names) >= 2
        and all(name_shaped(part) for part in names)
        and (initials or uncommon or len(names) >= MIN_COAUTHORS_WITH_CANDIDATE)
    )


def _entries(lines: list[Line], lexicon: Lexicon) -> list[list[Line]]:
    """Group a publications section into entries, each ending at its venue line or where the
    next entry opens."""
    entries: list[list[Line]] = []
    current: list[Line] = []
    dated = False  # the entry's opening held its year (APA, venue first)
    authors_after: bool | None = None  # the section's entries put their authors after title and venue
    trailing = False  # the last line went to the last entry's authors
    for line in lines:
        if labelled(line.text, lexicon):
            # a labelled line among the papers ("Software: github.com/...", "Service: reviewer
            # for NeurIPS") is no paper and ends the one before it
            if current:
                _close(entries, current)
            current = []
            continue
        if current and _starts_entry(line.text):
            _close(entries, current)
            current = []
        if not current and len(entries) == 1 and authors_after is None:
            authors_after = _authors_after_venue(entries[0], line.text)
        if (
            not current
            and entries
            and authors_after
            and (_authors_after_venue(entries[-1], line.text) or (trailing and _looks_like_authors(line.text)))
        ):
            entries[-1].append(line)  # "Title [VENUE 2024]" then its authors, on one line or more (B)
            trailing = True
            continue
        trailing = False
        if not current and entries and _continues(entries[-1][-1].text, line.text):
            entries[-1].append(line)  # "... Findings of the" / "Association for ...: ACL 2022" (C)
            continue
        begun = bool(current)
        rest, opened_with_year = (clean_entry(line.text), False) if begun else _head(line.text)
        dated = dated if begun else opened_with_year
        current.append(line)
        if _is_anchor(rest, dated, begun):
            entries.append(current)
            current = []
    if current:
        _close(entries, current)
    return entries


def _continues(previous: str, text: str) -> bool:
    """A venue line cut in the middle of its phrase ("... In Findings of the") goes on."""
    return bool(OPEN_PHRASE.search(previous)) and _is_anchor(text) and not _starts_entry(text) and not _looks_like_authors(text)


def _authors_after_venue(entry: list[Line], text: str) -> bool:
    """An author line after an entry that closed at its title and venue, without authors (an
    entry that opens on two names, "G. Roe, A. Smith. Title.", has its authors first)."""
    return (
        _looks_like_authors(text)
        and not _starts_entry(text)
        and not _is_anchor(text)
        and not any(_looks_like_authors(line.text) or _starts_entry(line.text) for line in entry)
        and len(leading_authors(entry[0].text)) < 2
    )


def _close(entries: list[list[Line]], current: list[Line]) -> None:
    """Keep lines without a venue line as an entry when they are shaped like a citation or a
    title links to its paper's page; else they continue the last entry (a trailing "[pdf]
    [code]", a venue wrapped to its own line, a printed address)."""
    if any(
        _looks_like_authors(line.text) or _quoted_title(line.text) or _starts_entry(line.text) or _links_to_paper(line) for line in current
    ):
        entries.append(current)
    elif entries:
        entries[-1] += current


def _links_to_paper(line: Line) -> bool:
    """Words that link to a paper's page without showing its address (a linked title, not the
    wrapped end of a printed address such as "22856")."""
    words = re.findall(r"[^\W\d_]{2,}", line.text)
    return len(words) >= MIN_TITLE_WORDS and not PRINTED_ADDRESS.search(line.text) and any(PAPER_LINK.search(link) for link in line.links)


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
    parts = [p for p in AUTHOR_SPLIT.split(LEADING_TAG.sub("", clean_entry(text)).strip().rstrip(".")) if p]
    if len(parts) < 2:
        return False
    names = sum(1 for p in parts if 1 <= len(p.split()) <= 4 and all(NAME_TOKEN.match(t) for t in p.split()))
    return names >= max(2, int(0.6 * len(parts)))


def _is_citation_line(text: str, name: str | None = None) -> bool:
    """Outside a publications section, only unmistakable citations count."""
    if ID_MARK.search(text) and (ARXIV.search(text) or DOI.search(text)):
        return not re.search(r"\b(?:github|linkedin)\b", text, re.I)
    cleaned = clean_entry(text)
    clean = LEADING_TAG.sub("", cleaned)
    apa = APA_HEAD.match(clean)
    if apa:  # "Roe, J., Smith, A. (2024). Title. Journal." (C)
        return len(re.findall(r"[^\W\d_]{2,}", clean[apa.end() :])) >= MIN_TITLE_WORDS
    if venue_first(clean):  # "ICPR 2020 Title, J. Roe, A. Smith, Conference (ICPR), 2020." (C)
        return sum(name_shaped(part) for part in author_parts(clean)) >= 2 and bool(VENUE_WORDS.search(clean) or _venue(clean))
    at_venue = bool(YEAR_DIGITS.search(text) and YEAR.search(text) and VENUE_WORDS.search(text) and _venue(text))
    # The author list is read only where it can decide: a line at a venue, or one that holds the
    # candidate's surname (few lines do, and reading the list costs more than all the rest).
    if not at_venue and not (name and may_name(clean, name)):
        return False
    authors = leading_authors(clean)
    names = len(authors)
    tagged = bool(START_TAG.match(cleaned)) or names > MIN_COAUTHORS_WITH_CANDIDATE
    if name and tagged and names >= MIN_COAUTHORS_WITH_CANDIDATE and any(is_candidate(part, name) for part in authors):
        return True  # "[C] Jane Roe, A. Smith, B. Lee - Title": the candidate among its authors (C)
    return at_venue and names >= 2


def _claims_authorship(text: str) -> bool:
    if text.isascii():
        lower = text.lower()
        if not any(word in lower for word in AUTHORSHIP_WORDS):
            return False
    return AUTHORSHIP_CLAIM.search(text) is not None


def _publication(entry: list[Line], name: str | None) -> Publication:
    text = " ".join(line.text for line in entry)
    venue = _venue(text)
    years = [int(y) for y in YEAR.findall(text)] or [
        2000 + int(y) if int(y) < 50 else 1900 + int(y) for pair in SHORT_YEAR.findall(text) for y in pair if y
    ]
    workshop = bool(WORKSHOP.search(text))
    accepted = not NOT_ACCEPTED.search(text)
    shown = text[:400]
    return Publication(
        text=shown,
        venue=venue,
        year=max(years) if years else None,
        first_author=leads(text, name),
        top_venue=venue is not None and not workshop and accepted,
        workshop=workshop,
        page=entry[0].page,
        accepted=accepted,
        peer_reviewed=bool(PEER_REVIEWED.search(shown)),
    )
