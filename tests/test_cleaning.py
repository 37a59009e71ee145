"""The lines that skip ftfy come out as ftfy.fix_text gives them."""

from __future__ import annotations

import itertools
import unicodedata

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.documents import cleaning
from service.documents.cleaning import FTFY_SEGMENT, _fixed
from service.documents.model import Line

# Characters at the edge of what skips ftfy: curly quotes, the letters and signs of ftfy's mojibake
# patterns (accented, currency, "Â", "Ã", numeric, box drawing, Cyrillic, Greek), combining marks,
# C1 and other control characters, line breaks, surrogates, wide forms, ligatures, the byte-order
# mark, no-break space and the bullets and dashes that skip it already.
EDGE = (
    "\u02bc\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2039\u203a\u00ab\u00bb\u2032"
    "\u00c2\u00c3\u00e2\u00e9\u00c9\u00ef\u00f1\u00d1\u00e0\u00fc\u00df\u0153\u0152\u00d8\u00d9\u00c4\u00ce\u00d0"
    "\u20ac\u00a2\u00a3\u00bc\u00b2\u00b3\u00d7\u00f7\u00b0\u00a7\u00b6\u00a9\u00ae\u2122\u00a8\u00a4\u02c6\u2020"
    "\u2500\u2588\u0412\u0413\u0432\u0402\u0392\u03b2\u0101\u221a\u2248"
    "\u0301\u0327\u0308\u0300"
    "\x80\x85\x9d\x00\x07\x1b\x7f\t\x0c\n\r\u2028\u2029\ud83d\udce7\ufeff\u206a\ufff9"
    "\u3000\uff21\uff41\uff64\ufb01\u0133"
    "\u00a0\u00ad\u00b7\u2022\u2013\u2014\u2026\u2011\u25cf\ue000\uf8ff"
)
ASCII = "aZe \"'.,;&#<>[1_-!?"
FRAGMENTS = ["&amp;", "&#8217;", "&lt", "&rsquo;", "\x1b[31m", "\u00e2\u20ac\u2122", "\u00c3\u00a9", "\u201a\u00c4\u00ec"]
CHARACTERS = st.one_of(st.characters(min_codepoint=0x20, max_codepoint=0x7E), st.sampled_from(EDGE), st.sampled_from(FRAGMENTS))


@settings(max_examples=2000, deadline=None)
@given(st.lists(CHARACTERS, max_size=12).map("".join))
def test_lines_are_fixed_as_ftfy_fixes_them(text):
    assert _fixed(text) == ftfy.fix_text(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(EDGE + ASCII), max_size=6).map("".join))
def test_lines_of_edge_characters_are_fixed_as_ftfy_fixes_them(text):
    assert _fixed(text) == ftfy.fix_text(text)


# "Â" before a space, alone, at the end, and beside the signs and letters of ftfy's other patterns.
A_HAT_PIECES = st.sampled_from(
    [
        "\u00c2 ",
        "\u00c2",
        " ",
        "a",
        "s",
        "Z",
        ".",
        ",",
        "1",
        "'",
        "-",
        "\u00c3",
        "\u00e9",
        "\u20ac",
        "\u00b7",
        "\u00a0",
        "\u2019",
        "\u00e2\u20ac",
    ]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(A_HAT_PIECES, max_size=10).map("".join))
def test_lines_with_no_break_spaces_read_as_latin_1_are_fixed_as_ftfy_fixes_them(text):
    assert _fixed(text) == ftfy.fix_text(text)


# UTF-8 read as Windows-1252 (ftfy's sloppy codec), once and twice, beside the characters that
# make ftfy read it otherwise: Latin-1 mojibake, bytes 0xC0 and 0xED, a lost byte (U+FFFD).
ONCE = [
    ch.encode("utf-8").decode("sloppy-windows-1252")
    for ch in "\u2022\u2013\u201c\u201d\u2019\u2026\u27a2\u00e9\u20ac\u2122\u2028\u00a0\ud55c\u00c0\u0301\u2713"
]
TWICE = [text.encode("utf-8").decode("sloppy-windows-1252") for text in ONCE[:4]]
MOJIBAKE_PIECES = st.sampled_from(
    [*ONCE, *TWICE, " ", "a", ".", "\u00c2", "\u00c3", "\u00ed", "\ufffd", "\u00e2\u20ac", "\u20ac", "\u2019"]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(MOJIBAKE_PIECES, max_size=6).map("".join))
def test_utf_8_read_as_windows_1252_is_fixed_as_ftfy_fixes_it(text):
    assert _fixed(text) == ftfy.fix_text(text)


def test_every_pair_of_mojibake_pieces_is_fixed_as_ftfy_fixes_it():
    pieces = [*ONCE, *TWICE, " ", "a", "\u00c2", "\u00c3", "\u00ed", "\ufffd", "\u20ac"]
    texts = ["".join(pair) for pair in itertools.product(pieces, repeat=2)] + pieces
    assert [text for text in texts if _fixed(text) != ftfy.fix_text(text)] == []


