"""PDFium's characters -> words: where the words of a page part, found for the whole page at once
from its characters' boxes, and each word's box, size and weight."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import NamedTuple

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
# Character codes that end a word: none (0) and white space (str.isspace; none past U+3000).
WORD_BREAKS = frozenset([0, *(code for code in range(0x3001) if chr(code).isspace())])
# Whether each code is a word break, to the code after the last break, which stands for every later code.
BREAK_TABLE = np.isin(np.arange(max(WORD_BREAKS) + 2), sorted(WORD_BREAKS))

Run = tuple[int, int]  # characters [first, end) of the page between word breaks
Weights = Callable[[list[int]], list[bool]]  # whether the font of each of these characters is bold


class Runs(NamedTuple):
    """The runs of a page's characters between word breaks: the page's index of each character
    of the runs, one run after another, and where each run starts among them."""

    characters: np.ndarray
    firsts: np.ndarray

    def spans(self) -> list[Run]:
        """Each run as the page's characters [first, end)."""
        if not len(self.firsts):
            return []
        lasts = np.append(self.firsts[1:], len(self.characters)) - 1
        return list(zip(self.characters[self.firsts].tolist(), (self.characters[lasts] + 1).tolist(), strict=True))


def find_runs(text: str) -> Runs:
    """The runs of the text's characters between word breaks (WORD_BREAKS)."""
    # one code a character, a lone surrogate included
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)
    characters = np.flatnonzero(~BREAK_TABLE[np.minimum(codes, len(BREAK_TABLE) - 1)])
    # a run starts where a character does not follow the one before on the page
    return Runs(characters, np.flatnonzero(np.diff(characters, prepend=-2) != 1))


def make_words(shown: str, runs: Runs, boxes: bytes, height: float, sizes: list[float], bold: Weights) -> list[Word]:
    """The words of a page: each run of characters between word breaks parts again where the gap
    to the next character passes X_TOLERANCE_RATIO of the run's font size (`sizes`, one a run),
    where text goes back by more than the character's width, or where the next character stands
    on another line. `boxes` holds each character of the runs' loose box in C floats, `shown`
    the page's text; `bold` tells the weight of the characters the words start at.

    The comparisons are made for every character in one pass of NumPy's, in the same double
    arithmetic as `plain_words`; a page with a box edge that is not a number, is infinite or is
    minus zero is read by `plain_words`, whose comparisons choose among such values in their own way."""
    characters, firsts = runs
    count = len(characters)
    if not count:
        return []
    edges = np.frombuffer(boxes, np.float32).astype(np.float64).reshape(-1, EDGES)
    if not _ordered(edges):
        return plain_words(shown, runs.spans(), boxes, height, sizes, bold)
    left, right = edges[:, 0], edges[:, 2]
    top, bottom = height - edges[:, 1], height - edges[:, 3]
    # Each character after the first against the one before it, with its run's size: NaN kept,
    # as max(size, MIN_FONT_SIZE) keeps it.
    scale = np.repeat(np.maximum(np.array(sizes, dtype=np.float64), MIN_FONT_SIZE), np.diff(firsts, append=count))[1:]
    gap_limit = X_TOLERANCE_RATIO * scale
    last_right, last_top, next_left, next_right, next_top = right[:-1], top[:-1], left[1:], right[1:], top[1:]
    parted = np.empty(count, dtype=bool)
    with np.errstate(all="ignore"):  # sizes may be NaN or infinite
        parted[1:] = (
            (next_left - last_right > gap_limit)
            | (next_left < last_right - BACKSTEP_GAPS * gap_limit - (next_right - next_left))
            | (np.abs(next_top - np.where(last_top == 0, next_top, last_top)) > LINE_JUMP * scale)
        )
    parted[firsts] = True
    starts = np.flatnonzero(parted)
    begins = characters[starts].tolist()
    ends = (characters[np.append(starts[1:], count) - 1] + 1).tolist()
    run_of = (np.searchsorted(firsts, starts, side="right") - 1).tolist()
    return list(
        map(
            Word,
            [shown[begin:end] for begin, end in zip(begins, ends, strict=True)],
            left[starts].tolist(),
            np.maximum.reduceat(right, starts).tolist(),
            np.minimum.reduceat(top, starts).tolist(),
            np.maximum.reduceat(bottom, starts).tolist(),
            operator.itemgetter(*run_of)(sizes) if len(run_of) > 1 else [sizes[run_of[0]]],
            bold(begins),
        )
    )


def _ordered(edges: np.ndarray) -> bool:
    """Whether the box edges are finite and none is minus zero: then the greatest and least of any
    of them, or of the tops and bottoms measured from the page's height, are one value, whichever
    way they are compared. (A height less a finite C float is finite where the height is, and
    minus zero only where the height is minus zero and the edge zero: every zero top is then
    minus zero; a NaN or infinite height makes every top NaN or infinite alike.)"""
    return bool(np.isfinite(edges).all()) and not bool(np.signbit(edges[edges == 0]).any())


def plain_words(shown: str, runs: list[Run], boxes: bytes, height: float, sizes: list[float], bold: Weights) -> list[Word]:
    """The words of `make_words`, found a character at a time."""
    edges = memoryview(boxes).cast("f").tolist()
    words: list[Word] = []
    begins: list[int] = []
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
                words.append(Word(shown[start:index], x0, x1, top, bottom, size, False))
                begins.append(start)
                start = index
            if index == start:
                x0, x1, top, bottom = left, right, y_top, y_bottom
            else:  # comparisons, not max() and min(), as they choose among NaN and minus zero
                x1 = right if right > x1 else x1
                top = y_top if y_top < top else top
                bottom = y_bottom if y_bottom > bottom else bottom
            last_right, last_top = right, y_top
        words.append(Word(shown[start:end], x0, x1, top, bottom, size, False))
        begins.append(start)
    for word, weight in zip(words, bold(begins), strict=True):
        word.bold = weight
    return words
