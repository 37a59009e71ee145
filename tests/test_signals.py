"""Signals: name, education, publications, deployment and years of experience."""

from __future__ import annotations

from datetime import date

import pytest

from service.documents import Document, Line
from service.matching import find_skills
from service.sections import split_sections
from service.signals import Evidence, find_signals, highest_degree

TODAY = date(2026, 6, 15)


def signals_of(text: str, blank_nlp, taxonomy):
    document = Document("text/plain", 1, tuple(Line(t.strip(), 1) for t in text.strip().splitlines() if t.strip()))
    sections = split_sections(document)
    return find_signals(sections, find_skills(sections, blank_nlp), taxonomy, blank_nlp, TODAY)


@pytest.mark.parametrize(
    ("line", "level", "in_progress"),
    [
        ("Ph.D. in Computer Science, MIT, 2015", "doctorate", False),
        ("PhD candidate in Machine Learning, University of Oxford", "doctorate", True),
        ("PhD student, ETH Zurich (expected 2027)", "doctorate", True),
        ("Doctor of Philosophy, Statistics, 2012", "doctorate", False),
        ("M.S. in Statistics, University of Michigan, 2014", "master", False),
        ("MSc Data Science, University of Edinburgh, expected 2027", "master", True),
        ("Master of Engineering in Software, 2010", "master", False),
        ("B.Tech in Computer Science, IIT Bombay, 2012", "bachelor", False),
        ("Bachelor of Arts in Economics, Boston College, 2008", "bachelor", False),
        ("Associate of Science in Nursing, 2011", "associate", False),
        # the letters of a degree before its field
        ("MA Economics, University of Chicago, 2016", "master", False),
        ("BA Economics & Mathematics, Example College, 2012", "bachelor", False),
        ("BE Computer and Communications Engineering, 2014", "bachelor", False),
        # doctorates, diplomas and degrees as European and Asian universities write them
        ("Dr. sc. ETH Zurich, Computer Science, 2019", "doctorate", False),
        ("Dr.-Ing. Electrical Engineering, Example Technical University, 2016", "doctorate", False),
        ("Dipl.-Inf., Example University, 2009", "master", False),
        ("B.Comp. (Computer Science), Example University, 2012", "bachelor", False),
        ("B.A.Sc. Engineering Science, Example University, 2011", "bachelor", False),
        ("Diplôme d'ingénieur, École Exemple, 2015", "master", False),
    ],
)
def test_degree_levels(blank_nlp, taxonomy, line, level, in_progress):
    found = signals_of(f"Education\n{line}", blank_nlp, taxonomy)
    assert [(e.degree_level, e.in_progress) for e in found.education] == [(level, in_progress)]


def test_degree_details_and_the_highest(blank_nlp, taxonomy):
    found = signals_of(
        """Education
        University of Toronto 2015 - 2020
        PhD in Computer Science
        Sharif University of Technology 2011 - 2015
        B.Sc. in Computer Engineering""",
        blank_nlp,
        taxonomy,
    )
    phd = found.education[0]
    assert (phd.field, phd.institution, phd.year, phd.in_progress) == ("Computer Science", "University of Toronto", 2020, False)
    assert highest_degree(found.education) == "doctorate"


def test_a_visit_is_no_degree_and_a_politecnico_is_an_institution(blank_nlp, taxonomy):
    found = signals_of(
        """Education
        PhD in Computer Engineering, Politecnico di Example, 2022
        Visiting PhD student, Example Institute for Learning, 2020 (6 months)""",
        blank_nlp,
        taxonomy,
    )
    assert [(e.degree_level, e.in_progress, e.institution, e.year) for e in found.education] == [
        ("doctorate", False, "Politecnico di Example", 2022)
    ]


def test_a_visit_beside_a_degree_keeps_the_degree(blank_nlp, taxonomy):
    found = signals_of(
        "Education\nPh.D. in Computer Science, Example University, 2020 (visiting student, ETH Zurich, 2018)", blank_nlp, taxonomy
    )
    assert [e.degree_level for e in found.education] == ["doctorate"]


@pytest.mark.parametrize(
    ("line", "level"),
    [("Stanford University, MS Statistics, 2019", "master"), ("Harvard University, BA Economics, 2015", "bachelor")],
)
def test_a_degree_after_its_universitys_comma(blank_nlp, taxonomy, line, level):
    assert [e.degree_level for e in signals_of(f"Education\n{line}", blank_nlp, taxonomy).education] == [level]


