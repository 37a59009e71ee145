"""Sections -> skill mentions, found by a spaCy pipeline component built from the taxonomy.

A name counts where it names a skill of the candidate: not inside a date or term ("Spring 2018"),
a link, a venue's name, an employer's, lab's or team's name in an entry's heading, or a person's
name; where a line names a thing (a paper, a talk, a course, an award), only fields of research
count. A name that is also a word needs a technology on its own line (or a skills section). A
name in a negated clause ("no Java") or on a line of plans ("2026 roadmap: Rust") is no skill held."""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]  # the parser's opcodes, as the compiler reads them
from typing import Any, cast

import spacy
from spacy.lang import lex_attrs
from spacy.lang.en import lex_attrs as english_attrs
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import compile_suffix_regex, filter_spans

from service.documents import Line
from service.sections import Section
from skill_taxonomy import Taxonomy, load_taxonomy
from skill_taxonomy.context import LIST_SECTIONS, TITLE_SECTIONS, Found, mention_context, skills_in_context
from skill_taxonomy.prefilter import REPEATS, refers_back

BLANK_PREFIX = "blank:"
CERTAIN, CANDIDATES = "skills", "skill_candidates"
# A short all-capitals name (AWS, REST, JAX) and a short one in mixed capitals (SAFe, LoRA, IaC)
# are matched with their exact casing only ("safe", "LoRa" radio); a name with a symbol no word
# has ("C++", "C#") in any casing.
EXACT_CASE = re.compile(r"^(?!.*[+#])[A-Z0-9][A-Z0-9+#./&-]{0,4}$|^(?=\w{2,4}$)(?=(?:[^A-Z]*[A-Z]){2})(?=.*[a-z])\w+$")
# "R&D", "C-level", "C-suite", "R-squared", "C=Conference": a short name glued to these is not the
# skill; nor is a letter glued after a hyphen ("Hi-C") or alone in brackets ("[C] Roe, J.").
TRAP_NEIGHBOURS = {"&", "-", "–", "+", "="}
HYPHENS = {"-", "–"}
HYPHENABLE = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+)+$")
TRAILING_HYPHEN = r"(?<=[A-Za-z+#])-+$"
# A chunk of letters only: no prefix, suffix or infix rule of spaCy's English splits it, so the
# tokenizer may take it whole without running its affix expressions (most words of a resume).
LETTERS_ONLY = re.compile(r"[^\W\d_]+\Z")
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
JOB_WORDS = Path(__file__).parent / "data" / "job_words.txt"
# Inflected forms of the job words, stop words, months, years and small numbers (see its header).
WORD_FORMS = Path(__file__).parent / "data" / "word_forms.txt"
LAST_CHARACTERS = [chr(code) for code in (*range(0x250), *range(0x2000, 0x2070))]  # Latin letters, digits, punctuation
CACHE_BATCH = 1000  # held words split per text when filling the tokenizer's cache
MAX_EVIDENCE_CHARS = 240
# Other skills this close (in tokens) to an ambiguous name show the technical sense.
CONTEXT_WINDOW = 12
LIST_WINDOW = 4  # other names needing context this close (in tokens) make a list of them ("Go, Rust, Scala")


NUMBER_WORDS = frozenset(english_attrs._num_words + english_attrs._ordinal_words)  # as English `like_num` reads them


def _like_num(text: str) -> bool:
    """spaCy's English `like_num`: a word of letters is a number only by its name ("twelve")."""
    return text.lower() in NUMBER_WORDS if text.isalpha() else english_attrs.like_num(text)  # type: ignore[no-untyped-call]


def _like_url(text: str) -> bool:
    """spaCy's `like_url`: a word of letters is no link."""
    return False if text.isalpha() else lex_attrs.like_url(text)


