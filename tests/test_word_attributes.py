"""The word attributes a pipeline works out for every word new to its vocabulary: the built-in
string methods and sets it uses give what spaCy's own functions give."""

from __future__ import annotations

import sys

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.lang import lex_attrs
from spacy.lang.en import lex_attrs as english_attrs

from service.matching import FASTER_ATTRIBUTES

SETS = (lex_attrs.is_bracket, lex_attrs.is_quote, lex_attrs.is_left_punct, lex_attrs.is_right_punct)
WORDS = [
    "twelve",
    "Twelfth",
    "1st",
    "3/4",
    "+1,000.5",
    "www.example.com",
    "https://x.io",
    "a.b",
    "cs.AI",
    "e-mail@x.io",
    "''",
    "``",
    "«",
    "İstanbul",
]
TEXTS = st.text(max_size=12) | st.sampled_from(WORDS) | st.text(alphabet="0123456789.,/+-±~stndrhaw:@ɪ٣", max_size=8)


def outcome(function, text):
    """What the function gives for the text, or the kind of error it raises."""
    try:
        return function(text)
    except Exception as error:  # noqa: BLE001 - the same error is the same outcome
        return type(error)


@pytest.mark.parametrize("original", list(FASTER_ATTRIBUTES), ids=lambda f: f.__name__)
@given(text=TEXTS)
@settings(max_examples=300, deadline=None)
def test_the_same_value_as_spacys_function(original, text):
    assert outcome(FASTER_ATTRIBUTES[original], text) == outcome(original, text)


@pytest.mark.parametrize("original", SETS, ids=lambda f: f.__name__)
def test_the_same_words_as_spacys_lists(original):
    listed = next(constant for constant in original.__code__.co_consts if isinstance(constant, tuple))
    assert all(FASTER_ATTRIBUTES[original](word) for word in listed)
    assert not any(FASTER_ATTRIBUTES[original](chr(code)) for code in range(sys.maxunicode + 1) if chr(code) not in listed)


def test_a_word_of_letters_holds_no_digit_in_any_case():
    """Why a word of letters is a number only by its name, and no link: no letter is a digit,
    nor becomes one in lower case."""
    letters = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isalpha()]
    assert not any(letter.isdigit() or any(c.isdigit() for c in letter.lower()) for letter in letters)
    assert english_attrs.like_num("Twelve") and not english_attrs.like_num("Dozen")


def test_lexemes_as_a_plain_pipeline_makes_them(blank_nlp):
    text = "Led 12 engineers; twelve models, 3/4 of them at https://x.io (“MLOps”) — e-mail: a@b.io, «İstanbul» ''quoted''"
    plain = spacy.blank("en")
    words = [token.text for token in plain.tokenizer(text)] + WORDS
    attributes = ["lower_", "norm_", "prefix_", "suffix_", "shape_", "is_alpha", "is_digit", "is_lower", "is_space", "is_title"]
    attributes += ["is_upper", "is_ascii", "is_bracket", "is_quote", "is_left_punct", "is_right_punct", "like_num", "like_url"]
    attributes += ["like_email", "is_punct", "is_currency", "is_stop", "lang_"]
    with blank_nlp.memory_zone():
        ours = [[getattr(blank_nlp.vocab[word], name) for name in attributes] for word in words]
    assert ours == [[getattr(plain.vocab[word], name) for name in attributes] for word in words]