def test_a_state_before_a_field_is_no_degree(blank_nlp, taxonomy):
    found = signals_of("Education\nBoston University, Boston, MA Mathematics, B.A., 2018", blank_nlp, taxonomy)
    assert [e.degree_level for e in found.education] == ["bachelor"]


def test_present_in_the_line_above_means_in_progress(blank_nlp, taxonomy):
    found = signals_of("Education\nNew York University 2022 - Present\nPhD in Computer Science", blank_nlp, taxonomy)
    assert found.education[0].in_progress


@pytest.mark.parametrize(
    "text",
    [
        "Boston, MA 02110\nSkills\nMS Office, MS Excel",
        "Skills\nMS Word and MS Access",
        "Skills\nMS Project, MS Business Intelligence Studio",
    ],
)
def test_state_names_and_office_are_not_degrees(blank_nlp, taxonomy, text):
    assert signals_of("Education\n" + text, blank_nlp, taxonomy).education == []


def test_publications_heading_without_papers_is_not_a_paper(blank_nlp, taxonomy):
    found = signals_of("Jane Doe\nPublications\nSkills\nPython", blank_nlp, taxonomy)
    assert found.publications == []


def test_publication_entries_venues_and_first_author(blank_nlp, taxonomy):
    found = signals_of(
        """Jane Doe
        Publications
        J. Doe, A. Smith and B. Lee. Fast Things. In Advances in Neural Information Processing Systems (NeurIPS), 2021.
        A. Smith and J. Doe. Slow Things. In Proceedings of ICML 2020.
        Doe, J., Lee, B. Small Things. NeurIPS 2019 Workshop on Tiny Models.
        J. Doe. Long Things. Submitted to ICLR 2026.
        Doe J, Kim K. Genes and Things. Nature Methods 18, 2021. doi:10.1038/s41592-021-01234-5""",
        blank_nlp,
        taxonomy,
    )
    pubs = found.publications
    assert [(p.venue, p.year, p.first_author, p.top_venue, p.workshop) for p in pubs] == [
        ("NeurIPS", 2021, True, True, False),
        ("ICML", 2020, False, True, False),
        ("NeurIPS", 2019, True, False, True),
        ("ICLR", 2026, True, False, False),
        (None, 2021, True, False, False),
    ]


def test_multi_line_entries_end_at_their_venue_line(blank_nlp, taxonomy):
    found = signals_of(
        """Denis Yarats
        Publications
        Improving Sample Efficiency in Model-Free Reinforcement Learning from Images
        D. Yarats and A. Zhang and I. Kostrikov
        AAAI 2021
        Hierarchical Decision Making by Generating and Following Natural Language Instructions
        H. Hu and D. Yarats and Q. Gong
        NeurIPS 2019""",
        blank_nlp,
        taxonomy,
    )
    assert [(p.venue, p.first_author, p.top_venue) for p in found.publications] == [("AAAI", True, True), ("NeurIPS", False, True)]


def test_citations_outside_a_publications_section(blank_nlp, taxonomy):
    found = signals_of(
        """Jane Doe
        Projects
        Preprint: arXiv:2301.01234
        Built a dashboard used by 2019 customers in the conference room.""",
        blank_nlp,
        taxonomy,
    )
    assert len(found.publications) == 1


@pytest.mark.parametrize(
    ("lines", "deployed"),
    [
        # the wording and a tool on one line
        ("Deployed the billing service on Kubernetes.", ["Deployed the billing service on Kubernetes."]),
        (
            "Deployed fraud models to production on Kubernetes behind a FastAPI service.\nDeployed to a new office in Berlin.\n"
            "Used Docker for local development.",
            ["Deployed fraud models to production on Kubernetes behind a FastAPI service."],
        ),
        # a tool on a neighbouring line, of a line that names software
        ("Deployed the billing service.\nBuilt with Docker and Kubernetes.", ["Deployed the billing service."]),
        # the wording without a tool; a tool without the wording; the wording beside a tool, of no software
        ("Deployed the billing service to a new data centre.", []),
        ("Used Docker and Kubernetes for local development.", []),
        ("Deployed to a new office in Berlin.\nBuilt with Docker and Kubernetes.", []),
    ],
)
def test_deployment_needs_wording_and_a_tool(blank_nlp, taxonomy, lines, deployed):
    found = signals_of(f"Experience\n{lines}", blank_nlp, taxonomy)
    assert found.deployment == [Evidence(text, "experience", 1) for text in deployed]