# spaCy's word attributes given by built-in string methods and sets, for every text the same as
# spaCy's functions give: a pipeline works them out for every word new to its vocabulary (each
# resume's own words, in every request's memory zone).
FASTER_ATTRIBUTES: dict[Callable[[str], object], Callable[[str], object]] = {
    lex_attrs.lower: str.lower,
    lex_attrs.prefix: operator.itemgetter(0),
    lex_attrs.suffix: operator.itemgetter(slice(-3, None)),
    lex_attrs.is_alpha: str.isalpha,
    lex_attrs.is_digit: str.isdigit,
    lex_attrs.is_lower: str.islower,
    lex_attrs.is_space: str.isspace,
    lex_attrs.is_title: str.istitle,
    lex_attrs.is_upper: str.isupper,
    lex_attrs.is_ascii: str.isascii,
    lex_attrs.is_bracket: frozenset(("(", ")", "[", "]", "{", "}", "<", ">")).__contains__,
    lex_attrs.is_quote: frozenset(
        ('"', "'", "`", "«", "»", "‘", "’", "‚", "‛", "“", "”", "„", "‟", "‹", "›", "❮", "❯", "''", "``")
    ).__contains__,
    lex_attrs.is_left_punct: frozenset(("(", "[", "{", "<", '"', "'", "«", "‘", "‚", "‛", "“", "„", "‟", "‹", "❮", "``")).__contains__,
    lex_attrs.is_right_punct: frozenset((")", "]", "}", ">", '"', "'", "»", "’", "”", "›", "❯", "''")).__contains__,
    english_attrs.like_num: _like_num,
    lex_attrs.like_url: _like_url,
}


@functools.lru_cache(maxsize=8)
def cached_taxonomy(path: str | None) -> Taxonomy:
    """One compiled taxonomy per process and path."""
    return load_taxonomy(path)


