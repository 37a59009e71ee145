"""Guess a document's language from the share of each language's stop words."""

from __future__ import annotations

import functools
import importlib
import re

LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl")
MIN_WORDS = 30
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@functools.lru_cache(maxsize=1)
def _stop_words() -> dict[str, frozenset[str]]:
    return {code: frozenset(importlib.import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS) for code in LANGUAGES}


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the most likely language, or None when there is too little text."""
    words = [w.lower() for w in WORD.findall(text[:20000])]
    if len(words) < MIN_WORDS:
        return None
    stops = _stop_words()
    shares = {code: sum(w in stops[code] for w in words) / len(words) for code in LANGUAGES}
    best = max(shares, key=shares.__getitem__)
    return best if shares[best] >= 0.03 else None
