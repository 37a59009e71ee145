"""Layout and wording classes that decide a role, each on a synthetic document of its class:
margin-column headings, headings that join two sections, job titles that are not headings,
the headline and the latest title, degree subjects that are not jobs, machine learning applied
in a business, deployment said across lines, and the explanations' English."""

from __future__ import annotations

from datetime import date

import builders
import pytest

from service.analysis import Limits, analyze
from service.documents import Document, Line, read_document
from service.matching import find_skills
from service.sections import split_sections
from service.signals import find_signals
from service.signals.experience import unheaded_jobs
from service.wording import with_article
from skill_taxonomy.lexicon import builtin_lexicon

TODAY = date(2026, 6, 15)
LIMITS = Limits(seconds=0)


def sections_of(text: str) -> dict[str, list[str]]:
    document = Document("text/plain", 1, tuple(Line(t, 1) for t in text.splitlines() if t.strip()))
    return {section.name: [line.text for line in section.lines] for section in split_sections(document)}


def signals_of(text: str, nlp, taxonomy):
    document = read_document(text, max_bytes=10**7, max_pages=5, max_characters=10**6)
    sections = split_sections(document)
    return find_signals(sections, find_skills(sections, nlp), taxonomy, nlp, TODAY)


def ranking(data: bytes | str, nlp, taxonomy) -> list[str]:
    return [fit.role.id for fit in analyze(data, nlp=nlp, taxonomy=taxonomy, limits=LIMITS, today=TODAY).roles]


def title_of(text: str, role: str, nlp, taxonomy):
    """The role's title requirement as met by the text."""
    return next(r for r in fit(text, role, nlp, taxonomy).matched if r.requirement.id == "title")


def fit(data: bytes | str, role: str, nlp, taxonomy):
    return next(f for f in analyze(data, nlp=nlp, taxonomy=taxonomy, limits=LIMITS, today=TODAY).roles if f.role.id == role)


# --- headings ---


@pytest.mark.parametrize("publications", ["Publications", "Selected publications"])
def test_margin_column_headings_open_their_sections(blank_nlp, taxonomy, publications):
    document = read_document(builders.margin_headings_pdf(publications), max_bytes=10**7, max_pages=5, max_characters=10**6)
    found = {section.name: [line.text for line in section.lines] for section in split_sections(document)}
    assert found["education"][0] == "PhD in Computer Science, University of Example, 2019 - present"
    assert found["experience"][0].startswith("Graduate Research Assistant")
    assert len(found["publications"]) == 3
    assert found["skills"] == ["Python, PyTorch, NumPy, LaTeX, Linux"]
    analysis = analyze(builders.margin_headings_pdf(publications), nlp=blank_nlp, taxonomy=taxonomy, limits=LIMITS, today=TODAY)
    assert analysis.profile.highest_degree == "doctorate"
    assert len(analysis.profile.signals.publications) == 3


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Selected Recent Publications (Full List at Google Scholar)", "publications"),
        ("Achievements and Publications", "publications"),
        ("Invited and Contributed Talks", "talks"),
        ("Publication", "publications"),
        ("Research", "experience"),
        ("Consulting", "experience"),
    ],
)
def test_heading_wording_classes(heading, section):
    assert section in sections_of(f"Jane Roe\n{heading}\nsome entry")


@pytest.mark.parametrize("line", ["Software Engineer (April 2021)", "achievements:", "Data Science Intern"])
def test_entry_lines_are_not_headings(line):
    assert list(sections_of(f"Jane Roe\nExperience\nAcme Corp\n{line}\nBuilt things")) == ["header", "experience"]


def test_jobs_listed_under_the_name_without_a_heading_are_experience(blank_nlp, taxonomy):
    text = (
        "Jane Roe\nExample City · jane@example.org\n"
        "Applied Scientist — Example Corp   Jan 2021 – Present\n"
        "Built ranking models for customers of the online shop.\n"
        "Data Analyst — Other Corp   Sep 2018 – Dec 2020\nWrote SQL reports.\n"
        "Education\nMSc Statistics, Example University, 2018"
    )
    analysis = analyze(text, nlp=blank_nlp, taxonomy=taxonomy, limits=LIMITS, today=TODAY)
    assert analysis.profile.signals.name == "Jane Roe"
    assert analysis.profile.signals.experience_years is not None and analysis.profile.signals.experience_years > 5
    assert analysis.profile.signals.applied  # the model for customers, in its dated job
    # a resume with an experience heading keeps a dated headline in its header
    headed = analyze(
        "Jane Roe\nData Scientist (2019 – present)\nExperience\nData Scientist, Acme (2019 - Present)\nBuilt models.",
        nlp=blank_nlp,
        taxonomy=taxonomy,
        limits=LIMITS,
        today=TODAY,
    )
    assert headed.as_dict()["document"]["sections"] == ["experience"]


