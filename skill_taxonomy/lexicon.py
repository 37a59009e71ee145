"""The language both sides read: resume headings, posting headings, degree forms, job-title
words, seniority, deployment and business cues, as data (`lexicon.yaml`), compiled once.

A taxonomy's manifest lists its lexicon files; an extending taxonomy's files add their phrases
and patterns to those of the taxonomy it extends."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEGREE_LEVELS = ("doctorate", "master", "bachelor", "associate")  # highest first: the first match wins
POSTING_IMPORTANCE = ("must", "nice", "important", "ignore")
LIST_KEYS = ("job_nouns", "seniority", "deployment", "deployment_resume", "business")
MAPPING_KEYS = ("resume_headings", "posting_headings", "degrees")
KEYS = (*MAPPING_KEYS, *LIST_KEYS)


@dataclass(frozen=True)
class Lexicon:
    """Compiled lexicon entries."""

    # heading phrase (lower case, letters and spaces) -> canonical resume section
    resume_headings: dict[str, str]
    # posting heading phrase -> the importance of what stands under it (None: not requirements)
    posting_headings: dict[str, str | None]
    # degree level -> one pattern of all its forms, highest level first
    degrees: tuple[tuple[str, re.Pattern[str]], ...]
    job_nouns: frozenset[str]  # "engineer", "scientist": a line naming one is a job title
    seniority: str  # an alternation of qualifiers before a job title ("senior", "sr.", "lead")
    deployment: re.Pattern[str]  # deployment said in so many words, on a resume or in a posting
    deployment_resume: re.Pattern[str]  # on a resume, also "served", "launched", "inference" (beside a tool)
    business: re.Pattern[str]  # products, customers and business figures, next to a model


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def compile_lexicon(raw: dict[str, Any]) -> Lexicon:
    """A Lexicon from merged, validated raw entries (see `merge_lexicon`)."""
    headings = {phrase: section for section, phrases in raw["resume_headings"].items() for phrase in phrases}
    posting = {phrase: (None if importance == "ignore" else importance) for importance, phrases in raw["posting_headings"].items() for phrase in phrases}
    degrees = tuple((level, re.compile(_alternation(raw["degrees"][level]))) for level in DEGREE_LEVELS if raw["degrees"].get(level))
    deployment = _alternation(raw["deployment"])
    return Lexicon(
        resume_headings=headings,
        posting_headings=posting,
        degrees=degrees,
        job_nouns=frozenset(word.lower() for word in raw["job_nouns"]),
        seniority=_alternation(raw["seniority"]),
        deployment=re.compile(rf"\b(?:{deployment})\b", re.I),
        deployment_resume=re.compile(rf"\b(?:{deployment}|{_alternation(raw['deployment_resume'])})\b", re.I),
        business=re.compile(rf"\b(?:{_alternation(raw['business'])})\b", re.I),
    )


def merge_lexicon(layers: list[tuple[str, Any]], problems: list[str]) -> dict[str, Any]:
    """Merge lexicon files (name, parsed YAML) in order, each adding to the ones before;
    every problem is reported with its place."""
    merged: dict[str, Any] = {key: {} for key in MAPPING_KEYS} | {key: [] for key in LIST_KEYS}
    for name, data in layers:
        if not isinstance(data, dict):
            problems.append(f"{name}: needs a mapping of lexicon entries")
            continue
        for key in sorted(set(data) - set(KEYS)):
            problems.append(f"{name}: unknown lexicon entry {key!r} (known: {', '.join(KEYS)})")
        for key in LIST_KEYS:
            merged[key] += _phrases(data.get(key, []), f"{name} {key}", key != "job_nouns", problems)
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
                patterns = key == "degrees"
                merged[key].setdefault(group, [])
                merged[key][group] += _phrases(phrases, f"{name} {key}.{group}", patterns, problems)
    return merged


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
