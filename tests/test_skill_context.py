"""Skills that are not skills: a name counts only where it names a skill of the candidate.

Each class of the issue on a synthetic document of its class (the text is written here): names
inside employers', labs', teams' and awards' names, venues, dates and terms, links, people's
names and the titles of papers, talks and courses; names that are also words, which need a
technology beside them; and near misses. The catalogue marks the names that need context as data
(`ambiguous`, `ambiguous_aliases`), derived for the O*NET layer by `skill_taxonomy/derive.py`."""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from builders import extending_lexicon

from service.analysis import Limits, analyze
from service.documents import Line
from service.matching import find_skills
from service.sections import Section
from skill_taxonomy import TaxonomyError, load_taxonomy
from skill_taxonomy.derive import derive

DATA = Path(__file__).resolve().parents[1] / "skill_taxonomy" / "data"
SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def skills_in(nlp, text: str, section: str = "experience") -> set[str]:
    lines = [Line(t, 1) for t in text.splitlines() if t.strip()]
    return {m.skill_id for m in find_skills([Section(section, "", lines)], nlp)}


def profile_of(text: str, nlp, taxonomy) -> set[str]:
    answer = analyze(text, nlp=nlp, taxonomy=taxonomy, limits=Limits(seconds=0), today=date(2026, 6, 15))
    return {skill.id for skill in answer.profile.skills}


# --- employers', labs', teams' and awards' names ---

EMPLOYERS = """Jane Q. Roe
Experience
Research Scientist @ Snowflake    2023 - Present
Trained ranking models in PyTorch and served them with Docker.
Snowflake AI Research, San Mateo, CA    2021 - 2023
Wrote data pipelines in Python.
Amazon Web Services, Seattle, WA
Software Engineer    Jan 2018 - Dec 2020
Built billing services in Java.
Graduate Researcher, Computer Vision Lab    2016 - 2018
Data Scientist, Initech | NLP Team    2014 - 2016
Awards
Google Cloud Research Credits Award, 2021
"""


def test_an_employers_lab_or_teams_name_is_no_skill(blank_nlp, taxonomy):
    found = profile_of(EMPLOYERS, blank_nlp, taxonomy)
    assert {"pytorch", "docker", "python", "java"} <= found
    assert not found & {"snowflake", "artificial-intelligence", "aws", "computer-vision", "nlp", "gcp"}


@pytest.mark.parametrize(
    ("heading", "skill"),
    [
        ("Machine Learning Engineer, Acme Corp    2020 - 2023", "machine-learning"),  # a job title names its field
        ("Software Engineer, Machine Learning    2019 - 2021", "machine-learning"),  # a title's specialty
        ("Customer Churn Model | Python | XGBoost    2022", "python"),  # a list of tools beside a date
    ],
)
def test_a_positions_title_and_a_tool_list_still_count(blank_nlp, heading, skill):
    assert skill in skills_in(blank_nlp, heading)


def test_a_line_is_an_entrys_heading_only_by_a_position_or_a_date(blank_nlp):
    # a heading-shaped line without a position or a date nearby names no employer
    assert "agile" in skills_in(blank_nlp, "Agile Software Development Consulting")


# --- venues, papers, talks, courses ---

ACADEMIC = """Ada Q. Roe
Publications
A. Roe, Ada Smith and B. Lee. Reinforcement Learning from Pixels with PyTorch. In Proceedings of the ACM Symposium on Cloud Computing, 2021.
J. Doe and A. Roe. Scheduling Spark Jobs on Shared Clusters. USENIX Symposium on Operating Systems Design and Implementation (OSDI), 2020.
C. Ng, R Hebbar and A. Roe. Legged Locomotion from Demonstrations. Robotics: Science and Systems (RSS), 2019.
Talks
Keynote talk, Workshop on Robot Learning, Spring 2018.
Teaching
Teaching Assistant, Operating Systems, Fall 2017
Service
Reviewer, Neural Information Processing Systems (NeurIPS), 2022
"""


