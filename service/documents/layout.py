"""Words of a PDF page -> lines in reading order: a two-column page is read column by column, and
so is a two-column block of rows on a one-column page; everything else row by row."""

from __future__ import annotations

import itertools

from service.documents.columns import MIN_GUTTER, Band, blocks, find_gutter
from service.documents.model import Line, Word
from service.documents.rows import cell_lines, group_rows, make_line, row_lines, stacked


def page_lines(words: list[Word], width: float, page: int) -> tuple[list[Line], int]:
    """Lines of one page in reading order, and the most columns side by side (1 or 2): a two-column
    page is read column by column, and so is a two-column block of rows (a header, a skills list
    beside education) on a one-column page."""
    rows = group_rows(words)
    gutter = find_gutter(words, width)
    out: list[Line] = []
    if gutter is not None:
        block: list[Word] = []
        # Rows that cross the gutter (a name or heading across the page) split the page into blocks;
        # a row whose two sides still stand apart (a sidebar's name in large type reaching into the
        # gutter, beside the main column's first heading) belongs to both columns.
        for row in rows:
            if any(w.x0 < gutter[1] and w.x1 > gutter[0] for w in row) and not _apart(row, gutter):
                out += _read_block(block, gutter, page)
                block = []
                out += [make_line(line, page) for line in row_lines(row)]
            else:
                block += row
        return out + _read_block(block, gutter, page), 2
    # Blocks are found among text lines, a row of stacked lines split into each of its lines;
    # text outside blocks is read row by row.
    is_stacked = [stacked(row) for row in rows]
    pieces = [(index, line) for index, row in enumerate(rows) for line in (cell_lines(row) if is_stacked[index] else [row])]
    counts = [0] * len(rows)
    for index, _ in pieces:
        counts[index] += 1
    columns = 1
    for start, end, band in blocks([line for _, line in pieces], [index for index, _ in pieces], width):
        if band is not None:
            out += _read_block([w for _, line in pieces[start:end] for w in line], band, page)
            columns = 2
            continue
        for index, group in itertools.groupby(pieces[start:end], key=lambda piece: piece[0]):
            lines = [line for _, line in group]
            whole = len(lines) == counts[index]
            out += [make_line(line, page) for line in (row_lines(rows[index]) if whole and is_stacked[index] else lines)]
    return out, columns


def _read_block(words: list[Word], gutter: Band, page: int) -> list[Line]:
    """The lines of a block of two columns: the left column's, then the right column's (a word
    belongs to the side its middle stands on)."""
    middle = (gutter[0] + gutter[1]) / 2
    left = [w for w in words if (w.x0 + w.x1) / 2 < middle]
    right = [w for w in words if (w.x0 + w.x1) / 2 >= middle]
    return [make_line(line, page) for side in (left, right) for row in group_rows(side) for line in row_lines(row)]


def _apart(row: list[Word], gutter: Band) -> bool:
    """Whether a row that reaches into the gutter leaves a gap of a gutter's width inside it, with
    text on both sides."""
    ordered = sorted(row, key=lambda w: w.x0)
    return any(b.x0 - a.x1 >= MIN_GUTTER and a.x1 < gutter[1] and b.x0 > gutter[0] for a, b in itertools.pairwise(ordered))
