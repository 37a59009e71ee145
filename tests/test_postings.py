"""Job descriptions: requirements, importance from structure and wording, signals."""

from __future__ import annotations

import pytest
from builders import extending_lexicon

from service.analysis import Limits, read_job_description
from service.exceptions import EmptyDocument
from service.wording import with_article
from skill_taxonomy import TaxonomyError, load_taxonomy

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


def test_what_the_requirements_say_comes_from_the_lexicon(posting):
    said = {r.requirement.id: (r.requirement.label, r.requirement.reason, r.requirement.advice) for r in posting.requirements}
    assert said["pytorch-or-tensorflow"] == (
        "PyTorch or TensorFlow",
        "The posting asks for PyTorch or TensorFlow.",
        "If you have used PyTorch or TensorFlow, name it in an experience bullet with what you built; otherwise a small project with it closes the gap.",
    )
    assert said["degree-master"] == (
        "Master degree or higher",
        "The posting asks for a master degree or higher.",
        "State your degrees with field and year in the education section.",
    )
    assert said["experience-years"][:2] == ("5+ years of experience", "The posting asks for 5 or more years of experience.")
    assert said["title"][0] == "Worked as a machine learning engineer"
    assert said["top-venue-papers"][0] == "Papers at top venues" and said["deployment"][0] == "Deployment experience"


def test_a_taxonomy_lexicon_rewords_posting_requirements(tmp_path, blank_nlp):
    reworded = "posting_requirements:\n  deployment:\n    advice: 'Name a service you run in production.'\n  degree:\n    label: 'A {level} degree'\n"
    taxonomy = load_taxonomy(extending_lexicon(tmp_path, reworded))
    reqs = found(read_job_description(POSTING, nlp=blank_nlp, taxonomy=taxonomy, limits=Limits()))
    assert reqs["deployment"].requirement.advice == "Name a service you run in production."
    assert reqs["deployment"].requirement.reason == "The posting expects models or software taken to production."  # the built-in text stays
    assert reqs["degree-master"].requirement.label == "A master degree"


def test_posting_requirement_text_problems_are_reported_with_their_place(tmp_path):
    broken = (
        "posting_requirements:\n"
        "  skill: {reason: 'Asked: {label}.'}\n"  # the placeholder is {labels}
        "  degree: {advice: 'A {level degree.'}\n"
        "  title: {label: ''}\n"
        "  deployment: {tip: 'Ship it.'}\n"
        "  salary: {label: 'Pay'}\n"
    )
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(extending_lexicon(tmp_path, broken))
    problems = "\n".join(caught.value.problems)
    assert "lexicon.yaml posting_requirements.skill.reason: placeholders 'label' not allowed (here: {labels}" in problems
    assert "lexicon.yaml posting_requirements.degree.advice: braces do not pair" in problems
    assert "lexicon.yaml posting_requirements.title.label: needs a non-empty string" in problems
    assert "lexicon.yaml posting_requirements.deployment.tip: unknown text (known: label, reason, advice)" in problems
    assert "lexicon.yaml posting_requirements: unknown requirement kind 'salary'" in problems


def test_every_posting_requirement_needs_all_its_texts():
    from skill_taxonomy.lexicon import merge_lexicon

    problems: list[str] = []
    merge_lexicon([("lexicon.yaml", {"posting_requirements": {"deployment": {"label": "Deployment"}}})], problems)
    assert "lexicon.yaml posting_requirements.deployment: needs reason, advice" in problems
    assert "lexicon.yaml posting_requirements.skill: needs label, reason, advice" in problems


@pytest.mark.parametrize("title", ["Statistician", "Economist", "Actuary", "Programmer Analyst", "Lab Technician"])
def test_a_posting_titled_by_any_job_noun_asks_for_that_job(blank_nlp, taxonomy, title):
    # A posting whose text names no recognisable skill still asks for its job: never a 422.
    posting = read_job_description(
        f"{title}\nThe selectee plans quantitative studies for the agency.", nlp=blank_nlp, taxonomy=taxonomy, limits=Limits()
    )
    asked = {r.kind: r.requirement for r in posting.requirements}
    assert set(asked) <= {"title", "role"}  # and the built-in role it reads as, if any
    assert asked["title"].label == f"Worked as {with_article(title.lower())}"