def test_venues_titles_and_terms_show_fields_never_tools(blank_nlp, taxonomy):
    found = profile_of(ACADEMIC, blank_nlp, taxonomy)
    assert "reinforcement-learning" in found  # a paper's title shows its field
    tools = {"pytorch", "apache-spark", "cloud-platform", "microsoft-operating-system", "really-simple-syndication-rss"}
    assert not found & (tools | {"ada", "r", "spring-boot-alias", "apple-keynote", "image-processing-systems"})


@pytest.mark.parametrize(
    ("text", "section", "kept", "dropped"),
    [
        ("Relevant coursework: Machine Learning, Operating Systems, Java Programming", "education", {"machine-learning"}, {"java"}),
        ("Introduction to AI; Data Structures and Algorithms", "coursework", {"artificial-intelligence"}, {"software-engineering"}),
        ("2015 Course project, with classmates: AWS EC2, Django, MySQL, Angular.js", "publications", {"django", "mysql", "aws"}, set()),
        ("Presented our Spark work at the Midwest Machine Learning Symposium, 2019", "experience", set(), {"apache-spark"}),
    ],
)
def test_course_titles_and_citations(blank_nlp, text, section, kept, dropped):
    found = skills_in(blank_nlp, text, section)
    assert kept <= found and not found & dropped


# --- dates and terms, links, people ---


@pytest.mark.parametrize(
    ("text", "section", "skill", "counts"),
    [
        ("Teaching Assistant, Data Mining (Spring 2018, Fall 2019)", "teaching", "spring-boot-alias", False),
        ("Visiting student, 2021 Spring, with Java and Python work", "experience", "spring-boot-alias", False),
        ("Built REST services in Java with Spring and Hibernate.", "experience", "spring-boot-alias", True),
        ("jane@example.org | GitHub: janeroe | LinkedIn: /in/janeroe", "header", "git", False),
        ("LinkedIn | GitHub | Portfolio", "header", "git", False),
        ("Sales Data Pipeline | Airflow, dbt | [GitHub]", "projects", "git", False),
        ("Kept the code in Git and reviewed it on GitHub.", "experience", "git", True),
        ("Advisor: Prof. Ada Stone; models in Python and C++", "experience", "ada", False),
        ("Co-authored with Ada Lovelace a compiler in Python", "experience", "ada", False),
        ("Roe, JQ, Bosma, ML, Smith, SR. Enamel hardness after peroxide. J Dent Res, 2008.", "publications", "machine-learning", False),
        ("Roe, J. Machine learning for enamel hardness. J Dent Res, 2008.", "publications", "machine-learning", True),
        ("ML, Buch, RM, Roe, JQ. Fluoride retention after brushing. Caries Res, 2010.", "talks", "machine-learning", False),
        ("Wrote flight software in Ada and C++.", "experience", "ada", True),
    ],
)
def test_dates_links_and_people(blank_nlp, text, section, skill, counts):
    assert (skill in skills_in(blank_nlp, text, section)) is counts


# --- names that are also words: a technology beside them, on their own line ---


@pytest.mark.parametrize(
    ("text", "skill", "counts"),
    [
        ("Gave a keynote talk on search at the annual meeting.", "apple-keynote", False),
        ("Implemented safe termination of long-running jobs.", "agile", False),
        ("Ran planning with SAFe and Scrum for four teams.", "agile", True),
        ("Designed algorithms for route planning.", "software-engineering", False),
        ("Analysed electronic medical records (EMR) with Python.", "emr", False),
        ("Ran nightly Spark jobs on EMR and S3.", "emr", True),
        ("Worked with CMS on payment policy analysis.", "career-management-systems-cms", False),
        ("Built the admin UI with React and Ant Design.", "apache-ant", False),
        ("Built Java projects with Ant and Maven on Jenkins.", "apache-ant", True),
        ("Managed the team calendar and travel.", "google-calendar", False),
        ("Measured the Docket Calendar for court dates.", "google-calendar", False),
    ],
)
def test_names_that_are_also_words_need_a_technology_beside_them(blank_nlp, text, skill, counts):
    assert (skill in skills_in(blank_nlp, text)) is counts


def test_context_is_sought_on_the_names_own_line(blank_nlp):
    # the technology on the line above does not make "Spring Harbor" a framework
    assert "spring-boot-alias" not in skills_in(blank_nlp, "Trained models in Python and Java\nPresented at Spring Harbor Meeting")


