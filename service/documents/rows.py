"""Words -> rows -> text lines: words grouped into rows, rows into cells, cells into text lines,
and each line made a Line with its position, size and weight."""

from __future__ import annotations

import bisect
import math
import operator
import statistics
from collections.abc import Iterable

from service.documents.cleaning import clean_line
from service.documents.model import Line, Word

# A word joins a row when it overlaps the row's vertical extent by this share of the smaller height.
ROW_OVERLAP = 0.5
# Words of one text line never overlap horizontally by more than this share of their height (a
# space parts them); more means two text lines stacked in one row, e.g. joined by a tall bullet or
# by a taller line beside a two-line cell.
STACK_OVERLAP = 0.3
# Inside a row, a gap wider than this many line heights parts cells (a tab stop, \hfill, a table
# column): word spaces, even stretched by justification, are narrower.
CELL_GAP = 1.5
# A word taller than this many times the median height of its cell is a bullet, an icon or a
# larger font: it may reach two text lines, so it joins the line nearest its middle instead of
# chaining them.
TALL_WORD = 1.4
# Middles of two text lines stand at least a line apart; words of one line (mixed sizes,
# superscripts) stand within this share of their height.
LINE_SPLIT = 0.5
MIN_HEIGHT = 0.1  # points: the height of a word or row whose box is flat (or upside down)
# A row of at least this many one-letter words is a letter-spaced heading ("E X P E R I E N C E").
SPACED_LETTERS = 4
# In a letter-spaced heading, a gap wider than this many times the narrowest gap, plus
# SPACED_SLACK points, parts words; narrower gaps part letters of one word.
SPACED_WORD_GAP = 1.6
SPACED_SLACK = 0.5
BOLD_SHARE = 0.5  # a line is bold when more than this share of its letters is


def group_rows(words: Iterable[Word]) -> list[list[Word]]:
    """Group words into rows whose vertical extents overlap, top to bottom, left to right."""
    rows: list[list[Word]] = []
    top = bottom = 0.0  # the vertical extent of the last row
    # Once per word of the page: conditional expressions stand for min() and max(), the way they
    # choose (the first of equals, and the same where a value is not a number).
    for word in _reading_order(words):
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
    left_edge = operator.attrgetter("x0")
    return [sorted(row, key=left_edge) for row in rows]


def _reading_order(words: Iterable[Word]) -> list[Word]:
    """Words sorted by their top to a tenth of a point, then by their left edge. A line's words
    share a top: each top is rounded once (tops equal in value share a key, which sorts as
    theirs would). Where a top is NaN, each word's is rounded, as each key must then hold a NaN
    of its own: keys holding one NaN object compare equal, keys holding two do not."""
    words = list(words)
    tops = {w.top for w in words}
    if any(top != top for top in tops):
        return sorted(words, key=lambda w: (round(w.top, 1), w.x0))
    rounded = {top: round(top, 1) for top in tops}
    return sorted(words, key=lambda w: (rounded[w.top], w.x0))


def height(word: Word) -> float:
    return max(word.bottom - word.top, MIN_HEIGHT)


def middle(word: Word) -> float:
    return (word.top + word.bottom) / 2


def stacked(row: list[Word]) -> bool:
    """Whether words of the row (left to right) overlap horizontally: text lines stacked."""
    reach, reach_height = -math.inf, 0.0  # the right end of the word reaching furthest so far
    # Once per word of the page: height() and min() written out, choosing as they do.
    for word in row:
        word_height = word.bottom - word.top
        word_height = MIN_HEIGHT if MIN_HEIGHT > word_height else word_height
        if reach - word.x0 > STACK_OVERLAP * (word_height if word_height < reach_height else reach_height):
            return True
        if word.x1 > reach:
            reach, reach_height = word.x1, word_height
    return False


