"""The scan before a search: the openings read from a pattern, and the same answer as the search."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.signals.applied import FAMILIARITY, ML_WORDS, MODEL, NOT_LEARNED
from service.signals.deployment import MODEL_DEPLOYMENT, MODEL_WORK, ON_DEVICE, SOFTWARE_OBJECT
from service.signals.education import degree_level
from skill_taxonomy.prefilter import Lowered, Prefiltered, lowered, openings, prefiltered

TRICKY = [
    re.compile(r"\b(?:Ph\.?\s?D|MSc|Doctor of (?!Medicine\b)[A-Z][a-z]+)(?![a-z])"),
    re.compile(r"(?i:\bkelvin\b)|\bst(?:ate|ream)s?"),  # the Kelvin sign and the long s match "k" and "s"
    re.compile(r"(?<!,\s)\b(?:MA|ME)\s+(?=in\b)|博士|硕士"),
    re.compile(r"(?:ab)*c|x{2,3}y|[abc]d|(?>foo|fo)o|a?b?c?d"),
    re.compile(r"\w+ing\b"),  # no opening known: searched as before
    re.compile(r"(?i)colou?r|GREY\b"),
    re.compile(r"(?<=x)ab|(?<!\w)cd|^Ph"),  # a look-behind reads the text before the first opening
    re.compile(r"\bMSc(?=\d)|Sc\."),  # openings that overlap: "MSc." holds "Sc." inside "MSc"
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


def test_a_match_inside_an_opening_where_the_pattern_failed():
    assert same(TRICKY[-1], "MSc.")
    assert prefiltered(TRICKY[-1]).search("MSc.") is not None


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
    monkeypatch.setattr("skill_taxonomy.prefilter._parser.parse", unreadable)  # re.compile reads with it too
    first = Prefiltered(pattern)
    assert first.openings is None
    assert first.search("an MSc in physics") and first.search("a BSc") is None


LOWERED = [
    ML_WORDS,
    MODEL,
    FAMILIARITY,
    NOT_LEARNED,
    MODEL_DEPLOYMENT,
    ON_DEVICE,
    MODEL_WORK,
    SOFTWARE_OBJECT,
    re.compile(r"\b(?:ai|ML)\b|(?<=x)Ab|^kS|[A-Z_]x\d", re.I),
]
CASED = "aikmslx_^ AIKMSLX\u212a\u017f\u0130\u0131é9-"  # the Kelvin sign, the long s and dotted and dotless i fold to ASCII
LOWERED_PIECES = ["machine learning", "ML", "Ml", "models", "MODEL", "deployed", "Deployed the", " model", "to edge devices", "AI"]
LOWERED_TEXTS = st.lists(st.sampled_from(LOWERED_PIECES) | st.text(alphabet=CASED, max_size=4), max_size=10).map("".join)


def same_lowered(pattern: re.Pattern[str], text: str) -> bool:
    fast, slow = Lowered(pattern).search(text), pattern.search(text)
    return (fast and (fast.span(), fast.groups())) == (slow and (slow.span(), slow.groups()))


@pytest.mark.parametrize("pattern", LOWERED)
@given(text=LOWERED_TEXTS)
@settings(max_examples=400, deadline=None)
def test_lowered_twin_gives_the_same_answer(pattern, text):
    assert Lowered(pattern).twin is not None
    assert same_lowered(pattern, text)


@given(text=LOWERED_TEXTS)
@settings(max_examples=300, deadline=None)
def test_lexicon_cues_in_lower_case_give_the_same_answer(taxonomy, text):
    for pattern in (taxonomy.lexicon.deployment_resume, taxonomy.lexicon.business):
        assert lowered(pattern).twin is not None
        assert same_lowered(pattern, text)


@pytest.mark.parametrize(
    "pattern",
    [
        re.compile(r"[A-z]x", re.I),  # "_" and "^" lie between the capitals and the small letters
        re.compile(r"\x41", re.I),  # a capital given by its code
        re.compile(r"\Sa", re.I),
        re.compile(r"a(?-i:B)", re.I),
        re.compile(r"(a)\1", re.I),
        re.compile(r"ab"),  # its case counts
        re.compile(r"\bfür", re.I),
    ],
)
def test_no_twin_where_lower_case_reads_otherwise(pattern):
    assert Lowered(pattern).twin is None
    assert same_lowered(pattern, "_x A aB aa ab für")
