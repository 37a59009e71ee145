"""Detect a document's language: the script first, then py3langid on the body text.

Resumes are terse and full of English tool names (Python, Docker, SQL) and of proper names
(employers, schools, places), so a character-n-gram model run on the whole text is swayed by
them: a Chinese resume's tool names outweigh its characters, a German employer's name pulls an
English resume towards German. The decision is therefore made in two steps:

1. The script. Letters of a non-Latin script (Chinese and Japanese characters, Hangul,
   Cyrillic, Greek, Hebrew, Arabic, Devanagari, Thai) that make up a good share of the words
   decide among that script's languages, judged on those letters alone.
2. Latin script: py3langid chooses among common resume languages on the body text: the lines
   that read as sentences, without tokens that name tools (`PyTorch`, `SQL`, `S3`) and without
   capitalised words after a line's first. English wins unless another language is clearly
   ahead, so an English resume naming a French university or a German employer stays English.

py3langid's model ships inside its wheel: nothing is downloaded, and the answer for a text is
always the same.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import Any

MIN_WORDS = 30  # fewer words (CJK and Thai characters count one each) leave the language unknown
MAX_CHARACTERS = 20000  # the first pages say the language; longer text only costs time
MIN_SCRIPT_SHARE = 0.25  # share of the words in a non-Latin script that makes it the document's script
MIN_BODY_WORDS = 20  # fewer words in sentence lines: the language is judged on every line's words
MIN_LANGUAGE_WORDS = 10  # fewer words of any language (the rest being names and tools): English
MIN_LOWER_WORDS = 2  # a sentence line holds at least this many lowercase words...
MIN_LOWER_SHARE = 0.3  # ...making at least this share of its words (lines of tools hold almost none)
# Another language wins over English only when its log-likelihood per byte of body text is ahead
# by this much. Measured: French, German, Spanish and Portuguese resumes lead by 0.75 and more,
# English ones (with foreign names of places and employers) trail by 0.3 and more.
MIN_LEAD_PER_BYTE = 0.1
WALK_ROUNDS = 8  # rounds of the model's walk over a text's bytes at once, before walking it a byte at a time


@dataclass(frozen=True)
class Script:
    name: str
    letters: re.Pattern[str]
    languages: tuple[str, ...]  # the common resume languages written in it, as py3langid names them
    spaced: bool  # words are separated by spaces (otherwise each character counts as a word)


# Common resume languages in Latin script; English first, as the default.
LATIN_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da", "no", "fi", "cs", "ro", "tr", "hu", "id", "vi")
LATIN_LETTERS = r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+"
LATIN_WORD = re.compile(rf"{LATIN_LETTERS}(?:['’-]{LATIN_LETTERS})*")  # d'ingénieur, e-commerce
SCRIPTS = (
    Script("cjk", re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]"), ("zh", "ja"), False),
    Script("hangul", re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+"), ("ko",), True),
    Script("cyrillic", re.compile(r"[\u0400-\u052f]+"), ("ru", "uk", "bg", "sr", "kk", "be", "mk"), True),
    Script("greek", re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]+"), ("el",), True),
    Script("hebrew", re.compile(r"[\u0590-\u05ff]+"), ("he",), True),
    Script("arabic", re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+"), ("ar", "fa", "ur"), True),
    Script("devanagari", re.compile(r"[\u0900-\u097f]+"), ("hi", "mr", "ne"), True),
    Script("thai", re.compile(r"[\u0e00-\u0e7f]"), ("th",), False),
)
# A letter of any of the scripts above: one class of all their letters, so that a text without
# any (most resumes) is scanned once, a character at a time
NON_LATIN = re.compile("[" + "".join(script.letters.pattern.removesuffix("+")[1:-1] for script in SCRIPTS) + "]")
# A token that names a tool rather than being a word of the language: digits, inner capitals
# (PyTorch, MySQL), all capitals (SQL, AWS, and headings), or a dot, slash or @ inside (Node.js,
# CI/CD, addresses).
TOOL_TOKEN = re.compile(r"\S*\d\S*|\S*[a-z]\S*[A-Z]\S*|[A-Z]{2,}\S*|\S+[./@]\S+|https?:\S+")
PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»“”‘’„–—•·…"
TOOL_MARKS = frozenset("./@:")  # inside a token, the marks of a name (Node.js, CI/CD, addresses, https:)


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's model, loaded once per process (about a second; the model ships in the wheel).

    A private identifier with every language: candidate sets are applied by filtering its
    ranking, which gives the same choice as `set_languages` without changing shared state."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return _with_array_walk(LanguageIdentifier).from_model_file(MODEL_FILE)


def _with_array_walk(identifier: Any) -> Any:
    """py3langid's identifier class, its walk over the text's bytes done by numpy.

    py3langid walks its automaton over the bytes one at a time in Python, collecting the feature
    each state emits. Here every byte's state is found at once, by rounds: each round moves every
    position on from the previous position's state of the round before, starting from the start
    state everywhere. A round that changes nothing has found the walk itself (each state is then
    the move from the one before it). The model's states are at most six bytes from the start
    state, and texts of any kind settle in six rounds or fewer (measured: resumes, random bytes,
    random characters); a text that takes more than eight is walked by py3langid itself.
    The features emitted are the same list in the same order; counted by sorting, and summed
    in the order of their first visit as py3langid's Counter keeps them, with py3langid's
    formula (`_sparse_score`), their scores are py3langid's to the last bit. Nothing of the
    text is kept: the only state is the model's tables, as arrays (about two megabytes besides
    the model).

    This leans on py3langid 0.4's internals (`_raw_score`, `_sparse_score`'s formula, `_decide`,
    `tk_nextmove`, `tk_row`, `tk_output`, `nb_ptc`, `nb_pc`); tests hold its scores equal to
    py3langid's own."""
    import numpy as np

    class ArrayWalkIdentifier(identifier):  # type: ignore[misc]  # py3langid ships no types
        __slots__ = ("_moves", "_rows", "_features", "_first_columns")

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._moves = np.frombuffer(self.tk_nextmove, dtype=self.tk_nextmove.typecode)
            self._rows = np.frombuffer(self.tk_row, dtype=self.tk_row.typecode).astype(np.intp) << 8
            self._features = np.array(self.tk_output, dtype=np.intp)
            self._first_columns = {language: self.nb_classes.index(language) for language in dict.fromkeys(self.nb_classes)}

        def _raw_score(self, text: bytes) -> Any:
            letters = np.frombuffer(text, dtype=np.uint8)
            states = np.zeros(len(letters) + 1, dtype=np.intp)  # before each letter, and after the last
            for _ in range(WALK_ROUNDS):
                moved = self._moves[self._rows[states[:-1]] + letters]
                if np.array_equal(moved, states[1:]):
                    break
                states[1:] = moved
            else:
                return super()._raw_score(text)
            features = self._features[moved]
            features = features[features >= 0]
            if not len(features):  # py3langid's score of a text without features is that of the empty text
                return super()._raw_score(b"")
            # Each feature and its count, in the order of first visit (as py3langid's Counter keeps them)
            order = np.argsort(features, kind="stable")
            grouped = features[order]
            starts = np.flatnonzero(np.concatenate(([True], grouped[1:] != grouped[:-1])))
            counts = np.diff(np.append(starts, len(grouped)))
            first = np.argsort(order[starts])
            return np.log1p(counts[first].astype(np.float32)) @ self.nb_ptc[grouped[starts][first]] + self.nb_pc

        def scores(self, text: str) -> dict[str, float]:
            """The scores of `rank`, by language and unsorted: a language's first column holds them."""
            columns = self._decide(text).tolist()
            return {language: columns[column] for language, column in self._first_columns.items()}

    return ArrayWalkIdentifier


