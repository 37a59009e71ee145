"""The candidate's name and their papers, on the shapes real CVs give them: a name sharing its
line with contact details (A), a first author written in any citation style (B), and papers
cited where no publications heading stands or ending on a journal and a date (C).

Every document here is made up for the test."""

from __future__ import annotations

import re
import time
from datetime import date

import pytest
from builders import docx_with_a_linked_paper, one_column_pdf, pdf_with_a_linked_paper

from service.documents import Document, Line, read_document
from service.matching import find_skills
from service.sections import split_sections
from service.signals import find_signals
from service.signals.names import find_name

TODAY = date(2026, 6, 15)
BODY = 10.0


def lines_of(text: str, size: float = 0.0) -> list[Line]:
    return [Line(t.strip(), 1, top=12.0 * i, size=size) for i, t in enumerate(text.strip().splitlines()) if t.strip()]


def signals(lines: list[Line], blank_nlp, taxonomy):
    sections = split_sections(Document("text/plain", 1, tuple(lines)))
    return find_signals(sections, find_skills(sections, blank_nlp), taxonomy, blank_nlp, TODAY)


def name_in(lines: list[Line], blank_nlp) -> str | None:
    return find_name(split_sections(Document("text/plain", 1, tuple(lines))), blank_nlp)


def heading(text: str, top: float = 200.0) -> Line:
    return Line(text, 1, top=top, size=13.0, bold=True)


def body(text: str, top: float = 220.0) -> Line:
    return Line(text, 1, top=top, size=BODY)


REST = [heading("Experience"), body("Data Scientist, Acme Corp, 2019 - 2024"), body("Built forecasting models with Python.", 232.0)]


# --- A. the name ---


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Jane Roe  janeroe.github.io  jane@example.org", "Jane Roe"),
        ("Jane Roe | Applied Scientist II @ Amazon | 3YOE", "Jane Roe"),
        ("JANE ROE +1 555 0100", "Jane Roe"),
        ('Jane "Jay" Roe linkedin.com/in/jroe website', 'Jane "Jay" Roe'),
        ("Jane Roe · jane.roe@example.org · (555) 010-0100", "Jane Roe"),
        ("Jane Roe ï https://janeroe.example.org B jroe@example.org", "Jane Roe"),
        ("Jane Roe Data Scientist", "Jane Roe"),
        ("Jane Roe University of Springfield", "Jane Roe"),
    ],
)
def test_name_sharing_its_line_with_contact_details(blank_nlp, line, name):
    """A: contact details, separators and a headline are cut away; the leading run stays."""
    lines = [Line(line, 1, top=20.0, size=20.0), body("Springfield, IL", 40.0), *REST]
    assert name_in(lines, blank_nlp) == name


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("S Varentham", "S Varentham"),  # an initial without its period
        ("Kavali R.", "Kavali R."),  # the surname as an initial
        ("JOSE´ ROE", "Jose Roe"),  # LaTeX sets the accent apart
        ("MARTA ROE ´", "Marta Roe"),
        ("DR. JANE ROE", "Jane Roe"),
        ("Jane Roe, PhD", "Jane Roe"),
        ("Jane Roe Ph.D.", "Jane Roe"),
        ("Jane Q. Roe", "Jane Q. Roe"),
        ("Mary-Ann van der Berg", "Mary-Ann van der Berg"),
        ("Omar al-Rashid", "Omar al-Rashid"),
        ("Zoë Müller-Lüdenscheidt", "Zoë Müller-Lüdenscheidt"),
        ("FABIO BELEÑA", "Fabio Beleña"),
        ("Ana de la Cruz", "Ana de la Cruz"),
        ("Liam McTavish", "Liam McTavish"),
        ("Bruno MARTINEZ", "Bruno MARTINEZ"),
        ("Nguyen Van An", "Nguyen Van An"),  # "Van" a name part, not a common word beside "An"
        ("Le Van Long", "Le Van Long"),
        ("Jordan Ellery-Mba", "Jordan Ellery-Mba"),  # a double-barrelled name holding a degree's letters
        ("Park Ji-hoon", "Park Ji-hoon"),  # a romanised given name, its second syllable in lower case
    ],
)
def test_name_shapes(blank_nlp, line, name):
    """A: initials, particles, hyphens, accents, capitals, titles and degrees."""
    lines = [Line(line, 1, top=20.0, size=18.0), body("roe@example.org", 40.0), *REST]
    assert name_in(lines, blank_nlp) == name


