"""The language both sides read: resume headings, posting headings, degree forms, job-title
words, seniority, the words before a title in a posting's text, deployment and business cues,
the places where a skill's name names no skill (dates, links, venues, organisations, people), as
data (`lexicon.yaml`), compiled once; and what a requirement read from a posting says to the
candidate.

A taxonomy's manifest lists its lexicon files; an extending taxonomy's files add their phrases
and patterns to those of the taxonomy it extends, and may reword the posting requirements' texts."""

from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skill_taxonomy.catalogue import Importance

DEGREE_LEVELS = ("doctorate", "master", "bachelor", "associate")  # highest first: the first match wins
POSTING_IMPORTANCE = ("must", "nice", "important", "ignore")
# Where a skill's name stands without naming a skill of the candidate (see `Lexicon`).
CONTEXT_KEYS = (
    "dates",
    "links",
    "venues",
    "organisations",
    "organisation_names",
    "organisation_lists",
    "course_labels",
    "link_sites",
    "position_words",
    "person_titles",
)
LIST_KEYS = (
    "job_nouns",
    "seniority",
    "posting_title_cues",
    "posting_title_openers",
    "deployment",
    "deployment_resume",
    "business",
    *CONTEXT_KEYS,
)
# Lists of plain words (lower case, matched as words); the other lists hold regular expressions.
PLAIN_KEYS = frozenset({"job_nouns", "link_sites", "position_words", "person_titles"})
MAPPING_KEYS = ("resume_headings", "posting_headings", "degrees", "other_senses")
PATTERN_MAPPINGS = frozenset({"degrees", "other_senses"})  # mappings of names to patterns; the others hold phrases
TEXTS_KEY = "posting_requirements"
KEYS = (*MAPPING_KEYS, *LIST_KEYS, TEXTS_KEY)
# The requirements a posting's parser writes (a skill, or a signal), each with the placeholders
# its texts may use.
POSTING_REQUIREMENTS: dict[str, frozenset[str]] = {
    "skill": frozenset({"labels"}),
    "degree": frozenset({"level", "Level"}),
    "experience_years": frozenset({"years"}),
    "first_author_top_venue": frozenset(),
    "top_venue": frozenset(),
    "publications": frozenset(),
    "deployment": frozenset(),
    "title": frozenset({"title"}),
    "role": frozenset({"title", "role", "similarity", "share"}),
}
TEXT_FIELDS = ("label", "reason", "advice")


@dataclass(frozen=True)
class RequirementText:
    """What a requirement says: its label, why it counts and how to show it; `{name}` placeholders
    until `fill`ed."""

    label: str
    reason: str
    advice: str

    def fill(self, **values: object) -> RequirementText:
        """The texts with their placeholders filled in."""
        return RequirementText(self.label.format(**values), self.reason.format(**values), self.advice.format(**values))


