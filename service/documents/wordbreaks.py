"""PDFium's characters -> words: where the words of a page part, found for the whole page at once
from its characters' boxes, and each word's box, size and weight."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable

import numpy as np

from service.documents.model import Word
from service.documents.pdf import X_TOLERANCE_RATIO

MIN_FONT_SIZE = 1.0  # points: gaps of smaller (or unsized) characters are measured as at this size
# A character that starts further left than the previous one's right edge by its own width and
# this many word gaps went back: a new line or text drawn out of order.
BACKSTEP_GAPS = 2
# A character whose top stands apart from the previous one's by this share of its size is on another line.
LINE_JUMP = 0.5
EDGES = 4  # a character's loose box: left, top, right, bottom (points from the bottom of the page)

Run = tuple[int, int]  # characters [first, end) of the page between word breaks


def make_words(shown: str, runs: list[Run], boxes: bytes, height: float, sizes: list[float], bold: Callable[[int], bool]) -> list[Word]:
    """The words of a page: each run of characters between word breaks parts again where the gap
    to the next character passes X_TOLERANCE_RATIO of the run's font size (`sizes`, one a run),
    where text goes back by more than the character's width, or where the next character stands
    on another line. `boxes` holds each character of the runs' loose box in C floats, `shown`
    the page's text; `bold` tells the weight of the character a word starts at.

    The comparisons are made for every character in one pass of NumPy's, in the same double
    arithmetic as `plain_words`; a page with a box edge that is not a number, is infinite or is
    minus zero is read by `plain_words`, whose comparisons choose among such values in their own way."""
    if not runs:
        return []
    edges = np.frombuffer(boxes, np.float32).astype(np.float64).reshape(-1, EDGES)
    if not _ordered(edges):
        return plain_words(shown, runs, boxes, height, sizes, bold)
    left, right = edges[:, 0], edges[:, 2]
    top, bottom = height - edges[:, 1], height - edges[:, 3]
    spans = np.fromiter(itertools.chain.from_iterable(runs), np.int64, 2 * len(runs)).reshape(-1, 2)
    lengths = spans[:, 1] - spans[:, 0]
    firsts = np.cumsum(lengths) - lengths  # where each run's characters start among all runs'
    size = np.array(sizes, dtype=np.float64)
    scale = np.maximum(size, MIN_FONT_SIZE)  # NaN kept, as max(size, MIN_FONT_SIZE) keeps it
    gap_limit = X_TOLERANCE_RATIO * scale
    backstep, jump_limit = BACKSTEP_GAPS * gap_limit, LINE_JUMP * scale
    last_right, last_top = np.roll(right, 1), np.roll(top, 1)  # of the character before
    with np.errstate(all="ignore"):  # sizes may be NaN or infinite
        parted = (
            (left - last_right > np.repeat(gap_limit, lengths))
            | (left < last_right - np.repeat(backstep, lengths) - (right - left))
            | (np.abs(top - np.where(last_top == 0, top, last_top)) > np.repeat(jump_limit, lengths))
        )
    parted[firsts] = True
    starts = np.flatnonzero(parted)
    # the page's index of each character of the runs
    indices = np.repeat(spans[:, 0] - firsts, lengths) + np.arange(len(left))
    begins = indices[starts].tolist()
    ends = (indices[np.append(starts[1:], len(left)) - 1] + 1).tolist()
    run_of = np.repeat(np.arange(len(runs)), lengths)[starts].tolist()
    return list(
        map(
            Word,
            [shown[begin:end] for begin, end in zip(begins, ends, strict=True)],
            left[starts].tolist(),
            np.maximum.reduceat(right, starts).tolist(),
            np.minimum.reduceat(top, starts).tolist(),
            np.maximum.reduceat(bottom, starts).tolist(),
            operator.itemgetter(*run_of)(sizes) if len(run_of) > 1 else [sizes[run_of[0]]],
            [bold(begin) for begin in begins],
        )
    )


def _ordered(edges: np.ndarray) -> bool:
    """Whether the box edges are finite and none is minus zero: then the greatest and least of any
    of them, or of the tops and bottoms measured from the page's height, are one value, whichever
    way they are compared. (A height less a finite C float is finite where the height is, and
    minus zero only where the height is minus zero and the edge zero: every zero top is then
    minus zero; a NaN or infinite height makes every top NaN or infinite alike.)"""
    return bool(np.isfinite(edges).all()) and not bool(np.signbit(edges[edges == 0]).any())


def plain_words(shown: str, runs: list[Run], boxes: bytes, height: float, sizes: list[float], bold: Callable[[int], bool]) -> list[Word]:
    """The words of `make_words`, found a character at a time."""
    edges = memoryview(boxes).cast("f").tolist()
    words: list[Word] = []
    x0 = x1 = top = bottom = 0.0
    last_right = last_top = 0.0  # of the word's last character
    at = 0  # the character's place among all runs'
    for (first, end), size in zip(runs, sizes, strict=True):
        scale = max(size, MIN_FONT_SIZE)
        gap_limit = X_TOLERANCE_RATIO * scale
        backstep, jump_limit = BACKSTEP_GAPS * gap_limit, LINE_JUMP * scale
        start = first  # of the word
        for index in range(first, end):
            left, box_top, right, box_bottom = edges[EDGES * at : EDGES * at + EDGES]
            at += 1
            y_top, y_bottom = height - box_top, height - box_bottom
            if index > first and (
                left - last_right > gap_limit
                or left < last_right - backstep - (right - left)
                or abs(y_top - (last_top or y_top)) > jump_limit
            ):  # parted by a gap alone: the next word keeps this one's size
                words.append(Word(shown[start:index], x0, x1, top, bottom, size, bold(start)))
                start = index
            if index == start:
                x0, x1, top, bottom = left, right, y_top, y_bottom
            else:  # comparisons, not max() and min(), as they choose among NaN and minus zero
                x1 = right if right > x1 else x1
                top = y_top if y_top < top else top
                bottom = y_bottom if y_bottom > bottom else bottom
            last_right, last_top = right, y_top
        words.append(Word(shown[start:end], x0, x1, top, bottom, size, bold(start)))
    return words
