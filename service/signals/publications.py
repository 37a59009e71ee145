"""Publications: entries of a publications section and unmistakable citations elsewhere,
each with its venue, year, and whether the candidate leads the author list."""

from __future__ import annotations

import re
import unicodedata

from service.documents import Line
from service.sections import Section
from service.signals.base import YEAR, Publication, fold
from service.signals.names import DETACHED_ACCENTS, PARTICLES, common_word

SHORT_YEAR = re.compile(r"[‘’'′](\d\d)\b|\b(\d\d)[‘’'′]")  # "SBIM '13", "ACL 24′"
# A word of two capitals at least ("NeurIPS", "ICPR"), read once (atomic) so that long runs of
# capitals cost linear time.
ACRONYM = r"(?=[A-Z][a-z]*[A-Z])(?>[A-Za-z]+)"
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
NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[-'’][^\W\d_]+)*|[A-Z]\.(?:\s?[A-Z]\.)*|[A-Z]\.?-[A-Z]\.)[*†‡]?$")
PUBLICATION_SECTIONS = {"publications"}
NO_CITATION_SECTIONS = {"talks", "teaching", "service", "awards"}

# A list number or a venue tag before an entry: "[3]", "3.", "[C]", "[Interspeech'25]", "(ICML 2023)", "J2:". (B)
LEADING_TAG = re.compile(r"^\s*(?:(?>\[[^\]]{1,40}\]|\([^)]{1,40}\)|\d{1,3}[.)]|[A-Z]{1,2}\d{1,3}[.:)]?)\s*)+")
# A list number or tag that opens an entry, before its text: "[3] ", "3. ", "[C] ", "(ICML 2023) ". (C)
START_TAG = re.compile(
    r"^\s*(?:\[[^\]]{1,40}\]|\((?=[^)]*\d)[^)]{1,40}\)|\d{1,3}[.)]|[A-Z]{1,2}\d{1,3}[.:)])(?:\s*\([^)]{1,40}\))?\s*(?=[^\W\d_])"
)
# An entry that opens with its venue and year: "ICPR 2020 Title, authors, ...". (C)
VENUE_FIRST = re.compile(rf"^(?:{ACRONYM}-?|Interspeech)\s*(?:[‘’'′]\d\d\b|\d\d[‘’'′]|(?:19|20)\d\d\b)[,:]?\s+(?=\S)")
MIN_VENUE_FIRST_TITLE_WORDS = 4  # "NeurIPS 2019 Workshop on X", "CVPR 2020 (Oral)" are venue lines
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
GLUED_INITIAL = re.compile(r"\b([A-Z]\.)(?=[A-Z][a-z])")  # "D.Yarats" (B)
GLUED_WORDS = re.compile(r"([a-z]{3})([A-Z][a-z])")  # "...Battery SystemsJane Roe, A. Smith" (B)
OPEN_PHRASE = re.compile(r"(?:\b(?:the|of|and|for|on|in|to|at)|[,:&-])$")  # a line that stops mid-phrase
SENTENCE_END = re.compile(r"[.)\]]$")
TRAILING_TAGS = re.compile(r"(?:\s*\[[^\]]*\])+\s*$")  # "[link]", "[pdf] [code]", "[JCR: Q1]"
# Parts of a text between author separators, for finding the author list. (B)
PART_SPLIT = re.compile(
    r"\n|\s*(?:,|;|\band\b|&|\s[–—-]\s|\bet\.?\s+al\b\.?)\s*|(?<=[a-z]{2})[.?!]\s+|\((?:(?:19|20)\d\d[a-z]?|in press|forthcoming|n\.d\.)\)"
)
ONLY_INITIALS = re.compile(r"^(?:[A-Z]{1,3}\.?(?:\s?-?[A-Z]\.?){0,2})$")
MARKERS = re.compile(r"[*†‡§¶#\d]+$")
MAX_AUTHOR_TOKENS = 5
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
MIN_COAUTHORS_WITH_CANDIDATE = 3  # names in a line that lists the candidate among its authors (C)


def find_publications(sections: list[Section], name: str | None) -> list[Publication]:
    found: list[Publication] = []
    claims: list[Line] = []
    for section in sections:
        if section.name in PUBLICATION_SECTIONS:
            found += [_publication(entry, name) for entry in _entries(section.lines)]
            continue
        for line in section.lines:
            if LABELLED_PAPER.match(line.text) or (section.name not in NO_CITATION_SECTIONS and _is_citation_line(line.text, name)):
                found.append(_publication([line], name))
            elif section.name not in NO_CITATION_SECTIONS and AUTHORSHIP_CLAIM.search(line.text):
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


def _clean(text: str) -> str:
    text = DETACHED_ACCENTS.sub("", unicodedata.normalize("NFC", text))
    return GLUED_INITIAL.sub(r"\1 ", text)


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


def _venue_first(text: str) -> re.Match[str] | None:
    """ "ICPR 2020 Title of the paper, J. Roe, ...": a venue and year before a title, not a venue
    line that goes on ("NeurIPS 2019 Workshop on X"). (C)"""
    match = VENUE_FIRST.match(text)
    if not match:
        return None
    rest = text[match.end() :]
    if VENUE_WORDS.match(rest) or len(re.findall(r"[^\W\d_]{2,}", rest)) < MIN_VENUE_FIRST_TITLE_WORDS:
        return None
    return match


def _head(text: str) -> tuple[str, bool]:
    """The text after an entry's opening (list number, venue tag, APA authors and year), and
    whether the opening held the year."""
    text = LEADING_TAG.sub("", _clean(text))
    opening = APA_HEAD.match(text) or _venue_first(text)
    return (text[opening.end() :], True) if opening else (text, False)


def _starts_entry(text: str) -> bool:
    """A line that opens a new entry: a list number or tag, APA authors and year, or a venue
    and year before the title. (C)"""
    clean = _clean(text)
    untagged = LEADING_TAG.sub("", clean)
    if START_TAG.match(clean) or APA_HEAD.match(untagged) or _venue_first(untagged):
        return True
    # 'J. Roe, A. Smith, "Title ...': authors, then a quoted title, open a whole citation
    before = re.split('["“]', clean, maxsplit=1)
    if len(before) < 2:
        return False
    names = [part for part in _author_parts(before[0]) if not ET_AL.match(part)]
    tokens = [token for part in names for token in _tokens(part)]
    initials = any(ONLY_INITIALS.match(token) for token in tokens)
    uncommon = not any(common_word(token) for token in tokens if token.lower() not in PARTICLES)
    return (
        len(names) >= 2
        and all(_name_shaped(part) for part in names)
        and (initials or uncommon or len(names) >= MIN_COAUTHORS_WITH_CANDIDATE)
    )


def _entries(lines: list[Line]) -> list[list[Line]]:
    """Group a publications section into entries, each ending at its venue line or where the
    next entry opens."""
    entries: list[list[Line]] = []
    current: list[Line] = []
    dated = False  # the entry's opening held its year (APA, venue first)
    authors_after: bool | None = None  # the section's entries put their authors after title and venue
    trailing = False  # the last line went to the last entry's authors
    for line in lines:
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
        rest, opened_with_year = (_clean(line.text), False) if begun else _head(line.text)
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
    """An author line after an entry that closed at its title and venue, without authors."""
    return (
        _looks_like_authors(text)
        and not _starts_entry(text)
        and not _is_anchor(text)
        and not any(_looks_like_authors(line.text) or _starts_entry(line.text) for line in entry)
    )


def _close(entries: list[list[Line]], current: list[Line]) -> None:
    """Keep lines without a venue line as an entry when they are shaped like a citation; else
    they continue the last entry (a trailing "[pdf] [code]", a venue wrapped to its own line)."""
    if any(_looks_like_authors(line.text) or _quoted_title(line.text) or _starts_entry(line.text) for line in current):
        entries.append(current)
    elif entries:
        entries[-1] += current


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
    parts = [p for p in AUTHOR_SPLIT.split(LEADING_TAG.sub("", _clean(text)).strip().rstrip(".")) if p]
    if len(parts) < 2:
        return False
    names = sum(1 for p in parts if 1 <= len(p.split()) <= 4 and all(NAME_TOKEN.match(t) for t in p.split()))
    return names >= max(2, int(0.6 * len(parts)))


def _is_citation_line(text: str, name: str | None = None) -> bool:
    """Outside a publications section, only unmistakable citations count."""
    if ARXIV.search(text) or DOI.search(text):
        return not re.search(r"\b(?:github|linkedin)\b", text, re.I)
    clean = LEADING_TAG.sub("", _clean(text))
    apa = APA_HEAD.match(clean)
    if apa:  # "Roe, J., Smith, A. (2024). Title. Journal." (C)
        return len(re.findall(r"[^\W\d_]{2,}", clean[apa.end() :])) >= MIN_TITLE_WORDS
    parts = _author_parts(clean)
    names = _leading_names(parts)
    if _venue_first(clean):  # "ICPR 2020 Title, J. Roe, A. Smith, Conference (ICPR), 2020." (C)
        return sum(_name_shaped(part) for part in parts) >= 2 and bool(VENUE_WORDS.search(clean) or _venue(clean))
    tagged = bool(START_TAG.match(_clean(text))) or names > MIN_COAUTHORS_WITH_CANDIDATE
    if name and tagged and names >= MIN_COAUTHORS_WITH_CANDIDATE and any(_is_candidate(part, name) for part in parts[:names]):
        return True  # "[C] Jane Roe, A. Smith, B. Lee - Title": the candidate among its authors (C)
    return bool(YEAR.search(text) and VENUE_WORDS.search(text) and _venue(text) and names >= 2)


def _publication(entry: list[Line], name: str | None) -> Publication:
    text = " ".join(line.text for line in entry)
    venue = _venue(text)
    years = [int(y) for y in YEAR.findall(text)] or [
        2000 + int(y) if int(y) < 50 else 1900 + int(y) for pair in SHORT_YEAR.findall(text) for y in pair if y
    ]
    workshop = bool(WORKSHOP.search(text))
    accepted = not NOT_ACCEPTED.search(text)
    return Publication(
        text=text[:400],
        venue=venue,
        year=max(years) if years else None,
        first_author=_leads(text, name),
        top_venue=venue is not None and not workshop and accepted,
        workshop=workshop,
        page=entry[0].page,
        accepted=accepted,
    )


# --- authors ---


def _author_parts(text: str) -> list[str]:
    """The pieces of an entry between author separators, with a list number or venue tag
    dropped and "Roe, J." joined again into one name. (B)"""
    text = GLUED_WORDS.sub(r"\1 \2", _clean(text))
    text = LEADING_TAG.sub("", text)
    venue_first = _venue_first(text)
    if venue_first:
        text = text[venue_first.end() :]
    parts: list[str] = []
    for piece in PART_SPLIT.split(text):
        piece = (piece or "").strip()
        if not piece:
            continue
        if parts and ONLY_INITIALS.match(piece) and NAME_TOKEN.match(parts[-1].split()[-1]):
            parts[-1] += " " + piece  # "Roe, J." -> "Roe J."
        else:
            parts.append(piece)
    return parts


def _leading_names(parts: list[str]) -> int:
    """How many name-shaped pieces an entry starts with."""
    count = 0
    for part in parts:
        if not _name_shaped(part):
            break
        count += 1
    return count


def _tokens(part: str) -> list[str]:
    return [MARKERS.sub("", token) for token in part.split() if MARKERS.sub("", token)]


def _name_shaped(part: str) -> bool:
    """A piece that reads as one author: capitalised words, initials and particles, not a
    phrase of common words ("Deep Image Completion")."""
    tokens = _tokens(part)
    if not 2 <= len(tokens) <= MAX_AUTHOR_TOKENS:
        return False  # a name has two words at least ("Roe J."); one word is a heading ("PUBLISHED")
    words = []
    for token in tokens:
        if token.lower() in PARTICLES or ONLY_INITIALS.match(token):
            continue
        if not NAME_TOKEN.match(token):
            return False
        words.append(token)
    return bool(words) and sum(common_word(word) for word in words) * 2 <= len(words)


def _name_keys(name: str) -> tuple[str, list[str]]:
    """The candidate's given name and the words that may be their surname (the last word, and
    for "Given Surname1 Surname2" any later word)."""
    words = [w for w in re.split(r"[\s.]+", fold(_clean(name))) if w and not w.startswith(('"', "“", "("))]
    words = [w for w in words if w not in PARTICLES]
    return (words[0], [w for w in words[1:] if len(w) > 1]) if words else ("", [])


def _is_candidate(part: str, name: str) -> bool:
    """Whether an author piece names the candidate: their surname with the given name or its
    initial ("Jane Roe", "J. Roe", "Roe J.", "Roe, J.", "Jane Roe*"), or the surname alone."""
    given, surnames = _name_keys(name)
    tokens = [t for t in re.split(r"[\s.,]+", fold(_clean(part))) if t]
    tokens = [MARKERS.sub("", t) for t in tokens]
    surname = next((surname for surname in surnames if surname in tokens), None)
    if not given or not surname:
        return False
    others = list(tokens)
    others.remove(surname)  # once: "Miao Miao" has the given name as surname
    return not others or given in others or any(len(t) <= 3 and t.lstrip("-")[:1] == given[:1] for t in others)


def _leads(text: str, name: str | None) -> bool:
    """Whether the candidate is the first in an entry's author list: their first appearance is
    not preceded by another author ("D. Yarats and A. Zhang", "Yarats, D., Zhang, A.",
    "[3] Denis Yarats*, Amy Zhang", "ICPR 2020 Title, D. Yarats, A. Zhang", "Title D. Yarats"). (B)"""
    if not name:
        return False
    parts = _author_parts(text)
    for position, part in enumerate(parts):
        following = parts[position + 1] if position + 1 < len(parts) else ""
        if _single_word(part) and _single_word(following) and _is_candidate(f"{part} {following}", name):
            part = f"{part} {following}"  # "Roe, Jane, A. Smith": the first author inverted
        whole = _name_shaped(part)
        author = part if whole else _tail_name(part)
        if author and _is_candidate(author, name):
            # a title before the name in its own piece, or no author in the piece before it
            return not whole or position == 0 or not _ends_with_name(parts[position - 1])
    return False


def _single_word(part: str) -> bool:
    return bool(NAME_TOKEN.match(part)) and " " not in part


def _tail_name(part: str) -> str | None:
    """The name that ends a piece where a title runs into the author list ("... from Images
    D. Yarats", a title and its authors on one line)."""
    tokens = part.split()
    for size in (3, 2):
        tail = tokens[-size:]
        # stricter than a piece of its own: no common word ("... for Slow Cameras" is a title)
        if (
            len(tokens) > size
            and _name_shaped(" ".join(tail))
            and not any(common_word(MARKERS.sub("", t)) for t in tail if not ONLY_INITIALS.match(t))
        ):
            return " ".join(tail)
    return None


def _ends_with_name(part: str) -> bool:
    """Whether a piece is, or ends with, another author (a lone surname "Belkada" too)."""
    tokens = _tokens(part)
    lone = len(tokens) == 1 and bool(NAME_TOKEN.match(tokens[0])) and not tokens[0].isupper() and not common_word(tokens[0])
    return lone or _name_shaped(part) or _tail_name(part) is not None
