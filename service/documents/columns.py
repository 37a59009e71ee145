"""Two columns side by side: the gutter of a two-column page, and the two-column blocks of lines
(a header, a skills list beside education) on a one-column page, each with the band its columns
stand apart at."""

from __future__ import annotations

import bisect
import collections
import itertools
import re
import statistics
from collections.abc import Iterator

from service.documents.model import Word
from service.documents.rows import group_rows, height

# A two-column page or block has its gutter inside these fractions of the page width; an empty
# band nearer an edge is a margin or an indent.
GUTTER_ZONE = (0.2, 0.8)
MIN_GUTTER = 10.0  # points of empty page between two columns
GUTTER_BIN = 2.0  # points per bin when the page-wide gutter is searched
MIN_PAGE_WORDS = 30  # fewer words are too few to tell a two-column page from a short one
# A page-wide gutter may be crossed by this share of the words: a name or headings across the page.
PAGE_CROSSING_SHARE = 0.01
# Each column holds at least this share of the words of its page or block; less is an indent,
# a margin note or a date column beside long entries.
MIN_SIDE_SHARE = 0.15
ROW_BUCKET = 4.0  # points: text of the two sides within this height stands on the same row
MIN_SHARED_ROWS = 5  # a page is two columns when both sides hold text at this many heights
MARGIN_ROW_SHARE = 0.6  # a side whose rows hold dates or labels this often is a margin, not a column
# A row of dates alone: "Jan 2022 - Present", "2019 – 2021", "03/2018 - 06/2020", "Since 2020"
DATES_ONLY = re.compile(
    r"^(?:since\s+)?[\w./]*\s*(?:19|20)\d\d\s*(?:[-–—]|to)?\s*(?:[\w./]*\s*(?:19|20)\d\d|present|current|now|today)?\W*$", re.I
)
MAX_LABEL_WORDS = 3  # a label ends in a colon within this many words ("Current role:")

# Rows part at a gap this many line heights tall (a blank line): a heading or an entry after a
# two-column block belongs to the text that follows, not to the block's left column.
BLOCK_GAP = 0.8
# A line with text on one side only, above or below a block's rows with text on both, is part of
# its column while it stands within this many of the column's line steps of its neighbour line:
# the longer column goes on at its steady step, a heading after the block stands further off.
BLOCK_PITCH = 1.5
# The lines of a column start at one edge, give or take a bullet or a hanging indent of up to
# this many line heights; lines that start all over are centred text or cells, not a column.
INDENT = 3.0
# Line ends within this share of a line height of each other are aligned (loose glyph boxes of
# italics and digits differ by a few points).
ALIGN_TOLERANCE = 0.5
# Right lines of which this share end flush with the rightmost are cells set flush right (dates,
# places) beside their rows' text; a justified column's paragraph ends fall short of it.
FLUSH_RIGHT_SHARE = 0.8
# A row whose two sides differ this much in text height (a name beside contact lines) joins two
# blocks with line grids of their own; a table's key and value share a size, give or take bold.
SIZE_RATIO = 1.5
# The widest this many bands a run of lines leaves empty are tried as its gutter (a header of three
# columns leaves two); a few keep the search linear on a page of many words.
MAX_BANDS = 3
# A header block starts within this many lines of the top of the page (under a name line across
# the page at most).
HEADER_LINES = 2
MIN_COLUMN_LINES = 2  # each column of a two-column block holds at least this many lines

Band = tuple[float, float]