class SkillMatcher:
    """Marks taxonomy skills in a Doc: `doc.spans["skills"]` for names that are skills wherever
    they stand, `doc.spans["skill_candidates"]` for names that need technical context."""

    def __init__(self, nlp: Language, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        patterns: dict[tuple[str, bool, bool], list[str]] = {}
        taken = {form.casefold() for skill in taxonomy.skills.values() for form, _ in skill.surface_forms()}
        for skill in taxonomy.skills.values():
            for form, ambiguous in skill.surface_forms():
                exact = ambiguous or bool(EXACT_CASE.match(form))
                # "ruby-on-rails", "amazon-web-services": a name of several words written with hyphens
                hyphenated = form.replace(" ", "-") if " " in form and HYPHENABLE.match(form) else None
                variants = [_plural(form), hyphenated]
                patterns.setdefault((skill.id, ambiguous, exact), []).append(form)
                patterns[(skill.id, ambiguous, exact)] += [v for v in variants if v and v.casefold() not in taken]
        self.keys: dict[int, tuple[str, bool]] = {}
        for (skill_id, ambiguous, exact), forms in patterns.items():
            key = f"{skill_id}|{int(ambiguous)}"
            self.keys[nlp.vocab.strings.add(key)] = (skill_id, ambiguous)
            docs = list(_tokenizer(nlp).pipe(forms))
            (self.exact if exact else self.lower).add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        for match_id, start, end in [*self.lower(doc), *self.exact(doc)]:
            skill_id, ambiguous = self.keys[match_id]
            if end - start == 1 and len(doc[start]) <= 2 and self._trapped(doc, start):
                continue
            found.append(Span(doc, start, end, label=f"{skill_id}|{int(ambiguous)}"))
        spans = filter_spans(found)  # the longest name wins: "Apache Spark" over "Spark"
        doc.spans[CERTAIN] = [Span(doc, s.start, s.end, label=s.label_[:-2]) for s in spans if s.label_.endswith("|0")]
        doc.spans[CANDIDATES] = [Span(doc, s.start, s.end, label=s.label_[:-2]) for s in spans if s.label_.endswith("|1")]
        return doc

    @staticmethod
    def _trapped(doc: Doc, i: int) -> bool:
        """A short name glued into another word ("R&D", "C-level", "Hi-C"), an initial
        ("R. Fergus") or a list tag ("[C]")."""
        token = doc[i]
        after = doc[i + 1] if i + 1 < len(doc) else None
        before = doc[i - 1] if i > 0 else None
        letter = len(token) == 1
        if (
            before is not None
            and not before.whitespace_
            and (before.text == "&" or (letter and before.text in HYPHENS and i > 1 and not doc[i - 2].whitespace_))
        ):
            return True
        if letter and before is not None and after is not None and before.text in "[(" and after.text in "])":
            return True
        if after is None or token.whitespace_:
            return False
        glued_on = after.text in TRAP_NEIGHBOURS and not after.whitespace_ and i + 2 < len(doc)
        return glued_on or after.text in {"'s", "’s"} or (after.text == "." and len(token) == 1)


def _tokenizer(nlp: Language) -> Tokenizer:
    """The pipeline's tokenizer: spaCy types it as any callable from text to Doc, and every
    pipeline made here has spaCy's own `Tokenizer`, with its affix rules and `pipe`."""
    return cast(Tokenizer, nlp.tokenizer)


def _plural(form: str) -> str | None:
    """The plural of a generic lower-case name ("data pipeline" -> "data pipelines");
    product names (with capitals) and words already plural get none."""
    last = form.rsplit(" ", 1)[-1]
    if form != form.lower() or not last.isalpha() or len(last) < 4 or last.endswith(("s", "x", "ing")):
        return None
    if last.endswith("y") and last[-2] not in "aeiou":
        return form[:-1] + "ies"
    return form + "s"


@Language.factory("skill_matcher", default_config={"taxonomy_path": None})
def make_skill_matcher(nlp: Language, name: str, *, taxonomy_path: str | None) -> SkillMatcher:
    """Build the skill matcher from the taxonomy at `taxonomy_path` (None: the built-in one)."""
    return SkillMatcher(nlp, cached_taxonomy(taxonomy_path))


def make_pipeline(model: str, taxonomy_path: str | None = None) -> Language:
    """Load the spaCy pipeline named by the settings (or `blank:en`) and add the skill matcher.

    Only the named-entity recogniser of a trained pipeline is kept: names are found with it,
    skills need tokens only."""
    if model.startswith(BLANK_PREFIX):
        nlp = spacy.blank(model[len(BLANK_PREFIX) :])
    else:
        nlp = spacy.load(model, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    getters: dict[int, Callable[[str], object]] = nlp.vocab.lex_attr_getters  # type: ignore[attr-defined]  # left out of spaCy's stubs
    for attribute, getter in list(getters.items()):
        getters[attribute] = FASTER_ATTRIBUTES.get(getter, getter)
    tokenizer = _tokenizer(nlp)
    # "Python- Experience - 12 months": a hyphen closing a name is split off, as in "Python -".
    tokenizer.suffix_search = Endings(compile_suffix_regex([*(nlp.Defaults.suffixes or ()), TRAILING_HYPHEN]), LAST_CHARACTERS).search
    if nlp.lang == "en" and tokenizer.token_match is None:
        tokenizer.token_match = LETTERS_ONLY.match
    nlp.add_pipe("skill_matcher", config={"taxonomy_path": taxonomy_path})
    if nlp.lang == "en":
        _hold_job_words(nlp)
    return nlp


class Endings:
    """The search of an alternation whose every branch ends the text (`$`, as spaCy's suffixes do):
    its last character picks the branches that can end on it, compiled together in their order
    (the first to match at a place wins, as in the whole) for each of `characters`."""

    __slots__ = ("regex", "pattern", "by_last")

    def __init__(self, regex: re.Pattern[str], characters: Iterable[str]):
        self.regex, self.pattern = regex, regex.pattern  # spaCy saves a tokenizer's affix searches by their source
        try:
            self.by_last = _by_last(regex, characters)
        except Exception:  # noqa: BLE001 - any failure leaves the plain search
            self.by_last = {}

    def search(self, text: str) -> re.Match[str] | None:
        """`regex.search(text)`: a match of the same span for every text."""
        return self.by_last.get(text[-1:], self.regex).search(text)


def _by_last(regex: re.Pattern[str], characters: Iterable[str]) -> dict[str, re.Pattern[str]]:
    parsed = _parser.parse(regex.pattern, regex.flags)
    items = list(parsed)
    if len(items) != 1 or items[0][0] is not sre.BRANCH or regex.flags & re.MULTILINE or refers_back(items):
        return {}
    branches = [_parser.SubPattern(parsed.state, list(branch)) for branch in items[0][1][1]]
    lasts = [_last(list(branch), parsed.state, regex.flags) for branch in branches]
    kept: dict[tuple[int, ...], list[str]] = {}
    for character in set(characters) - {"\n"}:  # "$" stands before a closing line break too
        numbers = tuple(n for n, last in enumerate(lasts) if last is None or any(one.fullmatch(character) for one in last))
        kept.setdefault(numbers, []).append(character)
    by_last = {}
    for numbers, same in kept.items():
        sub = _parser.SubPattern(parsed.state, [(sre.BRANCH, (None, [branches[number] for number in numbers]))])
        by_last.update(dict.fromkeys(same, _compiler.compile(sub, regex.flags) if numbers else re.compile("(?!)")))
    return by_last


def _last(items: list[tuple[Any, Any]], state: Any, flags: int) -> tuple[re.Pattern[str], ...] | None:
    """Patterns of one character, one of which matches the last character of every match of the
    items, where they end the text; None where they may end otherwise."""
    ends = False
    while items and items[-1][0] in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        op, argument = items.pop()
        ends = ends or (op is sre.AT and argument in (sre.AT_END, sre.AT_END_STRING))
    if not ends or not items:
        return None
    op, argument = items[-1]
    end = [(sre.AT, sre.AT_END)]
    if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
        return (_compiler.compile(_parser.SubPattern(state, [items[-1]]), flags),)
    if op is sre.BRANCH:
        lasts = [_last(list(branch) + end, state, flags) for branch in argument[1]]
        return None if None in lasts else tuple(one for last in lasts if last for one in last)
    if (op is sre.SUBPATTERN and not argument[1] and not argument[2]) or (op in REPEATS and argument[0] >= 1):
        return _last(list(argument[-1]) + end, state, flags)
    return None


def _hold_job_words(nlp: Language) -> None:
    """Give the vocabulary a lexeme for each common word of job language and each common form of
    a resume's words (and its capitalised and, when short, upper-case forms). Each request runs in
    a memory zone that frees the words it added; words held here are looked up instead of being
    built again for every document.

    The tokenizer splits each held word once here too: outside a memory zone it keeps how it split
    a chunk of text, and a request finds the word there instead of running the affix rules."""
    forms: set[str] = set()
    for path in (JOB_WORDS, WORD_FORMS):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                forms |= {line, line.capitalize(), *([line.upper()] if len(line) <= 4 else [])}
    for form in forms:
        nlp.vocab[form]  # noqa: B018 - creating the lexeme is the point
    tokenizer = _tokenizer(nlp)
    tokenizer.max_cache_size += len(forms)  # room for these beside what the default keeps
    ordered = sorted(forms)
    for start in range(0, len(ordered), CACHE_BATCH):
        tokenizer(" ".join(ordered[start : start + CACHE_BATCH]))


@dataclass(frozen=True)
class Mention:
    """One place where a skill is named."""

    skill_id: str
    text: str  # the evidence: the line (or the sentence of a long line)
    section: str
    page: int
    line: Line
    start: int  # where the name stands in line.text
    end: int
    # "used" (experience, projects, publications), "listed" (skills and other sections) or
    # "weak" (coursework, "familiar with", "exposure to")
    context: str = "listed"

    @property
    def highlight(self) -> tuple[int, int] | None:
        """Where the name stands in the evidence text (the line, or the sentence cut from it)."""
        offset = self.line.text.find(self.text)
        if offset < 0 or self.start < offset or self.end > offset + len(self.text):
            return None
        return self.start - offset, self.end - offset


def _evidence(text: str, start: int, end: int) -> str:
    if len(text) <= MAX_EVIDENCE_CHARS:
        return text
    offset = 0
    for sentence in SENTENCE_END.split(text):
        position = text.find(sentence, offset)
        if position <= start < position + len(sentence):
            return sentence[:MAX_EVIDENCE_CHARS] if end - position <= MAX_EVIDENCE_CHARS else text[start:end]
        offset = position + len(sentence)
    return text[max(0, start - 100) : end + 100]


def _has_context(doc: Doc, span: Span, section: str, line_of: dict[int, int], taxonomy: Taxonomy) -> bool:
    """A name that is also a word counts in a list section, or beside a technology on its own
    line; a field's or a spoken language's name also beside another of its kind ("AI/ML", "AI for
    medical imaging", "German and French")."""
    tool = taxonomy.is_technology(span.label_)
    if section in LIST_SECTIONS or (section in TITLE_SECTIONS and taxonomy.is_field(span.label_)):
        return True  # "Off-Policy RL for Language Models", "Introduction to AI": a title names its field
    kind = _kind(taxonomy, span.label_)

    def near(other: Span, window: int) -> bool:
        fits = taxonomy.is_technology(other.label_) or (not tool and _kind(taxonomy, other.label_) == kind)
        same_line = other.start != span.start and line_of[other.start] == line_of[span.start]
        return same_line and abs(other.start - span.start) <= window and fits

    return any(near(other, CONTEXT_WINDOW) for other in doc.spans[CERTAIN]) or any(
        near(other, LIST_WINDOW) for other in doc.spans[CANDIDATES]
    )


def _kind(taxonomy: Taxonomy, skill_id: str) -> str:
    """ "field" for any field of research, else the skill's category ("spoken-language")."""
    return "field" if taxonomy.is_field(skill_id) else taxonomy.skills[skill_id].category


def find_skills(sections: Iterable[Section], nlp: Language) -> list[Mention]:
    """Every skill mention in the sections, in document order.

    Each section is matched as one text, so a name broken across a line still counts; the
    evidence is the line it stands on, and the line and its neighbours decide whether it names
    a skill of the candidate (see the module's docstring)."""
    matcher = cast(SkillMatcher, nlp.get_pipe("skill_matcher"))
    taxonomy = matcher.taxonomy
    mentions: list[Mention] = []
    for section in sections:
        starts, offset = [], 0
        for line in section.lines:
            starts.append(offset)
            offset += len(line.text) + 1
        text = " ".join(line.text for line in section.lines)  # kept: Doc.text rebuilds it from the tokens
        doc = matcher(nlp.make_doc(text))  # the one component a section needs, as nlp.pipe would run it
        line_of = {s.start: bisect.bisect_right(starts, s.start_char) - 1 for s in [*doc.spans[CERTAIN], *doc.spans[CANDIDATES]]}
        candidates = [s for s in doc.spans[CANDIDATES] if _has_context(doc, s, section.name, line_of, taxonomy)]
        ambiguous = {s.start for s in candidates}
        spans = list(doc.spans[CERTAIN]) + candidates
        on_line: dict[int, list[Found]] = {}
        for span in sorted(spans, key=lambda s: s.start):
            index = line_of[span.start]
            local = span.start_char - starts[index]
            end = min(local + len(span.text), len(section.lines[index].text))  # a name broken across lines ends at the line's end
            on_line.setdefault(index, []).append(Found(span.label_, local, end, span.start_char, span.start in ambiguous))
        lines = [line.text for line in section.lines]
        for index, found in on_line.items():
            line = section.lines[index]
            for item in skills_in_context(section.name, lines, index, found, taxonomy):
                context = mention_context(text[: item.char], section.name, line.text[: item.start])
                if context is not None:
                    mentions.append(
                        Mention(
                            item.skill_id,
                            _evidence(line.text, item.start, item.end),
                            section.name,
                            line.page,
                            line,
                            item.start,
                            item.end,
                            context,
                        )
                    )
    return mentions