# --- titles ---


def test_a_degree_subject_is_not_a_job_held(blank_nlp, taxonomy):
    text = "Jane Roe\nExperience\nSoftware Developer, Acme (2019 - 2024)\nEducation\nM.Sc. Data Science, Example University, 2018"
    assert fit(text, "data-scientist", blank_nlp, taxonomy).matched == [] or all(
        r.requirement.id != "title" for r in fit(text, "data-scientist", blank_nlp, taxonomy).matched
    )


def test_the_headline_and_the_latest_job_hold_the_title_earlier_jobs_less(blank_nlp, taxonomy):
    text = (
        "Jane Roe\nData Engineer building pipelines\nExperience\n"
        "Data Engineer, Acme (Jan 2022 - Present)\nBuilt pipelines.\nData Analyst, Initech (Jan 2018 - Dec 2021)\nMade reports."
    )
    engineer = title_of(text, "data-engineer", blank_nlp, taxonomy)
    analyst = title_of(text, "data-scientist", blank_nlp, taxonomy)
    assert engineer.credit == 1.0 and "latest" not in engineer.detail
    assert 0 < analyst.credit < 1.0 and "not in the latest job" in analyst.detail


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Ph.D. Candidate, Example University", "research-scientist"),
        ("Data & Applied Scientist, Example Corp (2021 - Present)", "applied-scientist"),
        ("May 2021 Machine Learning Engineer, Example Corp", "ml-engineer"),
        # another field joined before the title's last word
        ("Senior Machine Learning and Computer Vision Algorithm Engineer, Example Corp", "ml-engineer"),
        ("Machine Learning / NLP Engineer, Example Corp", "ml-engineer"),
        ("Graduate Research / Teaching Assistant, Example University", "research-scientist"),
        # the field written out where the title abbreviates it, and the other way round
        ("Machine Learning Platform Engineer, Example Corp (2021 - Present)", "ml-engineer"),
        ("Natural Language Processing Engineer, Example Corp", "ml-engineer"),
        ("Senior ML Research Engineer, Example Lab", "research-engineer"),
        ("Artificial Intelligence Engineer, Example Corp", "ml-engineer"),
        ("Postdoctoral Research Associate, Example University (2022 - Present)", "research-scientist"),
        # the field after the title, as large employers write it
        ("Software Engineer, Machine Learning - Example Corp (2021 - Present)", "ml-engineer"),
        ("Senior Software Engineer (AI), Example Corp", "ml-engineer"),
        ("Research Scientist - NLP, Example Lab", "research-scientist"),
        ("SOFTWARE ENGINEER, MACHINE LEARNING | EXAMPLE CORP", "ml-engineer"),
        ("Software Engineer, Data Platform - Example Corp (2020 - Present)", "data-engineer"),
        ("Software Engineer, Data Platform    Jan 2021 - Present", "data-engineer"),
        ("Software Engineer - Data Infrastructure at Example Corp (2021 - Present)", "data-engineer"),
        ("Engineer II, ML Infrastructure - Example Corp (2021 - Present)", "ml-engineer"),
        ("Senior Software Engineer III, Data Infrastructure, Example Corp", "data-engineer"),
        ("2022 - present Research Scientist, Example Lab", "research-scientist"),
        ("Senior Engineer (Data Infrastructure), Example Corp", "data-engineer"),
        # an internship named by its discipline, as postings name them
        ("Machine Learning Engineering Intern, Example Corp (Summer 2024)", "ml-engineer"),
        ("Data Engineering Internship - Example Corp", "data-engineer"),
    ],
)
def test_title_forms(blank_nlp, taxonomy, line, role):
    result = fit(f"Jane Roe\nExperience\n{line}\nBuilt things.", role, blank_nlp, taxonomy)
    assert any(r.requirement.id == "title" for r in result.matched)


