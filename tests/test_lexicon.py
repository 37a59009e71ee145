"""The lexicon as data: the built-in file is valid, both sides read it, a customer's taxonomy
adds to it, and every problem in a lexicon file is reported with its place."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import extending_lexicon

from service.documents import Document, Line, read_document
from service.postings import parse_job_description
from service.sections import split_sections
from skill_taxonomy import TaxonomyError, load_taxonomy
from skill_taxonomy.lexicon import builtin_lexicon

ROOT = Path(__file__).resolve().parents[1]
ACME = ROOT / "skill_taxonomy" / "examples" / "acme"


def text(lines: str) -> Document:
    return Document("text/plain", 1, tuple(Line(t, 1) for t in lines.splitlines() if t.strip()))


def test_the_builtin_lexicon_compiles():
    lexicon = builtin_lexicon()
    assert lexicon.resume_headings["work experience"] == "experience"
    assert lexicon.posting_headings["about us"] is None
    assert [level for level, _ in lexicon.degrees] == ["doctorate", "master", "bachelor", "associate"]


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("B.Tech or BE in Computer Science", "bachelor"),
        ("BS/MS in Computer Science or a related field", "bachelor"),
        ("MS or PhD in Statistics", "master"),
        ("A graduate degree in a quantitative field", "master"),
        ("PhD in Machine Learning", "doctorate"),
    ],
)
def test_postings_and_resumes_read_the_same_degree_forms(blank_nlp, taxonomy, line, level):
    posting = parse_job_description(text(f"Data Scientist\nRequirements\n{line}\nPython and SQL."), blank_nlp, taxonomy)
    assert [r.requirement.minimum for r in posting.requirements if r.kind == "degree"] == [level]


@pytest.mark.parametrize("heading", ["Who are you?", "About you", "What you'll bring", "You have"])
def test_posting_requirement_headings(blank_nlp, taxonomy, heading):
    posting = parse_job_description(
        text(f"Data Engineer\nAbout us\nWe sell shoes.\n{heading}\nExperience with Spark, Flink and Hive."), blank_nlp, taxonomy
    )
    skills = {r.requirement.label: r.requirement.importance for r in posting.requirements if r.kind == "skill"}
    assert skills and set(skills.values()) == {"must"}


def test_a_customer_taxonomy_adds_to_the_lexicon(blank_nlp):
    acme = load_taxonomy(ACME)
    builtin = builtin_lexicon()
    assert acme.lexicon.resume_headings["things i built"] == "projects"
    assert acme.lexicon.resume_headings["work experience"] == "experience"  # the built-in phrases stay
    assert "things i built" not in builtin.resume_headings
    sections = split_sections(text("Jane Roe\nThings I Built\nA search engine in Go"), acme.lexicon)
    assert [s.name for s in sections] == ["header", "projects"]
    posting = parse_job_description(text("Data Wrangler\nWhat makes you an Acmer\nPython and SQL."), blank_nlp, acme)
    assert posting.title == "Data Wrangler" and {r.requirement.importance for r in posting.requirements if r.kind == "skill"} == {"must"}


def test_lexicon_problems_are_reported_with_their_place(tmp_path):
    extending_lexicon(
        tmp_path,
        "degrees:\n  master: ['(unclosed']\n  diploma: [x]\nposting_headings:\n  maybe: [perhaps]\nheadlines: [x]\nbusiness: [1]\n"
        "posting_title_cues: ['seeking (an?']\n",
    )
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(tmp_path)
    problems = "\n".join(caught.value.problems)
    assert "lexicon.yaml degrees.master[0]: not a valid regular expression" in problems
    assert "unknown group 'diploma'" in problems and "unknown group 'maybe'" in problems
    assert "unknown lexicon entry 'headlines'" in problems
    assert "lexicon.yaml business: needs a list of non-empty strings" in problems
    assert "lexicon.yaml posting_title_cues[0]: not a valid regular expression" in problems


def test_a_resume_read_through_the_customer_lexicon(blank_nlp):
    from service.analysis import Limits, analyze

    acme = load_taxonomy(ACME)
    document = "Jane Roe\nShipped Work\nDeployed a Kubernetes operator in Go.\nSkills\nPython, Go"
    result = analyze(document, nlp=blank_nlp, taxonomy=acme, limits=Limits(seconds=0)).as_dict()
    assert "projects" in result["document"]["sections"]
    assert read_document(document, max_bytes=10**6, max_pages=1, max_characters=10**5).lines