def find_gutter(words: list[Word], width: float) -> Band | None:
    """The widest empty vertical band in the middle of the page that splits the text into two
    columns side by side; None for a one-column page."""
    if len(words) < MIN_PAGE_WORDS or width <= 0:
        return None
    bins = int(width / GUTTER_BIN) + 1
    # Words crossing each bin, from the bins where words start and end (linear in words + bins).
    changes = [0] * (bins + 1)
    # Once per word of the page: conditional expressions stand for max() and min() of ints.
    for w in words:
        first, last = int(w.x0 / GUTTER_BIN), int(w.x1 / GUTTER_BIN) + 1
        first, last = first if first > 0 else 0, last if last < bins else bins
        if first < last:
            changes[first] += 1
            changes[last] -= 1
    crossing = list(itertools.accumulate(changes[:bins]))
    allowed = max(1, int(len(words) * PAGE_CROSSING_SHARE))
    best: Band | None = None
    start = None
    for b in range(int(bins * GUTTER_ZONE[0]), int(bins * GUTTER_ZONE[1]) + 1):
        if b < bins and crossing[b] <= allowed:
            start = b if start is None else start
            continue
        if start is not None:
            band = (start * GUTTER_BIN, b * GUTTER_BIN)
            if band[1] - band[0] >= MIN_GUTTER and (best is None or band[1] - band[0] > best[1] - best[0]):
                best = band
            start = None
    if best is None:
        return None
    left = [w for w in words if w.x1 <= best[0]]
    right = [w for w in words if w.x0 >= best[1]]
    if min(len(left), len(right)) < MIN_SIDE_SHARE * len(words):
        return None
    # A side of dates ("Jan 2022 - Present" beside each job) or of labels ("Education:" beside its
    # value) is a margin of the rows beside it, read with them, not a column of its own.
    if any(_margin_share(side) >= MARGIN_ROW_SHARE for side in (left, right)):
        return None
    # Both sides must hold text at the same heights, else it is a margin, not a column break; a
    # sidebar set smaller than the main column has its own line step, so its rows count where a
    # row of the other side stands within ROW_BUCKET of them, not only at the very same height.
    right_tops = sorted({w.top for w in right})
    left_rows = {round(w.top / ROW_BUCKET): w.top for w in left}
    shared = sum(1 for top in left_rows.values() if _nearest_gap(right_tops, top) <= ROW_BUCKET)
    if shared < MIN_SHARED_ROWS:
        return None
    return best


def _margin_share(words: list[Word]) -> float:
    """The share of a side's rows that are nothing but dates ("Jan 2022 - Present") or a short
    label ("Education:"); an entry that names its year ("M.S. CS, Stanford, 2017") is no margin."""
    rows = [[w.text for w in row] for row in group_rows(words)]
    marked = sum(1 for texts in rows if DATES_ONLY.match(" ".join(texts)) or (texts[-1].endswith(":") and len(texts) <= MAX_LABEL_WORDS))
    return marked / len(rows) if rows else 0.0


def _nearest_gap(tops: list[float], top: float) -> float:
    """How far the nearest of the sorted heights stands from this one."""
    at = bisect.bisect_left(tops, top)
    return min((abs(tops[i] - top) for i in (at - 1, at) if 0 <= i < len(tops)), default=float("inf"))


def blocks(lines: list[list[Word]], origins: list[int], width: float) -> Iterator[tuple[int, int, Band | None]]:
    """The page's text lines in parts [start, end), top to bottom, each with the band its two
    columns stand apart at, or None for lines read row by row; `origins` numbers the row each
    line comes from. Lines that all leave one vertical band in the middle of the page empty form
    a run, so one scan finds the gutter of each block of lines, whatever the rest of the page holds."""
    zone = (GUTTER_ZONE[0] * width, GUTTER_ZONE[1] * width)
    free = [_free_bands(line, zone) for line in lines]
    start = 0
    bands: list[Band] = []
    for index in range(len(lines)):
        common = _common_bands(bands, free[index]) if index > start else []
        if common:
            bands = common
            continue
        if index > start:
            yield from _settle(lines, origins, free, start, index)
        start, bands = (index, free[index]) if free[index] else (index + 1, [])
        if not free[index]:
            yield index, index + 1, None
    if len(lines) > start:
        yield from _settle(lines, origins, free, start, len(lines))