def test_a_fields_short_name_takes_another_field_as_context(blank_nlp):
    assert {"artificial-intelligence", "machine-learning"} <= skills_in(blank_nlp, "Engineering Manager, AI/ML    2025 - Present")
    assert "artificial-intelligence" in skills_in(blank_nlp, "Research on AI for medical imaging")


def test_spoken_languages_take_each_other_as_context(blank_nlp):
    assert {"german", "french"} <= skills_in(blank_nlp, "Speaks German and French with clients.")
    assert "german" not in skills_in(blank_nlp, "German Center for Data Analytics, a research network")


@pytest.mark.parametrize(
    ("text", "skill", "counts"),
    [
        ("Studied Hi-C contact maps in chromatin.", "c", False),  # a letter glued after a hyphen
        ("[C] J. Roe, A. Smith. Title of the paper.", "c", False),  # a list tag
        ("C=Conference, J=Journal", "c", False),
        ("Built a document-AI pipeline with PyTorch.", "artificial-intelligence", True),
        ("Wrote kernels in C++ and c++17 style", "cpp", True),
        ("Tested with c++ and c# clients", "c-sharp", True),  # a symbol no word has: any casing
    ],
)
def test_glued_letters_and_list_tags(blank_nlp, text, skill, counts):
    assert (skill in skills_in(blank_nlp, text)) is counts


# --- near misses ---


@pytest.mark.parametrize(
    ("text", "skill", "counts"),
    [
        ("Ran quantised models locally with llama.cpp.", "vllm", False),
        ("Ran quantised models locally with llama.cpp.", "llama-cpp", True),
        ("Served models with vLLM on Kubernetes.", "vllm", True),
        ("Trained Transformers for named entity recognition.", "hugging-face-transformers", False),
        ("Fine-tuned models with PyTorch and Transformers.", "hugging-face-transformers", True),
        ("Studied parameter-efficient fine-tuning (PEFT) of language models.", "hugging-face-transformers", False),
        ("Researched Proximal Policy Optimization for robots.", "optimization", False),
        ("Researched Proximal Policy Optimization for robots.", "reinforcement-learning", True),
        ("Deployed services on amazon-web-services and ruby-on-rails.", "aws", True),
    ],
)
def test_near_misses(blank_nlp, text, skill, counts):
    assert (skill in skills_in(blank_nlp, text)) is counts


# --- organisations' and events' names anywhere on a line ---


@pytest.mark.parametrize(
    ("text", "section", "skill", "counts"),
    [
        ("Winner, Hackathon hosted by the Machine Learning Society, 2020", "awards", "machine-learning", False),
        ("President of the Data Science Club at Acme University", "experience", "data-science", False),
        ("Worked with the Google Cloud Team on billing in Java.", "experience", "gcp", False),
        ("Worked with the Google Cloud Team on billing in Java.", "experience", "java", True),
        ("Machine Learning Team Lead    2021 - Present", "experience", "machine-learning", True),  # a position, no team
        ("Sponsors: Google Cloud, Databricks, Snowflake, Weights & Biases", "awards", "databricks", False),
        ("Sponsors: Google Cloud, Databricks, Snowflake, Weights & Biases", "awards", "wandb", False),
        ("Project funded by Google Cloud and Databricks", "projects", "gcp", False),
        ("Migrated the warehouse to Snowflake and Databricks.", "experience", "databricks", True),  # no list of sponsors
        ("Machine Learning Engineer, Scale AI    2021 - Present", "experience", "artificial-intelligence", False),
        ("Data Scientist | Snorkel AI    2019 - 2021", "experience", "artificial-intelligence", False),
        ("Data Scientist, Generative AI    2021 - Present", "experience", "llm", True),  # a specialty, all skills' names
        ("Built AI assistants with Python and LangChain.", "experience", "artificial-intelligence", True),
        ("I work in the Spatial Perception Team in the AI group, on SLAM in C++.", "experience", "artificial-intelligence", False),
        ("Talk: Encoders in Modern ML @ The Oxford Big Data Institute", "talks", "big-data", False),
        ("M.Sc., Mohamed bin Zayed University of Artificial Intelligence", "education", "artificial-intelligence", False),
        ("Ph.D. in Statistics, Department of Statistics, 2019", "education", "statistics", True),  # the degree's field
    ],
)
def test_organisations_and_events_named_after_a_field(blank_nlp, text, section, skill, counts):
    assert (skill in skills_in(blank_nlp, text, section)) is counts