def test_lower_case_name_of_a_docx(blank_nlp):
    """A: a DOCX name typed without capitals, on the first line, sizes unknown."""
    lines = lines_of("jane roe\nSenior Data Scientist\nLondon | jane@example.org\nExperience\nThings")
    assert name_in(lines, blank_nlp) == "Jane Roe"


def test_name_below_a_headline_in_the_largest_type(blank_nlp):
    """A: a headline with phone and e-mail first; the name below it, larger, with a URL and city."""
    lines = [
        Line("Data Analyst (555) 010-0100 | analyst@example.org", 1, top=20.0, size=9.0),
        Line("https://www.example.org/in/someone", 1, top=32.0, size=9.0),
        Line("JANE ROE https://example.org/portfolio Springfield, IL 62701", 1, top=44.0, size=16.0),
        *REST,
    ]
    assert name_in(lines, blank_nlp) == "Jane Roe"


def test_name_in_capitals_beside_its_portfolio_in_body_type(blank_nlp):
    """A: every line at the top in one size: the name is the line whose leading run is a name."""
    lines = [
        Line("Data Analyst (555) 010-0100 | analyst@example.org", 1, top=20.0, size=9.0),
        Line("JANE ROE https://example.org/portfolio Springfield, IL 62701", 1, top=32.0, size=9.0),
        *REST,
    ]
    assert name_in(lines, blank_nlp) == "Jane Roe"


def test_curriculum_vitae_above_the_name(blank_nlp):
    lines = [Line("Curriculum Vitae", 1, top=10.0, size=11.0), Line("Jane Roe", 1, top=24.0, size=15.0), *REST]
    assert name_in(lines, blank_nlp) == "Jane Roe"


def test_contact_addresses_confirm_the_name_over_a_larger_headline(blank_nlp):
    """A: a DOCX without sizes for the name, a foreign-language headline in large type."""
    lines = [
        Line("Jane ROE", 1),
        Line("12 rue des Lilas", 1),
        Line("jane.roe@example.org", 1),
        Line("INGÉNIEURE LOGICIEL", 1, size=22.0, bold=True),
        *REST,
    ]
    assert name_in(lines, blank_nlp) == "Jane ROE"


def test_name_after_a_city_on_a_glued_two_column_header(blank_nlp):
    """A: phone, city and name on one line: the words its web address holds are the name."""
    lines = [
        Line("+1 555 0100 Springfield, Ohio, USA Jane Roe github.com/jane-roe", 1, top=20.0, size=10.0),
        Line("roe.j@example.org ML Engineer linkedin.com/in/jane-roe", 1, top=34.0, size=12.0),
        *REST,
    ]
    assert name_in(lines, blank_nlp) == "Jane Roe"


def test_labelled_name_in_plain_text(blank_nlp):
    assert name_in(lines_of("Personal Details\nName: Jane Roe\nDate of birth: 01/01/1990\nSkills\nPython"), blank_nlp) == "Jane Roe"


@pytest.mark.parametrize(
    "text",
    [
        "Curriculum Vitae\nExperience\nThings",
        "Senior Data Scientist\nExperience\nThings",
        "Staff Accountant | (555) 010-0100\nSummary\nThings",
        "SUBSTITUTE TEACHER\nSummary\nThings",
        "123 Main Street, Springfield, IL 62701\nExperience\nThings",
        "Springfield, IL 62701\nExperience\nThings",
        "Ann Arbor, MI 48109\nExperience\nThings",
        "Acme Analytics Inc.\nExperience\nThings",
        "I am a data scientist with five years of experience.\nExperience\nThings",
        "Hobbies Playing Chess Solving Rubik's Cube Watching Series\nSkills\nPython",
        "MCA Pune, Maharashtra Computer Science\nSkills\nPython",
        "KEY COMPETENCIES Multi - Operations Management\nSkills\nPython",
        "TechnicalProficiencies DB Languages: SQL\nSkills\nPython",
        "B. Com Jiwaji University\nSkills\nPython",
        "Chief Executive Officer\nSummary\nThings",
        "NC AIR GUARD HEALTH SERVICES MANAGER\nSummary\nThings",
        "Skills\nJane Roe\nPython",  # no header before the first heading
        "Data-Engineer Machine-Learning\nSkills\nPython",  # joined title words
        "Data-driven Cloud-based\nSkills\nPython",  # words joined by a hyphen
        "Data-Centric Strategist\nExperience\nThings",  # a tagline, not a double-barrelled name
        "Multi-modal Perception Researcher\nExperience\nThings",
        "Low-rank Adaptation\nExperience\nThings",
    ],
)
def test_no_name_in_headings_titles_addresses_and_sentences(blank_nlp, text):
    """A: headings, job titles, addresses, organisations and sentences are no names."""
    assert name_in(lines_of(text), blank_nlp) is None


