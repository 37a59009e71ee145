"""Skills that are not skills, the remainder: each class of wording on synthetic lines written
here, with a near miss that still counts. Employers', teams' and labs' names in a job's heading
and in prose, venues in citations, a product's name inside a longer one, an organisation's
possessive, a neighbouring product or skill named by an alias, other senses of a name, a tool's
name that reads as a job title, and skills still to be learnt."""

from __future__ import annotations

import pytest
from test_skill_context import skills_in  # the same lines through the matcher as the first classes'


@pytest.mark.parametrize(
    ("text", "section", "skill", "counts"),
    [
        ("Senior Applied Scientist | Microsoft Azure Speech    Nov 2018-present", "experience", "azure", False),
        ("Data Scientist, Initech | Machine Learning Platform    2019 - 2021", "experience", "machine-learning", False),
        ("Facebook, Integrity AI NLP    Seattle, May 2018 - January 2020", "header", "nlp", False),
        ("Facebook, Integrity AI NLP    Seattle, May 2018 - January 2020", "header", "artificial-intelligence", False),
        ("NodeIn Robotics    Summer '17 and '18", "experience", "robotics", False),
        ("Software Engineer, Machine Learning    2019 - 2021", "experience", "machine-learning", True),  # a specialty
        ("Ph.D. Research Intern — Active Neural SLAM    Jun 2023 – Aug 2023", "experience", "robotics", True),  # a project
        ("Thesis title: Semantic Control in Diffusion Probabilistic Models", "experience", "probability", True),
        ("Microsoft SharePoint 2013, Microsoft, SharePoint Designer, Visual Studio 2008,", "experience", "microsoft-sharepoint", True),
    ],
)
def test_employer_and_team_names_in_a_jobs_heading(blank_nlp, text, section, skill, counts):
    assert (skill in skills_in(blank_nlp, text, section)) is counts


@pytest.mark.parametrize(
    ("text", "section", "skill", "counts"),
    [
        ("Hosted in the Robotics, Embodied Agents and Lifelong learning (REAL) team led by A. Roe.", "experience", "robotics", False),
        ("Computer Vision Laboratory led by Prof. Ada Roe", "experience", "computer-vision", False),
        ("Acme AI at MADAR Shared Task: Arabic Dialect Identification", "publications", "artificial-intelligence", False),
        ("Grew revenue and user experience on Canva's payments platform.", "summary", "canva", False),
        ("Reimplemented PyTorch's autograd framework from scratch in Python.", "projects", "pytorch", True),  # a tool's part
        ("Robotics research with ROS and C++ in the lab of A. Roe.", "experience", "robotics", True),
    ],
)
def test_teams_labs_and_organisations_named_in_prose(blank_nlp, text, section, skill, counts):
    assert (skill in skills_in(blank_nlp, text, section)) is counts


@pytest.mark.parametrize(
    ("text", "skill", "counts"),
    [
        ('A. Roe. "Sparse CT on patient data". In: SPIE Proceedings, Medical Imaging: Physics of Medical Imaging.', "healthcare-ml", False),
        ("Online learning in Health Informatics. International Conference", "healthcare-ml", True),  # the paper's title
        ("on Brain and Health Informatics (BHI), 2013.", "healthcare-ml", False),
    ],
)
def test_a_citations_venue_after_in_or_with_its_acronym_and_year(blank_nlp, text, skill, counts):
    assert (skill in skills_in(blank_nlp, text, "publications")) is counts


@pytest.mark.parametrize(
    ("text", "section", "skill", "counts"),
    [
        ("Built a VR escape room for Meta Quest with Unity and C#.", "projects", "experian-quest", False),
        ("Airflow Singer Flask and pandas experience is a plus.", "experience", "flask", True),  # a list of tools
        ("The use of Gerrit Jenkins pytest and shellcheck in testing.", "experience", "ci-cd", True),
    ],
)
def test_a_name_that_needs_context_after_a_capitalised_word_is_part_of_a_longer_name(blank_nlp, text, section, skill, counts):
    assert (skill in skills_in(blank_nlp, text, section)) is counts


