"""The tokenizer's suffix search, its branches looked up by the text's last character: the same
match as the whole alternation's search, and the same tokens."""

from __future__ import annotations

import re

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from service.matching import LAST_CHARACTERS, Endings

TRICKY = [
    re.compile(r"(?:ab|b)$|c$|(?<=[0-9])(?:km|m)$|\.\.+$|(?<=[a-z])-+$$"),
    re.compile(r"[xy]$|(?:z)+$|q?$|(?i:K)$"),  # the Kelvin sign matches "k" here; "q?" may end on anything
    re.compile(r"s\Z|t(?=$)|u$"),  # an assertion after the end: the branch is kept for every character
    re.compile(r"a(?=b)|c$|\bd"),  # branches that need not end the text
]
ALPHABET = "abcdkmsxyzqtu019.-–…'’\"%)]\n K\u212a"
TEXTS = st.text(alphabet=ALPHABET, max_size=8) | st.text(max_size=6)


def same(endings: Endings, text: str) -> bool:
    fast, slow = endings.search(text), endings.regex.search(text)
    return (fast and fast.span()) == (slow and slow.span())


@pytest.fixture(scope="module")
def suffixes(blank_nlp):
    search = blank_nlp.tokenizer.suffix_search
    assert isinstance(search.__self__, Endings) and search.__self__.by_last
    return search.__self__


@given(text=TEXTS)
@settings(max_examples=2000, deadline=None)
def test_the_tokenizers_suffixes_give_the_same_match(suffixes, text):
    assert same(suffixes, text)


@pytest.mark.parametrize("pattern", TRICKY)
@given(text=TEXTS)
@settings(max_examples=400, deadline=None)
def test_same_match_as_the_alternation(pattern, text):
    assert same(Endings(pattern, LAST_CHARACTERS + ["\u212a"]), text)


def test_a_pattern_that_is_no_alternation_of_endings_is_searched_whole():
    assert Endings(re.compile(r"ab$"), "ab").by_last == {}
    assert Endings(re.compile(r"a$|(b)\1$"), "ab").by_last == {}  # a back-reference
    assert Endings(re.compile(r"a$|b$", re.M), "ab").by_last == {}  # "$" at every line's end


def test_the_source_is_kept_for_spacy_to_save(suffixes, blank_nlp):
    assert suffixes.pattern == suffixes.regex.pattern
    plain = spacy.blank("en")
    plain.tokenizer.from_bytes(blank_nlp.tokenizer.to_bytes())
    assert [t.text for t in plain.tokenizer("Python, C++; 10km... e.g.")] == [
        t.text for t in blank_nlp.tokenizer("Python, C++; 10km... e.g.")
    ]