def test_name_from_a_pdf_with_a_headline_first(blank_nlp):
    """A: the layout a PDF reader gives (sizes, positions) finds the name below the headline."""
    pdf = one_column_pdf(
        [
            ("Data Analyst | (555) 010-0100 | analyst@example.org", "body"),
            ("JANE ROE  https://janeroe.example.org", "name"),
            ("Experience", "heading"),
            ("Data Analyst, Acme Corp (Jan 2020 - Present)", "body"),
            ("Built dashboards with SQL and Python.", "body"),
        ]
    )
    document = read_document(pdf, max_bytes=10**7, max_pages=5, max_characters=10**6)
    assert find_name(split_sections(document), blank_nlp) == "Jane Roe"


# --- B. first authorship ---


def _only_paper(entry: str, blank_nlp, taxonomy):
    lines = [Line("Jane Roe", 1, top=10.0, size=20.0), heading("Publications", 40.0), *lines_of(entry, BODY)]
    found = signals(lines, blank_nlp, taxonomy)
    assert found.name == "Jane Roe"
    assert len(found.publications) == 1, [p.text for p in found.publications]
    return found.publications[0]


@pytest.mark.parametrize(
    ("entry", "first"),
    [
        ("J. Roe, A. Smith. Fast Things. NeurIPS 2021.", True),
        ("Roe J., Smith A. Fast Things. Nature Methods, 2021.", True),
        ("Roe, J., Smith, A. Fast Things. ICML 2020.", True),
        ("Jane Roe*, Amy Smith*. Fast Things. ICLR 2022.", True),
        ("Roe, Jane, Amy Smith. Fast Things for Slow Data. Journal of Things, 2020.", True),
        ("[3] Jane Roe*, A. Smith, B. Lee. Fast Things. CVPR 2023.", True),
        ('[Interspeech\'25] J Roe, A Smith, B Lee. "Fast Things for Slow Data."', True),
        ("(ICML 2023) Roe, J., Smith, A. Fast Things for Slow Data. ICML.", True),
        ("Roe, J., Smith, A., & Lee, B. (2025). Fast things for slow data. Journal of Things, 4, 1-9.", True),
        ("Fast Things for Slow DataJane Roe, Amy Smith, IEEE Transactions on Things, 2020", True),
        ("A. Smith, J. Roe. Fast Things. NeurIPS 2021.", False),
        ("Smith, A., Roe, J. (2025). Fast things for slow data. Journal of Things.", False),
        ("[4] Amy Smith, Jane Roe*, B. Lee. Fast Things. CVPR 2023.", False),
        ("Smith, A., Belkada, Roe, J. Fast Things. NeurIPS 2021.", False),
        ("A. Smith, B. Lee and R. Roe. Fast Things. NeurIPS 2021.", False),  # another Roe
        # a first author whose surname is also a word, beside written initials
        ("J. Park, J. Roe. Fast Things. NeurIPS 2021.", False),
        ("Bell B., Roe J. Fast Things. Nature Methods, 2021.", False),
    ],
)
def test_first_author_forms(blank_nlp, taxonomy, entry, first):
    """B: the candidate leads the author list in any citation style, after a number or venue tag."""
    assert _only_paper(entry, blank_nlp, taxonomy).first_author is first


def test_first_author_when_the_candidate_goes_by_both_surnames(blank_nlp, taxonomy):
    """B: "Given Surname1 Surname2" is cited under either surname."""
    lines = [
        Line("MARTA FLORES LOPEZ ´", 1, top=10.0, size=20.0),
        heading("Publications", 40.0),
        *lines_of("Flores, M. and Smith, A. (2025). Fast things for slow data. Annals of Things.", BODY),
    ]
    found = signals(lines, blank_nlp, taxonomy)
    assert found.name == "Marta Flores Lopez"
    assert [p.first_author for p in found.publications] == [True]


