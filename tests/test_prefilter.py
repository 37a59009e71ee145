"""The scan before a search: the openings read from a pattern, and the same answer as the search."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.prefilter import Prefiltered, openings, prefiltered
from service.signals.education import degree_level

TRICKY = [
    re.compile(r"\b(?:Ph\.?\s?D|MSc|Doctor of (?!Medicine\b)[A-Z][a-z]+)(?![a-z])"),
    re.compile(r"(?i:\bkelvin\b)|\bst(?:ate|ream)s?"),  # the Kelvin sign and the long s match "k" and "s"
    re.compile(r"(?<!,\s)\b(?:MA|ME)\s+(?=in\b)|博士|硕士"),
    re.compile(r"(?:ab)*c|x{2,3}y|[abc]d|(?>foo|fo)o|a?b?c?d"),
    re.compile(r"\w+ing\b"),  # no opening known: searched as before
    re.compile(r"(?i)colou?r|GREY\b"),
]
# Letters that look alike under case folding, ASCII and not, beside the patterns' own letters
ALPHABET = "abcdgikmsxyDGKMSPhoh.,- \nÉéſKİı博士" + "".join(chr(code) for code in range(32, 127))
PIECES = ["Ph", "D", ".", " ", "MS", "c", "Doctor", " of ", "Master", "BS", " in ", "Economics", "Kelvin", "ſ", "\u212a", "博士", ", "]
TEXTS = st.text(alphabet=ALPHABET, max_size=60) | st.lists(st.sampled_from(PIECES) | st.text(alphabet=ALPHABET, max_size=3)).map("".join)


def same(pattern: re.Pattern[str], text: str) -> bool:
    fast, slow = prefiltered(pattern).search(text), pattern.search(text)
    return (fast and fast.span()) == (slow and slow.span())


def test_openings_of_an_alternation():
    heads = openings(re.compile(r"\b(?:PhD|MSc|B\.?S)\b"))
    assert heads is not None
    assert {"".join(letter for letter, _ in head) for head in heads} == {"PhD", "MSc", "B.S", "BS"}


def test_no_openings_where_a_match_may_begin_anyhow():
    assert openings(re.compile(r"\w+ing")) is None
    assert openings(re.compile(r"a?")) is None  # the empty match
    assert Prefiltered(re.compile(r"(.)\1")).openings is None


def test_a_pattern_of_other_letters_never_matches_ascii_text():
    screen = Prefiltered(re.compile("博士|硕士"))
    assert screen.openings is not None and screen.search("PhD in Computer Science") is None
    assert screen.search("博士 2019") is not None  # text with other letters is searched


def test_case_rules_of_the_engine():
    kelvin = re.compile(r"(?i:\bk[a-z]+)")
    assert prefiltered(kelvin).search("Kelvin") is not None
    assert same(kelvin, "\u212aelvin")  # the Kelvin sign: not ASCII, searched


@pytest.mark.parametrize("pattern", TRICKY)
@given(text=TEXTS)
@settings(max_examples=300, deadline=None)
def test_same_answer_as_the_search(pattern, text):
    assert same(pattern, text)


@given(text=TEXTS)
@settings(max_examples=500, deadline=None)
def test_degree_patterns_give_the_same_answer(taxonomy, text):
    for _, pattern in taxonomy.lexicon.degrees:
        assert same(pattern, text)


def test_degree_levels_of_lines(taxonomy):
    lines = ["PhD in Physics", "MSc Data Science", "B.Tech, IIT", "Associate of Science", "Managed a team", "博士 2019", "MS Office"]
    slow = [next((level for level, p in taxonomy.lexicon.degrees if p.search(line)), None) for line in lines]
    assert [degree_level(line, taxonomy.lexicon) for line in lines] == slow[:-1] + [None]  # "MS Office" is software


def test_where_the_pattern_cannot_be_read_every_line_is_searched(monkeypatch):
    def unreadable(pattern, flags):
        raise ValueError("a parser that reads otherwise")

    pattern = re.compile(r"\bMSc\b")
    monkeypatch.setattr("service.prefilter._parser.parse", unreadable)  # re.compile reads with it too
    first = Prefiltered(pattern)
    assert first.openings is None
    assert first.search("an MSc in physics") and first.search("a BSc") is None
