"""Layout classes that real resumes have and the reader once got wrong, on PDFs built here:
a two-column block of rows at the top of a one-column page (a skills list beside education, a
header with contacts beside the name) read column by column, and text lines stacked in one row
(a place wrapped on two lines beside a taller line, a bullet taller than the two lines it stands
beside) read line by line with their words together. Each holds for both PDF readers, and the
ordinary one-column and two-column resumes read exactly as before."""

from __future__ import annotations

import builders
import pytest
from fpdf import FPDF

from service.documents import read_document

LIMITS = {"max_bytes": 10 * 1024 * 1024, "max_pages": 30, "max_characters": 200_000}
READERS = ["pdfium", "pdfplumber"]

SKILLS = [
    "Core Languages: C++, Python, SQL, Bash, TypeScript",
    "ML & Vision: PyTorch, ONNX, TensorRT, OpenCV, Monocular",
    "Depth Estimation, Semantic Segmentation, Object Detection &",
    "Tracking, Model Fine-Tuning",
    "Runtimes: Unreal Engine, C++ Inference Runtimes,",
    "Tensor Processing Pipelines, GPU Memory Management",
    "Tools: Git, Docker, GitHub Actions, Jenkins, Linux",
]
EDUCATION = [
    "2017 - 2020: BSc Physics (First Class)",
    "Queen Mary University of London, London, UK",
    "2016 - 2017: Access to Science Diploma",
    "Tower Hamlets College, London, UK",
]
BODY = [
    "Machine Learning Engineer, Acme Robotics (Jan 2021 - Present)",
    "Deployed PyTorch perception models to production with Docker and Kubernetes on AWS.",
    "Built TensorRT inference services answering two million requests a day.",
    "Data Scientist, Initech (Mar 2018 - Dec 2020)",
    "Ran A/B tests and built forecasting models with scikit-learn and pandas.",
]


def read(data: bytes, reader: str):
    return read_document(data, pdf_reader=reader, **LIMITS)


def texts(document) -> list[str]:
    return [line.text for line in document.lines]


def _page() -> FPDF:
    pdf = FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    return pdf


def _body(pdf: FPDF, top: float) -> None:
    """One-column text across the page below the top block: a heading and full-width lines."""
    pdf.set_font("helvetica", "B", 12)
    pdf.text(42, top, "Experience")
    pdf.set_font("helvetica", "", 10)
    for i, line in enumerate(BODY):
        pdf.text(42, top + 18 + 14 * i, line)


