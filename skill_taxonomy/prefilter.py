"""A cheap first look before an expensive regular expression: the few letters that every match
begins with, found in the pattern itself.

Many of the lexicon's patterns open on a word boundary and an alternation (`\\b(?:Ph\\.?D|MSc|...)`),
so Python's engine has no first letter to skip ahead by and tries the whole pattern at every
position of every line. Their openings ("Ph", "MSc", "Doc") are known from the pattern: a line of
ASCII text holding none of them, in any of the cases the pattern accepts, cannot match, and a
single scan for those literal openings (which the engine skips through by their first letters)
is several times cheaper than the search. A line with any other character is searched as before.

A case-insensitive pattern costs more again: the engine compares its letters slowly and skips
ahead by none of them. Its twin in lower case, searched on the line in lower case, finds where
its first match can begin (`Lowered`).

Branches that may open on any word ("... Conference on ...", "... Lab") need words somewhere in
the text: each is searched only where they stand (`Branches`).
"""

from __future__ import annotations

import functools
import itertools
import re
from re import _compiler, _parser  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]  # the parser's opcodes, as the compiler reads them
from typing import Any, TypeVar

HEAD_LENGTH = 3  # letters of each opening: one or two say little ("M", "Ph"), four cost more to scan for
MAX_HEADS = 64  # more openings than this, and the scan costs about as much as the search
MAX_VARIANTS = 1024  # written forms of all openings in the cases the pattern accepts
MAX_CLASS = 8  # a character class of more letters ends an opening (it says little)
MAX_DEPTH = 60  # steps into the pattern: the walk ends there, with the opening read so far

Head = tuple[tuple[str, bool], ...]  # letters of an opening, each with whether its case is ignored
Item = tuple[Any, Any, bool]  # an operation of the parsed pattern, its argument and the case rule


class Prefiltered:
    """A compiled pattern's `search`, with the scan for its openings first on ASCII text."""

    __slots__ = ("pattern", "openings")

    def __init__(self, pattern: re.Pattern[str]):
        self.pattern = pattern
        # None: no scan (every line is searched); a pattern that matches no ASCII text at all
        # ("博士") gets an empty alternation that never matches. The parser is Python's own and
        # private: where a later Python's parser reads differently, every line is searched.
        try:
            self.openings = _ascii_openings(pattern)
        except Exception:  # noqa: BLE001 - any failure of the first look leaves the plain search
            self.openings = None

    def search(self, text: str) -> re.Match[str] | None:
        """`pattern.search(text)`: the same match for every text (its span and groups).

        Every match begins with an opening, so the first match begins at the first opening where
        the pattern matches: the pattern is tried at each opening in turn, and nowhere else
        (look-behinds and boundaries still see the text before it)."""
        if self.openings is not None and text.isascii():
            found = self.openings.search(text)
            while found is not None:
                match = self.pattern.match(text, found.start())
                if match is not None:
                    return match
                found = self.openings.search(text, found.start() + 1)  # openings may overlap ("MSc", "Sc.")
            return None
        return self.pattern.search(text)


class Lowered:
    """A case-insensitive pattern's `search`, read first on ASCII text in lower case by a twin
    written in lower case without IGNORECASE.

    Python's engine skips ahead by a pattern's first letters only where their case counts, and
    compares case-insensitive letters more slowly: the twin costs a fraction of the search. On
    ASCII text it matches wherever the pattern matches, its boundary at the start aside (left out,
    so that the engine can skip ahead to the first letters), so that the pattern's first match
    begins no earlier than the twin's; text with any other character is searched as before."""

    __slots__ = ("pattern", "twin")

    def __init__(self, pattern: re.Pattern[str]):
        self.pattern = pattern
        self.twin = _lowered_twin(pattern)

    def search(self, text: str) -> re.Match[str] | None:
        """`pattern.search(text)`: the same match for every text (its span and groups)."""
        if self.twin is not None and text.isascii():
            found = self.twin.search(text.lower())
            return None if found is None else self.pattern.search(text, found.start())
        return self.pattern.search(text)


# What lower case would change the sense of: an escape in capitals (\S, \W, \B, \A), a letter
# given by its code (\x41, \u0041, \101), a back-reference, inline flags or a named group
CASE_BOUND_SYNTAX = re.compile(r"\\[A-Zxu0-9]|\(\?[aiLmsuxP-]")
# Ranges of a class that keep their sense in lower case: lower-case letters, capitals, digits
CASE_FREE_RANGES = ((ord("a"), ord("z")), (ord("A"), ord("Z")), (ord("0"), ord("9")))


