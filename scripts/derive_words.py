"""Derive the lists of words that the spaCy vocabulary holds from the start.

Run by people maintaining the pipeline, never by the service:

    python scripts/derive_words.py --onet ONET_DIR --esco ESCO_DIR \\
        --out service/data/job_words.txt --forms-out service/data/word_forms.txt

`job_words.txt` has the most frequent words of O*NET's task statements, occupation descriptions
and alternate titles and of ESCO's skill labels: public text about work, nothing of any resume.
`word_forms.txt` has the inflected forms of those words ("created", "monitoring", "highly") that
O*NET's and ESCO's texts use, with spaCy's English stop words, the names of the months, years
and small numbers. Words that spaCy's vocabulary already holds are tokenised without building a
lexeme per request, which is most of the tokenizer's cost once each request runs in its own
memory zone.
"""

from __future__ import annotations

import argparse
import calendar
import collections
import csv
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

WORD = re.compile(r"[^\W\d_]+")
HEADER = """\
# The {count} most frequent words of O*NET 29.2 (task statements, occupation descriptions,
# alternate titles; USDOL/ETA, CC BY 4.0) and ESCO 1.1.0 skill labels (European Commission),
# lower-cased. Made by scripts/derive_words.py; the service adds each with its capitalised form.
"""
FORMS_HEADER = """\
# Word forms held besides job_words.txt, lower-cased; the service adds each with its capitalised
# form. Made by scripts/derive_words.py from sources that are not resumes:
# - the {inflected} inflected forms (-s, -es, -ed, -ing, -er, -ly) of words of job_words.txt that
#   occur at least {min_count} times in O*NET 29.2 (task statements, occupation descriptions,
#   alternate and reported titles; USDOL/ETA, CC BY 4.0) and ESCO 1.1.0 (skill labels;
#   occupations' labels and descriptions; skill collections; European Commission);
# - the regular -s, -ed and -ing forms of the {verbs} verbs of job_words.txt that begin at least
#   {min_count} of O*NET's task statements and ESCO's skill labels ("monitor": "monitors",
#   "monitored", "monitoring"; both spellings where a final consonant may double);
# - spaCy's English stop words, Python's calendar month names and abbreviations, the years
#   {first_year} to {last_year} and the numbers 0 to {last_number}.
"""
FIRST_YEAR, LAST_YEAR, LAST_NUMBER = 1950, 2040, 100
# Endings of regular English inflections, each with the endings of the stems it may come from
# ("studies" <- "study", "created" <- "create", "planned" <- "plan", "easily" <- "easy").
INFLECTIONS = {
    "ies": ("y",),
    "ied": ("y",),
    "ier": ("y",),
    "ily": ("y",),
    "es": ("", "e"),
    "s": ("",),
    "ed": ("", "e"),
    "ing": ("", "e"),
    "er": ("", "e"),
    "ly": ("", "le"),
}


def count_words(onet: Path, esco: Path) -> collections.Counter[str]:
    counts: collections.Counter[str] = collections.Counter()

    def add(text: str) -> None:
        counts.update(word.lower() for word in WORD.findall(text))

    for row in _rows(onet / "Task Statements.txt"):
        add(row["Task"])
    for row in _rows(onet / "Occupation Data.txt"):
        add(row["Title"])
        add(row["Description"])
    for row in _rows(onet / "Alternate Titles.txt"):
        add(row["Alternate Title"])
    add((esco / "skills_en_label.txt").read_text(encoding="utf-8"))
    return counts


def count_more_words(onet: Path, esco: Path) -> collections.Counter[str]:
    """The words of every text of the sources that is about work: those of `count_words` and
    O*NET's reported titles, ESCO's occupations and skill collections."""
    counts = count_words(onet, esco)
    for text in _more_texts(onet, esco):
        counts.update(word.lower() for word in WORD.findall(text))
    return counts


def _rows(path: Path, delimiter: str = "\t") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def _more_texts(onet: Path, esco: Path) -> Iterator[str]:
    for row in _rows(onet / "Sample of Reported Titles.txt"):
        yield row["Reported Job Title"]
    for row in _rows(esco / "occupations_en.csv", ","):
        yield from (row["preferredLabel"], row["altLabels"], row["description"])
    for name in ("transversalSkillsCollection_en.csv", "ictSkillsCollection_en.csv"):
        for row in _rows(esco / name, ","):
            yield from (row["preferredLabel"], row["altLabels"], row["description"])