def top_block_pdf() -> bytes:
    """A skills list on the left (x0 42) beside education on the right (x0 312), on line grids
    of their own, above a one-column page: rows of the two sides overlap and merged once
    ("... Object Detection & Education:")."""
    pdf = _page()
    pdf.set_font("helvetica", "B", 18)
    pdf.text(42, 40, "Jane Q. Doe")
    pdf.set_font("helvetica", "B", 10)
    pdf.text(42, 72, "Skills:")
    pdf.set_font("helvetica", "", 9)
    for i, line in enumerate(SKILLS):
        pdf.text(42, 85 + 11.5 * i, line)
    pdf.set_font("helvetica", "B", 10)
    pdf.text(312, 91, "Education:")
    pdf.set_font("helvetica", "", 9)
    for i, line in enumerate(EDUCATION):
        pdf.text(312, 106 + 13 * i + 4 * (i // 2), line)
    _body(pdf, 200)
    return bytes(pdf.output())


def two_column_header_pdf() -> bytes:
    """A header of two columns: phone and city on the left, the name and a GitHub address on
    the right, above a one-column page; the name's row once took the city line with it."""
    pdf = _page()
    pdf.set_font("helvetica", "", 10)
    pdf.text(42, 44, "+1 315 555 0100")
    pdf.text(42, 57, "Syracuse, NY")
    pdf.set_font("helvetica", "B", 20)
    pdf.text(312, 50, "Jane Q. Doe")
    pdf.set_font("helvetica", "", 10)
    pdf.text(312, 68, "github.com/janedoe")
    _body(pdf, 110)
    return bytes(pdf.output())


def wrapped_cell_pdf() -> bytes:
    """Entries whose place, set flush right, wraps on two short lines beside a taller line of
    the entry: the rows of the two sides overlap and were once read as one, word by word
    ("Syracuse, New University York, USA")."""
    pdf = _page()
    right = 570
    pdf.set_font("helvetica", "B", 18)
    pdf.text(42, 40, "Jane Q. Doe")
    for top, left, place in (
        (90, "Syracuse University", ("Syracuse, New", "York, USA")),
        (140, "Queen Mary College", ("Mile End, London,", "United Kingdom")),
    ):
        pdf.set_font("helvetica", "B", 16)
        pdf.text(42, top + 4, left)
        pdf.set_font("helvetica", "I", 9)
        for i, text in enumerate(place):
            pdf.text(right - pdf.get_string_width(text), top + 9 * i, text)
    _body(pdf, 200)
    return bytes(pdf.output())


def tall_bullet_pdf() -> bytes:
    """Entries of two lines beside a bullet glyph taller than either: the bullet reaches both
    lines, and their words were once read as one row ("Graduate - Present Research Assistant")."""
    pdf = _page()
    pdf.set_font("helvetica", "B", 18)
    pdf.text(42, 40, "Jane Q. Doe")
    entries = [
        ("Graduate Research Assistant, Mind-Body Lab, January 2019 to", "Present, Syracuse University"),
        ("Visiting Graduate Researcher, Locomotion and Robotics Lab,", "September 2021 - Present, Purdue University"),
    ]
    for i, (first, second) in enumerate(entries):
        top = 90 + 40 * i
        pdf.set_font("helvetica", "B", 24)
        pdf.text(46, top + 8, "\u00b7")  # a bullet whose glyph box reaches both lines
        pdf.set_font("helvetica", "", 10)
        pdf.text(66, top, first)
        pdf.text(66, top + 12, second)
    _body(pdf, 200)
    return bytes(pdf.output())


def _in_order(lines: list[str], expected: list[str]) -> list[int]:
    """Where each expected line stands among the lines read (each must stand whole, on its own)."""
    for text in expected:
        assert text in lines, f"{text!r} is not a line of its own in {lines}"
    return [lines.index(text) for text in expected]


@pytest.mark.parametrize("reader", READERS)
def test_top_block_of_two_columns_reads_column_by_column(reader):
    document = read(top_block_pdf(), reader)
    lines = texts(document)
    left = _in_order(lines, ["Skills:", *SKILLS])
    right = _in_order(lines, ["Education:", *EDUCATION])
    body = _in_order(lines, ["Experience", *BODY])
    assert left == list(range(left[0], left[0] + len(left))), "the left column's lines stay together, in order"
    assert right == list(range(right[0], right[0] + len(right))), "the right column's lines stay together, in order"
    assert lines[0] == "Jane Q. Doe" and max(left) < min(right) and max(right) < min(body)
    assert body == list(range(body[0], body[0] + len(body))), "the one-column rest reads as before"
    assert document.layout == "multi-column"


@pytest.mark.parametrize("reader", READERS)
def test_two_column_header_reads_column_by_column(reader):
    lines = texts(read(two_column_header_pdf(), reader))
    assert lines[:4] == ["+1 315 555 0100", "Syracuse, NY", "Jane Q. Doe", "github.com/janedoe"]
    assert lines[4:] == ["Experience", *BODY]


@pytest.mark.parametrize("reader", READERS)
def test_place_wrapped_beside_a_taller_line_is_not_interleaved(reader):
    lines = texts(read(wrapped_cell_pdf(), reader))
    for left, place in (("Syracuse University", "Syracuse, New York, USA"), ("Queen Mary College", "Mile End, London, United Kingdom")):
        assert left in lines, f"{left!r} keeps a line of its own"
        assert place in lines, f"{place!r} reads as one line, its words together"
        assert lines.index(place) == lines.index(left) + 1, "the place follows its entry"
    assert lines[-len(BODY) - 1 :] == ["Experience", *BODY]


@pytest.mark.parametrize("reader", READERS)
def test_lines_beside_a_tall_bullet_are_not_interleaved(reader):
    lines = texts(read(tall_bullet_pdf(), reader))
    expected = [
        "Graduate Research Assistant, Mind-Body Lab, January 2019 to",
        "Present, Syracuse University",
        "Visiting Graduate Researcher, Locomotion and Robotics Lab,",
        "September 2021 - Present, Purdue University",
    ]
    assert lines[1:5] == expected
    assert lines[5:] == ["Experience", *BODY]


# What the reader gave for the ordinary resumes before blocks and stacked lines were read apart.
ONE_COLUMN_LINES = [text for text, _ in builders.RESUME_LINES]
TWO_COLUMN_LINES = (
    ["Jane Q. Doe", "Experience"]
    + [f"Left column line {i} about pipelines and Spark jobs" for i in range(1, 15)]
    + ["Skills"]
    + [f"Right column line {i} Python Docker" for i in range(1, 15)]
)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("build", "expected", "layout"),
    [(builders.one_column_pdf, ONE_COLUMN_LINES, "single-column"), (builders.two_column_pdf, TWO_COLUMN_LINES, "multi-column")],
)
def test_ordinary_resumes_read_as_before(reader, build, expected, layout):
    document = read(build(), reader)
    assert texts(document) == expected
    assert document.layout == layout


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(("name", "wrapped"), [("Mei-Ling Tsao", False), ("Lukas Brandstaetter", True)])
def test_a_sidebar_in_smaller_type_reads_as_its_own_column(reader, name, wrapped):
    """A sidebar template: the sidebar's small type runs at its own line step beside the main
    column, and its name in large type reaches towards the main column's first heading on the
    same row; the sidebar reads first, whole, then the main column."""
    document = read(builders.sidebar_pdf(name, wrap_name=wrapped), reader)
    lines = texts(document)
    assert document.layout == "multi-column"
    assert lines[: 2 if wrapped else 1] == (name.split() if wrapped else [name])
    assert lines.index("CONTACT") < lines.index("LANGUAGES") < lines.index("EXPERIENCE")
    assert not any("EXPERIENCE" in line and line != "EXPERIENCE" for line in lines)


@pytest.mark.parametrize(("name", "wrapped"), [("Mei-Ling Tsao", False), ("Lukas Brandstaetter", True)])
def test_the_name_at_the_top_of_a_sidebar_is_found(blank_nlp, taxonomy, name, wrapped):
    from service.analysis import Limits, analyze

    analysis = analyze(builders.sidebar_pdf(name, wrap_name=wrapped), nlp=blank_nlp, taxonomy=taxonomy, limits=Limits(seconds=0))
    assert analysis.profile.signals.name == name
    assert analysis.profile.signals.experience_years and analysis.profile.signals.experience_years > 9
    assert len(analysis.profile.signals.publications) == 1


@pytest.mark.parametrize("reader", READERS)
def test_a_name_centred_over_the_gutter_is_read_whole(reader):
    lines = texts(read(builders.two_column_pdf("Mary Ann Richardson", name_size=40, centred=True), reader))
    assert lines[0] == "Mary Ann Richardson"


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(("build", "row"), [(builders.date_margin_pdf, "Jan 2022 - Present"), (builders.label_table_pdf, "Education:")])
def test_a_margin_of_dates_or_labels_is_read_with_its_rows(reader, build, row):
    """Dates beside each job, or labels beside their values, in other type than the rows they
    stand in: read row by row, each with its row, not as a column of their own."""
    lines = texts(read(build(), reader))
    joined = next(line for line in lines if line.startswith(row))
    assert joined != row  # the row's other side stands on the same line


@pytest.mark.parametrize("reader", READERS)
def test_a_sidebar_of_dated_entries_is_still_a_column(reader):
    """Certifications and degrees with their years in a sidebar are entries, not a margin of dates."""
    document = read(builders.sidebar_pdf(dated=True), reader)
    lines = texts(document)
    assert document.layout == "multi-column"
    assert "EDUCATION" in lines and "EXPERIENCE" in lines and "M.S. Statistics, Example University, 2014" in lines
