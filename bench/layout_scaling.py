"""How the layout step grows with the words of a page (not a test: these machines are noisy).

Prints the seconds `_page_lines` takes for 2,000 and 8,000 words of two hostile shapes and their
ratio: about 4 for a linear pass, about 16 for a loop over pairs of words.

    .venv/bin/python bench/layout_scaling.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.documents.layout import page_lines as _page_lines  # noqa: E402
from service.documents.model import Word as _Word  # noqa: E402


def _seconds(words: list[_Word]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        _page_lines(list(words), 612.0, 1)
        best = min(best, time.perf_counter() - started)
    return best


def _bridged_rows(count: int) -> list[_Word]:
    """Rows of two stacked lines each, bridged by a tall glyph, in a column that never ends."""
    words = []
    for i in range(count):
        row, place = divmod(i, 20)
        if place == 0:
            words.append(_Word("o", 10, 14, row - 1.5, row + 2.5, 3, False))
        else:
            top = row + (place % 2) * 1.05
            words.append(_Word("x", 20 + place * 25, 40 + place * 25, top, top + 1, 1, False))
    return words


def _two_column_run(count: int) -> list[_Word]:
    """Lines of a left and a right column on grids of their own, one run from top to bottom."""
    return [
        _Word("word", 40 + (i % 7) if i % 2 == 0 else 320, 100 if i % 2 == 0 else 380, t, t + 0.015, 0.01, False)
        for i in range(count)
        for t in [(i // 2) * 0.02 + (i % 2) * 0.013]
    ]


def main() -> None:
    for build in (_bridged_rows, _two_column_run):
        small, large = _seconds(build(2_000)), _seconds(build(8_000))
        print(f"{build.__name__:<16} 2,000 words {small:.3f} s, 8,000 words {large:.3f} s, ratio {large / small:.1f}")


if __name__ == "__main__":
    main()