def stems(word: str) -> Iterator[str]:
    """The words `word` may be a regular inflection of ("planned" -> "plann", "plan", "plane")."""
    for ending, replacements in INFLECTIONS.items():
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 2:
            yield from (stem + replacement for replacement in replacements)
            if len(stem) >= 3 and stem[-1] == stem[-2]:
                yield stem[:-1]  # a doubled consonant: "planned", "running"


def inflected_forms(counts: collections.Counter[str], words: Iterable[str], min_count: int) -> list[str]:
    """The words of `counts` seen at least `min_count` times that inflect one of `words`."""
    base = set(words)
    return sorted(word for word, n in counts.items() if n >= min_count and word not in base and any(s in base for s in stems(word)))


def job_verbs(onet: Path, esco: Path, words: Iterable[str], min_count: int) -> list[str]:
    """The words of `words` that begin at least `min_count` task statements of O*NET and skill
    labels of ESCO: both begin with a verb ("Prepare reports", "monitor water quality")."""
    firsts: collections.Counter[str] = collections.Counter()
    labels = (esco / "skills_en_label.txt").read_text(encoding="utf-8").splitlines()
    for text in [*(row["Task"] for row in _rows(onet / "Task Statements.txt")), *labels]:
        first = WORD.match(text.strip())
        if first:
            firsts[first.group().lower()] += 1
    base = set(words)
    return sorted(word for word, n in firsts.items() if n >= min_count and word in base)


def verb_forms(verb: str) -> set[str]:
    """The regular -s, -ed and -ing forms of a verb ("analyze": "analyzes", "analyzed",
    "analyzing"); a verb ending in consonant, vowel, consonant gets its doubled spelling too
    ("plan": "planned"; "submit": "submitted" and "submited")."""
    vowels = "aeiou"
    if verb.endswith("e"):
        stem = verb if verb.endswith(("ee", "ye", "oe")) else verb[:-1]
        return {verb + "s", verb + "d", stem + "ing"}
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in vowels:
        return {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    plural = verb + ("es" if verb.endswith(("s", "x", "z", "ch", "sh")) else "s")
    forms = {plural, verb + "ed", verb + "ing"}
    if len(verb) >= 3 and verb[-1] not in vowels + "wxy" and verb[-2] in vowels and verb[-3] not in vowels:
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


def common_forms() -> list[str]:
    """Words every resume uses that no list of job words has: spaCy's English stop words, the
    months, years and small numbers."""
    from spacy.lang.en.stop_words import STOP_WORDS

    months = [*calendar.month_name[1:], *calendar.month_abbr[1:]]
    numbers = [*range(FIRST_YEAR, LAST_YEAR + 1), *range(LAST_NUMBER + 1)]
    return sorted({*STOP_WORDS, *(month.lower() for month in months), *map(str, numbers)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onet", type=Path, required=True)
    parser.add_argument("--esco", type=Path, required=True)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--forms-out", type=Path)
    parser.add_argument("--min-count", type=int, default=3, help="least uses of an inflected form in the sources")
    args = parser.parse_args()
    words = sorted(word for word, _ in count_words(args.onet, args.esco).most_common(args.count))
    args.out.write_text(HEADER.format(count=len(words)) + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {args.out}")
    if args.forms_out:
        inflected = inflected_forms(count_more_words(args.onet, args.esco), words, args.min_count)
        verbs = job_verbs(args.onet, args.esco, words, args.min_count)
        forms = sorted(set(inflected).union(*map(verb_forms, verbs), common_forms()) - set(words))
        header = FORMS_HEADER.format(
            inflected=len(inflected),
            verbs=len(verbs),
            min_count=args.min_count,
            first_year=FIRST_YEAR,
            last_year=LAST_YEAR,
            last_number=LAST_NUMBER,
        )
        args.forms_out.write_text(header + "\n".join(forms) + "\n", encoding="utf-8")
        print(f"{len(forms)} forms -> {args.forms_out}")


if __name__ == "__main__":
    main()