def _free_bands(row: list[Word], zone: Band) -> list[Band]:
    """The bands of the zone at least MIN_GUTTER wide that no word of the row (left to right) covers."""
    bands: list[Band] = []
    edge, end = zone
    # Once per word of the page: conditional expressions stand for min() and max(), the way they choose.
    for w in row:
        x0, x1 = w.x0, w.x1
        start = end if end < x0 else x0
        if start - edge >= MIN_GUTTER:
            bands.append((edge, start))
        edge = x1 if x1 > edge else edge
    if end - edge >= MIN_GUTTER:
        bands.append((edge, end))
    return bands


def _common_bands(first: list[Band], second: list[Band]) -> list[Band]:
    """The parts at least MIN_GUTTER wide that two sorted lists of bands share."""
    out: list[Band] = []
    i = j = 0
    while i < len(first) and j < len(second):
        low, high = max(first[i][0], second[j][0]), min(first[i][1], second[j][1])
        if high - low >= MIN_GUTTER:
            out.append((low, high))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return out


def _settle(
    lines: list[list[Word]], origins: list[int], free: list[list[Band]], start: int, end: int
) -> Iterator[tuple[int, int, Band | None]]:
    """The run of lines [start, end) (`free` holds the bands each leaves empty) in groups that no
    blank line parts (a heading or an entry after a blank line below a two-column block is not
    part of its left column), each group's two-column block with its band, and the lines around
    it to read row by row."""
    if end - start < MIN_COLUMN_LINES:  # too few lines for two columns of lines
        yield start, end, None
        return
    tops = [min([w.top for w in line]) for line in lines[start:end]]
    bottoms = [max([w.bottom for w in line]) for line in lines[start:end]]
    limit = BLOCK_GAP * statistics.median(b - t for t, b in zip(tops, bottoms, strict=True))
    low = start
    for high in range(start + 1, end + 1):
        if high < end and tops[high - start] - bottoms[high - start - 1] <= limit:
            continue
        bands = free[low]
        for index in range(low + 1, high):
            bands = _common_bands(bands, free[index])
        widest = sorted(bands, key=lambda b: b[0] - b[1])[:MAX_BANDS] if high - low >= MIN_COLUMN_LINES else []
        yield from _split_group(lines[low:high], origins[low:high], low, widest)
        low = high


def _split_group(group: list[list[Word]], origins: list[int], offset: int, bands: list[Band]) -> Iterator[tuple[int, int, Band | None]]:
    """A group of lines (the first at `offset` on the page; `origins` numbers the row each comes
    from) as its two-column block beside the first of the bands it reads as two columns at, and
    the lines around it; or whole, to read row by row."""
    stacked = collections.Counter(origins)  # a row of stacked lines gives several lines
    for band in bands:
        sides = [_Sides(line, band) for line in group]
        across: dict[int, set[str]] = {}  # the sides each row holds text on
        for origin, line in zip(origins, sides, strict=True):
            across.setdefault(origin, set()).update(side for side in ("left", "right") if line.part(side))
        for origin, line in zip(origins, sides, strict=True):
            # A line pairs with text across the band on its own row, or on the row it is stacked in.
            line.paired = len(across[origin]) == 2
            line.stacked = stacked[origin] > 1
        if not any(line.paired for line in sides):
            continue
        first, last = _column_span(sides)
        if _two_columns(sides[first:last], header=offset + first < HEADER_LINES):
            yield from (
                (offset + a, offset + b, found)
                for a, b, found in [(0, first, None), (first, last, band), (last, len(group), None)]
                if a < b
            )
            return
    yield offset, offset + len(group), None


class _Sides:
    """A line's words left and right of a band; whether the line's row holds text on both sides,
    and whether the row holds stacked lines."""

    def __init__(self, line: list[Word], band: Band) -> None:
        self.left = [w for w in line if w.x1 <= band[0]]
        self.right = [w for w in line if w.x0 >= band[1]]
        self.paired = self.stacked = False

    def part(self, side: str) -> list[Word]:
        return self.left if side == "left" else self.right

    def side_top(self, side: str) -> float:
        return min(w.top for w in self.part(side))

    def side_height(self, side: str) -> float:
        return max(w.bottom for w in self.part(side)) - self.side_top(side)


