"""Author lists read a piece at a time: the same pieces as splitting the whole entry."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from service.signals.authors import (
    GLUED_WORDS,
    MAX_AUTHOR_TOKENS,
    NAME_TOKEN,
    ONLY_INITIALS,
    PART_SPLIT,
    author_parts,
    leading_authors,
    name_shaped,
    name_tokens,
)
from service.signals.citation import LEADING_TAG, clean_entry, venue_first

PIECES = [
    "Jane Roe",
    "Roe",
    "J.",
    "A. B.",
    "Smith*",
    "Lee†",
    " and ",
    ", ",
    "; ",
    " & ",
    " – ",
    " et al.",
    "(2024)",
    ". ",
    "\n",
    "[3] ",
    "ICPR 2020 ",
    "Deep Image Completion",
    "with Transformers",
    "Proceedings of CVPR",
    "2019",
    " ",
    "x",
]
ENTRIES = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def split_whole(text: str) -> list[str]:
    """The pieces as read before: the whole entry split at once."""
    text = LEADING_TAG.sub("", GLUED_WORDS.sub(r"\1 \2", clean_entry(text)))
    opening = venue_first(text)
    if opening:
        text = text[opening.end() :]
    parts: list[str] = []
    for piece in PART_SPLIT.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if parts and ONLY_INITIALS.match(piece) and NAME_TOKEN.match(parts[-1].split()[-1]):
            parts[-1] += " " + piece
        else:
            parts.append(piece)
    return parts


@given(text=ENTRIES)
@settings(max_examples=400, deadline=None)
def test_pieces_as_splitting_the_whole_entry(text):
    parts = split_whole(text)
    assert author_parts(text) == parts
    leading = 0
    while leading < len(parts) and name_shaped(parts[leading]):
        leading += 1
    assert leading_authors(text) == parts[:leading]


def test_leading_authors_of_a_citation_and_of_a_sentence():
    assert leading_authors("[C] Jane Roe, A. Smith, B. Lee - Deep Image Completion") == ["Jane Roe", "A. Smith", "B. Lee"]
    assert leading_authors("Roe, J., Smith, A. and Lee, B. Title of it") == ["Roe J.", "Smith A."]
    assert leading_authors("Managed a team of five engineers, shipping weekly") == []


def test_name_tokens_stop_past_the_most():
    words = "Ada Byron King Countess of Lovelace Jr"
    assert name_tokens(words) == words.split()
    assert name_tokens(words, MAX_AUTHOR_TOKENS) == words.split()[: MAX_AUTHOR_TOKENS + 1]
    assert name_tokens("2 * Roe* J.", 1) == ["Roe", "J."]
    assert not name_shaped(words)