# --- words that give a skill's name another sense ---


@pytest.mark.parametrize(
    ("text", "section", "skill", "counts"),
    [
        ("Maintained table statistics and indexes in PostgreSQL.", "experience", "statistics", False),
        ("Kept statistics on the tables fresh with ANALYZE in PostgreSQL.", "experience", "statistics", False),
        ("Applied statistics and hypothesis tests to A/B results in Python.", "experience", "statistics", True),
        ("Spark optimization on Databricks cut runtime by 40%.", "experience", "optimization", False),
        ("Spark optimization on Databricks cut runtime by 40%.", "experience", "apache-spark", True),
        ("Query optimization in PostgreSQL and Snowflake.", "experience", "optimization", False),
        ("Convex optimization for portfolio allocation in Python.", "experience", "optimization", True),
        ("Cleaned time series data from IoT sensors and stored it in InfluxDB.", "experience", "forecasting", False),
        ("Time series forecasting of demand with Prophet and Python.", "experience", "forecasting", True),
        ("Python, SQL, CNNs, MLPs, Transformers, RNNs", "skills", "hugging-face-transformers", False),
        ("Transformers / LSTMs / GRUs", "skills", "hugging-face-transformers", False),
        ("PyTorch, Transformers, Datasets, Accelerate", "skills", "hugging-face-transformers", True),  # the library's family
    ],
)
def test_words_beside_a_name_give_it_another_sense(blank_nlp, text, section, skill, counts):
    assert (skill in skills_in(blank_nlp, text, section)) is counts


@pytest.mark.parametrize(
    ("text", "skill", "counts"),
    [
        ("A. Roe and B. Poe. Boosting with priors. Machine Learning, pages 1–26, 2022.", "machine-learning", False),
        ("A. Roe. Oversampling with Geometric SMOTE. Remote Sensing, 11, 24 (refereed).", "geospatial", False),
        ("A. Roe. Planning agents. 2025. arXiv: 2506.09985 [cs.AI].", "artificial-intelligence", False),
        ("A. Roe. Deep Reinforcement Learning for Robots. NeurIPS 2021.", "reinforcement-learning", True),  # the paper's title
    ],
)
def test_a_citations_journal_and_category_are_venues(blank_nlp, text, skill, counts):
    assert (skill in skills_in(blank_nlp, text, "publications")) is counts


@pytest.mark.parametrize(
    ("text", "skill", "instead"),
    [
        ("Hyperparameter tuning of gradient boosting models with Optuna.", "model-evaluation", "hyperparameter-tuning"),
        ("Data cleaning and feature engineering in pandas.", "eda", "data-preparation"),
        ("Built a commerce knowledge graph for recommendations in Python.", "graph-ml", "knowledge-graphs"),
        ("Served Mistral 7B locally with Ollama and Python.", "llama-cpp", "ollama"),
        ("Queried the lake with Amazon Athena and Python.", "presto", "amazon-athena"),
        ("Real-time ASR with NVIDIA NeMo and Python.", "megatron", "nvidia-nemo"),
        ("Coursework: Calculus, Real Analysis, Linear Algebra", "probability", "calculus"),
        ("Demo hosted on HuggingFace Spaces with Gradio and Python.", "hugging-face-transformers", "hugging-face-spaces"),
    ],
)
def test_a_related_product_or_step_is_its_own_skill(blank_nlp, text, skill, instead):
    found = skills_in(blank_nlp, text)
    assert instead in found and skill not in found


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Hyperparameter tuning of gradient boosting models with Optuna.", "hyperparameter-tuning"),
        ("Chose models by cross-validation on held-out folds in scikit-learn.", "model-evaluation"),
    ],
)
def test_hyperparameter_tuning_is_no_model_evaluation(blank_nlp, text, skill):
    found = skills_in(blank_nlp, text)
    assert skill in found and ({"hyperparameter-tuning", "model-evaluation"} - {skill}).isdisjoint(found)