@pytest.mark.parametrize(
    ("text", "skill", "instead"),
    [
        ("Monitoring with Grafana dashboards on Kubernetes.", "prometheus", "grafana"),
        ("Real-time monitoring via Datadog dashboards for the Python services.", "prometheus", "datadog"),
        ("Migrated workflows from Airflow to Flyte.", "metaflow", "flyte"),
        ("Skills: C++, Algorithm Design, Teaching, Technical Writing", "stakeholder-communication", "technical-writing"),
        ("Skills: C++, Data Structures and Algorithms, Python", "software-engineering", "algorithms"),
        ("Joint ASR and speaker diarization for child-adult talk in PyTorch.", "nlp", "speech"),
    ],
)
def test_an_alias_naming_a_neighbour_is_its_own_skill(blank_nlp, text, skill, instead):
    found = skills_in(blank_nlp, text)
    assert instead in found and skill not in found


def test_a_neighbour_split_off_keeps_its_credit(taxonomy):
    assert {"monitoring-tool"} <= taxonomy.ancestors["grafana"] and {"monitoring-tool"} <= taxonomy.ancestors["prometheus"]
    assert {"mlops", "workflow-orchestrator"} <= taxonomy.ancestors["flyte"]
    asked = {skill for role in taxonomy.roles.values() for req in role.requirements for skill in req.any_of}
    assert {"monitoring-tool", "algorithms", "technical-writing", "speech"} <= asked


@pytest.mark.parametrize(
    ("text", "section", "skill", "counts"),
    [
        ("Built a Tableau dashboard with maps and time-series visualization for sales.", "projects", "forecasting", False),
        ("Multilingual Medical VQA and VLM Optimization", "experience", "optimization", False),
        ("Mine GitHub issues across 18 static-analysis tools with Python.", "projects", "git", False),
        ("Reviewed pull requests and kept the code on GitHub.", "experience", "git", True),
        ("A web tool in Flask and spaCy that scores resumes for ATS filters.", "projects", "automate-the-schools-ats", False),
        ("Skilled in applying ML algorithms for clustering in Python.", "summary", "algorithms", False),
        ("Skilled in applying ML algorithms for clustering in Python.", "summary", "software-engineering", False),
        ("Implemented graph algorithms and data structures in C++.", "experience", "algorithms", True),
        ("Wrote the tool docs and prior resolutions.", "experience", "google-docs", False),
        ("Google Docs, Google Sheets, Slack", "skills", "google-docs", True),
    ],
)
def test_words_beside_a_name_give_it_another_sense(blank_nlp, text, section, skill, counts):
    assert (skill in skills_in(blank_nlp, text, section)) is counts


@pytest.mark.parametrize(
    ("text", "section", "counts"),
    [
        ("SQL Developer    Chennai", "experience", False),  # the position held
        ("Senior SQL Developer, Acme Bank    2015 - 2018", "experience", False),
        ("Tools: Toad, SQL Developer, Kintana", "experience", True),  # an item of a list of tools
        ("Used SQL Developer and Python to profile the warehouse.", "experience", True),
        ("SQL Developer", "skills", True),
    ],
)
def test_a_tools_name_that_reads_as_a_job_title(blank_nlp, text, section, counts):
    assert ("oracle-sql-developer" in skills_in(blank_nlp, text, section)) is counts


@pytest.mark.parametrize(
    ("text", "section", "skill", "counts"),
    [
        ("2026 roadmap Microsoft Fabric, Databricks, Apache Spark, dbt", "skills", "databricks", False),
        ("Learning roadmap: Rust, Go", "skills", "rust", False),
        ("Planning to learn Kubernetes and Terraform.", "summary", "kubernetes", False),
        ("Databricks, Apache Spark, dbt", "skills", "databricks", True),
        ("Defined the product roadmap and built it on Databricks.", "experience", "databricks", True),
    ],
)
def test_skills_still_to_be_learnt_are_no_skills_held(blank_nlp, text, section, skill, counts):
    assert (skill in skills_in(blank_nlp, text, section)) is counts
