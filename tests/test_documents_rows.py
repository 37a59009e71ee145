"""Words grouped into rows with each top rounded once stand in the order they stood with a top
rounded for every word: whatever the tops hold (tops a tenth of a point apart, equal values of
both signs, NaN, one NaN shared by words)."""

from __future__ import annotations

import statistics

from hypothesis import given, settings
from hypothesis import strategies as st

from service.documents.model import Word
from service.documents.rows import MIN_HEIGHT, ROW_OVERLAP, group_rows, make_line

NAN = float("nan")
# Tops that round together and apart, zeros of both signs, NaN, an int (as OCR gives).
TOPS = st.sampled_from([0.0, -0.0, 10.0, 10.04, 10.05, 10.06, 10.15, 10.25, 11.0, 12.5, 12, NAN, float("inf")])
EDGES = st.sampled_from([0.0, -0.0, 1.0, 5.0, 5.0, 20.0, NAN])
HEIGHTS = st.sampled_from([0.0, 0.05, 1.0, 2.0, 10.0, -1.0, NAN])


def plain_group_rows(words: list[Word]) -> list[list[Word]]:
    """group_rows as it stood with a top rounded for every word."""
    rows: list[list[Word]] = []
    top = bottom = 0.0
    for word in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        word_top, word_bottom = word.top, word.bottom
        if rows:
            row_height, word_height = bottom - top, word_bottom - word_top
            height = word_height if word_height < row_height else row_height
            height = MIN_HEIGHT if MIN_HEIGHT > height else height
            shared = (word_bottom if word_bottom < bottom else bottom) - (word_top if word_top > top else top)
            if shared >= ROW_OVERLAP * height:
                rows[-1].append(word)
                top = word_top if word_top < top else top
                bottom = word_bottom if word_bottom > bottom else bottom
                continue
        rows.append([word])
        top, bottom = word_top, word_bottom
    return [sorted(row, key=lambda w: w.x0) for row in rows]


@st.composite
def page_words(draw: st.DrawFn) -> list[Word]:
    words = []
    shared = NAN  # one NaN object that several words' tops are
    for number in range(draw(st.integers(0, 12))):
        top = shared if draw(st.booleans()) and draw(st.booleans()) else draw(TOPS)
        bottom = top + draw(HEIGHTS)
        x0 = draw(EDGES)
        words.append(Word(str(number), x0, x0 + 3.0, top, bottom, 10.0, False))
    return words


@settings(max_examples=500)
@given(page_words())
def test_rows_with_tops_rounded_once_are_the_rows_with_tops_rounded_for_every_word(words):
    assert [[w.text for w in row] for row in group_rows(words)] == [[w.text for w in row] for row in plain_group_rows(words)]


def test_words_under_one_nan_top_keep_the_order_of_nan_tops_of_their_own():
    # Keys holding one NaN object compare equal; round() gives each word a NaN of its own.
    words = [Word("b", 5.0, 8.0, NAN, NAN, 10.0, False), Word("a", 1.0, 4.0, NAN, NAN, 10.0, False)]
    assert [[w.text for w in row] for row in group_rows(words)] == [["b"], ["a"]]


SIZES = st.sampled_from([0.0, -0.0, 8.0, 9.5, 10.0, 10.0, 10.25, 11.0, 12, NAN, float("inf"), -float("inf")])


@settings(max_examples=500)
@given(st.lists(SIZES, min_size=1, max_size=9))
def test_a_lines_size_is_the_median_statistics_gives(sizes):
    row = [Word(f"w{number}", float(number), number + 0.5, 10.0, 20.0, size, False) for number, size in enumerate(sizes)]
    known = [size for size in sizes if size]
    expected = round(statistics.median(known), 1) if known else 0.0
    assert repr(make_line(row, 1).size) == repr(expected)