def test_every_short_line_of_a_hat_and_its_neighbours_is_fixed_as_ftfy_fixes_it():
    texts = [
        "".join(letters)
        for alphabet, longest in [("\u00c2 a.\u00a0\u00e9\u00c3\u20ac\u2019", 4), ("\u00c2 a\u00a0\u00e9", 5)]
        for size in range(1, longest + 1)
        for letters in itertools.product(alphabet, repeat=size)
    ]
    assert [text for text in texts if _fixed(text) != ftfy.fix_text(text)] == []


def test_every_pair_of_edge_characters_is_fixed_as_ftfy_fixes_it():
    alphabet = EDGE + ASCII
    texts = ["".join(pair) for pair in itertools.product(alphabet, repeat=2)] + list(alphabet)
    assert [text for text in texts if _fixed(text) != ftfy.fix_text(text)] == []


@pytest.mark.parametrize(
    "text",
    [
        "Caf\u00c3\u00a9 \u2019n\u2019 bar",  # mojibake beside a curly quote
        "It\u00e2\u20ac\u2122s done",
        "1\n\u00c2 b",  # ftfy sees the line after the line feed on its own, where "Â " starts it
        "1\r\u00c2 b",
        "Cafe\u0301 \u2019s",  # NFC composes the accent
        "R&amp;D \u2019s",
        "\u2018\ufb01ne\u2019",
        "\uff21\uff22 \u201cx\u201d",
        "a\x85b \u2019",
        "\ud83d\udce7 mail \u2019",
        "\u00e9\u201cx",  # an accented letter, a quote and a letter: mojibake to ftfy
        "\u00c2\u00c2 !\u00c2 ",  # an "Â" before another
        "a\u00a0\u00c2 ",
        "\u00c2 \u00e9  ",
    ],
)
def test_lines_beside_the_fast_path_are_fixed_as_ftfy_fixes_them(text):
    assert _fixed(text) == ftfy.fix_text(text)


def test_a_line_longer_than_ftfy_s_piece_is_fixed_as_ftfy_fixes_it():
    text = "1" * FTFY_SEGMENT + "\u00c2 b"  # "Â " starts ftfy's second piece
    assert _fixed(text) == ftfy.fix_text(text)


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("It\u2019s \u201cdone\u201d", 'It\'s "done"'),
        ("Caf\u00e9 na\u00efve \u00d7 3", "Caf\u00e9 na\u00efve \u00d7 3"),
        ("Company Name \u00ef\u00bc City", "Company Name \u00ef\u00bc City"),
        ("teams. \u00c2 My role", "teams. \u00c2 My role"),
        ("the\u00c2 crisis line,\u00c2 \u00c2 calls", "the\u00a0crisis line,\u00a0\u00a0calls"),
        ("\u00e2\u20ac\u00a2 Name \u00e2\u20ac\u201c City \u00e2\u20ac\u0153a", '\u2022 Name \u2013 City "a'),
    ],
)
def test_lines_without_mojibake_skip_ftfy(monkeypatch, text, fixed):
    monkeypatch.setattr(cleaning.ftfy, "fix_text", None)
    assert _fixed(text) == fixed


def plain_clean_text(text: str) -> str:
    """clean_text as it stood: every line past ASCII translated."""
    if not text.isascii():
        text = text.translate(cleaning.LIGATURES)
    if "(cid:" in text:
        text = cleaning.CID.sub("", text)
    if not text.isascii():
        text = cleaning.STRAY.sub(" ", text)
    if not text.isprintable():
        text = "".join(ch for ch in text if ch in "\t " or unicodedata.category(ch)[0] != "C")
    return " ".join(text.split())


# Bullets and digits (ASCII, Arabic-Indic, full-width) where a line starts and after white space
# of every kind, ligatures, hyphens and curly quotes.
LINE_PIECES = st.one_of(
    st.sampled_from(["-", "*", "+", ">", "o", "1", "12", "123", "\u0663", "\uff11", ".", ")", "•", "a", "Z"]),
    st.sampled_from([" ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\x1c", "\x85"]),
    st.sampled_from(["\ufb01", "\ufb03", "\u2010", "\u2011", "\u00ad", "(cid:12)", "\u2019", "\u201c", "\u02bc", "\u00e9"]),
    st.characters(),
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(LINE_PIECES, max_size=10).map("".join))
def test_lines_are_cleaned_as_every_step_on_every_line_cleans_them(text):
    assert cleaning.clean_text(text) == plain_clean_text(text)
    assert cleaning.clean_line(text) == cleaning.LEADING_BULLET.sub("", plain_clean_text(_fixed(text))).strip()
    assert cleaning._uncurled(text) == text.translate(cleaning.UNCURLED)


@settings(max_examples=1000, deadline=None)
@given(st.text(st.sampled_from(["a", "z", "A", "-", "\n", " ", "\u2010", "\u00e9", ".", "\r"]), max_size=8))
def test_a_line_the_hyphen_pattern_finds_ends_as_join_hyphenated_looks_for(text):
    if cleaning.HYPHENATED.search(text):
        assert text.endswith(cleaning.HYPHENATED_ENDS)


def test_words_hyphenated_across_lines_are_joined():
    lines = [Line("Built experi-", 1), Line("ence with Python", 1), Line("data-\n", 1), Line("driven", 1), Line("A-", 1), Line("b", 2)]
    assert [line.text for line in cleaning.join_hyphenated(lines)] == ["Built experience", "with Python", "data-driven", "A-", "b"]
