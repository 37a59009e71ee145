"""Job descriptions: requirements, importance from structure and wording, signals."""

from __future__ import annotations

import pytest

from service.analysis import Limits, read_job_description
from service.exceptions import EmptyDocument

POSTING = """Senior Machine Learning Engineer (NLP)
About us
We are a fintech company; our platform runs on Kubernetes and Snowflake.
What you'll do
Build and deploy models to production with Docker.
Requirements
5+ years of experience building ML systems in Python.
MS or PhD in Computer Science or a related field.
Strong SQL skills; PyTorch or TensorFlow.
Experience with Java, Scala, or Go.
Nice to have
Experience with Kafka and Spark.
Publications at top venues are a plus.
Must have: Airflow experience.
"""


@pytest.fixture(scope="module")
def posting(blank_nlp, taxonomy):
    return read_job_description(POSTING, nlp=blank_nlp, taxonomy=taxonomy, limits=Limits())


def found(posting):
    return {r.requirement.id: r for r in posting.requirements}


def test_title_and_sections(posting):
    assert posting.title == "Senior Machine Learning Engineer (NLP)"
    assert posting.sections == ["about", "responsibilities", "requirements", "preferred"]
    assert posting.role.id == "job-description" and posting.role.titles == ("machine learning engineer",)


def test_importance_from_headings_and_wording(posting):
    reqs = found(posting)
    assert reqs["python"].requirement.importance == "must"
    assert reqs["sql"].requirement.importance == "must"
    assert reqs["docker"].requirement.importance == "important"  # under "What you'll do"
    assert reqs["kafka"].requirement.importance == "nice"
    assert reqs["airflow"].requirement.importance == "must"  # "Must have" beats the "Nice to have" heading
    assert "kubernetes" not in reqs and "snowflake" not in reqs  # "About us" asks for nothing


def test_alternatives_become_one_requirement(posting):
    reqs = found(posting)
    assert reqs["pytorch-or-tensorflow"].requirement.any_of == ("pytorch", "tensorflow")
    assert reqs["java-or-scala-or-go"].requirement.any_of == ("java", "scala", "go")
    assert reqs["pytorch-or-tensorflow"].requirement.label == "PyTorch or TensorFlow"


def test_signals(posting):
    reqs = found(posting)
    assert (reqs["degree-master"].requirement.signal, reqs["degree-master"].requirement.minimum) == ("degree", "master")
    assert (reqs["experience-years"].requirement.minimum, reqs["experience-years"].requirement.importance) == (5, "must")
    assert reqs["top-venue-papers"].requirement.importance == "nice"
    assert reqs["deployment"].requirement.signal == "deployment"
    assert reqs["title"].requirement.signal == "title"
    assert all(r.evidence for r in posting.requirements)


def test_requirements_sorted_most_important_first(posting):
    order = {"must": 0, "important": 1, "nice": 2}
    ranks = [order[r.requirement.importance] for r in posting.requirements]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize(
    ("line", "level"),
    [("PhD in Machine Learning", "doctorate"), ("Bachelor's degree in Statistics", "bachelor"), ("BS/MS in Computer Science", "bachelor")],
)
def test_degree_levels(blank_nlp, taxonomy, line, level):
    posting = read_job_description(f"Data Scientist\nRequirements\n{line}\nPython", nlp=blank_nlp, taxonomy=taxonomy, limits=Limits())
    assert found(posting)[f"degree-{level}"].requirement.minimum == level


def test_a_posting_with_nothing_recognisable(blank_nlp, taxonomy):
    with pytest.raises(EmptyDocument):
        read_job_description(
            "We are hiring a friendly person to join our bakery team in the mornings.", nlp=blank_nlp, taxonomy=taxonomy, limits=Limits()
        )