# A posting pasted without its title line names its job in the text, after a cue: the job offered
# is that title, and the posting reads as its role.
BODY = "About us\nWe build payment systems.\n{line}\nRequirements\n- Python and SQL\n- Experience with PyTorch"


@pytest.mark.parametrize(
    ("line", "title", "closest"),
    [
        ("We are seeking a highly motivated Research Engineer to join the lab.", "Research Engineer", "research-engineer"),
        ("As a Data Engineer, you will own our pipelines.", "Data Engineer", "data-engineer"),
        ("The Applied Scientist will adapt new methods to our fraud models.", "Applied Scientist", "applied-scientist"),
        ("Job title: Senior ML Engineer", "Senior ML Engineer", "ml-engineer"),
        ("Our team is hiring a Research Scientist in NLP.", "Research Scientist", "research-scientist"),
    ],
)
def test_a_title_stated_in_the_text_is_the_job_offered(blank_nlp, taxonomy, line, title, closest):
    posting = read_job_description(BODY.format(line=line), nlp=blank_nlp, taxonomy=taxonomy, limits=Limits())
    assert posting.title == title and posting.role.title == title
    assert any(r.kind == "title" for r in posting.requirements)
    assert posting.closest_roles[0][0].id == closest


@pytest.mark.parametrize(
    "line",
    [
        "You have 3 years of experience as a data scientist or analyst.",  # a past asked for, mid-sentence
        "You will work with our data scientists every day.",  # colleagues, no cue
        "The Research Scientists on the team publish at NeurIPS.",  # colleagues, in the plural
        "The data science team builds our models.",  # a team, not a job
    ],
)
def test_a_title_named_without_a_cue_is_not_the_job_offered(blank_nlp, taxonomy, line):
    posting = read_job_description(BODY.format(line=line), nlp=blank_nlp, taxonomy=taxonomy, limits=Limits())
    assert posting.title is None and posting.role.title == "Job description"
    assert not any(r.kind == "title" for r in posting.requirements)


def test_the_first_line_title_stands_over_one_stated_in_the_text(blank_nlp, taxonomy):
    text = "Data Engineer\n" + BODY.format(line="We are seeking a Research Scientist to partner with.")
    posting = read_job_description(text, nlp=blank_nlp, taxonomy=taxonomy, limits=Limits())
    assert posting.title == "Data Engineer"


def test_a_taxonomy_lexicon_adds_title_cues(tmp_path, blank_nlp, taxonomy):
    text = BODY.format(line="Today we want a Data Engineer on the team.")
    assert read_job_description(text, nlp=blank_nlp, taxonomy=taxonomy, limits=Limits()).title is None
    extended = load_taxonomy(extending_lexicon(tmp_path, "posting_title_cues: ['\\bwe want an?']\n"))
    assert read_job_description(text, nlp=blank_nlp, taxonomy=extended, limits=Limits()).title == "Data Engineer"


def test_a_posting_titled_with_its_field_after_the_title_reads_as_that_role(blank_nlp, taxonomy):
    text = "Software Engineer, Machine Learning Infrastructure\nRequirements\n- Python and Kubernetes\n- PyTorch"
    posting = read_job_description(text, nlp=blank_nlp, taxonomy=taxonomy, limits=Limits())
    assert posting.closest_roles[0][0].id == "ml-engineer"
    plain = read_job_description(
        text.replace("Machine Learning Infrastructure", "Payments"), nlp=blank_nlp, taxonomy=taxonomy, limits=Limits()
    )
    assert (
        dict((role.id, s) for role, s in posting.closest_roles)["ml-engineer"]
        > dict((role.id, s) for role, s in plain.closest_roles)["ml-engineer"]
    )


def test_a_cue_outranks_a_sentence_that_opens_on_a_title(blank_nlp, taxonomy):
    text = BODY.format(line="The Research Scientist will mentor you. We are seeking a Data Engineer to build pipelines.")
    posting = read_job_description(text, nlp=blank_nlp, taxonomy=taxonomy, limits=Limits())
    assert posting.title == "Data Engineer"