@pytest.mark.parametrize(
    "line",
    [
        "Software Engineer, Example Corp (2021 - Present)",  # no field after the title
        "Software Engineer, Data Platform - Example Corp",  # a field of no ML role
        "Built ML tools with the software engineers, AI researchers and analysts.",  # prose
    ],
)
def test_a_title_without_an_ml_field_is_no_ml_engineer_title(blank_nlp, taxonomy, line):
    result = fit(f"Jane Roe\nExperience\n{line}\nBuilt things.", "ml-engineer", blank_nlp, taxonomy)
    assert not any(r.requirement.id == "title" for r in result.matched)


@pytest.mark.parametrize(
    "line", ["Software Engineer (Data Visualization), Example Corp (2020 - Present)", "Software Engineer, Data Security - Example Corp"]
)
def test_a_data_word_after_a_title_is_no_data_engineer_title(blank_nlp, taxonomy, line):
    result = fit(f"Jane Roe\nExperience\n{line}\nBuilt things.", "data-engineer", blank_nlp, taxonomy)
    assert not any(r.requirement.id == "title" for r in result.matched)


def test_one_job_with_its_bullets_under_the_name_is_experience(blank_nlp, taxonomy):
    text = "Jane Roe\njane@example.org\nApplied Scientist, Acme Corp   Jan 2022 - Present\nBuilt ranking models for shoppers.\nEducation\nMSc Statistics, 2021"
    analysis = analyze(text, nlp=blank_nlp, taxonomy=taxonomy, limits=LIMITS, today=TODAY)
    assert analysis.profile.signals.experience_years is not None


def test_one_dated_headline_does_not_take_the_jobs_below_it(blank_nlp, taxonomy):
    text = (
        "Jane Roe\nLead Data Engineer, Acme Corp (2023 - Present)\nSummary\n12 years of experience in data platforms.\n"
        "Job History\nData Engineer, Initech (2015 - 2023)\nETL Developer, Globex (2013 - 2015)"
    )
    analysis = analyze(text, nlp=blank_nlp, taxonomy=taxonomy, limits=LIMITS, today=TODAY)
    assert analysis.profile.signals.experience_years is not None and analysis.profile.signals.experience_years >= 10


def test_a_field_joined_in_prose_is_not_a_title(blank_nlp, taxonomy):
    text = "Jane Roe\nExperience\nAnalyst, Example Corp (2021 - Present)\nLearned machine learning and data engineering."
    result = fit(text, "ml-engineer", blank_nlp, taxonomy)
    assert all(r.requirement.id != "title" for r in result.matched)


@pytest.mark.parametrize(
    ("education", "current"),
    [
        ("PhD in Computer Science, Example University\nSeptember 2021 - Present", True),
        ("Ph.D. candidate in Statistics, Example University, expected 2027", True),
        ("PhD in Computer Science, Example University, 2015 - 2020", False),
    ],
)
def test_a_doctorate_in_progress_is_the_current_position(blank_nlp, taxonomy, education, current):
    # No job names it: the education entry says the candidate is a doctoral student now.
    text = f"Jane Roe\nEducation\n{education}\nExperience\nSoftware Intern, Acme (May 2019 - Aug 2019)\nWrote tests."
    result = fit(text, "research-scientist", blank_nlp, taxonomy)
    title = next((r for r in result.matched if r.requirement.id == "title"), None)
    if current:
        assert title is not None and title.credit == 1.0
        assert title.evidence[0].text.startswith("PhD student: ")
    else:
        assert title is None


def test_a_date_range_split_over_two_margin_lines_dates_the_job(blank_nlp, taxonomy):
    # A margin column of dates beside the entries: each half of the range merges with the text beside it.
    text = (
        "Jane Roe\nEmployment\nMay 2021 — Position: Data Engineer\nPresent Employer: Acme\nBuilt pipelines with Apache Spark.\n"
        "January 2018 — Position: Analyst\nFebruary 2021 Employer: Initech\nWrote SQL reports."
    )
    analysis = analyze(text, nlp=blank_nlp, taxonomy=taxonomy, limits=LIMITS, today=TODAY)
    assert analysis.profile.signals.experience_source == "date-ranges"
    spark = next(skill for skill in analysis.profile.skills if skill.id == "apache-spark")
    assert spark.months == 61  # May 2021 to June 2026
    title = title_of(text, "data-engineer", blank_nlp, taxonomy)
    assert title.credit == 1.0 and title.years == 5.1