def _lowered_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    source = pattern.pattern
    if pattern.flags != re.IGNORECASE | re.UNICODE or not source.isascii() or CASE_BOUND_SYNTAX.search(source):
        return None
    try:
        if not _case_free(list(_parser.parse(source, pattern.flags))):
            return None
        return re.compile(source.removeprefix("\\b").lower())
    except Exception:  # noqa: BLE001 - a pattern the walk cannot read is searched as before
        return None


def _case_free(parsed: list[tuple[Any, Any]]) -> bool:
    """Whether every class range of the pattern lies within one of CASE_FREE_RANGES (`[A-z]`
    holds "_" and "^", which `[a-z]` does not)."""
    for op, argument in parsed:
        if op is sre.IN:
            ranges = [value for item, value in argument if item is sre.RANGE]
            if any(not any(low <= first and last <= high for low, high in CASE_FREE_RANGES) for first, last in ranges):
                return False
        elif op is sre.SUBPATTERN and not _case_free(list(argument[3])):
            return False
        elif op is sre.BRANCH and not all(_case_free(list(alternative)) for alternative in argument[1]):
            return False
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and not _case_free(list(argument[2])):
            return False
        elif op in (sre.ASSERT, sre.ASSERT_NOT) and not _case_free(list(argument[1])):
            return False
        elif op is sre.ATOMIC_GROUP and not _case_free(list(argument)):
            return False
    return True


Need = tuple[tuple[str, bool], ...]  # words one of which a match needs in its text, each with whether its case is ignored
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


class Branches:
    """A pattern's matches (`finditer`), each branch of its alternation searched only in text
    that holds the words it needs: at each place the first branch that matches wins, and one that
    needs a word the text lacks matches nowhere. The branches left are searched each on its own:
    the earliest match (the first branch's, where two begin at one place) is the pattern's, and
    the next is searched from its end, as `finditer` does (no branch matches the empty text)."""

    __slots__ = ("pattern", "branches")

    def __init__(self, pattern: re.Pattern[str]):
        self.pattern = pattern
        # None: searched whole (a back-reference, a branch matching the empty text, another parser)
        try:
            self.branches = _branches(pattern)
        except Exception:  # noqa: BLE001 - any failure leaves the plain search
            self.branches = None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """`[m.span() for m in pattern.finditer(text)]`, for every text."""
        if self.branches is None:
            return [m.span() for m in self.pattern.finditer(text)]
        ascii_text, lower = text.isascii(), text.lower()
        live = [branch for branch, needs in self.branches if _holds(needs, text, lower, ascii_text)]
        if len(live) == len(self.branches):
            return [m.span() for m in self.pattern.finditer(text)]
        found, spans = [branch.search(text) for branch in live], list[tuple[int, int]]()
        while True:
            first = None
            for match in found:
                if match is not None and (first is None or match.start() < first.start()):
                    first = match
            if first is None:
                return spans
            spans.append(first.span())
            # a branch's next match from here is the one it found, where that begins here or later
            found = [m if m is None or m.start() >= first.end() else b.search(text, first.end()) for b, m in zip(live, found, strict=True)]


def _holds(needs: list[tuple[tuple[str, ...], tuple[str, ...]]], text: str, lower: str, ascii_text: bool) -> bool:
    """Whether a word of each need stands in the text (one of ignored case: only ASCII text is read)."""
    for cased, folded in needs:
        if folded and not ascii_text:
            continue
        for word in cased:
            if word in text:
                break
        else:
            for word in folded:
                if word in lower:
                    break
            else:
                return False
    return True


