"""Words of a PDF page -> lines in reading order: a two-column page is read column by column, and
so is a two-column block of rows on a one-column page; everything else row by row."""

from __future__ import annotations

import itertools

from service.documents.columns import MIN_GUTTER, Band, blocks, find_gutter
from service.documents.model import Line, Word
from service.documents.rows import cell_lines, group_rows, height, make_line, row_lines, stacked


def page_lines(words: list[Word], width: float, page: int) -> tuple[list[Line], int]:
    """Lines of one page in reading order, and the most columns side by side (1 or 2): a two-column
    page is read column by column, and so is a two-column block of rows (a header, a skills list
    beside education) on a one-column page."""
    rows = group_rows(words)
    gutter = find_gutter(words, width)
    out: list[Line] = []
    if gutter is not None:
        block: list[Word] = []
        # Rows read across the page (a name or heading across the gutter) split the page into blocks.
        for row in rows:
            if _across(row, gutter):
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
        out += _read_rows(pieces[start:end], rows, counts, is_stacked, page)
    return out, columns


def _read_rows(
    pieces: list[tuple[int, list[Word]]], rows: list[list[Word]], counts: list[int], is_stacked: list[bool], page: int
) -> list[Line]:
    """The lines of text lines read row by row (`pieces`: each with the index of its row, of
    which `counts` tells the text lines on the page): a row of stacked lines that stands here
    whole reads as row_lines reads it (a later cell's line joins the first cell's line beside it)."""
    out: list[Line] = []
    for index, group in itertools.groupby(pieces, key=lambda piece: piece[0]):
        lines = [line for _, line in group]
        whole = len(lines) == counts[index]
        out += [make_line(line, page) for line in (row_lines(rows[index]) if whole and is_stacked[index] else lines)]
    return out


def _read_block(words: list[Word], gutter: Band, page: int) -> list[Line]:
    """The lines of a block of two columns: the left column's, then the right column's (a word
    belongs to the side its middle stands on)."""
    middle = (gutter[0] + gutter[1]) / 2
    left = [w for w in words if (w.x0 + w.x1) / 2 < middle]
    right = [w for w in words if (w.x0 + w.x1) / 2 >= middle]
    return [make_line(line, page) for side in (left, right) for row in group_rows(side) for line in row_lines(row)]


# A word space is a third of its type's height or less: a gap half as tall as the type parts columns.
SPACE_HEIGHTS = 0.5


def _across(row: list[Word], gutter: Band) -> bool:
    """Whether a row is read across the page: a word stands over the gutter, or the words beside
    it stand as close as a word space of their type (a name in large type centred on the page);
    not a row whose two sides leave a gap wider than a gutter and than half their type's height inside it (a
    sidebar's name in large type reaching into the gutter beside the main column's heading)."""
    ordered = sorted(row, key=lambda w: w.x0)
    beside = [(a, b) for a, b in itertools.pairwise(ordered) if a.x1 < gutter[1] and b.x0 > gutter[0]]
    if any(b.x0 - a.x1 >= max(MIN_GUTTER, SPACE_HEIGHTS * max(height(a), height(b))) for a, b in beside):
        return False
    return bool(beside) or any(w.x0 < gutter[1] and w.x1 > gutter[0] for w in row)
