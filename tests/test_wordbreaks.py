"""Words found for a whole page at once stand for the words found a character at a time, whatever
the boxes and sizes hold (ties, boxes on other lines, NaN, infinities, minus zero); and the sizes
worked out once for each size and scale are the sizes of each character."""

from __future__ import annotations

import ctypes
import re
import struct
from contextlib import closing

import builders
import pypdfium2
from hypothesis import given, settings
from hypothesis import strategies as st

from service.documents import pdfium
from service.documents.pdfium import _Glyphs
from service.documents.wordbreaks import WORD_BREAKS, find_runs, make_words, plain_words

# Edges near one another, so that words part and join, ties and all.
NEAR = st.sampled_from([0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 10.0, 10.5, 11.0, 12.5, 100.0])
# Any C float, NaN, infinities and minus zero among them.
ANY = st.floats(width=32)
# Values the loop's comparisons choose among in their own way: the greatest of 0 and -0 is the
# first of them, and NaN is never greater nor less.
SPECIAL = st.sampled_from([0.0, -0.0, 1.0, 2.0, float("nan"), float("inf"), -float("inf")])
ZEROS = st.sampled_from([0.0, -0.0, 1.0])
SIZES = st.one_of(st.sampled_from([0.0, -0.0, 0.5, 1.0, 2.0, 10.0, float("nan"), float("inf")]), st.floats(width=32))


@st.composite
def pages(draw: st.DrawFn, edges: st.SearchStrategy[float]) -> tuple[str, list[tuple[int, int]], bytes, float, list[float]]:
    """A page's text, its runs of characters between spaces, their boxes, the page height and the runs' sizes."""
    lengths = draw(st.lists(st.integers(1, 6), max_size=8))
    runs, text = [], ""
    for length in lengths:
        text += " " * draw(st.integers(0 if not text else 1, 2))
        runs.append((len(text), len(text) + length))
        text += "abcdef"[:length]
    count = sum(lengths)
    boxes = struct.pack(f"{4 * count}f", *draw(st.lists(edges, min_size=4 * count, max_size=4 * count)))
    height = draw(st.one_of(st.sampled_from([792.0, 12.5]), edges))
    return text, runs, boxes, height, draw(st.lists(SIZES, min_size=len(runs), max_size=len(runs)))


def bold(indices: list[int]) -> list[bool]:
    return [index % 3 == 0 for index in indices]


def same_words(page: tuple[str, list[tuple[int, int]], bytes, float, list[float]]) -> None:
    text, runs, boxes, height, sizes = page
    found = find_runs(text)
    assert found.spans() == runs
    # repr tells NaN and minus zero apart, which == does not
    assert [repr(word) for word in make_words(text, found, boxes, height, sizes, bold)] == [repr(word) for word in plain_words(*page, bold)]


@settings(max_examples=400)
@given(pages(NEAR))
def test_words_found_at_once_are_the_words_found_one_character_at_a_time(page):
    same_words(page)


@settings(max_examples=400)
@given(pages(st.one_of(NEAR, ANY)))
def test_boxes_of_any_floats_give_the_words_found_one_character_at_a_time(page):
    same_words(page)


@settings(max_examples=400)
@given(pages(SPECIAL))
def test_boxes_at_zero_minus_zero_nan_and_infinity_give_the_words_found_one_character_at_a_time(page):
    same_words(page)


@settings(max_examples=200)
@given(pages(ZEROS))
def test_boxes_at_zero_and_minus_zero_give_the_words_found_one_character_at_a_time(page):
    same_words(page)


def test_a_word_parts_where_the_text_jumps_to_another_line_or_back():
    # "ab" then "cd" on the line below, then "ef" back at the start of the first line
    boxes = struct.pack("24f", 0, 700, 5, 690, 5, 700, 10, 690, 10, 680, 15, 670, 15, 680, 20, 670, 0, 700, 5, 690, 5, 700, 10, 690)
    words = make_words("abcdef", find_runs("abcdef"), boxes, 792.0, [10.0], bold)
    assert [(word.text, word.x0, word.top, word.bold) for word in words] == [
        ("ab", 0, 92, True),
        ("cd", 10, 112, False),
        ("ef", 0, 92, False),
    ]


# A run of characters between word breaks, in the page's text.
UNBROKEN = re.compile("[^" + "".join(f"\\u{code:04x}" for code in sorted(WORD_BREAKS)) + "]+")
# Word breaks and the characters beside them, surrogates (PDFium's page text may hold lone ones)
# and characters past U+FFFF among them.
TEXT = st.text(
    st.one_of(
        st.sampled_from(sorted(map(chr, WORD_BREAKS))),
        st.sampled_from(["a", "\u3001", "\ufffe", "\uffff", "\ud83d", "\ude00", "\U0001f600", "\U0010ffff", "\x02"]),
        st.characters(),
    )
)


@settings(max_examples=400)
@given(TEXT)
def test_runs_are_the_texts_characters_between_word_breaks(text):
    runs = find_runs(text)
    assert runs.spans() == [run.span() for run in UNBROKEN.finditer(text)]
    assert runs.characters.tolist() == [index for first, end in runs.spans() for index in range(first, end)]


# Text at sizes and scales: Helvetica 10 unscaled, twice at 10 scaled by 2 (in two places), at
# 20 unscaled, flipped, and at size 0.
SCALED = b"""BT /F1 10 Tf 72 700 Td (ab) Tj ET
BT /F1 10 Tf 2 0 0 2 72 650 Tm (cd) Tj ET
BT /F1 10 Tf 2 0 0 2 300 650 Tm (ef) Tj ET
BT /F1 20 Tf 72 600 Td (gh) Tj ET
BT /F1 10 Tf -1 0 0 1 300 550 Tm (ij) Tj ET
BT /F1 0 Tf 72 500 Td (kl) Tj ET
"""


def test_sizes_worked_out_once_for_each_scale_are_each_characters_size():
    with closing(pypdfium2.PdfDocument(builders.raw_pdf(SCALED))) as pdf, closing(pdf[0]) as page, closing(page.get_textpage()) as textpage:
        raw, matrix = pypdfium2.raw, pypdfium2.raw.FS_MATRIX()
        expected = []
        for index in range(textpage.count_chars()):
            size = raw.FPDFText_GetFontSize(textpage.raw, index)
            if raw.FPDFText_GetMatrix(textpage.raw, index, ctypes.byref(matrix)):
                size *= abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
            expected.append(round(size, 2))
        sizes = _Glyphs(textpage).font_sizes(list(range(textpage.count_chars())))
    assert {10.0, 20.0} <= set(expected)
    assert [repr(size) for size in sizes] == [repr(size) for size in expected]


def test_sizes_of_zero_and_minus_zero_and_nan_keep_their_own_value(monkeypatch):
    raw_sizes = [0.0, -0.0, 0.0, float("nan"), 10.0, float("nan"), 10.0]
    monkeypatch.setattr(pdfium, "_FONT_SIZE", lambda handle, index: raw_sizes[index])
    monkeypatch.setattr(pdfium, "_MATRIX", lambda handle, index, matrix: 0)
    with closing(pypdfium2.PdfDocument(builders.raw_pdf(b""))) as pdf, closing(pdf[0]) as page, closing(page.get_textpage()) as textpage:
        sizes = _Glyphs(textpage).font_sizes(list(range(len(raw_sizes))))
    assert [repr(size) for size in sizes] == ["0.0", "-0.0", "0.0", "nan", "10.0", "nan", "10.0"]
