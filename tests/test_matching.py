"""The skill matcher: aliases on token boundaries, and the traps of ambiguous names."""

from __future__ import annotations

import bisect

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

from service.documents import Line
from service.matching import find_skills
from service.sections import Section


def skills_in(nlp, text: str, section: str = "experience") -> list[str]:
    lines = [Line(t, 1) for t in text.splitlines()]
    return [m.skill_id for m in find_skills([Section(section, "", lines)], nlp)]


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Ran clusters on k8s for the ML platform.", "kubernetes"),
        ("Trained models with sklearn and Postgres data.", "scikit-learn"),
        ("Trained models with sklearn and Postgres data.", "postgresql"),
        ("Migrated pipelines to Spark 3.x and Python 3.", "python"),
        ("Built services on GCP and AWS.", "gcp"),
        ("Fine-tuned HF Transformers models.", "hugging-face-transformers"),
        ("Worked with PyTorch and JAX.", "jax"),
        ("Designed CI/CD pipelines.", "ci-cd"),
        ("Designed and analysed A/B tests.", "ab-testing"),
        ("Ran online A/B experiments and interleaving experiments for ranking.", "ab-testing"),
        ("Built a REST API in C++ and C#.", "cpp"),
        ("Built a REST API in C++ and C#.", "c-sharp"),
        ("Trained the models on Google AI Platform.", "vertex-ai"),
        ("Served predictions from Cloud AI Platform.", "vertex-ai"),
    ],
)
def test_aliases_and_abbreviations(blank_nlp, text, skill):
    assert skill in skills_in(blank_nlp, text)


@pytest.mark.parametrize(
    ("text", "not_skill"),
    [
        ("We are going forward with the plan.", "go"),
        ("Go to market strategy for retail clients.", "go"),
        ("Led R&D for the consumer division.", "r"),
        ("Reported to C-level executives.", "c"),
        ("Reported to the C-suite weekly.", "c"),
        ("The talk sparked interest among customers.", "apache-spark"),
        ("Sparked a new initiative in customer service.", "apache-spark"),
        ("Built front ends in JavaScript.", "java"),
        ("Rust prevention on bridges and steel structures.", "rust"),
        ("Julia managed the front desk.", "julia"),
        ("Taylor Swift fan club organiser.", "swift"),
        ("React quickly to customer complaints.", "react"),
        ("Grade: C. Distinction in mathematics.", "c"),
        ("Managed airflow and ventilation in the HVAC system.", "airflow"),
        ("Cleaned a lab flask after each experiment.", "flask"),
        ("R. Fergus and D. Yarats, Learning things.", "r"),
    ],
)
def test_ambiguous_names_need_technical_sense(blank_nlp, text, not_skill):
    assert not_skill not in skills_in(blank_nlp, text)


@pytest.mark.parametrize(
    ("text", "not_skill"),
    [
        ("Built our conversational AI platform for banks.", "vertex-ai"),
        ("Sees a programming language as a tool to get a job done.", "a-programming-language-apl"),
    ],
)
def test_a_generic_phrase_names_no_product(blank_nlp, text, not_skill):
    assert not_skill not in skills_in(blank_nlp, text)


@pytest.mark.parametrize(
    ("text", "section", "skill"),
    [
        ("Go, Rust, C", "skills", "go"),
        ("Go, Rust, C", "skills", "c"),
        ("Languages: R, Julia, Scala", "skills", "r"),
        ("Wrote backend services in Go and Python.", "experience", "go"),
        ("Wrote data jobs in Scala and Spark on Hadoop.", "experience", "apache-spark"),
        ("Statistical models in R with ggplot2 and SQL.", "experience", "r"),
    ],
)
def test_ambiguous_names_count_with_technical_context(blank_nlp, text, section, skill):
    assert skill in skills_in(blank_nlp, text, section)


def test_longest_name_wins(blank_nlp):
    assert skills_in(blank_nlp, "Built pipelines on Apache Spark.") == ["apache-spark"]


def test_name_broken_across_lines_still_counts(blank_nlp):
    assert "machine-learning" in skills_in(blank_nlp, "Applied machine\nlearning to fraud.")


def test_evidence_carries_line_section_and_page(blank_nlp):
    lines = [Line("Summary of work", 1), Line("Deployed PyTorch models with Docker.", 2)]
    mentions = find_skills([Section("experience", "Experience", lines)], blank_nlp)
    docker = next(m for m in mentions if m.skill_id == "docker")
    assert (docker.text, docker.section, docker.page) == ("Deployed PyTorch models with Docker.", "experience", 2)


def test_long_line_evidence_is_the_sentence(blank_nlp):
    text = "I worked on many things in many places for many years. " * 5 + "Then I used Kubernetes daily. " + "More words follow here. " * 6
    mention = next(m for m in find_skills([Section("experience", "", [Line(text, 1)])], blank_nlp) if m.skill_id == "kubernetes")
    assert mention.text == "Then I used Kubernetes daily."


def test_the_component_runs_on_a_plain_blank_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("skill_matcher")
    doc = nlp("Shipped Kubernetes operators in Go and Python.")
    assert [span.label_ for span in doc.spans["skills"]] == ["kubernetes", "python"]
    assert [span.label_ for span in doc.spans["skill_candidates"]] == ["go"]


@pytest.mark.parametrize(("text", "skill"), [("Python- Experience - 24 months", "python"), ("C- Experience - 6 months", "c")])
def test_skill_lists_with_trailing_hyphens(blank_nlp, text, skill):
    assert skill in skills_in(blank_nlp, text, "skills")


def contexts(nlp, text: str, section: str = "experience") -> dict[str, str]:
    lines = [Line(t, 1) for t in text.splitlines()]
    return {m.skill_id: m.context for m in find_skills([Section(section, "", lines)], nlp)}


