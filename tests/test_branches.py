"""Branches searched only where the words they need stand: the words read from a pattern, and the
same matches as the pattern's own `finditer`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skill_taxonomy.prefilter import Branches, branches

RESUMES = Path(__file__).parent / "resumes"
CONTEXT_PATTERNS = ("dates", "links", "venues", "organisation_names", "organisation_lists")
TRICKY = [
    re.compile(r"\bab(?:cd|ef)|(?i:kelvin)|x[yz]+w"),  # the Kelvin sign and the long s fold to "k" and "s"
    re.compile(r"(?<=q)ab|ab(?=cd)|b"),  # branches that begin at one place: the first wins
    re.compile(r"abab|ab|ba"),  # a match that ends where another branch's would begin
    re.compile(r"(?i)spring\s+\d\d|Fall(?-i:TERM)|(?:mi|MA)ster"),
    re.compile(r"(?m)^in:\s+\w+|(?:on|of)\s+\w+\s+\((?:[A-Z]+)\)"),
    re.compile(r"[’']s\s+team|[Tt]eam\b"),
    re.compile(r"(?>ab|a)b|(?:cd)+e|(?:x)?yz"),
    re.compile(r"\bIn:\s+[A-Z][^.]*"),  # no alternation: one branch
]
ALPHABET = "abcdefkmnqstwxyzABCKMST.,:;()[]'’ -\n19205ſ\u212aİé"
PIECES = [
    "ab",
    "cd",
    "ef",
    "kelvin",
    "KELVIN",
    "spring ",
    "Fall",
    "TERM",
    "term",
    "Master",
    "mister",
    "in: ",
    "In: ",
    " of ",
    "on ",
    "(ABC)",
]
PIECES += [
    "team",
    "Team",
    "’s ",
    "'s ",
    "International ",
    "Conference",
    " on ",
    "Machine Learning",
    "Journal of ",
    "Research",
    ", pages 1",
    ", 11, 24",
]
PIECES += [
    "2019",
    " Spring 2020",
    "Summer school",
    "https://x.io/a",
    "github.com/a",
    "GitHub: ",
    "[Code]",
    "stars on GitHub",
    "arXiv [cs.AI]",
]
PIECES += ["Lab", " Society", "Department of Statistics", "the Robotics (REAL) team", "NLPTeam at SemEval", "Canva's payments platform"]
PIECES += ["Sponsors: Google, Meta", "funded by NSF", "hosted by the ACM", "ſ", "\u212a", "–", "Proceedings", "NeurIPS", "Black in AI"]
TEXTS = st.lists(st.sampled_from(PIECES) | st.text(alphabet=ALPHABET, max_size=4), max_size=12).map("".join)


def same(pattern: re.Pattern[str], text: str) -> bool:
    return Branches(pattern).spans(text) == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("pattern", [*TRICKY, *CONTEXT_PATTERNS])
@given(text=TEXTS)
@settings(max_examples=400, deadline=None)
def test_same_matches_as_the_pattern(taxonomy, pattern, text):
    if isinstance(pattern, str):  # the lexicon's, by name
        pattern = getattr(taxonomy.lexicon, pattern)
        assert branches(pattern).branches is not None
    assert same(pattern, text)


def test_lines_of_the_example_resumes(taxonomy):
    lines = [line for path in sorted(RESUMES.rglob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 100
    for name in CONTEXT_PATTERNS:
        pattern = getattr(taxonomy.lexicon, name)
        assert all(same(pattern, line) for line in lines)


def test_words_a_branch_needs():
    found = Branches(re.compile(r"\b(?:Spring|Fall)\s+(?i:semester)\b|[A-Z]\w+\s+(?=Lab\b)|x+"))
    assert found.branches is not None
    needs = [split for _, split in found.branches]
    assert needs[0] == [((), ("semester",)), (("Spring", "Fall"), ())]  # the longest words first
    assert needs[1] == [(("Lab",), ())]  # a look-ahead's words stand in the text too
    assert needs[2] == [(("x",), ())]


def test_a_branch_of_no_words_is_always_searched():
    pattern = re.compile(r"\d+|conference")
    assert Branches(pattern).spans("12 conference") == [(0, 2), (3, 13)]
    assert Branches(pattern).spans("12") == [(0, 2)]


def test_where_branches_cannot_be_split_the_pattern_is_searched_whole(monkeypatch):
    assert Branches(re.compile(r"(a)b|\1c")).branches is None  # a back-reference
    assert Branches(re.compile(r"a|b?")).branches is None  # the empty match

    def unreadable(pattern, flags):
        raise ValueError("a parser that reads otherwise")

    pattern = re.compile(r"ab|cd")
    monkeypatch.setattr("skill_taxonomy.prefilter._parser.parse", unreadable)
    found = Branches(pattern)
    assert found.branches is None and found.spans("ab cd") == [(0, 2), (3, 5)]


def test_text_beyond_ascii_keeps_the_words_whose_case_counts():
    pattern = re.compile(r"(?i:kelvin)|Lab")
    assert Branches(pattern).spans("\u212aelvin") == [(0, 6)]  # the Kelvin sign folds to "k"
    assert Branches(pattern).spans("é Lab") == [(2, 5)]
    assert Branches(re.compile(r"(?i:sam)|Lab")).spans("\u017fam") == [(0, 3)]  # the long s folds to "s", not in lower case