@dataclass(frozen=True)
class Lexicon:
    """Compiled lexicon entries."""

    # heading phrase (lower case, letters and spaces) -> canonical resume section
    resume_headings: dict[str, str]
    # posting heading phrase -> the importance of what stands under it (None: not requirements)
    posting_headings: dict[str, Importance | None]
    # degree level -> one pattern of all its forms, highest level first
    degrees: tuple[tuple[str, re.Pattern[str]], ...]
    job_nouns: frozenset[str]  # "engineer", "scientist": a line naming one is a job title
    seniority: str  # an alternation of qualifiers before a job title ("senior", "sr.", "lead")
    posting_title_cues: str  # an alternation of the words before a job title in a posting's text ("seeking a")
    posting_title_openers: str  # the same, weaker, right before the title at a sentence's start ("As a")
    deployment: re.Pattern[str]  # deployment said in so many words, on a resume or in a posting
    deployment_resume: re.Pattern[str]  # on a resume, also "served", "launched", "inference" (beside a tool)
    business: re.Pattern[str]  # products, customers and business figures, next to a model
    # Where a skill's name names no skill of the candidate: a date or term ("Spring 2018"), a link
    # ("GitHub: handle"), a venue ("Symposium on Cloud Computing"), an organisation's name
    # ("... Lab", "... Inc"), a course list's label ("Coursework:").
    dates: re.Pattern[str]
    links: re.Pattern[str]
    venues: re.Pattern[str]
    organisations: re.Pattern[str]
    organisation_names: re.Pattern[str]  # "Machine Learning Society", anywhere on a line
    organisation_lists: re.Pattern[str]  # "Sponsors: ...", "funded by ...": organisations named after it
    course_labels: re.Pattern[str]
    link_sites: frozenset[str]  # "github", "linkedin": sites a contact line links to
    position_words: frozenset[str]  # job nouns and "lecturer", "founder": a position held, not an employer
    person_titles: re.Pattern[str]  # "Prof.", "Dr.", "Advisor:" right before a person's name
    # a posting requirement's kind ("skill", "degree", a signal name) -> what it says
    posting_requirements: dict[str, RequirementText]
    # skill id -> the words beside its name that give the name another sense ("table statistics")
    other_senses: dict[str, re.Pattern[str]]

    def names_a_job(self, text: str) -> bool:
        """Whether the text holds a job noun ("engineer", "scientist")."""
        return bool(self.job_nouns.intersection(re.findall(r"[a-z]+", text.lower())))


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def compile_lexicon(raw: dict[str, Any]) -> Lexicon:
    """A Lexicon from merged, validated raw entries (see `merge_lexicon`)."""
    headings = {phrase: section for section, phrases in raw["resume_headings"].items() for phrase in phrases}
    posting = {
        phrase: (None if importance == "ignore" else importance)
        for importance, phrases in raw["posting_headings"].items()
        for phrase in phrases
    }
    degrees = tuple((level, re.compile(_alternation(raw["degrees"][level]))) for level in DEGREE_LEVELS if raw["degrees"].get(level))
    deployment = _alternation(raw["deployment"])
    return Lexicon(
        resume_headings=headings,
        posting_headings=posting,
        degrees=degrees,
        job_nouns=frozenset(word.lower() for word in raw["job_nouns"]),
        seniority=_alternation(raw["seniority"]),
        posting_title_cues=_alternation(raw["posting_title_cues"]),
        posting_title_openers=_alternation(raw["posting_title_openers"]),
        deployment=re.compile(rf"\b(?:{deployment})\b", re.I),
        deployment_resume=re.compile(rf"\b(?:{deployment}|{_alternation(raw['deployment_resume'])})\b", re.I),
        business=re.compile(rf"\b(?:{_alternation(raw['business'])})\b", re.I),
        dates=re.compile(rf"\b(?:{_alternation(raw['dates'])})", re.I),
        links=re.compile(_alternation(raw["links"]), re.I),
        venues=re.compile(_alternation(raw["venues"])),
        organisations=re.compile(rf"\b(?:{_alternation(raw['organisations'])})"),
        organisation_names=re.compile(_alternation(raw["organisation_names"])),
        organisation_lists=re.compile(_alternation(raw["organisation_lists"]), re.M),
        course_labels=re.compile(rf"^\W*(?:{_alternation(raw['course_labels'])})", re.I),
        link_sites=frozenset(site.lower() for site in raw["link_sites"]),
        position_words=frozenset(word.lower() for word in [*raw["job_nouns"], *raw["position_words"]]),
        person_titles=re.compile(rf"\b(?:{_alternation([re.escape(t) for t in raw['person_titles']])})\.?:?\s+(?:[A-Z]\.\s*)*$", re.I),
        posting_requirements={kind: RequirementText(**texts) for kind, texts in raw[TEXTS_KEY].items()},
        other_senses={skill_id: re.compile(_alternation(patterns), re.I) for skill_id, patterns in raw["other_senses"].items() if patterns},
    )


