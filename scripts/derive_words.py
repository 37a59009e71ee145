"""Derive the list of job-language words that the spaCy vocabulary holds from the start.

Run by people maintaining the pipeline, never by the service:

    python scripts/derive_words.py --onet ONET_DIR --esco ESCO_DIR --out service/data/job_words.txt

The words are the most frequent ones of O*NET's task statements, occupation descriptions and
alternate titles and of ESCO's skill labels: public text about work, nothing of any resume.
Words that spaCy's vocabulary already holds are tokenised without building a lexeme per request,
which is most of the tokenizer's cost once each request runs in its own memory zone.
"""

from __future__ import annotations

import argparse
import collections
import csv
import re
from pathlib import Path

WORD = re.compile(r"[^\W\d_]+")
HEADER = """\
# The {count} most frequent words of O*NET 29.2 (task statements, occupation descriptions,
# alternate titles; USDOL/ETA, CC BY 4.0) and ESCO 1.1.0 skill labels (European Commission),
# lower-cased. Made by scripts/derive_words.py; the service adds each with its capitalised form.
"""


def count_words(onet: Path, esco: Path) -> collections.Counter[str]:
    counts: collections.Counter[str] = collections.Counter()

    def add(text: str) -> None:
        counts.update(word.lower() for word in WORD.findall(text))

    def rows(name: str) -> list[dict[str, str]]:
        with (onet / name).open(encoding="utf-8", errors="replace", newline="") as handle:
            return list(csv.DictReader(handle, delimiter="\t"))

    for row in rows("Task Statements.txt"):
        add(row["Task"])
    for row in rows("Occupation Data.txt"):
        add(row["Title"])
        add(row["Description"])
    for row in rows("Alternate Titles.txt"):
        add(row["Alternate Title"])
    add((esco / "skills_en_label.txt").read_text(encoding="utf-8"))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onet", type=Path, required=True)
    parser.add_argument("--esco", type=Path, required=True)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    words = sorted(word for word, _ in count_words(args.onet, args.esco).most_common(args.count))
    args.out.write_text(HEADER.format(count=len(words)) + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {args.out}")


if __name__ == "__main__":
    main()
