"""Reading documents: formats, the extraction traps of real resumes, and every failure."""

from __future__ import annotations

import io
import sys

import builders
import ftfy
import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.documents import DOCX, MARKDOWN, PDF, TEXT, clean_text, read_document, sniff_media_type
from service.documents.cleaning import _fixed
from service.documents.wordbreaks import WORD_BREAKS
from service.exceptions import (
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    TooManyPages,
    UnreadableDocument,
    UnsupportedMediaType,
)

LIMITS = {"max_bytes": 10 * 1024 * 1024, "max_pages": 30, "max_characters": 200_000}


def read(data, **overrides):
    return read_document(data, **{**LIMITS, **overrides})


def texts(document):
    return [line.text for line in document.lines]


def test_type_comes_from_the_bytes_not_the_name():
    assert sniff_media_type(builders.one_column_pdf()) == PDF
    assert sniff_media_type(builders.docx_resume()) == DOCX
    assert sniff_media_type(b"Jane Doe\nSkills: Python") == TEXT
    assert sniff_media_type(b"# Jane Doe\n## Skills\n- Python") == MARKDOWN


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (builders.png_bytes(), "PNG image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Word 97-2003"),
        (builders.zip_bytes(), "not a Word"),
        (b"{\\rtf1\\ansi Jane}", "RTF"),
        (bytes(range(256)) * 8, "not a PDF"),
    ],
)
def test_unsupported_types_are_named(data, says):
    with pytest.raises(UnsupportedMediaType, match=says):
        read(data)


def test_one_column_pdf_lines_keep_font_and_page():
    document = read(builders.one_column_pdf())
    assert document.media_type == PDF and document.pages == 1 and document.layout == "single-column"
    name = document.lines[0]
    assert name.text == "Jane Q. Doe" and name.bold and name.size == 20.0
    assert "Deployed PyTorch models to production with Docker and Kubernetes on AWS." in texts(document)
    assert all(line.page == 1 for line in document.lines)


def test_glued_words_from_positioned_text_are_split():
    data = builders.positioned_words_pdf()
    with pdfplumber.open(io.BytesIO(data)) as pdf:  # the trap is real with default tolerances
        assert "SeniorMachineLearningEngineer" in pdf.pages[0].extract_text()
    document = read(data)
    assert texts(document)[0] == "Senior Machine Learning Engineer at Example Labs"


def test_two_column_cv_reads_each_column_in_turn():
    document = read(builders.two_column_pdf())
    lines = texts(document)
    assert document.layout == "multi-column"
    assert lines[0] == "Jane Q. Doe"
    left = [i for i, text in enumerate(lines) if text.startswith("Left column") or text == "Experience"]
    right = [i for i, text in enumerate(lines) if text.startswith("Right column") or text == "Skills"]
    assert left == list(range(left[0], left[0] + 15)), "the left column's lines stay together"
    assert right == list(range(right[0], right[0] + 15)), "the right column's lines stay together"
    assert max(left) < min(right)
    assert lines[left[1]] == "Left column line 1 about pipelines and Spark jobs"


def test_ligatures_hyphenation_bullets_and_icons():
    lines = texts(read(builders.ligature_pdf()))
    assert "Built financial models and workflow automation for the analytics team." in lines
    assert "Led the experience" in lines  # "experi-" + "ence" joined, the icon glyph dropped
    assert "Python SQL Tableau Docker" in lines  # bullets dropped
    assert not any(ch in "".join(lines) for ch in "\u2022\uf0e0\ufb01\ufb02")


def test_docx_paragraphs_and_tables_in_order():
    document = read(builders.docx_resume())
    assert document.media_type == DOCX
    lines = texts(document)
    assert lines.index("Experience") < lines.index("Python, Go, SQL") < lines.index("PyTorch, FastAPI") < lines.index("Education")
    assert "Frameworks" in lines
    assert next(line for line in document.lines if line.text == "Skills").heading


def test_text_in_another_encoding_is_decoded():
    data = ("Jos\u00e9 M\u00fcller\nExperience\nIngeni\u00e9ro de donn\u00e9es, built Spark pipelines and SQL models " * 3).encode(
        "latin-1"
    )
    document = read(data)
    assert document.lines[0].text.startswith("José Müller")


def test_markdown_headings_are_marked():
    document = read(b"# Jane Doe\n\n## Experience\n\n- **Deployed** models with `Docker` and Kubernetes for many customers.\n")
    heading = next(line for line in document.lines if line.text == "Experience")
    assert heading.heading
    assert "Deployed models with Docker and Kubernetes for many customers." in texts(document)


def test_a_rule_under_a_plain_text_heading_underlines_it():
    document = read(
        b"Jane Doe\n\nSelected Publications\n---------------------\nJ. Doe, A. Smith. Fast things. NeurIPS 2021.\n"
        b"\n* * *\nExperience\n==========\nData Scientist, Acme (2020 - Present)\n"
    )
    assert texts(document) == [
        "Jane Doe",
        "Selected Publications",
        "J. Doe, A. Smith. Fast things. NeurIPS 2021.",
        "Experience",
        "Data Scientist, Acme (2020 - Present)",
    ]
    assert [line.heading for line in document.lines] == [False, True, False, True, False]