def _branches(pattern: re.Pattern[str]) -> list[tuple[re.Pattern[str], list[tuple[tuple[str, ...], tuple[str, ...]]]]] | None:
    """Each branch of the pattern's alternation (with what stands around it) compiled alone, with
    the words it needs (as written, in lower case), the longest first; else the whole as one."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    items = list(parsed)
    if refers_back(items):
        return None
    places = [index for index, (op, _) in enumerate(items) if op is sre.BRANCH]
    choices = [items]
    if len(places) == 1 and all(op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT, sre.LITERAL) for op, _ in items[: places[0]]):
        choices = [items[: places[0]] + list(branch) + items[places[0] + 1 :] for branch in items[places[0]][1][1]]
    out = []
    for choice in choices:
        sub = _parser.SubPattern(parsed.state, choice)
        if sub.getwidth()[0] == 0:
            return None
        needs = sorted(_needs(_items(choice, bool(parsed.state.flags & re.IGNORECASE))), key=_shortest, reverse=True)
        split = [(tuple(w for w, folded in need if not folded), tuple(w for w, folded in need if folded)) for need in needs]
        out.append((_compiler.compile(sub, pattern.flags), split))
    return out


def refers_back(items: list[tuple[Any, Any]]) -> bool:
    """Whether the items refer back to a group (which a branch compiled alone might read otherwise)."""
    return any(op in (sre.GROUPREF, sre.GROUPREF_EXISTS) or any(map(refers_back, map(list, _inner(argument)))) for op, argument in items)


def _inner(argument: Any) -> list[Any]:
    """The parts an item holds (a group's, each branch's, what repeats, a look-around's)."""
    if isinstance(argument, _parser.SubPattern):
        return [argument]
    return [sub for part in argument for sub in _inner(part)] if isinstance(argument, (tuple, list)) else []


def _needs(items: list[Item]) -> list[Need]:
    """Sets of words, a word of each standing in any text the items match: a run of letters, a
    small class of them, and the needs of a group, of what repeats once or more, of a look-ahead
    or look-behind, and of the branches of an alternation (the longest of each)."""
    needs: list[Need] = []
    run: list[str] = []
    run_case = False
    for op, argument, ignore_case in [*items, (None, None, False)]:  # the last closes the run
        # a letter of ignored case matches others than ASCII's (the Kelvin sign "k"): ASCII's only
        letter = op is sre.LITERAL and not (ignore_case and argument >= 128)
        if run and (not letter or ignore_case != run_case):
            needs.append((("".join(run).lower() if run_case else "".join(run), run_case),))
            run.clear()
        run_case = ignore_case
        if letter:
            run.append(chr(argument))
        elif op is sre.IN:
            letters = _letters(argument)
            if letters and (not ignore_case or all(letter.isascii() for letter in letters)):
                needs.append(tuple((letter.lower() if ignore_case else letter, ignore_case) for letter in letters))
        elif op is sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = argument
            needs += _needs(_items(list(sub), (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE))
        elif op is sre.ATOMIC_GROUP or (op in REPEATS and argument[0] >= 1) or op is sre.ASSERT:
            needs += _needs(_items(list(_inner(argument)[0]), ignore_case))
        elif op is sre.BRANCH:
            best = [max(_needs(_items(list(branch), ignore_case)), key=_shortest, default=()) for branch in argument[1]]
            if all(best):
                needs.append(tuple(dict.fromkeys(word for need in best for word in need)))
    return needs


def _shortest(need: Need) -> int:
    return min(len(word) for word, _ in need)


_BUILT: dict[tuple[type, int], Prefiltered | Lowered | Branches] = {}
MAX_BUILT = 1024  # patterns kept (a process holds a few taxonomies' lexicons)
Built = TypeVar("Built", Prefiltered, Lowered, Branches)


def prefiltered(pattern: re.Pattern[str]) -> Prefiltered:
    """The pattern with its openings worked out, once per process. Kept by the pattern's
    identity: hashing a compiled pattern reads its whole program, which costs more than a scan."""
    return _built(Prefiltered, pattern)


def lowered(pattern: re.Pattern[str]) -> Lowered:
    """The case-insensitive pattern with its twin in lower case, once per process."""
    return _built(Lowered, pattern)


def branches(pattern: re.Pattern[str]) -> Branches:
    """The pattern with its branches and the words they need, once per process."""
    return _built(Branches, pattern)


def _built(kind: type[Built], pattern: re.Pattern[str]) -> Built:
    built = _BUILT.get((kind, id(pattern)))
    if isinstance(built, kind) and built.pattern is pattern:
        return built
    if len(_BUILT) >= MAX_BUILT:
        _BUILT.clear()
    made = _BUILT[(kind, id(pattern))] = kind(pattern)
    return made


def openings(pattern: re.Pattern[str], length: int = HEAD_LENGTH) -> set[Head] | None:
    """Up to `length` letters that begin every match (each with whether its case is ignored),
    or None where a match may begin otherwise: with a class of many letters, any letter, a
    back-reference, or nothing at all (the empty match)."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    heads = _walk(_items(list(parsed), bool(parsed.state.flags & re.IGNORECASE)), length, 0)
    if () in heads or len(heads) > MAX_HEADS:
        return None
    return heads


def _ascii_openings(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """One alternation of every opening as ASCII text may write it ("msc", "MSc", "MSC" for an
    opening whose case is ignored), or None where the pattern's openings are not known."""
    heads = openings(pattern)
    if heads is None:
        return None
    flags = pattern.flags & re.ASCII
    forms: set[str] = set()
    for head in heads:
        choices = [_ascii_forms(letter, ignore_case, flags) for letter, ignore_case in head]
        count = 1
        for choice in choices:
            count *= len(choice)
        if count + len(forms) > MAX_VARIANTS:
            return None
        forms.update("".join(letters) for letters in itertools.product(*choices))
    return re.compile(_tree(forms) if forms else r"(?!)", flags)


def _tree(forms: set[str]) -> str:
    """An alternation of the forms, one branch per first letter and so on down ("D(?:oc|r\\.)|
    P(?:h|H)"): the engine drops a branch at its first letter, where a flat alternation of many
    forms is tried form by form at every position. A form that ends where a longer one goes on
    is enough: where any form begins is all the scan tells."""
    if "" in forms:
        return ""
    rests: dict[str, set[str]] = {}
    for form in forms:
        rests.setdefault(form[0], set()).add(form[1:])
    branches = [re.escape(letter) + _tree(rest) for letter, rest in sorted(rests.items())]
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


@functools.lru_cache(maxsize=256)
def _ascii_forms(letter: str, ignore_case: bool, flags: int) -> tuple[str, ...]:
    """The ASCII characters that match the letter under the pattern's case rule: the engine
    itself decides (the Kelvin sign matches "k" when the case is ignored)."""
    if not ignore_case:
        return (letter,) if letter.isascii() else ()
    one = re.compile(f"(?i:{re.escape(letter)})", flags)
    return tuple(chr(code) for code in range(128) if one.fullmatch(chr(code)))


def _items(parsed: list[tuple[Any, Any]], ignore_case: bool) -> list[Item]:
    return [(op, argument, ignore_case) for op, argument in parsed]


def _letters(argument: list[tuple[Any, Any]]) -> list[str] | None:
    """The letters of a small character class, or None (a range, a category, a negation)."""
    letters: list[str] = []
    for op, value in argument:
        if op is sre.LITERAL:
            letters.append(chr(value))
        elif op is sre.RANGE and value[1] - value[0] < MAX_CLASS:
            letters.extend(chr(code) for code in range(value[0], value[1] + 1))
        else:
            return None
    return letters if len(letters) <= MAX_CLASS else None


def _walk(items: list[Item], length: int, depth: int) -> set[Head]:
    """The openings of what `items` match, up to `length` letters. An opening cut short (by a
    class of many letters, the end of the walk) is still one that every match begins with."""
    if length == 0 or not items or depth > MAX_DEPTH:
        return {()}
    (op, argument, ignore_case), rest = items[0], items[1:]
    deeper = depth + 1
    if op is sre.LITERAL:
        return {((chr(argument), ignore_case), *tail) for tail in _walk(rest, length - 1, deeper)}
    if op is sre.IN:
        letters = _letters(argument)
        if letters is None:
            return {()}
        tails = _walk(rest, length - 1, deeper)
        return {((letter, ignore_case), *tail) for letter in letters for tail in tails}
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # a boundary or a look-around matches no letter
        return _walk(rest, length, deeper)
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = argument
        inner = (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return _walk(_items(list(sub), inner) + rest, length, deeper)
    if op is sre.ATOMIC_GROUP:
        return _walk(_items(list(argument), ignore_case) + rest, length, deeper)
    if op is sre.BRANCH:
        heads: set[Head] = set()
        for alternative in argument[1]:
            heads |= _walk(_items(list(alternative), ignore_case) + rest, length, deeper)
        return heads
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, sub = argument
        if high == 0:
            return _walk(rest, length, deeper)
        again = (op, (max(low - 1, 0), high if high == sre.MAXREPEAT else high - 1, sub), ignore_case)
        heads = _walk(_items(list(sub), ignore_case) + [again] + rest, length, deeper)
        return heads | _walk(rest, length, deeper) if low == 0 else heads
    return {()}  # any letter, a category, a back-reference: the opening ends here