def test_a_customer_lexicon_adds_its_own_senses_and_organisations(tmp_path, blank_nlp):
    folder = extending_lexicon(tmp_path, "other_senses:\n  python: ['Monty\\s+Python']\norganisation_names: ['Acme\\s+Guild']\n")
    lexicon = load_taxonomy(folder).lexicon
    assert lexicon.other_senses["python"].search("watched Monty Python") and "statistics" in lexicon.other_senses
    assert lexicon.organisation_names.search("the Acme Guild") and lexicon.organisation_names.search("Machine Learning Society")


def test_other_senses_name_skills_of_the_catalogue(taxonomy):
    assert set(taxonomy.lexicon.other_senses) <= set(taxonomy.skills)


# --- the catalogue marks the names that need context, as data ---

ACRONYM = re.compile(r"^[A-Z][A-Z0-9&/.+-]{1,4}$")


def test_every_short_name_and_acronym_of_the_onet_layer_needs_context():
    data = yaml.safe_load((DATA / "onet_skills.yaml").read_text(encoding="utf-8"))
    plain = [(skill["label"], skill.get("ambiguous", False)) for skill in data["skills"]]
    plain += [(alias, False) for skill in data["skills"] for alias in skill.get("aliases", [])]
    unguarded = [name for name, ambiguous in plain if not ambiguous and " " not in name and (len(name) <= 3 or ACRONYM.match(name))]
    assert unguarded == []


def test_the_issues_names_need_context_or_are_gone(taxonomy):
    forms = {form: ambiguous for skill in taxonomy.skills.values() for form, ambiguous in skill.surface_forms()}
    for name in ("Keynote", "Calendar", "Ant", "Quest", "Slides", "RSS", "CMS", "MARS", "EMR", "Ada", "SAFe", "PEFT", "algorithms"):
        assert forms.get(name, True), name  # marked, or no name of any skill
    assert "operating system" not in forms and "processing systems" not in forms


def onet_sources(tmp_path: Path, names: list[str]) -> tuple[Path, Path, Path]:
    onet, esco = tmp_path / "onet", tmp_path / "esco"
    onet.mkdir()
    esco.mkdir()
    with (onet / "Technology Skills.txt").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(["O*NET-SOC Code", "Example", "Commodity Title", "Hot Technology"])
        for name in names:
            writer.writerow(["15-1252.00", name, "Presentation software", "Y"])
    (esco / "skills_en_label.txt").write_text("manage a director\nuse software\n", encoding="utf-8")
    words = tmp_path / "words"
    words.write_text("keynote\noperating\nsystem\nslack\nAda\n", encoding="utf-8")
    return onet, esco, words


def test_derive_marks_or_drops_the_names_that_need_context(tmp_path):
    names = [
        "Apple Keynote",
        "Apple Numbers",
        "Apple Safari",
        "Adobe Director",
        "Adobe Photoshop",
        "Adobe Premiere",
        "Microsoft operating system",
        "Microsoft Excel",
        "Microsoft Word",
        "Really Simple Syndication RSS",
        "Ada",
        "Slack",
        "A programming language APL",
        "Blackbaud The Raiser's Edge",
        "Blackbaud Altru",
        "Blackbaud Sphere",
        "Apple ERP",  # ERP: a kind of product several vendors' names end with, no name of one
        "Adobe ERP",
        "Blackbaud ERP",
        "Apple Tools for Excel",  # add-ins for Excel: Excel stays Microsoft's
        "Adobe Pack for Excel",
        "Blackbaud Kit for Excel",
    ]
    onet, esco, words = onet_sources(tmp_path, names)
    skills = {skill["label"]: skill for skill in derive(onet, esco, words)["skills"]}
    assert skills["Apple Keynote"]["ambiguous_aliases"] == ["Keynote"]  # an everyday word
    assert "aliases" not in skills["Adobe Director"] and "ambiguous_aliases" not in skills["Adobe Director"]  # job language: dropped
    assert skills["Adobe Photoshop"]["aliases"] == ["Photoshop"]  # a product's own name
    assert "aliases" not in skills["Microsoft operating system"]  # a generic phrase: dropped
    assert skills["Really Simple Syndication RSS"]["ambiguous_aliases"] == ["RSS"]
    assert skills["Ada"]["ambiguous"] and skills["Slack"]["ambiguous"]
    apl = skills["A programming language APL"]
    assert "aliases" not in apl and apl["ambiguous_aliases"] == ["APL"]  # "a programming language" is a phrase
    assert skills["Blackbaud The Raiser's Edge"]["aliases"] == ["The Raiser's Edge"]  # a name that opens with "The"
    assert all(
        "aliases" not in skills[f"{vendor} ERP"] and "ambiguous_aliases" not in skills[f"{vendor} ERP"] for vendor in ("Apple", "Adobe")
    )
    assert skills["Microsoft Excel"]["aliases"] == ["Excel"]