def _column_span(sides: list[_Sides]) -> tuple[int, int]:
    """The lines [first, last) of a group that its two columns may hold: from its first to its
    last line with text on both sides, and on over lines with text on one side while each stands
    within BLOCK_PITCH lines (the column's usual step, or the line above it when taller) of the
    line before or after it in its column: the longer column goes on, a heading after the block
    stands further off."""
    steps = []
    for side in ("left", "right"):
        tops = [line.side_top(side) for line in sides if line.part(side)]
        steps += [b - a for a, b in zip(tops, tops[1:], strict=False)]
    pitch = statistics.median(steps) if steps else 0.0

    def near(upper: _Sides, lower: _Sides, side: str) -> bool:
        return lower.side_top(side) - upper.side_top(side) <= BLOCK_PITCH * max(pitch, upper.side_height(side))

    paired = [i for i, line in enumerate(sides) if line.paired]
    first, last = paired[0], paired[-1] + 1
    below = {side: next((line for line in sides[first:] if line.part(side)), None) for side in ("left", "right")}
    while first > 0:
        side = "left" if sides[first - 1].left else "right"
        line = below[side]
        if line is None or not near(sides[first - 1], line, side):
            break
        first -= 1
        below[side] = sides[first]
    above = {side: next((line for line in reversed(sides[:last]) if line.part(side)), None) for side in ("left", "right")}
    while last < len(sides):
        side = "left" if sides[last].left else "right"
        line = above[side]
        if line is None or not near(line, sides[last], side):
            break
        above[side] = sides[last]
        last += 1
    return first, last


def _two_columns(sides: list[_Sides], header: bool) -> bool:
    """Whether lines that leave a band empty read as two columns beside it, not as a table or as
    cells of one line (a title and its dates). Each side holds enough lines and words, and the
    right lines do not mostly end flush right (dates and places set flush right are cells of
    their rows). Besides, the columns flow on their own: some left line below the first pair
    stands beside no right text (a table pairs every key with its value) and each side's lines
    start at one edge, give or take an indent; or, at the top of the page, the block is a
    header whose sides keep line grids of their own (a row stacks lines across the band, or
    pairs text of sizes far apart, as a name beside contact lines)."""
    left = [w for line in sides for w in line.left]
    right = [w for line in sides for w in line.right]
    if min(sum(bool(line.left) for line in sides), sum(bool(line.right) for line in sides)) < MIN_COLUMN_LINES:
        return False
    if min(len(left), len(right)) < MIN_SIDE_SHARE * (len(left) + len(right)):
        return False
    line_height = statistics.median(height(w) for w in left + right)
    ends = [max(w.x1 for w in line.right) for line in sides if line.right]
    if sum(max(ends) - end <= ALIGN_TOLERANCE * line_height for end in ends) >= FLUSH_RIGHT_SHARE * len(ends):
        return False
    first = next(i for i, line in enumerate(sides) if line.paired)
    if any(line.left and not line.paired for line in sides[first:]):
        starts = [[line.part(side)[0].x0 for line in sides if line.part(side)] for side in ("left", "right")]
        if all(max(edge) - min(edge) <= INDENT * line_height for edge in starts):
            return True
    if not header:
        return False
    return any(line.paired and line.stacked for line in sides) or any(_sizes_differ(line) for line in sides if line.left and line.right)


def _sizes_differ(line: _Sides) -> bool:
    """Whether the text left and right of the band in a line differs in height by SIZE_RATIO."""
    left = statistics.median(height(w) for w in line.left)
    right = statistics.median(height(w) for w in line.right)
    return max(left, right) >= SIZE_RATIO * min(left, right)