def test_first_author_over_a_title_and_authors_on_separate_lines(blank_nlp, taxonomy):
    """B: a title line whose last words look like a name does not hide the author line."""
    lines = [
        Line("Jane Roe", 1, top=10.0, size=20.0),
        heading("Publications", 40.0),
        *lines_of(
            """Learning Things from Images
            J. Roe and A. Smith
            AAAI 2021
            Hierarchical Planning with Natural Language Instructions
            H. Hu and J. Roe
            NeurIPS 2019""",
            BODY,
        ),
    ]
    assert [p.first_author for p in signals(lines, blank_nlp, taxonomy).publications] == [True, False]


# --- C. papers missed ---


def test_venue_first_entries_in_a_publications_section(blank_nlp, taxonomy):
    """C: `VENUE YEAR Title, authors, Conference (VENUE), YEAR.` entries wrapped over lines."""
    lines = [
        Line("Jane Roe", 1, top=10.0, size=20.0),
        heading("Publication", 40.0),
        *lines_of(
            """ICPR 2020 Fast Tone Mapping for Slow Cameras, Amy Smith, Bob Lee, Jane Roe, Carl Diaz,
            Dana Wu, International Conference on Pattern Recognition
            (ICPR), 2020.
            ACPR 2019 RoomFit: Fit the Room with a Box via Deep Networks, Jane Roe, Amy Smith,
            Asian Conference on Pattern Recognition (ACPR) 2019.
            BMVC 2017 General Image Completion with Light Conditional Networks, Carl Diaz, Jane
            Roe, Amy Smith, British Machine Vision Conference (BMVC)
            2017, London.""",
            BODY,
        ),
    ]
    pubs = signals(lines, blank_nlp, taxonomy).publications
    assert [(p.year, p.first_author) for p in pubs] == [(2020, False), (2019, True), (2017, False)]


def test_venue_lines_that_go_on_are_not_new_entries(blank_nlp, taxonomy):
    """C: "NeurIPS 2019 Workshop on X" ends an entry; it does not open one."""
    lines = [
        Line("Jane Roe", 1, top=10.0, size=20.0),
        heading("Publications", 40.0),
        *lines_of(
            """Small Models for Tiny Devices
            J. Roe and A. Smith
            NeurIPS 2019 Workshop on Tiny Models
            Large Models for Big Devices
            A. Smith and J. Roe
            CVPR 2020 (Oral)""",
            BODY,
        ),
    ]
    pubs = signals(lines, blank_nlp, taxonomy).publications
    assert [(p.venue, p.workshop, p.first_author) for p in pubs] == [("NeurIPS", True, True), ("CVPR", False, False)]


def test_entries_ending_on_a_journal_and_a_date(blank_nlp, taxonomy):
    """C: five papers whose last line is "Journal, Mon YYYY [link]" are five entries."""
    entries = []
    for number, journal in enumerate(
        ["Genes, Dec 2023 [link]", "Microscopy, Oct 2023", "Cells, Jan 2022 [link]", "Plants, 2021", "Genes, May 2020"]
    ):
        entries += [f"Growth Pathways of Leaf Cells Under Stress, Part {number + 1}", "A. Smith, J. Roe, B. Lee", journal]
    lines = [Line("Jane Roe", 1, top=10.0, size=20.0), heading("Publications", 40.0), *lines_of("\n".join(entries), BODY)]
    pubs = signals(lines, blank_nlp, taxonomy).publications
    assert [p.year for p in pubs] == [2023, 2023, 2022, 2021, 2020]


def test_apa_entries_with_wrapped_venues(blank_nlp, taxonomy):
    """C: APA entries whose venue runs over to the next line stay one entry each."""
    lines = [
        Line("Jane Roe", 1, top=10.0, size=20.0),
        heading("Publications", 40.0),
        *lines_of(
            """Roe, J., & Smith, A. (2025). The slow drift of meaning in news text. In Proceedings of the 2025 Conference on
            Empirical Methods in Natural Language Processing (EMNLP).
            Smith, A., Roe, J., & Lee, B. (2024). Moral words in child language. Topics in Cognitive Science.
            Roe, J. (in press). Tracing sources of change. Open Mind.""",
            BODY,
        ),
    ]
    pubs = signals(lines, blank_nlp, taxonomy).publications
    assert [(p.venue, p.first_author) for p in pubs] == [("EMNLP", True), (None, False), (None, True)]


