"""The words the vocabulary holds from the start: their data files, and tokens unchanged by them."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service import matching
from service.matching import JOB_WORDS, WORD_FORMS, make_pipeline

RESUME = (
    "Created and monitored the dashboards of my team in January 2019, but our reports were reviewed "
    "every day (2020). Analyzed sales data and collaborated with 12 engineers; executed and optimized "
    "the plans since Aug 2013.\nUsing Python, SQL and Excel for 5 hours a day."
)


def _words(path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def unheld_nlp():
    """The same blank pipeline without the held words."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(matching, "_hold_job_words", lambda nlp: None)
        return make_pipeline("blank:en")


def test_word_forms_file_is_well_formed():
    text = WORD_FORMS.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert header and text.startswith("# ") and "scripts/derive_words.py" in "".join(header)
    forms = _words(WORD_FORMS)
    assert len(forms) > 1000
    assert forms == sorted(set(forms)), "sorted, each once"
    assert all(form == form.lower() and form.strip() == form and not any(c.isspace() for c in form) for form in forms)
    assert not set(forms) & set(_words(JOB_WORDS)), "no word of job_words.txt again"
    assert {"created", "monitored", "analyzed", "january", "sep", "2019", "42", "my", "but"} <= set(forms)


def test_held_words_add_no_lexeme_in_a_memory_zone(blank_nlp):
    size = len(blank_nlp.vocab)
    with blank_nlp.memory_zone():
        words = [token.text for token in blank_nlp.tokenizer(RESUME)]
        assert len(blank_nlp.vocab) == size, "every word of the text is held"
    assert {"Created", "monitored", "January", "2019", "our", "Using", "hours"} <= set(words)


def test_a_word_not_held_is_built_and_freed(blank_nlp):
    size = len(blank_nlp.vocab)
    with blank_nlp.memory_zone():
        blank_nlp.tokenizer("Frobnicated the quuxes")
        assert len(blank_nlp.vocab) == size + 2
    assert "Frobnicated" not in blank_nlp.vocab and "the" in blank_nlp.vocab


def _attributes(nlp, text: str) -> list[tuple]:
    with nlp.memory_zone():
        return [
            (t.text, t.idx, t.whitespace_, t.lower_, t.norm_, t.shape_, t.prefix_, t.suffix_, t.is_alpha, t.is_digit)
            + (t.is_punct, t.is_stop, t.like_num, t.like_url, t.like_email, t.is_upper, t.is_title, t.is_space)
            for t in nlp.tokenizer(text)
        ]


HELD = st.sampled_from(["Created", "monitored", "2019", "January", "my", "Python", "data", "Analyzed", "etc", "5"])
PUNCTUATION = st.sampled_from([",", ".", ")", "(", ";", ":", "-", "–", "/", "'s", "%", "+"])
CHUNK = st.one_of(HELD, PUNCTUATION, st.text(string.ascii_letters + string.digits + "#+.-/", max_size=8), st.text(max_size=6))
TEXT = st.lists(st.tuples(CHUNK, st.sampled_from(["", " ", "  ", "\n"])), max_size=30).map(
    lambda parts: "".join(chunk + gap for chunk, gap in parts)
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_held_words_change_no_token(blank_nlp, unheld_nlp, text):
    assert _attributes(blank_nlp, text) == _attributes(unheld_nlp, text)
    assert _attributes(blank_nlp, text) == _attributes(blank_nlp, text)
