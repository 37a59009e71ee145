"""Rows that each hold one text line, read row by row, give their lines as they stand."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from service.documents import layout
from service.documents.model import Line, Word
from service.documents.rows import group_rows, make_line, stacked

# Words left to right with word spaces and wider gaps between them, on a grid of lines, some
# taller (a bullet, a name) and some half a line off.
GAPS = st.sampled_from([3.0, 3.0, 4.0, 30.0, 120.0])
WIDTHS = st.sampled_from([8.0, 20.0, 45.0, 90.0])
HEIGHTS = st.sampled_from([10.0, 10.0, 10.0, 12.0, 24.0])
OFFSETS = st.sampled_from([0.0, 0.0, 0.0, 2.0, 6.0])
TEXTS = st.sampled_from(["Data", "2019", "Python,", "•", "-", "a", "D A T A"])


@st.composite
def pages(draw: st.DrawFn) -> list[Word]:
    words = []
    for line in range(draw(st.integers(1, 25))):
        left = draw(st.sampled_from([40.0, 60.0, 300.0]))
        for number in range(draw(st.integers(1, 5))):
            width, top = draw(WIDTHS), 50.0 + 14.0 * line + draw(OFFSETS)
            words.append(Word(f"{draw(TEXTS)}{line}.{number}", left, left + width, top, top + draw(HEIGHTS), 10.0, draw(st.booleans())))
            left += width + draw(GAPS)
    return words


def fields(lines: list[Line]) -> list[tuple[str, float, float, float, bool]]:
    return [(line.text, line.top, line.x0, line.size, line.bold) for line in lines]


@settings(max_examples=500, deadline=None)
@given(pages(), st.data())
def test_lines_of_rows_none_stacked_read_as_they_stand_as_read_row_by_row(words, data):
    rows = [row for row in group_rows(words) if not stacked(row)]
    start = data.draw(st.integers(0, len(rows)))
    end = data.draw(st.integers(start, len(rows)))
    pieces = list(enumerate(rows))[start:end]
    read = layout._read_rows(pieces, rows, [1] * len(rows), [False] * len(rows), 1)
    assert fields(read) == fields([make_line(line, 1) for _, line in pieces])