def test_authors_then_a_quoted_title_open_each_entry(blank_nlp, taxonomy):
    """C: entries without a year on their last line are still told apart by their opening."""
    lines = [
        Line("Jane Roe", 1, top=10.0, size=20.0),
        heading("Publications", 40.0),
        *lines_of(
            """J. Roe, A. Smith, and B. Lee, "A Study of Random Recommendations."
            Preprint.
            A. Smith*, J. Roe*, and B. Lee, "Fair Rankings for Everyone." ICLR
            2021.
            J. Roe and B. Lee, "Preference Models with Salient Features." ICML 2020.""",
            BODY,
        ),
    ]
    pubs = signals(lines, blank_nlp, taxonomy).publications
    assert [p.first_author for p in pubs] == [True, False, True]


def test_authors_after_the_title_and_venue(blank_nlp, taxonomy):
    """B: "Title VENUE YEAR" lines followed by their authors: each author line joins its paper."""
    lines = [
        Line("Jane Roe", 1, top=10.0, size=20.0),
        heading("Publications", 40.0),
        *lines_of(
            """RoomNet: A Performance Model for Smart Cards MICRO 2023
            Jane Roe, Amy Smith, Bob Lee, Carl Diaz, and Dana Wu
            KeyStore: A Low-Power Store on Smart Cards SIGCOMM 2023
            Amy Smith, Jane Roe, Bob Lee, Carl Diaz,
            Dana Wu, and Eve Park""",
            BODY,
        ),
    ]
    assert [p.first_author for p in signals(lines, blank_nlp, taxonomy).publications] == [True, False]


def test_a_venue_cut_mid_phrase_goes_on(blank_nlp, taxonomy):
    """C: "... In Findings of the" / "Association for Computational Linguistics: ACL 2022" is one paper."""
    lines = [
        Line("Jane Roe", 1, top=10.0, size=20.0),
        heading("Publications", 40.0),
        *lines_of(
            """Jane Roe, Amy Smith, Bob Lee. 2022. One Agent for All Tasks. Findings of the
            Association for Computational Linguistics: ACL 2022 (PDF, Code)
            Amy Smith, Jane Roe. 2022. Personal Models at Scale. arXiv preprint 2022 (PDF)""",
            BODY,
        ),
    ]
    pubs = signals(lines, blank_nlp, taxonomy).publications
    assert [(p.venue, p.first_author) for p in pubs] == [("ACL", True), (None, False)]


def test_apa_citations_outside_a_publications_section(blank_nlp, taxonomy):
    """C: an unrecognised heading files the papers under experience; APA lines still count."""
    found = signals(
        lines_of(
            """Jane Roe
            Research
            Roe, J., Ni, Y. and M¨uller, P. (2025). Graphical feature allocations (In preparation).
            Smith, A., Cantoni, B., Roe, J. and Walker, S. (2025). Exercises in Statistical Reasoning. CRC
            Press.
            Consulting
            National Institute, Summer 2021. Forecasted changes in risk (2020) for the Ministry."""
        ),
        blank_nlp,
        taxonomy,
    )
    assert [(p.year, p.first_author) for p in found.publications] == [(2025, True), (2025, False)]


def test_venue_first_citation_outside_a_publications_section(blank_nlp, taxonomy):
    found = signals(
        lines_of(
            """Jane Roe
            Experience
            ICPR 2020 Fast Tone Mapping for Slow Cameras, Jane Roe, Amy Smith, International Conference on Pattern Recognition (ICPR), 2020.
            Engineer at Acme, 2018 - 2020"""
        ),
        blank_nlp,
        taxonomy,
    )
    assert [(p.year, p.first_author) for p in found.publications] == [(2020, True)]


def test_tagged_author_lists_with_the_candidate_outside_a_publications_section(blank_nlp, taxonomy):
    """C: "[C] Jane Roe, A. Smith, B. Lee -" under an unrecognised "Under review papers" line."""
    found = signals(
        lines_of(
            """Jane Roe
            Experience
            AI Engineer, Acme, 2024 - Present
            UNDER REVIEW PAPERS C=CONFERENCE, W=WORKSHOP
            [C] Jane Roe, Amy Smith, Bob Lee, Carl Diaz -
            Evaluating Vision Language Models on Medical Questions [Manuscript]
            [W] Amy Smith*, Jane Roe*, Bob Lee, Carl Diaz -
            Benchmarking Large Language Models on Dialects [Manuscript]"""
        ),
        blank_nlp,
        taxonomy,
    )
    assert [p.first_author for p in found.publications] == [True, False]


