"""Resumes written for the project (tests/resumes/written, rendered and varied, see their
READMEs): fictional people of every role, each labelled with the role a recruiter would file them
under and the roles an honest reader would also accept first. They were written before the rules
that read them were changed, in wordings and layouts unlike the evaluation set's (plain text; one-
and two-column PDFs and DOCX; multi-page academic, Europass and margin-column CVs), and they
travel with every clone: the role ranking and the signals are held on them where ../shared/eval
is absent."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from service.analysis import Analysis, Limits, analyze

RESUMES = Path(__file__).parent / "resumes"
TODAY = date(2026, 6, 15)
LIMITS = Limits(seconds=0)
# Floors a little under the figures measured when they were set: written (36 text resumes) strict
# 94.4%, lenient 97.2%, first two 97.2%; rendered (30 files) strict 93.3%, lenient 96.7%, first
# two 96.7%, names 30/30, publications 30/30, PhD 30/30; varied (30 files: academic, Europass,
# margin-column) strict 83.3%, lenient 86.7%, first two 100%, names 28/30, publications and PhD 30/30.
# With the fitted weights (fitted.yaml, fitted to ../shared/eval's CVs, never to these): written
# 35, 36, 36 of 36; rendered 28, 29, 30 of 30; varied 27, 29, 28 of 30 (first two fell by two:
# an "AI Specialist" without a role's title, and an applied scientist whose CV reads as a data
# scientist's and a research scientist's).
FLOORS = {"written": (0.94, 0.97, 0.97), "rendered": (0.90, 0.93, 0.96), "varied": (0.86, 0.93, 0.90)}
SIGNAL_FLOOR = 0.96
NAMES_FLOOR_VARIED = 0.9  # two Europass CVs give the name as a table cell beside "Name"


def labels(folder: str) -> list[dict[str, str]]:
    with (RESUMES / folder / "labels.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.fixture(scope="module")
def analyses(blank_nlp, taxonomy) -> dict[str, dict[str, Analysis]]:
    return {
        folder: {
            row["file"]: analyze(
                (RESUMES / folder / row["file"]).read_bytes(), nlp=blank_nlp, taxonomy=taxonomy, limits=LIMITS, today=TODAY
            )
            for row in labels(folder)
        }
        for folder in FLOORS
    }


@pytest.mark.parametrize("folder", FLOORS)
def test_every_role_has_its_resumes(folder):
    counts: dict[str, int] = {}
    for row in labels(folder):
        counts[row["role"]] = counts.get(row["role"], 0) + 1
    assert len(counts) == 6 and min(counts.values()) >= 5


@pytest.mark.parametrize("folder", FLOORS)
def test_the_written_resumes_rank_their_role_first(analyses, folder):
    rows = labels(folder)
    ranked = {file: [fit.role.id for fit in analysis.roles] for file, analysis in analyses[folder].items()}
    also = {row["file"]: {row["role"], *filter(None, (a.strip() for a in row["also"].split(",")))} for row in rows}
    strict = [row["file"] for row in rows if ranked[row["file"]][0] == row["role"]]
    lenient = [row["file"] for row in rows if ranked[row["file"]][0] in also[row["file"]]]
    first_two = [row["file"] for row in rows if row["role"] in ranked[row["file"]][:2]]
    misses = {row["file"]: (row["role"], ranked[row["file"]][:2]) for row in rows if row["file"] not in lenient}
    floors = FLOORS[folder]
    assert len(strict) / len(rows) >= floors[0], misses
    assert len(lenient) / len(rows) >= floors[1], misses
    assert len(first_two) / len(rows) >= floors[2], misses


@pytest.mark.parametrize(("folder", "names_floor"), [("rendered", SIGNAL_FLOOR), ("varied", NAMES_FLOOR_VARIED)])
def test_names_papers_and_doctorates(analyses, folder, names_floor):
    rows = labels(folder)
    found = {file: analysis.profile.signals for file, analysis in analyses[folder].items()}
    names = [file for file, signals in found.items() if not signals.name]
    papers = [row["file"] for row in rows if bool(found[row["file"]].publications) != (row["publications"] == "y")]
    degrees = {file: analysis.profile.highest_degree for file, analysis in analyses[folder].items()}
    doctorates = [row["file"] for row in rows if (degrees[row["file"]] == "doctorate") != (row["phd"] == "y")]
    assert 1 - len(names) / len(rows) >= names_floor, names
    for wrong in (papers, doctorates):
        assert 1 - len(wrong) / len(rows) >= SIGNAL_FLOOR, wrong