def load() -> None:
    """Load the model now (in a gunicorn master before the workers fork, say)."""
    _identifier()


def _scores(text: str, languages: tuple[str, ...]) -> dict[str, float]:
    """py3langid's log-likelihood of each candidate language for the text."""
    scores = _identifier().scores(text)
    return {language: scores[language] for language in languages if language in scores}


def _best(text: str, languages: tuple[str, ...]) -> str:
    scores = _scores(text, languages)
    return max(languages, key=scores.__getitem__)  # ties go to the first, so the order is a preference


def _words(line: str) -> list[str]:
    """The line's words of a language: tokens of Latin letters, leaving out names of tools."""
    words = []
    for token in line.split():
        if token.isalpha() and token.isascii():
            # Letters only (most tokens): a tool's name by its capitals alone ("PyTorch", "SQL"),
            # which leaves a word with none after its first letter
            if token.islower() or token.istitle():
                words.append(token)
            continue
        word = token.strip(PUNCTUATION)
        # Any word of ASCII letters is a Latin word; a lowercase token of a word and punctuation
        # has none of a tool's marks (a digit, a capital, or `./@:` inside) and needs no pattern
        if ((word.isalpha() and word.isascii()) or LATIN_WORD.fullmatch(word)) and (
            (token.islower() and TOOL_MARKS.isdisjoint(token[1:-1])) or not TOOL_TOKEN.fullmatch(token)
        ):
            words.append(word)
    return words


def _body(text: str) -> str:
    """The text to judge: the lines that read as sentences (every line when too few do), with
    their lowercase words and first word only, since capitalised words further on are mostly
    names of employers, schools, places and tools, in whatever language the resume is in.

    A line reads as a sentence rather than a list of names by its lowercase words: they are the
    function words and common words that carry a language."""
    lines, sentences, words_in_sentences = [], [], 0
    for line in text.splitlines():
        words = _words(line)
        if not words:
            continue
        lower = [word for word in words if word[0].islower()]
        judged = " ".join(lower if words[0][0].islower() else [words[0], *lower])
        lines.append(judged)
        if len(lower) >= MIN_LOWER_WORDS and len(lower) >= MIN_LOWER_SHARE * len(words):
            sentences.append(judged)
            words_in_sentences += len(words)
    return "\n".join(sentences if words_in_sentences >= MIN_BODY_WORDS else lines)


def _latin_language(text: str) -> str:
    body = _body(text)
    if len(body.split()) < MIN_LANGUAGE_WORDS:
        return "en"  # names and tools only: English is the language of their names
    scores = _scores(body, LATIN_LANGUAGES)
    best = max(LATIN_LANGUAGES, key=scores.__getitem__)
    lead = (scores[best] - scores["en"]) / max(len(body.encode("utf-8")), 1)
    return best if lead >= MIN_LEAD_PER_BYTE else "en"


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the most likely language, or None when there is too little text."""
    text = text[:MAX_CHARACTERS]
    if NON_LATIN.search(text) is None:  # one pass where most resumes have no letter of another script
        # Latin words alone: counted only as far as the least that tells the language
        latin = sum(1 for _ in itertools.islice(LATIN_WORD.finditer(text), MIN_WORDS))
        return _latin_language(text) if latin >= MIN_WORDS else None
    latin = len(LATIN_WORD.findall(text))
    found = {script: script.letters.findall(text) for script in SCRIPTS}
    total = latin + sum(len(words) for words in found.values())
    if total < MIN_WORDS:
        return None
    script, words = max(found.items(), key=lambda item: len(item[1]))
    if len(words) >= MIN_SCRIPT_SHARE * total:  # English tool names around them do not matter
        return _best((" " if script.spaced else "").join(words), script.languages)
    return _latin_language(text)