def test_text_given_as_a_string_is_never_sniffed_as_another_type():
    document = read("%PDF- is how a PDF starts, and this resume explains it in plain words with Python.")
    assert document.media_type == TEXT


def test_encrypted_pdf():
    with pytest.raises(EncryptedDocument):
        read(builders.encrypted_pdf())


@pytest.mark.parametrize("data", [builders.corrupt_pdf(), builders.one_column_pdf()[:400], b"%PDF-1.4\n" + b"\xff" * 2000])
def test_corrupt_pdf(data):
    with pytest.raises(UnreadableDocument):
        read(data)


def test_damaged_docx():
    data = builders.docx_resume()
    broken = data.replace(b"word/document.xml", b"word/documenX.xml")
    with pytest.raises((UnreadableDocument, UnsupportedMediaType)):
        read(broken)
    with pytest.raises(UnreadableDocument):
        read(data[:200])


def test_image_only_pdf_has_no_usable_text():
    with pytest.raises(EmptyDocument, match="scanned image"):
        read(builders.image_only_pdf())


@pytest.mark.parametrize("data", [b"", b"   \n\t ", b"a b c"])
def test_empty_or_nearly_empty_documents(data):
    with pytest.raises(EmptyDocument):
        read(data)


def test_forty_letters_and_digits_over_several_lines_are_enough():
    assert texts(read("Skills:\n" + "Python SQL " * 3 + "\nAWS 2019")) == ["Skills:", "Python SQL Python SQL Python SQL", "AWS 2019"]
    with pytest.raises(EmptyDocument):
        read("Skills:\n" + "Python SQL " * 3 + "\nAW 2019")  # 39


def test_too_many_bytes():
    with pytest.raises(DocumentTooLarge, match="bytes"):
        read(b"x" * 2000, max_bytes=1000)


def test_too_many_pages():
    with pytest.raises(TooManyPages, match="31 pages"):
        read(builders.one_column_pdf(pages=31))


def test_too_much_text():
    with pytest.raises(DocumentTooLarge, match="characters"):
        read(b"Python and SQL engineer. " * 100, max_characters=1000)


@pytest.mark.parametrize(
    "build", [builders.one_column_pdf, builders.two_column_pdf, builders.positioned_words_pdf, builders.ligature_pdf, builders.docx_resume]
)
def test_both_pdf_readers_give_the_same_lines(build):
    data = build()
    fast, plumber = read(data), read(data, pdf_reader="pdfplumber")
    assert texts(fast) == texts(plumber)
    assert [(line.page, line.bold) for line in fast.lines] == [(line.page, line.bold) for line in plumber.lines]
    assert fast.layout == plumber.layout


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_both_readers_refuse_bad_pdfs(reader):
    with pytest.raises(EncryptedDocument):
        read(builders.encrypted_pdf(), pdf_reader=reader)
    with pytest.raises(UnreadableDocument):
        read(builders.corrupt_pdf(), pdf_reader=reader)
    with pytest.raises(EmptyDocument):
        read(builders.image_only_pdf(), pdf_reader=reader)
    with pytest.raises(TooManyPages):
        read(builders.one_column_pdf(pages=31), pdf_reader=reader)


def test_mojibake_and_entities_are_repaired_beside_plain_lines():
    lines = [
        b"Jane Doe",
        b"Experience",
        b"Built the team\xe2\x80\x99s models with Python and SQL.",
        b"Led R&amp;D tools.",
        b"Plain A&B line.",
    ]
    document = read(builders.raw_pdf(builders.text_lines_stream(lines)))
    assert texts(document) == [
        "Jane Doe",
        "Experience",
        "Built the team's models with Python and SQL.",
        "Led R&D tools.",
        "Plain A&B line.",
    ]


# Printable ASCII, the characters ftfy leaves as they are, and some it repairs beside them.
CLEAN_LINE_CHARACTERS = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.sampled_from("\u2022\u2013\u2014\u00b7\u00ad\u25cf\u25e6\u25cb\u2192\u22c4\u2011"),
    st.sampled_from(["&amp;", "&#8226;", "&;", "\u00c2", "\u00e9", "\u20ac", "\u2019", "\u00e2\u20ac\u00a2", "\x7f", "\u00bc"]),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(CLEAN_LINE_CHARACTERS, max_size=40).map("".join))
def test_lines_that_skip_ftfy_are_lines_it_leaves_as_they_are(text):
    assert _fixed(text) == ftfy.fix_text(text)


@pytest.mark.parametrize(
    "text", ["R&D; QA", "R&D \u2022 QA", "\u2022 Led R&amp;D \u2013 tools", "\u00e2\u20ac\u00a2 Python", "Caf\u00e9 \u2022 bar"]
)
def test_lines_with_an_entity_or_mojibake_are_repaired_as_ftfy_does(text):
    assert _fixed(text) == ftfy.fix_text(text)


def test_control_characters_are_dropped_and_tabs_folded():
    assert clean_text("Python\x07 and\tSQL\u200b,\x00 Spark") == "Python and SQL, Spark"


def test_pdfium_words_break_at_every_white_space():
    assert {code for code in range(sys.maxunicode + 1) if chr(code).isspace()} | {0} == WORD_BREAKS