@pytest.mark.parametrize(
    ("line", "applied"),
    [
        ("Built a recommender system for the e-commerce site.", True),
        ("Designed recommendation models that lifted conversion.", True),
        ("Recommended solutions to management that reduced fraud losses.", False),  # advice, not a model
        ("Built churn models for our clients.", True),
        ("Did 3D modeling of prototypes that shipped to clients.", False),  # a CAD model
        ("Data modeling for the sales warehouse.", False),  # a schema
        ("Developed financial models for clients in Excel.", False),
        # a model the candidate only knows of, or denies, is not their work
        ("Maintained a working knowledge of the fraud neural network used by our customers.", False),
        ("Familiar with machine learning for customer churn.", False),
        ("No machine learning experience; reported churn figures to clients.", False),
        ("Built a neural network that flags fraud for our customers.", True),
        ("Used self-supervised learning to build a search model that lifted revenue for customers.", True),  # not "learning" a skill
    ],
)
def test_words_that_are_not_a_learned_model(blank_nlp, taxonomy, line, applied):
    assert bool(signals_of(f"Jane Roe\nExperience\n{line}", blank_nlp, taxonomy).applied) == applied


@pytest.mark.parametrize(
    ("job", "applied"),
    [
        # the business and the model in different bullets of one dated job
        (
            "Met customers to agree the scope of each project.\nReviewed plans.\nHosted meetings.\nBuilt forecasting models with deep learning.",
            True,
        ),
        # the model in a research job, the business in another job
        ("Built forecasting models with deep learning.", False),
    ],
)
def test_a_model_and_a_business_in_one_job_show_ml_applied(blank_nlp, taxonomy, job, applied):
    text = (
        f"Jane Roe\nExperience\nScientist, Example Labs (Jan 2022 - Present)\n{job}\n"
        "Sales Assistant, Shop (Jan 2015 - Dec 2016)\nServed customers."
    )
    assert bool(signals_of(text, blank_nlp, taxonomy).applied) == applied


# --- roles ---


def test_a_phd_student_with_papers_is_a_research_scientist_not_an_applied_one(blank_nlp, taxonomy):
    order = ranking(builders.ACADEMIC_CV, blank_nlp, taxonomy)
    assert order.index("research-scientist") < order.index("applied-scientist")
    applied = fit(builders.ACADEMIC_CV, "applied-scientist", blank_nlp, taxonomy)
    assert any(r.requirement.id == "applied" for r in applied.missing)


def test_models_for_customers_make_an_applied_scientist(blank_nlp, taxonomy):
    assert ranking(builders.INDUSTRY_SCIENTIST_CV, blank_nlp, taxonomy)[0] == "applied-scientist"
    applied = fit(builders.INDUSTRY_SCIENTIST_CV, "applied-scientist", blank_nlp, taxonomy)
    assert any(r.requirement.id == "applied" and r.credit == 1.0 for r in applied.matched)


def test_serving_and_deployment_make_an_ml_engineer(blank_nlp, taxonomy):
    assert ranking(builders.ML_ENGINEER_CV, blank_nlp, taxonomy)[0] == "ml-engineer"


@pytest.mark.parametrize(
    ("lines", "deployed"),
    [
        ("Deployed the recommendation model for the app.\nTools: Docker, Kubernetes", True),  # tool on the next line
        ("Developed and deployed a ranking model.", True),  # said of a model, no tool
        ("Built a real-time inference server for speech models.", True),
        ("Used causal inference models to study prices.", False),
        ("Served as reviewer for the journal.\nPython, Docker", False),
        ("Deployed to a new office in Berlin.\nUsed Docker at home.", False),
        ("Launched the dense retrieval model to all users.", True),
        ("Model compression (int8 quantisation) for on-premises deployment.", True),
        ("Launched the spring marketing campaign for retail stores.", False),
        ("INT8 quantization and deployment on NVIDIA Orin; C++ post-processing kernels.", True),
        ("Deployed the detector to edge devices in 40 stores.", True),
        ("Deployed to the Berlin office as a field technician.", False),
        ("Launched a freemium pricing model for the app.", False),
        ("Launched an LLM-powered support assistant to 2M users.", True),
        ("Launched the fraud scoring model across all markets.", True),
        ("Deployed YOLOv8 on NVIDIA Jetson Orin at 30 FPS.", True),
        ("Deployed speech recognition to edge devices.", True),
        ("Deployed Windows 11 images to devices across the company.", False),
        ("Deployed MDM profiles to iOS devices.", False),
    ],
)
def test_deployment_wording_classes(blank_nlp, taxonomy, lines, deployed):
    found = signals_of(f"Jane Roe\nExperience\n{lines}", blank_nlp, taxonomy)
    assert bool(found.deployment) == deployed


