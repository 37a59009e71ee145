"""Guess a document's language from the share of each language's stop words."""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl")
MIN_WORDS = 30
MIN_FOREIGN_SHARE = 0.15
MIN_ENGLISH_SHARE = 0.03
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _load_stop_words(code: str) -> frozenset[str]:
    """spaCy's stop-word list for one language, loaded from its file: importing the language
    package itself would also build its tokenizer exceptions (seconds for French)."""
    spec = importlib.util.find_spec("spacy")
    assert spec is not None and spec.submodule_search_locations
    path = Path(spec.submodule_search_locations[0]) / "lang" / code / "stop_words.py"
    module_spec = importlib.util.spec_from_file_location(f"_rolefit_stop_words_{code}", path)
    assert module_spec is not None and module_spec.loader is not None
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


@functools.lru_cache(maxsize=1)
def _stop_words() -> dict[str, frozenset[str]]:
    return {code: _load_stop_words(code) for code in LANGUAGES}


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the most likely language, or None when there is too little text."""
    words = [w.lower() for w in WORD.findall(text[:20000])]
    if len(words) < MIN_WORDS:
        return None
    stops = _stop_words()
    shares = {code: sum(w in stops[code] for w in words) / len(words) for code in LANGUAGES}
    best = max(shares, key=shares.__getitem__)
    # Resumes are terse: lists of tools carry few function words, so another language must be
    # clearly present before it wins over English.
    if best != "en" and shares[best] >= MIN_FOREIGN_SHARE and shares[best] >= 2 * shares["en"]:
        return best
    return "en" if shares["en"] >= MIN_ENGLISH_SHARE else None
