"""The words crossing each bin of a page, counted for all words at once, are the counts made a
word at a time, whatever the edges hold (negative, past the page, huge, minus zero, ints), and an
edge that is not finite raises as int() raises on it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.documents.columns import crossings, plain_crossings
from service.documents.model import Word

# Edges at and around bin edges, before the page and past it, huge, minus zero, an int.
EDGES = st.one_of(
    st.sampled_from([0.0, -0.0, -0.5, -1.9, -2.0, -3.0, 1.0, 1.99, 2.0, 2.01, 3.5, 99.0, 100.0, 101.0, 250.0, 1e20, -1e20, 7]),
    st.floats(min_value=-1e6, max_value=1e6),
    st.floats(allow_nan=False, allow_infinity=False),
)


def words_of(edges: list[tuple[float, float]]) -> list[Word]:
    return [Word(f"w{number}", x0, x1, 10.0, 20.0, 10.0, False) for number, (x0, x1) in enumerate(edges)]


@settings(max_examples=1000)
@given(st.lists(st.tuples(EDGES, EDGES), max_size=40), st.integers(1, 120))
def test_words_crossing_each_bin_counted_at_once_are_the_words_counted_one_by_one(edges, bins):
    words = words_of(edges)
    assert crossings(words, bins) == plain_crossings(words, bins)


@pytest.mark.parametrize("edge", [float("nan"), float("inf"), -float("inf")])
def test_an_edge_that_is_not_finite_raises_as_int_raises(edge):
    words = words_of([(1.0, 5.0), (edge, 8.0), (3.0, 4.0)])
    with pytest.raises((ValueError, OverflowError)) as expected:
        int(edge)
    with pytest.raises(expected.type):
        crossings(words, 50)