# --- explanations ---


@pytest.mark.parametrize(
    ("title", "phrase"),
    [
        ("ML engineer", "an ML engineer"),
        ("Applied scientist", "an applied scientist"),
        ("Data engineer", "a data engineer"),
        ("MLOps engineer", "an MLOps engineer"),
        ("Research scientist", "a research scientist"),
    ],
)
def test_titles_take_their_article(title, phrase):
    assert with_article(title) == phrase


def test_requirement_labels_read_as_english(taxonomy):
    labels = [req.label for role in taxonomy.roles.values() for req in role.requirements]
    assert not [label for label in labels if " a applied" in label or " a ML" in label or " a MLOps" in label]


def test_the_title_above_the_first_jobs_company_and_place_is_the_latest(blank_nlp, taxonomy):
    text = (
        "Jane Roe\nExperience\nExample Audio\nSenior Machine Learning Engineer\nToronto, Canada\nAug 2025 - Present\n"
        "Built a speech model.\nData Scientist Jan 2020 - Jul 2025\nMade forecasts."
    )
    engineer = title_of(text, "ml-engineer", blank_nlp, taxonomy)
    scientist = title_of(text, "data-scientist", blank_nlp, taxonomy)
    assert engineer.credit == 1.0 and scientist.credit < 1.0


def test_first_author_papers_outside_the_top_venues_earn_part_of_the_credit(blank_nlp, taxonomy):
    journal = "Publications\nJ. Roe, A. Smith. Deep Models for Folding. Journal of Computational Biology, 2024."
    preprint = "Publications\nJ. Roe, A. Smith. Deep Models for Folding. arXiv preprint arXiv:2401.01234, 2024."
    top = "Publications\nJ. Roe, A. Smith. Deep Models for Folding. NeurIPS 2024."

    def first_author(body: str) -> float:
        result = fit(f"Jane Roe\n{body}", "research-scientist", blank_nlp, taxonomy)
        return next(r.credit for r in result.matched + result.missing if r.requirement.id == "first-author")

    assert first_author(top) == 1.0
    assert first_author(journal) == 0.5
    assert first_author(preprint) == 0.0


def test_two_identical_lines_keep_their_own_jobs(blank_nlp, taxonomy):
    # Text and DOCX lines carry no position: two jobs with the same bullet are still two lines.
    text = (
        "Jane Roe\nExperience\nData Engineer, Acme (Jan 2018 - Dec 2019)\nBuilt data pipelines with Spark.\n"
        "Data Engineer, Initech (Jan 2022 - Dec 2023)\nBuilt data pipelines with Spark."
    )
    analysis = analyze(text, nlp=blank_nlp, taxonomy=taxonomy, limits=LIMITS, today=TODAY)
    spark = next(skill for skill in analysis.profile.skills if skill.id == "apache-spark")
    assert spark.months == 46  # 23 months in each job


# --- the current title, where the layout hides whose job is the latest ---


def test_a_plural_employment_heading_beside_its_first_job_opens_experience(blank_nlp, taxonomy):
    text = (
        "Jane Roe\nEMPLOYMENTS Applied Scientist, Forecasting Team Apr. 2021-present\n"
        "Built demand forecasting models for retail customers.\nApplied Scientist, Example Labs Sept. 2019-Apr. 2021\n"
        "Education\nPhD in Computer Science, Example University, 2019"
    )
    assert sections_of(text)["experience"][0].startswith("Applied Scientist, Forecasting Team")
    assert title_of(text, "applied-scientist", blank_nlp, taxonomy).credit == 1.0