def test_negated_skills_do_not_count(blank_nlp):
    found = contexts(blank_nlp, "Built services in Python; no experience with Java or Scala.\nDeployed without Kubernetes.")
    assert found == {"python": "used"}


def test_familiar_with_and_coursework_count_less(blank_nlp):
    assert contexts(blank_nlp, "Python, SQL. Familiar with Docker, Kubernetes", "skills") == {
        "python": "listed",
        "sql": "listed",
        "docker": "weak",
        "kubernetes": "weak",
    }
    # A course's title shows its field, weakly; a tool named in it is the course's (tests/test_skill_context.py).
    assert contexts(blank_nlp, "Machine Learning with PyTorch", "coursework") == {"machine-learning": "weak"}
    assert contexts(blank_nlp, "Deployed models without downtime using Docker.") == {"docker": "used"}


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Built data pipelines and recommender systems.", "data-pipelines"),
        ("Built data pipelines and recommender systems.", "recommender-systems"),
        ("Upgraded jobs to Spark 3.x on Hadoop.", "apache-spark"),
        ("Ported services to .NET and Python 3.", "c-sharp"),
        ("Ran large language models on GPUs.", "gpu"),
    ],
)
def test_plurals_and_versions(blank_nlp, text, skill):
    assert skill in skills_in(blank_nlp, text)


def test_letters_only_chunks_skip_affix_rules_without_changing_tokens(blank_nlp):
    """The tokenizer's shortcut for chunks of letters gives exactly spaCy's own tokens."""
    plain = spacy.blank("en")
    plain.tokenizer.suffix_search = blank_nlp.tokenizer.suffix_search
    text = (
        "I cannot (gonna) don't stop: U.S. teams used C++, C#, Node.js and state-of-the-art k8s; 10km, 16GB, "
        'Python- Experience - 12 months. "Quoted" words... naïve café Müller\'s résumé! e-mail@x.org https://a.io/b?c=d '
        "R&D, A/B tests, (PyTorch/TensorFlow), 3.5+ years, O'Neil, rock'n'roll, 'single', ‘curly’, über—dash–en"
    )
    assert blank_nlp.tokenizer.token_match is not None
    assert plain.tokenizer.token_match is None
    assert [t.text for t in blank_nlp.tokenizer(text)] == [t.text for t in plain.tokenizer(text)]


def test_a_request_leaves_no_word_of_the_resume_in_the_vocabulary(blank_nlp, taxonomy):
    from service.analysis import Limits, analyze

    strings, lexemes = len(blank_nlp.vocab.strings), {lexeme.orth for lexeme in blank_nlp.vocab}
    text = "Zorblaxia Quuxington\nExperience\nBuilt Frobnicatorix services in Python at Wibblecorp, 2019 - 2023.\n"
    result = analyze(text, nlp=blank_nlp, taxonomy=taxonomy, limits=Limits())
    assert "python" in [s.id for s in result.profile.skills]
    for word in ("Zorblaxia", "Quuxington", "Frobnicatorix", "Wibblecorp"):
        assert word not in blank_nlp.vocab.strings
    # (len(vocab) counts every lexeme ever made, freed or not: the lexemes themselves are compared)
    assert (len(blank_nlp.vocab.strings), {lexeme.orth for lexeme in blank_nlp.vocab}) == (strings, lexemes)


def test_common_job_words_are_held_from_the_start(blank_nlp):
    for form in ("developed", "Developed", "managed", "Customer", "API"):
        assert form in blank_nlp.vocab.strings


def test_evidence_marks_where_the_name_stands(blank_nlp, taxonomy):
    from service.analysis import Limits, analyze

    long_line = "Led the data platform team. " * 8 + "Ran the training jobs on Kubernetes with Airflow schedules. " + "More words. " * 10
    text = f"Experience\nShipped services in Python and k8s at Initech, 2019 - 2023.\n{long_line}\n"
    skills = {s["id"]: s for s in analyze(text, nlp=blank_nlp, taxonomy=taxonomy, limits=Limits()).as_dict()["profile"]["skills"]}
    marked = {(e["text"][slice(*e["highlight"])]) for s in skills.values() for e in s["evidence"]}
    assert {"Python", "k8s", "Kubernetes", "Airflow"} <= marked
    assert all(len(e["text"]) <= 240 for s in skills.values() for e in s["evidence"])


@given(starts=st.lists(st.integers(1, 20), max_size=8), char=st.integers(0, 200))
def test_line_of_a_character(starts, char):
    """find_skills reads a name's line from the lines' offsets with bisect."""
    offsets = [sum(starts[:index]) for index in range(len(starts) + 1)]  # from 0, rising
    plain = max(index for index, start in enumerate(offsets) if start <= char)
    assert bisect.bisect_right(offsets, char) - 1 == plain


def test_a_section_is_matched_as_nlp_pipe_would_match_it(blank_nlp):
    """find_skills runs the skill matcher on the section's tokens itself: the spans nlp.pipe gives."""
    texts = ["Built ETL in Python, Spark and AWS; Go, Rust, Scala.", "Spring 2018: Java, React (Ant Design), R&D"]
    disable = [name for name in blank_nlp.pipe_names if name != "skill_matcher"]
    matcher = blank_nlp.get_pipe("skill_matcher")
    with blank_nlp.memory_zone():
        piped = list(blank_nlp.pipe(texts, disable=disable))
        direct = [matcher(blank_nlp.make_doc(text)) for text in texts]
        spans = [
            [[(s.start, s.end, s.label_) for key in ("skills", "skill_candidates") for s in doc.spans[key]] for doc in docs]
            for docs in (piped, direct)
        ]
    assert spans[0] == spans[1] and all(spans[0])