def test_a_paper_labelled_as_such(blank_nlp, taxonomy):
    found = signals(
        lines_of(
            "Jane Roe\nActivities\nResearch Paper: Comparative Analysis of Gesture Recognition Models (2024)\nVolunteer, Food Bank (2022)"
        ),
        blank_nlp,
        taxonomy,
    )
    assert [p.year for p in found.publications] == [2024]


def test_an_authorship_told_in_prose_counts_once(blank_nlp, taxonomy):
    """C: "Co-authored an IEEE article ..." in the summary and again in a job: one paper."""
    found = signals(
        lines_of(
            """Jane Roe
            Summary
            Data engineer with 3 years of ETL work. Co-author, IEEE article on trust in generated code.
            Experience
            Data Engineer, Acme, 2022 - Present
            Co-authored an IEEE article on trust engineering for generated code."""
        ),
        blank_nlp,
        taxonomy,
    )
    assert len(found.publications) == 1 and not found.publications[0].first_author


@pytest.mark.parametrize(
    "text",
    [
        "Smith & Co. Annual Sales Conference 2019, Chicago",
        "Attended the National Nursing Conference, 2018",
        "Organized the IEEE student branch conference, 2017",
        "Presented at the 2019 Regional Teachers Conference",
        "Jane Roe, Amy Smith and Bob Lee organised the 2019 charity run",
        "Team: Jane Roe, Amy Smith, Bob Lee",
        "Authored articles for the company newsletter, 2015 - 2019",
        "Smith, J. (555) 010-0100, reference available on request",
        "Published the monthly sales report for the regional office",
    ],
)
def test_non_technical_lines_are_no_papers(blank_nlp, taxonomy, text):
    """C stays strict: resumes of other trades gain no publications."""
    found = signals(lines_of(f"Jane Roe\nExperience\nSales Manager, Acme, 2015 - 2020\n{text}"), blank_nlp, taxonomy)
    assert found.publications == []


@pytest.mark.parametrize(
    "text",
    [
        ", ".join("Smith, JK" for _ in range(60)) + " 2020",
        ", ".join("Smith, J. K." for _ in range(60)) + " (20",
        "A123." * 400 + "x",
        "A" * 20000 + " 2020",
        "Aa, " * 3000,
    ],
)
def test_long_author_lists_are_read_in_linear_time(blank_nlp, taxonomy, text):
    """An author list with no year at its end once took seconds per line (backtracking)."""
    started = time.perf_counter()
    signals(
        [Line("Jane Smith", 1, size=20.0), heading("Publications", 40.0), body(text), heading("Experience", 300.0), body(text, 320.0)],
        blank_nlp,
        taxonomy,
    )
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("as_field", [False, True])
@pytest.mark.parametrize(
    ("url", "papers"),
    [
        ("https://www.researchgate.net/publication/123456_Diagnosis_of_Pneumonia", 1),
        ("https://ieeexplore.ieee.org/document/9876543", 1),
        ("https://github.com/janedoe/pneumonia", 0),  # code, not a paper
    ],
)
def test_a_paper_title_that_links_to_its_page_is_a_publication(blank_nlp, taxonomy, url, papers, as_field):
    document = read_document(docx_with_a_linked_paper(url, as_field), max_bytes=10**7, max_pages=5, max_characters=10**6)
    assert any(url in line.links for line in document.lines)
    sections = split_sections(document)
    found = find_signals(sections, find_skills(sections, blank_nlp), taxonomy, blank_nlp, date(2026, 6, 15))
    assert len(found.publications) == papers


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_a_pdf_paper_title_under_a_link_to_its_page_is_a_publication(blank_nlp, taxonomy, reader):
    url = "https://arxiv.org/abs/2101.00001"
    document = read_document(pdf_with_a_linked_paper(url), max_bytes=10**7, max_pages=5, max_characters=10**6, pdf_reader=reader)
    (titled,) = [line for line in document.lines if line.text.startswith("Diagnosis of Pneumonia")]
    assert titled.links == (url,)
    assert all(not line.links for line in document.lines if line is not titled)  # only the words under the link
    sections = split_sections(document)
    found = find_signals(sections, find_skills(sections, blank_nlp), taxonomy, blank_nlp, date(2026, 6, 15))
    assert len(found.publications) == 1


