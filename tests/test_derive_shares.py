"""scripts/derive_shares.py: which role requirements a posting asks for, and the shares file."""

from __future__ import annotations

import importlib.util
import sys
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "derive_shares.py"
_spec = importlib.util.spec_from_file_location("derive_shares", SCRIPT)
assert _spec is not None and _spec.loader is not None
derive_shares = importlib.util.module_from_spec(_spec)
sys.modules["derive_shares"] = derive_shares  # dataclasses look their module up
_spec.loader.exec_module(derive_shares)

# Postings written for these tests; the company is a made-up word so a leak would show.
DATA_ENGINEER = {
    "title": "Data Engineer",
    "company": "Zyxwv Analytics",
    "posted_at": "2026-02-03T10:00:00-05:00",
    "title_roles": ["data-engineer"],
    "text": "About us\nZyxwv Analytics builds machine learning products for customers.\n"
    "Requirements\nExperience with Spark and SQL.\n3+ years of experience building data pipelines.\n",
}
RESEARCH_SCIENTIST = {
    "title": "Research Scientist",
    "company": "Qwrtp Labs",
    "posted_at": "2026-02-17T09:30:00Z",
    "title_roles": ["research-scientist"],
    "text": "What you'll do\nTrain machine learning models that power our products for customers.\n"
    "Minimum qualifications\nPhD in Computer Science or a related field.\nPublications at top venues such as NeurIPS.\n",
}
BACHELOR = {
    "title": "Data Scientist",
    "company": "Plmkj Retail",
    "posted_at": "2026-02-20",
    "title_roles": ["data-scientist"],
    "text": "Requirements\nBachelor's degree in Statistics or a related field.\nStrong Python and SQL skills.\n",
}
TWO_ROLES = {**DATA_ENGINEER, "title": "Data Engineer / Data Scientist", "title_roles": ["data-engineer", "data-scientist"]}
NO_ROLE = {**DATA_ENGINEER, "title": "Marketing Manager", "title_roles": []}
EMPTY = {**DATA_ENGINEER, "title": "", "text": "   \n  "}
POSTINGS = [DATA_ENGINEER, RESEARCH_SCIENTIST, BACHELOR, TWO_ROLES, NO_ROLE, EMPTY]


def asked(posting, nlp, taxonomy):
    text = f"{posting['title']}\n{posting['text']}"
    return derive_shares.read_posting(text, nlp, taxonomy, posting["title_roles"][0]).importance


@pytest.fixture(scope="module")
def shares(blank_nlp, taxonomy):
    return derive_shares.derive(POSTINGS, blank_nlp, taxonomy)


def test_skills_count_with_their_groups(blank_nlp, taxonomy):
    found = asked(DATA_ENGINEER, blank_nlp, taxonomy)
    assert found[("data-engineer", "big-data")] == "must"  # Spark is a big-data engine
    assert found[("data-engineer", "sql")] == "must"
    assert ("data-scientist", "sql") in found and ("applied-scientist", "data") in found
    assert ("data-engineer", "streaming") not in found
    assert ("data-engineer", "etl") in found  # n_of: one listed skill is enough to ask


def test_degree_counts_for_every_level_up_to_the_one_asked(blank_nlp, taxonomy):
    found = asked(RESEARCH_SCIENTIST, blank_nlp, taxonomy)
    assert ("research-scientist", "phd") in found
    assert ("applied-scientist", "degree") in found and ("research-engineer", "degree") in found  # master's or more
    bachelor = asked(BACHELOR, blank_nlp, taxonomy)
    assert ("applied-scientist", "degree") not in bachelor and ("research-scientist", "phd") not in bachelor


def test_publications_and_venues(blank_nlp, taxonomy):
    found = asked(RESEARCH_SCIENTIST, blank_nlp, taxonomy)
    assert ("research-scientist", "publications") in found and ("research-scientist", "top-venues") in found
    assert ("research-scientist", "first-author") not in found  # no first authorship asked
    assert ("research-scientist", "publications") not in asked(DATA_ENGINEER, blank_nlp, taxonomy)


def test_applied_is_read_where_the_posting_asks(blank_nlp, taxonomy):
    assert ("applied-scientist", "applied") in asked(RESEARCH_SCIENTIST, blank_nlp, taxonomy)
    # the same words under "About us" are the company talking, not a requirement
    assert ("applied-scientist", "applied") not in asked(DATA_ENGINEER, blank_nlp, taxonomy)


def test_title_is_asked_by_its_own_role_only(blank_nlp, taxonomy):
    found = asked(DATA_ENGINEER, blank_nlp, taxonomy)
    assert ("data-engineer", "title") in found
    assert not [key for key in found if key[1] == "title" and key[0] != "data-engineer"]


def test_derive_counts_and_shares(shares):
    assert shares["postings"] == {
        "applied-scientist": 0,
        "data-engineer": 1,
        "data-scientist": 1,
        "ml-engineer": 0,
        "research-engineer": 0,
        "research-scientist": 1,
    }
    assert shares["left_out"] == {"no_role": 1, "several_roles": 1, "unreadable": 1}
    assert shares["date"] == "2026-02"
    assert sorted(shares["roles"]) == ["data-engineer", "data-scientist", "research-scientist"]  # roles without postings have no shares
    engineer = shares["roles"]["data-engineer"]
    assert engineer["big-data"] == {"asked_by": 1.0, "asked_by_others": 0.0, "required_by": 1.0}
    assert engineer["sql"]["asked_by_others"] == 0.5  # the data scientist asks, the research scientist does not
    assert engineer["experience"]["median_years"] == 3
    assert engineer["title"] == {"asked_by": 1.0, "asked_by_others": 0.0}
    assert shares["roles"]["research-scientist"]["phd"] == {"asked_by": 1.0, "asked_by_others": 0.0, "required_by": 1.0}


def test_output_is_deterministic_and_holds_no_text(shares, blank_nlp, taxonomy):
    text = derive_shares.render(shares)
    assert derive_shares.render(derive_shares.derive(list(reversed(POSTINGS)), blank_nlp, taxonomy)) == text
    assert yaml.safe_load(text) == shares
    assert text.startswith("# ") and "only\n# counts and shares are kept" in text
    body = "\n".join(line for line in text.lower().splitlines() if not line.startswith("#"))  # the header is ours
    for posting in POSTINGS:
        for piece in [posting["title"], posting["company"], *posting["text"].splitlines()]:
            assert not piece.strip() or piece.strip().lower() not in body
    for word in ("zyxwv", "qwrtp", "plmkj", "neurips", "spark"):
        assert word not in body


def test_share_rounding():
    assert derive_shares.share(Fraction(1, 8)) == 0.13  # half up, exactly
    assert derive_shares.share(Fraction(2, 3)) == 0.67


def test_the_table_shows_the_importance_and_weight_the_shares_give(shares, taxonomy):
    rows = {tuple(line.split()[:2]): line.split() for line in derive_shares.table(shares, taxonomy).splitlines()[1:] if line.strip()}
    big_data, python = rows[("data-engineer", "big-data")], rows[("data-engineer", "python")]
    assert big_data[5] == "must"
    # asked by the data engineer posting alone: it gains weight on Python, which others ask too
    assert float(big_data[7]) / float(big_data[6]) > float(python[7]) / float(python[6])
    title = rows[("data-engineer", "title")]
    assert title[6] == title[7]
