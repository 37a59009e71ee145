"""The cheap first looks of the signal readers give the answers of the plain reading: each one
against the search or the reading it stands before, on lines built from the pieces that decide
them, and on lines of each kind."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from service.signals.authors import author_parts, is_candidate, leading_authors, may_name
from service.signals.base import YEAR
from service.signals.citation import GLUED_INITIAL, GLUED_INITIAL_DOT, LEADING_TAG, VENUE_WORDS, clean_entry, venue_first
from service.signals.publications import (
    APA_HEAD,
    ARXIV,
    AUTHORSHIP_CLAIM,
    DOI,
    ID_MARK,
    MIN_COAUTHORS_WITH_CANDIDATE,
    MIN_TITLE_WORDS,
    START_TAG,
    YEAR_DIGITS,
    _claims_authorship,
    _is_citation_line,
    _venue,
    name_shaped,
)

NAMES = [
    "Jane Roe",
    "Miao Miao",
    "Maria Garcia Lopez",
    "José Müller-Lüdenscheidt",
    "Jean-Pierre van der Berg",
    "A. Smith",
    'Jane "Jay" Roe',
    "Ng",
    None,
]
PIECES = [
    *(name for name in NAMES if name),
    "J. Roe", "M. Lopez", "J. M\u00fcller-L\u00fcdenscheidt", "Roe, J.", "Roe J.", "Roe*", "ROE", "Ro\u00b4e", "Ro`e", "M\u00fcller", "Mu\u0308ller", "Lu\u1ffdd", "D.Yarats", "J.Roe",
    "Smith", "B. Lee", "and", " and ", "&", ", ", "; ", " - ", " – ", "et al.", ". ", "\n", "(2024)", "(in press)",
    "[3] ", "3. ", "[C] ", "(ICML 2023) ", "J2: ", "ICPR 2020 ", "NeurIPS'19 ", "In Proceedings of ", "Conference", "Journal",
    "arXiv:2101.12345", "arxiv.org/abs/2101.1234", "ARXIV.ORG/abs/", "doi:10.1000/xyz", "https://doi.org/10.1145/1", "1.5", "ſ",
    "github", "Deep Learning for Things", '"Deep Learning for Things"', "Developed a model", "2019", "2031", "'19", "v2",
]  # fmt: skip
ALPHABET = "abjnoreJRNMSDLY.,;:&-–'`\u00b4\u00a8\u1ffd\u0308éü*†0129() \n[]/"
LINES = st.lists(st.sampled_from(PIECES) | st.text(alphabet=ALPHABET, max_size=4), max_size=14).map("".join)


def plain_is_citation_line(text: str, name: str | None = None) -> bool:
    """`_is_citation_line` as it reads every line: the author list read first, whatever it decides."""
    if ARXIV.search(text) or DOI.search(text):
        return not re.search(r"\b(?:github|linkedin)\b", text, re.I)
    cleaned = clean_entry(text)
    clean = LEADING_TAG.sub("", cleaned)
    apa = APA_HEAD.match(clean)
    if apa:
        return len(re.findall(r"[^\W\d_]{2,}", clean[apa.end() :])) >= MIN_TITLE_WORDS
    if venue_first(clean):
        return sum(name_shaped(part) for part in author_parts(clean)) >= 2 and bool(VENUE_WORDS.search(clean) or _venue(clean))
    authors = leading_authors(clean)
    names = len(authors)
    tagged = bool(START_TAG.match(cleaned)) or names > MIN_COAUTHORS_WITH_CANDIDATE
    if name and tagged and names >= MIN_COAUTHORS_WITH_CANDIDATE and any(is_candidate(part, name) for part in authors):
        return True
    return bool(YEAR.search(text) and VENUE_WORDS.search(text) and _venue(text) and names >= 2)


CITATIONS = [
    ("[C] Jane Roe, A. Smith, B. Lee - Deep Learning for Things", "Jane Roe", True),
    ("Jane Roe, A. Smith, B. Lee, C. Doe, Deep Learning for Things", "Jane Roe", True),
    ("J. Roe, A. Smith. Deep Learning for Things. NeurIPS 2023. In Proceedings", None, True),
    ("A. Smith, B. Lee. Deep Learning for Things. In Advances in NeurIPS, 2023.", "Jane Roe", True),
    ("Roe, J., Smith, A. (2024). Deep Learning for Things. Journal of Things.", None, True),
    ("arXiv:2101.12345", None, True),
    ("https://doi.org/10.1145/12345", None, True),
    ("github.com/jroe/arxiv 2101.12345", None, False),
    ("[C] M. Lopez, A. Smith, B. Lee - Deep Learning for Things", "Maria Garcia Lopez", True),  # the second surname
    ("[3] J. M\u00fcller-L\u00fcdenscheidt, A. Smith, B. Lee - Title", "Jos\u00e9 M\u00fcller-L\u00fcdenscheidt", True),  # folded
    ("[C] A. Smith, B. Lee, C. Doe - Deep Learning for Things", "Jane Roe", False),  # the candidate is not among them
    ("Developed a model for Jane Roe's team, 2023", "Jane Roe", False),
    ("Led the NeurIPS 2023 workshop", "Jane Roe", False),
]


@pytest.mark.parametrize(("line", "name", "citation"), CITATIONS)
def test_lines_of_each_kind(line, name, citation):
    assert _is_citation_line(line, name) is citation
    assert plain_is_citation_line(line, name) is citation


@given(text=LINES, name=st.sampled_from(NAMES))
@example(text="[C] Ro\u00b4e, J., A. Smith, B. Lee - Title", name="Jane Roe")
@example(text="1. Mu\u0308ller J., A. Smith, B. Lee, C. Doe", name="José Müller-Lüdenscheidt")
@settings(max_examples=1000, deadline=None)
def test_citation_lines_as_the_plain_reading(text, name):
    assert _is_citation_line(text, name) == plain_is_citation_line(text, name)


@given(text=LINES, name=st.sampled_from([n for n in NAMES if n]))
@settings(max_examples=1000, deadline=None)
def test_a_candidate_among_the_authors_stands_in_the_text(text, name):
    clean = LEADING_TAG.sub("", clean_entry(text))
    if any(is_candidate(part, name) for part in author_parts(clean)):
        assert may_name(clean, name)


@given(text=LINES)
@settings(max_examples=1000, deadline=None)
def test_every_id_holds_its_mark(text):
    if ARXIV.search(text) or DOI.search(text):
        assert ID_MARK.search(text)


@given(text=LINES)
@example(text="D.Yarats")
@example(text="AD.Yarats")
@settings(max_examples=1000, deadline=None)
def test_glued_initials_found_from_their_dot(text):
    assert bool(GLUED_INITIAL_DOT.search(text)) == bool(GLUED_INITIAL.search(text))


CLAIM_PIECES = [
    "Co-authored",
    "co-author",
    "AUTHORED",
    "Published",
    "publishing",
    "an IEEE",
    " the journal",
    " conference",
    " paper",
    " articles",
    ".",
]
CLAIM_TEXTS = st.lists(
    st.sampled_from(CLAIM_PIECES) | st.text(alphabet="aeiouthrdpblsAUTHRS \u212a\u017f-.;", max_size=4), max_size=10
).map("".join)


@pytest.mark.parametrize(
    ("line", "claim"),
    [
        ("Co-authored an IEEE article on anomaly detection", True),
        ("CO-AUTHORED A JOURNAL ARTICLE", True),
        ("Published in the ACM conference proceedings as a paper", True),
        ("Publi\u017fhed in the journal as a paper", True),  # the long s is an s when the case is ignored
        ("Built a publishing platform", False),
        ("Reviewer for the journal", False),
    ],
)
def test_claims_of_each_kind(line, claim):
    assert _claims_authorship(line) is claim


@given(text=CLAIM_TEXTS)
@settings(max_examples=1000, deadline=None)
def test_authorship_claims_as_the_search(text):
    assert _claims_authorship(text) == bool(AUTHORSHIP_CLAIM.search(text))


@given(text=LINES | st.text(alphabet="0125789 -/x\u0661", max_size=12))
@settings(max_examples=1000, deadline=None)
def test_every_year_holds_its_digits(text):
    if YEAR.search(text):
        assert YEAR_DIGITS.search(text)