def test_a_printed_address_under_its_own_link_adds_no_paper(blank_nlp, taxonomy):
    # An entry closed by its venue and year, then its address printed and wrapped over two lines,
    # each under the address's link: still one paper; only words that hide the address count.
    link = "https://arxiv.org/abs/2605.22856"
    lines = [
        Line("Jane Roe", 1),
        Line("Publications", 1),
        Line('J. Roe, A. Smith, "Learning Channels from Pilots," ICML 2026: Workshop on Wireless,', 1),
        Line("(oral presentation), preprint: https://arxiv.org/abs/2605", 1, links=(link,)),
        Line("22856", 1, links=(link,)),
    ]
    sections = split_sections(Document("text/plain", 1, tuple(lines)))
    found = find_signals(sections, find_skills(sections, blank_nlp), taxonomy, blank_nlp, date(2026, 6, 15))
    assert len(found.publications) == 1


def _rewritten_rect(data: bytes, rewrite) -> bytes:
    """The PDF with its link annotation's /Rect rewritten in place (same length: offsets hold)."""
    match = re.search(rb"/Rect \[([^\]]*)\]", data)
    assert match
    new = rewrite(match.group(0))
    assert len(new) == len(match.group(0))
    return data[: match.start()] + new + data[match.end() :]


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_a_link_box_written_from_its_other_corners_still_covers_its_words(reader):
    url = "https://arxiv.org/abs/2101.00001"

    def swap(rect: bytes) -> bytes:
        a, b, c, d = rect[len(b"/Rect [") : -1].split()
        return b"/Rect [" + b" ".join((c, d, a, b)) + b"]"

    data = _rewritten_rect(pdf_with_a_linked_paper(url), swap)
    document = read_document(data, max_bytes=10**7, max_pages=5, max_characters=10**6, pdf_reader=reader)
    assert [line.links for line in document.lines if line.links] == [(url,)]


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_a_broken_link_annotation_loses_the_link_not_the_document(reader):
    data = _rewritten_rect(pdf_with_a_linked_paper("https://arxiv.org/abs/2101.00001"), lambda rect: rect.replace(b"/Rect", b"/Xect"))
    document = read_document(data, max_bytes=10**7, max_pages=5, max_characters=10**6, pdf_reader=reader)
    assert any(line.text.startswith("Diagnosis of Pneumonia") for line in document.lines)


def test_a_docx_hyperlink_to_a_missing_relationship_loses_the_link_not_the_document():
    data = docx_with_a_linked_paper("https://arxiv.org/abs/2101.00001")
    broken = _docx_with_dangling_hyperlink(data)
    document = read_document(broken, max_bytes=10**7, max_pages=5, max_characters=10**6)
    (titled,) = [line for line in document.lines if line.text.startswith("Diagnosis of Pneumonia")]
    assert titled.links == ()


def _docx_with_dangling_hyperlink(data: bytes) -> bytes:
    """The DOCX with its hyperlink's relationship id pointing nowhere."""
    import io
    import zipfile

    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = re.sub(rb'(<w:hyperlink[^>]*r:id=")[^"]+"', rb'\1rIdMissing"', content)
            out.writestr(item, content)
    return target.getvalue()


def test_papers_with_wrapped_venues_and_labelled_lines_after_them(blank_nlp, taxonomy):
    """C: an entry that opens on its authors keeps them first ("G. Roe, A. Smith. Title." then its
    venue on the next line), and a labelled line after the list ("Service: reviewer for NeurIPS")
    is no paper."""
    text = """Jane Roe
    Papers
    J. Roe, A. Smith. Few-shot product recognition with proxy losses.
    WACV 2023.
    J. Roe, A. Smith, B. Lee. Rendering is all you need? Synthetic shelves for
    product detection. CVPR Workshop on Retail Vision, 2022.
    Service: reviewer for NeurIPS, ICML, ICLR.
    Tools: JAX, PyTorch, Python
    Toolbox
    PyTorch, OpenCV"""
    lines = [Line(t.strip(), 1) for t in text.splitlines()]
    pubs = signals(lines, blank_nlp, taxonomy).publications
    assert [(p.venue, p.year, p.first_author) for p in pubs] == [(None, 2023, True), ("CVPR", 2022, True)]
    assert not any("Service" in p.text or "OpenCV" in p.text for p in pubs)