def test_a_year_with_a_dash_before_the_title_is_the_current_job(blank_nlp, taxonomy):
    text = (
        "Jane Roe\nExperience\n2020– Applied Scientist, Example SE, Berlin.\nBuilt pricing models used by the shop.\n"
        "2018–2020 Data Scientist, Sample GmbH, Berlin.\nEducation\nPhD in Economics, Example University, 2018"
    )
    signals = signals_of(text, blank_nlp, taxonomy)
    current = next(line for line in signals.title_lines if line.text.startswith("2020– Applied"))
    earlier = next(line for line in signals.title_lines if line.text.startswith("2018–2020"))
    assert current.recent and not earlier.recent
    assert title_of(text, "applied-scientist", blank_nlp, taxonomy).credit == 1.0
    assert title_of(text, "data-scientist", blank_nlp, taxonomy).credit < 1.0


def test_a_range_ending_in_an_ellipsis_is_still_open(blank_nlp, taxonomy):
    text = (
        "Jane Roe\nML engineer and tech lead\nExperience\nKog | ML research engineer Oct 2024 – ...\nLed pretraining runs.\n"
        "Acme | ML engineer Jan 2020 – Sep 2024\nServed models."
    )
    signals = signals_of(text, blank_nlp, taxonomy)
    assert [line.recent for line in signals.title_lines if line.text.startswith(("Kog", "Acme"))] == [True, False]
    assert title_of(text, "research-engineer", blank_nlp, taxonomy).credit == 1.0


def test_experience_joined_to_more_words_is_an_experience_heading(blank_nlp, taxonomy):
    text = (
        "Jane Roe\nSelected Publications\nJ. Roe, A. Smith. Depth from video. CVPR 2024.\n"
        "Experience & Research Contributions\nMachine Learning Engineer, Example Inc. Oct 2024 – Present\n"
        "Trained world models.\nPhD Research Intern, Sample Labs Jun 2023 – Aug 2023"
    )
    found = sections_of(text)
    assert found["experience"][0].startswith("Machine Learning Engineer")
    assert len(found["publications"]) == 1
    assert title_of(text, "ml-engineer", blank_nlp, taxonomy).credit == 1.0
    # a heading word joined to other words is not one when the word names no section of its own
    assert "experience" not in sections_of("Jane Roe\nResearch and Teaching Interests\nRobot learning.")


def test_jobs_after_the_degrees_of_an_education_section_are_experience(blank_nlp, taxonomy):
    text = (
        "Jane Roe\njane@example.org\nEducation:\nME, Systems Engineering, Example University 5/1/2014 – 4/15/2015\n"
        "Machine Learning Engineer (Hiring Platform) 9/26/2022-Present\nBuilt ranking services in Python.\n"
        "Machine Learning Engineer 10/11/2021 -9/20/2022\nSenior Data Scientist 5/8/2020 – 10/10/2021\n"
    )
    found = read_sections(text)
    assert found["education"] == ["ME, Systems Engineering, Example University 5/1/2014 – 4/15/2015"]
    analysis = analyze(text, nlp=blank_nlp, taxonomy=taxonomy, limits=LIMITS, today=TODAY)
    signals = analysis.profile.signals
    assert signals.experience_years is not None and 5.5 < signals.experience_years < 6.5
    assert [line.recent for line in signals.title_lines if "Engineer 10/11" in line.text or "Scientist 5/8" in line.text] == [False, False]
    # one dated job beside a degree stays in education (a research assistantship)
    alone = "Jane Roe\nEducation\nPhD, Example University, 2019 - present\nResearch Assistant, Example Lab 2019 - 2021\nSkills\nPython"
    assert "experience" not in read_sections(alone)


def read_sections(text: str) -> dict[str, list[str]]:
    """The sections as the analysis reads them, jobs under no experience heading moved to one."""
    document = Document("text/plain", 1, tuple(Line(t, 1) for t in text.splitlines() if t.strip()))
    sections = unheaded_jobs(split_sections(document), builtin_lexicon())
    return {section.name: [line.text for line in section.lines] for section in sections}