def merge_lexicon(layers: list[tuple[str, Any]], problems: list[str]) -> dict[str, Any]:
    """Merge lexicon files (name, parsed YAML) in order, each adding to the ones before;
    every problem is reported with its place."""
    merged: dict[str, Any] = {key: {} for key in MAPPING_KEYS} | {key: [] for key in LIST_KEYS} | {TEXTS_KEY: {}}
    for name, data in layers:
        if not isinstance(data, dict):
            problems.append(f"{name}: needs a mapping of lexicon entries")
            continue
        for key in sorted(set(data) - set(KEYS)):
            problems.append(f"{name}: unknown lexicon entry {key!r} (known: {', '.join(KEYS)})")
        for key in LIST_KEYS:
            merged[key] += _phrases(data.get(key, []), f"{name} {key}", key not in PLAIN_KEYS, problems)
        for key in MAPPING_KEYS:
            value = data.get(key, {})
            if not isinstance(value, dict):
                problems.append(f"{name} {key}: needs a mapping of names to lists")
                continue
            allowed = {"posting_headings": POSTING_IMPORTANCE, "degrees": DEGREE_LEVELS}.get(key)
            for group, phrases in value.items():
                if allowed and group not in allowed:
                    problems.append(f"{name} {key}: unknown group {group!r} (known: {', '.join(allowed)})")
                    continue
                patterns = key in PATTERN_MAPPINGS
                merged[key].setdefault(group, [])
                merged[key][group] += _phrases(phrases, f"{name} {key}.{group}", patterns, problems)
        _merge_texts(merged[TEXTS_KEY], data.get(TEXTS_KEY, {}), f"{name} {TEXTS_KEY}", problems)
    for kind in POSTING_REQUIREMENTS:
        missing = [text for text in TEXT_FIELDS if text not in merged[TEXTS_KEY].get(kind, {})]
        if missing and layers:
            problems.append(f"{layers[0][0]} {TEXTS_KEY}.{kind}: needs {', '.join(missing)}")
    return merged


def _merge_texts(merged: dict[str, dict[str, str]], value: Any, where: str, problems: list[str]) -> None:
    """A layer's requirement texts replace the ones before, text by text; each is checked for
    the placeholders its kind fills in."""
    if not isinstance(value, dict):
        problems.append(f"{where}: needs a mapping of requirement kinds to texts")
        return
    for kind, texts in value.items():
        if kind not in POSTING_REQUIREMENTS:
            problems.append(f"{where}: unknown requirement kind {kind!r} (known: {', '.join(POSTING_REQUIREMENTS)})")
            continue
        if not isinstance(texts, dict):
            problems.append(f"{where}.{kind}: needs a mapping of {', '.join(TEXT_FIELDS)}")
            continue
        for field, text in texts.items():
            place = f"{where}.{kind}.{field}"
            if field not in TEXT_FIELDS:
                problems.append(f"{place}: unknown text (known: {', '.join(TEXT_FIELDS)})")
            elif not isinstance(text, str) or not text.strip():
                problems.append(f"{place}: needs a non-empty string")
            elif _placeholders_ok(text, POSTING_REQUIREMENTS[kind], place, problems):
                merged.setdefault(kind, {})[field] = text.strip()


def _placeholders_ok(text: str, allowed: frozenset[str], where: str, problems: list[str]) -> bool:
    known = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text) if name is not None]
    except ValueError as error:
        problems.append(f"{where}: braces do not pair ({error}); placeholders here: {known}")
        return False
    wrong = [name or "{}" for name, spec, conversion in fields if name not in allowed or spec or conversion]
    if wrong:
        problems.append(f"{where}: placeholders {', '.join(repr(name) for name in wrong)} not allowed (here: {known}, each as {{name}})")
    return not wrong


def _phrases(value: Any, where: str, patterns: bool, problems: list[str]) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        problems.append(f"{where}: needs a list of non-empty strings")
        return []
    if patterns:
        for index, item in enumerate(value):
            try:
                re.compile(item)
            except re.error as error:
                problems.append(f"{where}[{index}]: not a valid regular expression ({error})")
    return list(value)


@functools.lru_cache(maxsize=1)
def builtin_lexicon() -> Lexicon:
    """The built-in lexicon (skill_taxonomy/data/lexicon.yaml), compiled once per process."""
    import yaml

    path = Path(__file__).parent / "data" / "lexicon.yaml"
    problems: list[str] = []
    merged = merge_lexicon([(path.name, yaml.safe_load(path.read_text(encoding="utf-8")))], problems)
    if problems:  # pragma: no cover - the built-in file is checked by the tests
        raise ValueError("; ".join(problems))
    return compile_lexicon(merged)