@pytest.mark.parametrize(
    ("entry", "venue"),
    [
        ("J. Roe, A. Smith. Grasping in clutter. ICRA 2023.", "ICRA"),
        (
            "J. Roe, A. Smith. Legged locomotion on stairs. IEEE/RSJ International Conference on Intelligent Robots and Systems, 2022.",
            "IROS",
        ),
        ("J. Roe, A. Smith. Policies from play. Conference on Robot Learning (CoRL), 2021.", "CoRL"),
    ],
)
def test_robotics_venues_are_top_venues(blank_nlp, taxonomy, entry, venue):
    paper = _only_paper(entry, blank_nlp, taxonomy)
    assert (paper.venue, paper.top_venue) == (venue, True)


def test_an_employer_in_large_type_is_no_name(blank_nlp, taxonomy):
    """A: an anonymised resume names no one, whatever type its employers stand in."""
    from builders import employers_in_large_type_pdf

    lines = list(read_document(employers_in_large_type_pdf(), max_bytes=10**7, max_pages=5, max_characters=10**6).lines)
    assert signals(lines, blank_nlp, taxonomy).name is None


def test_a_papers_software_line_does_not_end_the_list(blank_nlp, taxonomy):
    """C: "Software: github.com/..." under a paper is no paper, and the papers after it count."""
    text = """Jane Roe
    Publications
    J. Roe, A. Smith. Sparse Gaussian processes at scale. NeurIPS 2023.
    Software: github.com/jroe/sparsegp
    J. Roe, B. Lee. Calibrated ranking under distribution shift. ICML 2022.
    Press: covered by a technology magazine
    J. Roe, C. Wu. Fast kernel approximations. ICLR 2021."""
    pubs = signals([Line(t.strip(), 1) for t in text.splitlines()], blank_nlp, taxonomy).publications
    assert [p.venue for p in pubs] == ["NeurIPS", "ICML", "ICLR"]


def test_a_name_in_large_type_under_its_contact_line_in_the_main_column(blank_nlp, taxonomy):
    """A: a sidebar read first opens on a heading; the main column holds a contact line, then the
    name in large type."""
    lines = [
        Line("SKILLS", 1, top=30.0, x0=26.0, size=10.0, bold=True),
        Line("Python, SQL, Spark", 1, top=45.0, x0=26.0, size=9.0),
        Line("jane@example.org | +1 555 0100", 1, top=40.0, x0=218.0, size=9.0),
        Line("Jane Roe", 1, top=88.0, x0=218.0, size=24.0),
        Line("EXPERIENCE", 1, top=120.0, x0=218.0, size=11.0, bold=True),
        Line("Data Scientist, Example Corp (2020 - Present)", 1, top=135.0, x0=218.0, size=10.0),
    ]
    assert signals(lines, blank_nlp, taxonomy).name == "Jane Roe"


@pytest.mark.parametrize("name", ["Hsin-chieh Wang", "Ken-ichi Tanaka", "Yu-chieh Lin"])
def test_romanised_given_names(blank_nlp, name):
    """A: Wade-Giles and Japanese given names joined by a hyphen."""
    lines = [Line(name, 1, top=20.0, size=18.0), body("roe@example.org", 40.0), *REST]
    assert name_in(lines, blank_nlp) == name


@pytest.mark.parametrize("server", ["arXiv", "ArXiv", "ARXIV", "BioRxiv"])
def test_a_preprint_server_in_any_case_is_a_venue(blank_nlp, taxonomy, server):
    entry = f"Automating Video Thumbnails with Multistage Analysis. Jane Roe. {server}, 2024"
    text = f"Jane Roe\nPublications\n{entry}\nSkills\nPython"
    document = read_document(text, max_bytes=10**7, max_pages=5, max_characters=10**6)
    sections = split_sections(document)
    found = find_signals(sections, find_skills(sections, blank_nlp), taxonomy, blank_nlp, date(2026, 6, 1)).publications
    assert [p.text for p in found] == [entry] and not found[0].accepted
