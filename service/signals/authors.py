"""Author lists: whether the candidate leads one, whatever the form ("J. Roe", "Roe, J.",
"Roe J.", "Jane Roe*", after a list or venue tag), and which parts of an entry are names."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from service.signals.base import fold
from service.signals.citation import LEADING_TAG, NAME_TOKEN, ONLY_INITIALS, clean_entry, venue_first
from service.signals.name_words import PARTICLES, common_word

GLUED_WORDS = re.compile(r"([a-z]{3})([A-Z][a-z])")  # "...Battery SystemsJane Roe, A. Smith" (B)
# Parts of a text between author separators, for finding the author list. (B)
PART_SPLIT = re.compile(
    r"\n|\s*(?:,|;|\band\b|&|\s[–—-]\s|\bet\.?\s+al\b\.?)\s*|(?<=[a-z]{2})[.?!]\s+|\((?:(?:19|20)\d\d[a-z]?|in press|forthcoming|n\.d\.)\)"
)
MARKERS = re.compile(r"[*†‡§¶#\d]+$")
MAX_AUTHOR_TOKENS = 5
DOTTED_INITIAL = re.compile(r"^[A-Z]\.(?:-?[A-Z]\.)*$")  # "J.", "J.-P."


def author_parts(text: str) -> list[str]:
    """The pieces of an entry between author separators, with a list number or venue tag
    dropped and "Roe, J." joined again into one name. (B)"""
    return list(_parts(text))


def leading_authors(text: str) -> list[str]:
    """The name-shaped pieces an entry starts with (`author_parts` up to the first piece that is
    not a name), read no further: most lines are no author list and stop at their first piece."""
    names: list[str] = []
    for part in _parts(text):
        if not name_shaped(part):
            break
        names.append(part)
    return names


def _parts(text: str) -> Iterator[str]:
    text = GLUED_WORDS.sub(r"\1 \2", clean_entry(text))
    text = LEADING_TAG.sub("", text)
    opening = venue_first(text)
    if opening:
        text = text[opening.end() :]
    last: str | None = None
    for piece in _split(text):
        piece = piece.strip()
        if not piece:
            continue
        if last is not None and ONLY_INITIALS.match(piece) and NAME_TOKEN.match(last.split()[-1]):
            last += " " + piece  # "Roe, J." -> "Roe J."
        else:
            if last is not None:
                yield last
            last = piece
    if last is not None:
        yield last


def _split(text: str) -> Iterator[str]:
    """`PART_SPLIT.split(text)`, a piece at a time (no separator is empty text)."""
    start = 0
    for separator in PART_SPLIT.finditer(text):
        yield text[start : separator.start()]
        start = separator.end()
    yield text[start:]


def name_tokens(part: str, most: int | None = None) -> list[str]:
    """The piece's words without their markers ("Roe*" -> "Roe"); given `most`, no more than
    one over it (enough to tell that there are too many)."""
    tokens: list[str] = []
    for token in part.split():
        bare = MARKERS.sub("", token)
        if bare:
            tokens.append(bare)
            if most is not None and len(tokens) > most:
                break
    return tokens


def name_shaped(part: str) -> bool:
    """A piece that reads as one author: capitalised words, initials and particles, not a
    phrase of common words ("Deep Image Completion")."""
    tokens = name_tokens(part, MAX_AUTHOR_TOKENS)
    if not 2 <= len(tokens) <= MAX_AUTHOR_TOKENS:
        return False  # a name has two words at least ("Roe J."); one word is a heading ("PUBLISHED")
    words = []
    for token in tokens:
        if token.lower() in PARTICLES or ONLY_INITIALS.match(token):
            continue
        if not NAME_TOKEN.match(token):
            return False
        words.append(token)
    # A surname beside written initials is a name even when it is also a word ("J. Park", "Bell B.")
    if len(words) == 1 and any(DOTTED_INITIAL.match(token) for token in tokens):
        return True
    return bool(words) and sum(common_word(word) for word in words) * 2 <= len(words)


@functools.lru_cache(maxsize=64)
def _name_keys(name: str) -> tuple[str, tuple[str, ...]]:
    """The candidate's given name and the words that may be their surname (the last word, and
    for "Given Surname1 Surname2" any later word)."""
    words = [w for w in re.split(r"[\s.]+", fold(clean_entry(name))) if w and not w.startswith(('"', "“", "("))]
    words = [w for w in words if w not in PARTICLES]
    return (words[0], tuple(w for w in words[1:] if len(w) > 1)) if words else ("", ())


def is_candidate(part: str, name: str) -> bool:
    """Whether an author piece names the candidate: their surname with the given name or its
    initial ("Jane Roe", "J. Roe", "Roe J.", "Roe, J.", "Jane Roe*"), or the surname alone."""
    given, surnames = _name_keys(name)
    tokens = [t for t in re.split(r"[\s.,]+", fold(clean_entry(part))) if t]
    tokens = [MARKERS.sub("", t) for t in tokens]
    surname = next((surname for surname in surnames if surname in tokens), None)
    if not given or not surname:
        return False
    others = list(tokens)
    others.remove(surname)  # once: "Miao Miao" has the given name as surname
    return not others or given in others or any(len(t) <= 3 and t.lstrip("-")[:1] == given[:1] for t in others)


def may_name(text: str, name: str) -> bool:
    """Whether an author piece read from the text may name the candidate (`is_candidate`): their
    given name is known and one of their surnames stands in the text, folded as `is_candidate`
    folds it. The pieces are cut from the text and only spaced apart, so a surname found in one
    of them is found in the whole."""
    given, surnames = _name_keys(name)
    if not given:
        return False
    folded = fold(text)
    return any(surname in folded for surname in surnames)


def leads(text: str, name: str | None) -> bool:
    """Whether the candidate is the first in an entry's author list: their first appearance is
    not preceded by another author ("D. Yarats and A. Zhang", "Yarats, D., Zhang, A.",
    "[3] Denis Yarats*, Amy Zhang", "ICPR 2020 Title, D. Yarats, A. Zhang", "Title D. Yarats"). (B)"""
    if not name:
        return False
    parts = author_parts(text)
    for position, part in enumerate(parts):
        following = parts[position + 1] if position + 1 < len(parts) else ""
        if _single_word(part) and _single_word(following) and is_candidate(f"{part} {following}", name):
            part = f"{part} {following}"  # "Roe, Jane, A. Smith": the first author inverted
        whole = name_shaped(part)
        author = part if whole else _tail_name(part)
        if author and is_candidate(author, name):
            # a title before the name in its own piece, or no author in the piece before it
            return not whole or position == 0 or not _ends_with_name(parts[position - 1])
    return False


def _single_word(part: str) -> bool:
    return bool(NAME_TOKEN.match(part)) and " " not in part


def _tail_name(part: str) -> str | None:
    """The name that ends a piece where a title runs into the author list ("... from Images
    D. Yarats", a title and its authors on one line)."""
    tokens = part.split()
    for size in (3, 2):
        tail = tokens[-size:]
        # stricter than a piece of its own: no common word ("... for Slow Cameras" is a title)
        if (
            len(tokens) > size
            and name_shaped(" ".join(tail))
            and not any(common_word(MARKERS.sub("", t)) for t in tail if not ONLY_INITIALS.match(t))
        ):
            return " ".join(tail)
    return None


def _ends_with_name(part: str) -> bool:
    """Whether a piece is, or ends with, another author (a lone surname "Belkada" too)."""
    tokens = name_tokens(part)
    lone = len(tokens) == 1 and bool(NAME_TOKEN.match(tokens[0])) and not tokens[0].isupper() and not common_word(tokens[0])
    return lone or name_shaped(part) or _tail_name(part) is not None