# --- category kinds and the lexicon's entries ---


def test_category_kinds_name_categories_the_catalogue_has(taxonomy):
    categories = {skill.category for skill in taxonomy.skills.values()}
    for kind, named in taxonomy.category_kinds.items():
        assert named <= categories, kind
    assert taxonomy.is_field("reinforcement-learning") and not taxonomy.is_field("pytorch")
    assert taxonomy.is_technology("pytorch") and not taxonomy.is_technology("english")


def test_category_kinds_problems_are_reported_with_their_place(tmp_path):
    (tmp_path / "taxonomy.yaml").write_text("version: 1\nextends: builtin\nskills: [own.yaml]\n", encoding="utf-8")
    (tmp_path / "own.yaml").write_text("category_kinds: {fields: [x]}\nskills: []\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"own.yaml category_kinds: unknown kind 'fields'"):
        load_taxonomy(tmp_path)


def test_a_customer_lexicon_adds_its_own_venues(tmp_path, blank_nlp):
    lexicon = load_taxonomy(extending_lexicon(tmp_path, "venues: ['Acme Data Days']\n")).lexicon
    assert lexicon.venues.search("Spoke at Acme Data Days 2024")
    assert lexicon.venues.search("Symposium on Cloud Computing")  # the built-in venues stay


# --- the judged sample's arithmetic (the sample itself lives outside the project) ---


def load_script(name: str):
    sys.path.insert(0, str(SCRIPTS))
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_judged_sample_counts_kept_and_removed_pairs(tmp_path):
    sample = load_script("sample_skills")
    rows = [
        {
            "doc": "a",
            "role": "ml-engineer",
            "academic": "n",
            "skill_id": "python",
            "label": "Python",
            "section": "skills",
            "evidence": "Python, SQL",
        },
        {
            "doc": "b",
            "role": "research-scientist",
            "academic": "y",
            "skill_id": "snowflake",
            "label": "Snowflake",
            "section": "experience",
            "evidence": "Scientist @ Snowflake",
        },
        {
            "doc": "b",
            "role": "research-scientist",
            "academic": "y",
            "skill_id": "pytorch",
            "label": "PyTorch",
            "section": "experience",
            "evidence": "Trained models in PyTorch",
        },
    ]
    for row, judgement in zip(rows, ("right", "wrong", "right"), strict=True):
        row.update(judgement=judgement, note="")
    path = tmp_path / "sample.tsv"
    sample.write_sample(path, rows)
    found = {"a": {("python", "Python, SQL")}, "b": {("pytorch", "Trained models in PyTorch")}}
    figures = sample.sample_figures(sample.read_sample(path), found)
    assert figures["all"] == {"judged": 3, "kept": 2, "kept_right": 2, "removed_right": 0, "removed_wrong": 1, "precision": 1.0}
    assert figures["academic"]["judged"] == 2 and figures["academic"]["removed_wrong"] == 1


def test_the_evaluation_skips_an_absent_sample(tmp_path):
    evaluate = load_script("evaluate")
    assert evaluate.judged_sample_figures([], tmp_path / "absent.tsv") is None