@pytest.mark.parametrize("rule", ["_" * 80, "=" * 30, "—" * 40])
def test_a_heading_with_a_rule_drawn_after_it_on_its_line_is_a_heading(rule):
    text = (
        f"Jane Roe\nEDUCATION{rule}\nExample University - Master of Science, Artificial Intelligence May 2024\n"
        f"PUBLICATIONS{rule}\nChatbots for campus questions May 2024\nEXPERIENCE{rule}\n"
        "Example Health – Machine Learning Engineer; Austin, TX June 2024 – Feb 2026"
    )
    found = sections_of(text)
    assert list(found) == ["header", "education", "publications", "experience"]
    assert found["experience"] == ["Example Health – Machine Learning Engineer; Austin, TX June 2024 – Feb 2026"]


@pytest.mark.parametrize(
    ("line", "in_progress"),
    [
        ("2022 — now Ph.D., Example University of London", True),
        ("Ph.D., National University of Example Sept. 2013-May 2015", False),
        ("Ph.D Neurotechnology | Example College London, London, UK", False),
    ],
)
def test_a_degree_entry_among_the_jobs_is_a_degree(blank_nlp, taxonomy, line, in_progress):
    text = f"Jane Roe\nExperience\nResearch Scientist, Example Labs (2023 - Present)\nTrained models.\n{line}\nSkills\nPython"
    education = signals_of(text, blank_nlp, taxonomy).education
    assert [(e.degree_level, e.in_progress) for e in education] == [("doctorate", in_progress)]


def test_a_job_that_opens_on_a_degree_word_is_no_degree(blank_nlp, taxonomy):
    text = "Jane Roe\nExperience\nPhD Research Intern, Example Labs Jun 2023 – Aug 2023\nBuilt SLAM systems.\nSkills\nPython"
    assert signals_of(text, blank_nlp, taxonomy).education == []


def test_a_phd_said_in_the_first_person_is_a_doctorate_in_progress(blank_nlp, taxonomy):
    text = "Jane Roe\nI am an AI researcher, currently doing a PhD on neural networks and their training.\nSkills\nPython"
    education = signals_of(text, blank_nlp, taxonomy).education
    assert [(e.degree_level, e.in_progress) for e in education] == [("doctorate", True)]


def test_research_publications_joined_to_projects_head_publications():
    text = "Jane Roe\nResearch Publications and Projects\nJ. Roe, A. Smith. Causal uplift models. KDD 2023.\nSkills\nPython"
    assert sections_of(text)["publications"] == ["J. Roe, A. Smith. Causal uplift models. KDD 2023."]


def test_a_title_wrapped_over_two_lines_is_read_whole(blank_nlp, taxonomy):
    text = (
        "Jane Roe\nExperience\nSenior Computer Vision\nEngineer & SDK Team Lead   Jan 2021 – Present\n"
        "Built face recognition models for an SDK.\nEducation\nBSc Computer Science, Example University, 2016"
    )
    assert title_of(text, "ml-engineer", blank_nlp, taxonomy).credit == 1.0
    # a line that names a job itself stays as it is
    signals = signals_of("Jane Roe\nExperience\nData Analyst\nEngineer of the reporting stack (2020 - Present)", blank_nlp, taxonomy)
    assert [line.text for line in signals.title_lines if line.text.startswith("Data Analyst")] == ["Data Analyst"]


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("ML Engineering Lead, Example Brewing (2022 - Present)", "ml-engineer"),
        ("Data Engineering Manager, Example (2021 - Present)", "data-engineer"),
    ],
)
def test_the_lead_of_a_fields_engineering_holds_its_title(blank_nlp, taxonomy, line, role):
    assert title_of(f"Jane Roe\nExperience\n{line}\nLed the team.", role, blank_nlp, taxonomy).credit == 1.0


def test_course_levels_in_parentheses_are_no_degree(blank_nlp, taxonomy):
    text = (
        "Jane Roe\nEducation\nMaster in Finance, Example University, 2020\n"
        "Coursework: Neural Networks (PhD), Advanced Computer Vision (PhD), Reinforcement Learning (PhD)\nSkills\nPython"
    )
    assert [e.degree_level for e in signals_of(text, blank_nlp, taxonomy).education] == ["master"]
    # one degree in parentheses after its university is the degree
    one = "Jane Roe\nEducation\nExample University (PhD), 2015 - 2020\nSkills\nPython"
    assert [e.degree_level for e in signals_of(one, blank_nlp, taxonomy).education] == ["doctorate"]