def test_a_deployed_model_needs_no_tool(blank_nlp, taxonomy):
    found = signals_of("Experience\nDeployed fraud models to production.\nDeployed to a new office in Berlin.", blank_nlp, taxonomy)
    assert found.deployment == [Evidence("Deployed fraud models to production.", "experience", 1)]


def test_experience_years_merge_overlaps_and_present_is_today(blank_nlp, taxonomy):
    found = signals_of(
        """Experience
        Senior Engineer, Acme (Jan 2022 - Present)
        Engineer, Initech, 03/2019 - 02/2022
        Consultant (part time), June 2020 to Dec 2020
        Intern 2016 - 2017""",
        blank_nlp,
        taxonomy,
    )
    # Mar 2019 .. Jun 2026 (87 months, the consulting overlaps) + 2016 .. 2017 (12 months)
    assert found.experience_years == round((87 + 12) / 12, 1)
    assert found.experience_source == "date-ranges"


def test_stated_years_when_no_dates(blank_nlp, taxonomy):
    found = signals_of("Summary\nData engineer with 7+ years of experience in ETL.", blank_nlp, taxonomy)
    assert (found.experience_years, found.experience_source) == (7.0, "stated")


def test_name_from_the_top_line(blank_nlp, taxonomy):
    assert signals_of("DENIS YARATS\nnyu.edu\nExperience\nThings", blank_nlp, taxonomy).name == "Denis Yarats"
    assert signals_of("Curriculum Vitae\nExperience\nThings", blank_nlp, taxonomy).name is None


def test_months_per_skill_and_years_per_title(blank_nlp, taxonomy):
    from service.analysis import Limits, analyze

    text = """Jane Doe
    Experience
    Senior Data Scientist, Acme (Jan 2022 - Present)
    Built churn models with scikit-learn and SQL.
    Data Engineer, Initech
    Mar 2019 - Dec 2021
    Built Airflow pipelines in SQL and Python.
    Skills
    Python- Experience - 60 months"""
    answer = analyze(text, nlp=blank_nlp, taxonomy=taxonomy, limits=Limits(), today=TODAY).as_dict()
    months = {s["id"]: s["months"] for s in answer["profile"]["skills"]}
    # Jan 2022 - Jun 2026 is 53 months; Mar 2019 - Dec 2021 is 33
    assert months["scikit-learn"] == 53 and months["airflow"] == 33 and months["sql"] == 86
    assert months["python"] == 60  # the stated figure beats the 33 months of the dated job
    years = {role["id"]: role["title_years"] for role in answer["roles"]}
    assert years["data-scientist"] == round(53 / 12, 1) and years["data-engineer"] == round(33 / 12, 1)
    assert years["ml-engineer"] is None


def test_praise_under_a_publications_heading_is_not_a_paper(blank_nlp, taxonomy):
    found = signals_of(
        """Jane Doe
        Publications
        Recognised by the Department of State as Responsible Officer.
        "She brings calm attention to detail and an approach that places the customer first." 2008 Annual Evaluation""",
        blank_nlp,
        taxonomy,
    )
    assert found.publications == []


def test_degrees_under_a_heading_that_joins_education_to_experience(blank_nlp, taxonomy):
    text = "Jane Roe\nEDUCATION & EXPERIENCE\nPostdoc in Computer Science, Example University 2024 - Now\nPh.D in Computer Science, Example University 2019 - 2024\nM.S. in Computer Science, Other University 2017 - 2019"
    found = signals_of(text, blank_nlp, taxonomy)
    assert {(e.degree_level, e.in_progress) for e in found.education} == {("doctorate", False), ("master", False)}
    # under a plain experience heading, entries that open on their degree at an institution are
    # degrees all the same (CVs list them among the jobs); a degree named inside a job is not one
    found = signals_of(text.replace("EDUCATION & EXPERIENCE", "EXPERIENCE"), blank_nlp, taxonomy).education
    assert {(e.degree_level, e.in_progress) for e in found} == {("doctorate", False), ("master", False)}
    job = "Jane Roe\nEXPERIENCE\nLecturer for the M.S. in Computer Science, Example University 2019 - 2024"
    assert signals_of(job, blank_nlp, taxonomy).education == []