def _cells(row: list[Word]) -> list[list[Word]]:
    """The row's words (left to right) in cells parted by gaps wider than CELL_GAP lines."""
    typical = sorted(height(w) for w in row)[len(row) // 2]
    cells: list[list[Word]] = []
    reach = -math.inf
    for word in row:
        if cells and word.x0 - reach <= CELL_GAP * typical:
            cells[-1].append(word)
        else:
            cells.append([word])
        reach = max(reach, word.x1)
    return cells


def cell_lines(row: list[Word]) -> list[list[Word]]:
    """Each text line of each cell of a row of stacked lines, top to bottom."""
    return sorted((line for cell in _cells(row) for line in _text_lines(cell)), key=lambda line: min(w.top for w in line))


def row_lines(row: list[Word]) -> list[list[Word]]:
    """The lines a row reads as, each with its words together: the row itself when its words
    stand on one line. Of stacked lines, a later cell's line beside one line of the first cell
    joins it, as a one-line row reads ("Data Scientist  2019 - 2021"); a later cell wrapped on
    several lines beside one line reads as a line of its own after it ("Syracuse University",
    then "Syracuse, New York, USA"); a line beside none stands alone."""
    if not stacked(row):
        return [row]
    cells = _cells(row)
    lines = _text_lines(cells[0])
    extents = [(min(w.top for w in line), max(w.bottom for w in line)) for line in lines]
    middles = [(top + bottom) / 2 for top, bottom in extents]
    keyed: list[tuple[tuple[float, int, int], list[Word]]] = []
    for cell in cells[1:]:
        beside: dict[int, list[list[Word]]] = {}
        for line in _text_lines(cell):
            top, bottom = min(w.top for w in line), max(w.bottom for w in line)
            at = bisect.bisect_left(middles, (top + bottom) / 2)
            best, overlap = None, 0.0
            for i in (at - 1, at):
                if 0 <= i < len(lines):
                    shared = min(bottom, extents[i][1]) - max(top, extents[i][0])
                    if shared > overlap and shared >= ROW_OVERLAP * min(bottom - top, extents[i][1] - extents[i][0]):
                        best, overlap = i, shared
            if best is None:
                keyed.append(((top, 2, len(keyed)), line))
            else:
                beside.setdefault(best, []).append(line)
        for i, found in beside.items():
            if len(found) == 1:
                lines[i] += found[0]
            else:
                keyed.append(((extents[i][0], 1, len(keyed)), [w for line in found for w in line]))
    keyed += [((extents[i][0], 0, 0), line) for i, line in enumerate(lines)]
    return [line for _, line in sorted(keyed, key=lambda item: item[0])]


def _text_lines(words: list[Word]) -> list[list[Word]]:
    """Words of one cell (left to right) in text lines, top to bottom, each left to right:
    lines part where the middles of words stand apart by more than LINE_SPLIT of their height."""
    typical = sorted(height(w) for w in words)[len(words) // 2]
    regular = sorted((w for w in words if height(w) <= TALL_WORD * typical), key=middle)
    lines: list[list[Word]] = []
    for previous, word in zip([None, *regular], regular, strict=False):
        if previous is not None and middle(word) - middle(previous) <= LINE_SPLIT * min(height(word), height(previous)):
            lines[-1].append(word)
        else:
            lines.append([word])
    middles = [statistics.median(middle(w) for w in line) for line in lines]
    for word in words:
        if height(word) > TALL_WORD * typical:
            at = bisect.bisect_left(middles, middle(word))
            near = min((i for i in (at - 1, at) if 0 <= i < len(lines)), key=lambda i: abs(middles[i] - middle(word)))
            lines[near].append(word)
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _spaced_out(row: list[Word]) -> str:
    """Rebuild letter-spaced headings ("E X P E R I E N C E"): join letters whose gap is small
    compared with the gaps between words."""
    gaps = [b.x0 - a.x1 for a, b in zip(row, row[1:], strict=False)]
    unit = min(gaps)
    text = row[0].text
    for gap, word in zip(gaps, row[1:], strict=True):
        text += (" " if gap > SPACED_WORD_GAP * unit + SPACED_SLACK else "") + word.text
    return text


def make_line(row: list[Word], page: int) -> Line:
    """The Line of a text line's words (left to right): its text cleaned, its top, left edge,
    median font size and weight."""
    # Once per line of the page: one pass over its words rather than one for each field.
    sizes: list[float] = []
    links: dict[str, None] = {}
    top = row[0].top
    letters = bold_letters = 0
    for w in row:
        letters += len(w.text)
        if w.bold:
            bold_letters += len(w.text)
        if w.size:
            sizes.append(w.size)
        if w.top < top:
            top = w.top
        if w.link:
            links[w.link] = None
    spaced = len(row) >= SPACED_LETTERS and all(len(w.text) == 1 for w in row)
    return Line(
        text=clean_line(_spaced_out(row) if spaced else " ".join([w.text for w in row])),
        page=page,
        top=top,
        x0=row[0].x0,
        size=round(statistics.median(sizes), 1) if sizes else 0.0,
        bold=bold_letters > BOLD_SHARE * letters,
        links=tuple(links),
    )
