"""Sections from heading layout and vocabulary."""

from __future__ import annotations

from dataclasses import replace

import builders
from hypothesis import given, settings
from hypothesis import strategies as st

from service.documents import Document, Line, read_document
from service.sections import GLUED_HEADING, HEADING_ENDS, MAX_CAPS_PREFIX, TRAILING_RULE, _normal, _unglue, _without_rule, split_sections
from skill_taxonomy.lexicon import builtin_lexicon


def names(document):
    return [(section.name, [line.text for line in section.lines]) for section in split_sections(document)]


def test_pdf_headings_by_layout_and_vocabulary():
    document = read_document(builders.one_column_pdf(), max_bytes=10**7, max_pages=5, max_characters=10**6)
    found = dict(names(document))
    assert list(found) == ["header", "experience", "education", "skills"]
    assert found["header"] == ["Jane Q. Doe", "jane.doe@example.org | +1 555 0100"]
    assert found["skills"] == ["Python, SQL, PyTorch, Docker, Kubernetes, MLflow, Airflow, Spark"]


def text_document(text: str) -> Document:
    return Document("text/plain", 1, tuple(Line(t, 1) for t in text.splitlines() if t.strip()))


def test_heading_variants_map_to_canonical_sections():
    document = text_document(
        "Jane\nPROFESSIONAL EXPERIENCE\na job\nSelected Publications (2019-2024)\na paper\n"
        "Education & Training:\na degree\nTechnical Skills\nPython\nRelevant Coursework\nAlgorithms\nHonors and Awards\nPrize"
    )
    assert [name for name, _ in names(document)] == ["header", "experience", "publications", "education", "skills", "coursework", "awards"]


def test_current_and_previous_positions_are_experience():
    document = text_document("Jane\nCurrent Position\na job\nEducation\na degree\nPrevious Positions\nan older job")
    assert [name for name, _ in names(document)] == ["header", "experience", "education", "experience"]


def test_inline_label_starts_a_section_and_keeps_its_content():
    document = text_document("Jane Doe\nSkills: Python, SQL, Docker\nExperience\nBuilt things")
    found = dict(names(document))
    assert found["skills"] == ["Skills: Python, SQL, Docker"]
    assert found["experience"] == ["Built things"]


def test_a_sentence_that_mentions_a_heading_word_is_not_a_heading():
    document = text_document("Experience\nI gained experience with Python and education technology.\nEducation\nBSc")
    assert [name for name, _ in names(document)] == ["experience", "education"]


def test_category_label_inside_skills_stays_in_skills():
    document = text_document("Technical Skills\nLanguages: Python, Go\nFrameworks: PyTorch")
    assert names(document) == [("skills", ["Languages: Python, Go", "Frameworks: PyTorch"])]


def test_a_heading_joining_two_sections_stays_one_heading():
    # "EDUCATION & EXPERIENCE" is filed under experience (jobs are dated there) and is not split
    # into an empty education section and a stray "& EXPERIENCE"
    found = names(text_document("Jane Roe\nEDUCATION & EXPERIENCE\nPh.D. in Computer Science, Example University 2019 - 2024"))
    assert found == [("header", ["Jane Roe"]), ("experience", ["Ph.D. in Computer Science, Example University 2019 - 2024"])]


def test_a_job_title_in_capitals_is_not_a_heading_glued_to_its_first_item():
    # "TECHNICAL SKILLS SQL, Oracle" splits into a heading and its item; "RESEARCH SCIENTIST | ACME"
    # does not, though "research" alone is a heading word: a job noun follows it
    found = names(text_document("Jane Roe\nExperience\nRESEARCH SCIENTIST | ACME LABS (2020 - Present)\nSOFTWARE ENGINEER, ML | INITECH"))
    assert found == [
        ("header", ["Jane Roe"]),
        ("experience", ["RESEARCH SCIENTIST | ACME LABS (2020 - Present)", "SOFTWARE ENGINEER, ML | INITECH"]),
    ]


LINE_PIECES = st.sampled_from(
    ["Skills", "EDUCATION", "Education Details", "and", "R&D", "&", "x", "a.", "2021)", "!", " ", "  ", "\t", "\u00a0", "\u2003", "\n"]
    + ["_", "____", "=", "====", "-", "------", "–", "——————", "—", ":", "|", "Python", "Ö", "ß"]
)


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(LINE_PIECES, max_size=10))
def test_a_line_is_read_for_a_rule_or_a_glued_heading_wherever_one_can_end_it(pieces):
    text = "".join(pieces)
    line = Line(text=text, page=1)
    bare = TRAILING_RULE.sub("", text)
    read = _without_rule(line)
    assert read.text == bare and (read is line) == (bare == text)
    if GLUED_HEADING.match(text) is not None:
        assert text.rstrip()[-1:] in HEADING_ENDS


def plain_unglue(line, phrases, job_nouns):
    """`_unglue` as it reads without its shortcuts: the pattern tried on every line, every prefix
    of capitals weighed."""
    glued = GLUED_HEADING.match(line.text)
    if glued and _normal(glued["head"]) in phrases and " " not in glued["body"][-1:]:
        return [replace(line, text=glued["body"]), replace(line, text=glued["head"], heading=True)]
    words = line.text.split()
    for size in range(min(MAX_CAPS_PREFIX, len(words) - 1), 0, -1):
        head = " ".join(words[:size])
        joined = words[size].lower() in {"&", "and"}
        titled = words[size].lower().strip(",;:|") in job_nouns
        if head.isupper() and len(head) >= 4 and _normal(head) in phrases and not joined and not titled:
            return [replace(line, text=head, heading=True), replace(line, text=" ".join(words[size:]))]
    return [line]


# words and marks that make glued headings, capitals and their neighbours: titlecase letters
# (ǅ), lowercase letters without capitals (ª, ß), capitals without case pairs
GLUE_PIECES = st.sampled_from(
    ["Skills", "SKILLS", "TECHNICAL", "EDUCATION", "Education Details", "Details", "EXPERIENCE", "RESEARCH", "ENGINEER"]
    + ["proactively.", "x", "a", "and", "&", "R&D", "2021)", "•", "-", "|", ",", ":", "ML", "SQL", "AI", "Ö", "ß", "\u00aa"]
    + ["\u01c5", "\u01c4", "\u2160", "\u24b6", " ", " ", " ", "\t", "\u00a0", "\n"]
)


@settings(max_examples=1000, deadline=None)
@given(pieces=st.lists(GLUE_PIECES, max_size=12))
def test_a_line_is_unglued_as_every_pattern_and_prefix_would_unglue_it(pieces):
    lexicon = builtin_lexicon()
    line = Line(text="".join(pieces), page=1)
    found = _unglue(line, lexicon.resume_headings, lexicon.job_nouns)
    expected = plain_unglue(line, lexicon.resume_headings, lexicon.job_nouns)
    assert [(piece.text, piece.heading) for piece in found] == [(piece.text, piece.heading) for piece in expected]
