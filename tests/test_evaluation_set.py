"""Answers on real resumes from ../shared/eval (skipped where that folder is absent)."""

from __future__ import annotations

import csv

import pytest


@pytest.fixture(scope="module")
def cv_labels(shared_eval):
    with (shared_eval / "cv" / "labels.tsv").open() as handle:
        return {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}


def analyse(client, path):
    with path.open("rb") as handle:
        response = client.post("/v1/analyses", data={"resume": (handle, path.name)}, content_type="multipart/form-data")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_cv01_ranks_research_scientist_first_with_publications(client, shared_eval):
    answer = analyse(client, shared_eval / "cv" / "cv01.pdf")
    assert answer["roles"][0]["id"] == "research-scientist"
    assert answer["profile"]["publications"]["count"] > 0


def test_cv_signals_agree_with_labels(client, shared_eval, cv_labels):
    for name, label in cv_labels.items():
        profile = analyse(client, shared_eval / "cv" / name)["profile"]
        has_publications = profile["publications"]["count"] > 0
        has_phd = any(e["degree_level"] == "doctorate" for e in profile["education"])
        assert has_publications == (label["publications"] == "y"), f"{name}: publications"
        assert has_phd == (label["phd"] == "y"), f"{name}: PhD"
