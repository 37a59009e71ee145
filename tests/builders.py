"""Documents the tests build: PDFs that reproduce what real resumes do to text extraction,
DOCX files, and broken files."""

from __future__ import annotations

import io
import zlib
from datetime import UTC, datetime
from pathlib import Path

import docx
from fpdf import FPDF as BaseFPDF
from PIL import Image

# A fixed creation date: a document built twice is the same bytes (fpdf2 stamps the time otherwise).
CREATED = datetime(2026, 1, 1, tzinfo=UTC)


class FPDF(BaseFPDF):
    """fpdf2 with the fixed creation date."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.set_creation_date(CREATED)


RESUME_LINES = [
    ("Jane Q. Doe", "name"),
    ("jane.doe@example.org | +1 555 0100", "body"),
    ("Experience", "heading"),
    ("Machine Learning Engineer, Acme Corp (Jan 2020 - Present)", "body"),
    ("Deployed PyTorch models to production with Docker and Kubernetes on AWS.", "body"),
    ("Built REST APIs with FastAPI serving 2M requests a day.", "body"),
    ("Data Scientist, Initech (Mar 2017 - Dec 2019)", "body"),
    ("Ran A/B tests and built forecasting models with scikit-learn and pandas.", "body"),
    ("Education", "heading"),
    ("M.S. in Computer Science, Stanford University, 2017", "body"),
    ("Skills", "heading"),
    ("Python, SQL, PyTorch, Docker, Kubernetes, MLflow, Airflow, Spark", "body"),
]


def one_column_pdf(lines: list[tuple[str, str]] = RESUME_LINES, pages: int = 1) -> bytes:
    """A plain resume: a large name, bold headings, body lines."""
    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(False)
    for _ in range(pages):
        pdf.add_page()
        y = 20.0
        for text, kind in lines:
            style, size = {"name": ("B", 20), "heading": ("B", 13)}.get(kind, ("", 10))
            pdf.set_font("helvetica", style, size)
            pdf.text(15, y, text)
            y += size * 0.55 + 2
    return bytes(pdf.output())


def two_column_pdf(name: str = "Jane Q. Doe", name_size: float = 20, centred: bool = False) -> bytes:
    """A two-column resume: each row holds a left and a right line at the same height, under the
    name (centred across the page, its word spaces may fall where the gutter runs below it)."""
    left = [("Experience", "heading")] + [(f"Left column line {i} about pipelines and Spark jobs", "body") for i in range(1, 15)]
    right = [("Skills", "heading")] + [(f"Right column line {i} Python Docker", "body") for i in range(1, 15)]
    pdf = _letter()
    pdf.set_font("helvetica", "B", name_size)
    pdf.text((215.9 - pdf.get_string_width(name)) / 2 if centred else 15, 18 if centred else 15, name)
    y = 30.0 if not centred else 34.0
    for (ltext, lkind), (rtext, rkind) in zip(left, right, strict=True):
        pdf.set_font("helvetica", "B" if lkind == "heading" else "", 12 if lkind == "heading" else 9)
        pdf.text(12, y, ltext)
        pdf.set_font("helvetica", "B" if rkind == "heading" else "", 12 if rkind == "heading" else 9)
        pdf.text(118, y, rtext)
        y += 7
    return bytes(pdf.output())


def _letter() -> FPDF:
    """A letter page with no automatic page break."""
    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    return pdf


SIDEBAR_STEP, MAIN_STEP = 4.0, 5.0  # millimetres: each column's own line step


def sidebar_pdf(name: str = "Mei-Ling Tsao", wrap_name: bool = False, dated: bool = False) -> bytes:
    """A sidebar template: a narrow left column in small type (the name in large type at its top,
    then contact, skills, education) beside the main column in body type (experience), each at
    its own line step, the main column's first heading on the name's row."""
    sidebar = [
        ("CONTACT", "heading"),
        ("San Francisco, CA", "body"),
        ("jane@example.org", "body"),
        *(
            # a sidebar of dated entries: certifications and awards with their years
            [
                ("CERTIFICATIONS", "heading"),
                *[(f"{c}, {y}", "body") for c, y in (("AWS ML", 2021), ("GCP Data", 2020), ("Kaggle Master", 2019))],
            ]
            if dated
            else [
                ("SKILLS", "heading"),
                *[(s, "body") for s in ("Python, SQL, Spark", "Experimentation", "Causal inference", "Airflow", "Looker")],
            ]
        ),
        ("EDUCATION", "heading"),
        *(
            [("M.S. Statistics, Example University, 2014", "body"), ("B.S. Mathematics, Example College, 2012", "body")]
            if dated
            else [("M.S. Statistics", "body"), ("Example University", "body"), ("2014", "body")]
        ),
        ("LANGUAGES", "heading"),
        ("English, French", "body"),
    ]
    main = [
        ("EXPERIENCE", "heading"),
        ("Senior Data Scientist, Growth    2020 - present", "body"),
        ("Example Apps, San Francisco", "body"),
        *[(f"Ran experiments on onboarding step {i} with SQL and Python; shipped the winners", "body") for i in range(1, 4)],
        ("Data Scientist    2016 - 2020", "body"),
        ("Example Payments", "body"),
        *[(f"Churn prediction and cohort analysis {i} with scikit-learn and pandas", "body") for i in range(1, 4)],
        ("PUBLICATIONS", "heading"),
        ("Roe, J., & Smith, A. (2015). Weighting survey panels. Journal of Official Statistics, 31, 1-20.", "body"),
    ]
    pdf = FPDF(format="letter")
    pdf.add_page()
    pdf.set_auto_page_break(False)
    pdf.set_font("helvetica", "B", 17)
    words = name.split()
    if wrap_name:
        pdf.text(9, 15, words[0])
        pdf.text(9, 23, " ".join(words[1:]))
    else:
        pdf.text(9, 15, name)
    y = 32.0
    for text, kind in sidebar:
        pdf.set_font("helvetica", "B" if kind == "heading" else "", 10 if kind == "heading" else 8.8)
        pdf.text(9, y, text)
        y += SIDEBAR_STEP if kind == "body" else 6.5
    y = 15.0
    for text, kind in main:
        pdf.set_font("helvetica", "B" if kind == "heading" else "", 10 if kind == "heading" else 9.8)
        pdf.text(77, y, text[:70] if kind == "body" else text)
        y += MAIN_STEP if kind == "body" else 7.0
    return bytes(pdf.output())


def date_margin_pdf(date_size: float = 9, body_size: float = 11) -> bytes:
    """Dates in a left margin column beside each job, in smaller type than the jobs (moderncv)."""
    jobs = [
        ("Jan 2022 - Present", "Senior Data Engineer, Acme Corp, Denver"),
        ("Mar 2019 - Dec 2021", "Data Engineer, Initech, Boulder"),
        ("Jun 2017 - Feb 2019", "Data Analyst, Globex, Denver"),
        ("Sep 2016 - May 2017", "Analytics Intern, Hooli, Austin"),
        ("Jan 2015 - May 2016", "Research Assistant, Example State University"),
    ]
    pdf = _letter()
    pdf.set_font("helvetica", "B", 20)
    pdf.text(55, 18, "Jane Roe")
    pdf.set_font("helvetica", "", body_size)
    pdf.text(55, 25, "jane.roe@example.org")
    y = 40.0
    pdf.set_font("helvetica", "B", 13)
    pdf.text(55, y, "Experience")
    y += 8
    for dates, job in jobs:
        pdf.set_font("helvetica", "", date_size)
        pdf.text(15, y, dates)
        pdf.set_font("helvetica", "B", body_size)
        pdf.text(55, y, job)
        y += 5.5
        pdf.set_font("helvetica", "", body_size)
        for bullet in ("Built batch pipelines in Spark and Airflow", "Modelled warehouse tables in dbt and Snowflake"):
            pdf.text(55, y, bullet)
            y += 5.5
        y += 2.5
    return bytes(pdf.output())


def label_table_pdf(label_size: float = 11, value_size: float = 8) -> bytes:
    """A table of labels ("Education:") and their values, the values in smaller type."""
    rows = [
        ("Name:", "Jane Roe"),
        ("Email:", "jane.roe@example.org"),
        ("Current role:", "Data Engineer at Acme Corp"),
        ("Languages:", "Python, SQL, Scala, Java"),
        ("Data tools:", "Spark, Airflow, Kafka, dbt"),
        ("Cloud:", "AWS, GCP, Snowflake, BigQuery"),
        ("Databases:", "PostgreSQL, MySQL, Cassandra"),
        ("Education:", "B.S. Computer Science, 2016"),
        ("University:", "Example State University"),
        ("Certifications:", "AWS Data Analytics Specialty"),
        ("Location:", "Denver, Colorado"),
        ("Work permit:", "US citizen"),
    ]
    pdf = _letter()
    y = 20.0
    for label, value in rows:
        pdf.set_font("helvetica", "B", label_size)
        pdf.text(15, y, label)
        pdf.set_font("helvetica", "", value_size)
        pdf.text(80, y, value)
        y += 7
    return bytes(pdf.output())


def employers_in_large_type_pdf(employers: tuple[str, ...] = ("Goldman Sachs", "Deloitte")) -> bytes:
    """An anonymised resume, with no name: each employer in large bold type over its job."""
    pdf = _letter()
    lines = [
        ("Summary", "heading"),
        ("Data scientist with seven years in credit risk and fraud modelling.", "body"),
        ("Experience", "heading"),
    ]
    for employer in employers:
        lines += [
            (employer, "employer"),
            ("Data Scientist, Jan 2019 - Present", "body"),
            ("Built fraud models with XGBoost, scikit-learn and SQL.", "body"),
        ]
    lines += [("Education", "heading"), ("M.S. in Statistics, Example University, 2018", "body")]
    y = 20.0
    for text, kind in lines:
        style, size = {"heading": ("B", 13), "employer": ("B", 15)}.get(kind, ("", 10))
        pdf.set_font("helvetica", style, size)
        pdf.text(15, y, text)
        y += size * 0.5 + 2
    return bytes(pdf.output())


def positioned_words_pdf(line: str = "Senior Machine Learning Engineer at Example Labs", gap: float = 0.7) -> bytes:
    """Words placed one by one with a small gap and no space characters, as LaTeX does."""
    pdf = FPDF(format="letter")
    pdf.add_page()
    pdf.set_font("helvetica", "", 11)
    for row in range(3):
        x = 15.0
        for word in line.split():
            pdf.text(x, 20 + row * 8, word)
            x += pdf.get_string_width(word) + gap  # mm; 0.7 mm is about 2 points
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "", 12)
    pdf.text(20, 20, "Confidential resume with Python and SQL skills listed here.")
    pdf.set_encryption(owner_password="owner", user_password="user")
    return bytes(pdf.output())


def image_only_pdf() -> bytes:
    """A scan: one page holding a picture and no text layer."""
    image = Image.new("L", (200, 260), color=230)
    for x in range(20, 180):
        for y in range(30, 34):
            image.putpixel((x, y), 20)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=10, y=10, w=180)
    return bytes(pdf.output())


def raw_pdf(content: bytes, differences: str = "") -> bytes:
    """A one-page PDF written by hand around a content stream, with Helvetica in WinAnsi
    encoding plus `differences` (e.g. "[1 /fi 2 /fl]"), as LaTeX fonts remap glyph codes."""
    encoding = f"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences {differences} >>" if differences else "/WinAnsiEncoding"
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            _stream(content),
            f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding {encoding} >>".encode(),
        ]
    )


def text_lines_stream(lines: list[bytes], size: int = 11, top: int = 740) -> bytes:
    body = b"".join(b"BT /F1 %d Tf 72 %d Td (%s) Tj ET\n" % (size, top - i * 16, line) for i, line in enumerate(lines))
    return body


def ligature_pdf() -> bytes:
    """Ligature glyphs (code 1 is the "fi" glyph, 2 is "fl"), a hyphenated line break,
    bullets and an icon-font glyph, as resumes made with LaTeX and Word templates have."""
    lines = [
        b"Jane Doe",
        b"Experience",
        b"\x95 Built \x01nancial models and work\x02ow automation for the analytics team.",
        b"\x03 Led the experi-",
        b"ence platform used by forty teams across the company.",
        b"Skills",
        b"\x95 Python \x95 SQL \x95 Tableau \x95 Docker",
    ]
    return raw_pdf(text_lines_stream(lines), differences="[1 /fi 2 /fl 3 /uniF0E0]")


def to_unicode_pdf(lines: list[bytes], unicode: dict[int, str]) -> bytes:
    """A one-page PDF of `lines` in Helvetica whose ToUnicode map gives the codes of `unicode` the
    UTF-16 code units written there in hex (e.g. {1: "0003"}); other codes read as WinAnsi."""
    pairs = b"".join(b"<%02X> <%s>\n" % (code, units.encode()) for code, units in unicode.items())
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Codes def /CMapType 2 def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n%d beginbfchar\n%sendbfchar\n"
        % (len(unicode), pairs)
        + b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            _stream(text_lines_stream(lines)),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>",
            _stream(cmap),
        ]
    )


def corrupt_pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nstream\n\x00\x01\x02 broken"


def extending_lexicon(folder: Path, lexicon: str) -> Path:
    """A taxonomy folder that extends the built-in one with a lexicon file of its own."""
    (folder / "taxonomy.yaml").write_text('version: "t"\nextends: builtin\nlexicon: [lexicon.yaml]\n', encoding="utf-8")
    (folder / "lexicon.yaml").write_text(lexicon, encoding="utf-8")
    return folder


def docx_resume() -> bytes:
    document = docx.Document()
    document.add_heading("Jane Q. Doe", level=0)
    document.add_heading("Experience", level=1)
    document.add_paragraph("ML Engineer at Acme (2019 - Present): deployed models with Docker on GCP.")
    document.add_heading("Skills", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Languages"
    table.cell(0, 1).text = "Python, Go, SQL"
    table.cell(1, 0).text = "Frameworks"
    table.cell(1, 1).text = "PyTorch, FastAPI"
    document.add_heading("Education", level=1)
    document.add_paragraph("PhD in Computer Science, University of Toronto, 2018")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_with_a_linked_paper(url: str) -> bytes:
    """A PDF resume whose publications section names a paper by its title alone, a link
    annotation over the title pointing to `url`."""
    pdf = FPDF(format="letter")
    pdf.add_page()
    y = 20.0
    for text, kind in [
        ("Jane Q. Doe", "name"),
        ("Experience", "heading"),
        ("Data Scientist, Acme Corp (Jan 2020 - Present)", "body"),
        ("Publications", "heading"),
        ("Diagnosis of Pneumonia from Chest X-Rays using Transfer Learning", "paper"),
    ]:
        style, size = {"name": ("B", 20), "heading": ("B", 13)}.get(kind, ("", 10))
        pdf.set_font("helvetica", style, size)
        pdf.text(15, y, text)
        if kind == "paper":  # the link's box over the title (fpdf2 measures in millimetres)
            pdf.link(15, y - 4, pdf.get_string_width(text), 5, url)
        y += size * 0.55 + 2
    return bytes(pdf.output())


def docx_with_a_linked_paper(url: str, as_field: bool = False) -> bytes:
    """A DOCX resume whose publications section names a paper by its title alone, the title
    linking to `url`: a hyperlink, or (as_field) a HYPERLINK field as Word writes some."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_paragraph("Jane Q. Doe")
    document.add_heading("Experience", level=1)
    document.add_paragraph("Data Scientist at Acme (2019 - Present): churn models in Python for our customers.")
    document.add_heading("Publications", level=1)
    paragraph = document.add_paragraph()
    title = "Diagnosis of Pneumonia from Chest X-Rays using Transfer Learning"

    def run(text: str | None = None, field: str | None = None, instruction: str | None = None) -> object:
        element = OxmlElement("w:r")
        if field:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), field)
            element.append(char)
        if instruction:
            node = OxmlElement("w:instrText")
            node.text = instruction
            element.append(node)
        if text:
            node = OxmlElement("w:t")
            node.text = text
            element.append(node)
        return element

    if as_field:
        for element in (run(field="begin"), run(instruction=f' HYPERLINK "{url}" '), run(field="separate"), run(title), run(field="end")):
            paragraph._p.append(element)
    else:
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), document.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
        link.append(run(title))
        paragraph._p.append(link)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), color=(255, 0, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


def gif_bytes() -> bytes:
    """A picture in a format no OCR reads here."""
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), color=(255, 0, 0)).save(buffer, format="GIF")
    return buffer.getvalue()


def zip_bytes() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a word document")
    return buffer.getvalue()


TEXT_RESUME = """Jane Q. Doe
Summary
Machine learning engineer with 6 years of experience.
Experience
ML Engineer, Acme (Jan 2020 - Present)
Deployed PyTorch models to production with Docker and Kubernetes on AWS.
Data Scientist, Initech (2017 - 2019)
Built forecasting models with scikit-learn, ran A/B tests, presented findings to stakeholders.
Education
PhD in Computer Science, University of Toronto, 2017
Publications
J. Doe, A. Smith. Fast Things. In Advances in Neural Information Processing Systems (NeurIPS), 2019.
A. Smith, J. Doe. Slow Things. ICML 2018.
Skills
Python, SQL, PyTorch, Docker, Kubernetes, MLflow, Go, R
"""


# --- hostile files ---


def pdf_from_objects(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF around numbered object bodies (object n is objects[n - 1]), with a correct xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


ML_POSTING = "Senior ML Engineer\nRequirements\n- 5+ years of Python and PyTorch\n- Kubernetes in production\nNice to have\n- Airflow"
DATA_SCIENTIST_RESUME = """Sam Poe
Data Scientist
Experience
Data Scientist, Acme (2019 - Present)
Built churn models in Python with pandas and scikit-learn; ran A/B tests; wrote SQL.
"""

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = b"BT /F1 11 Tf 72 700 Td (Machine learning engineer with Python, Docker and Kubernetes experience.) Tj ET"


def _stream(data: bytes, compress: bool = True, extra: bytes = b"") -> bytes:
    body = zlib.compress(data, 9) if compress else data
    flate = b" /Filter /FlateDecode" if compress else b""
    return b"<< /Length %d%s%s >>\nstream\n" % (len(body), flate, extra) + body + b"\nendstream"


def one_page_pdf(contents: bytes) -> bytes:
    """A page in Helvetica around a content stream object (its dictionary and stream)."""
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            contents,
            FONT,
        ]
    )


def decompression_bomb_pdf(inflated: int = 200 * 1024 * 1024) -> bytes:
    """A page whose content stream is a few hundred kilobytes that inflate to `inflated` bytes."""
    return one_page_pdf(_stream(TEXT + b"\n" + b" " * inflated))


def deeply_nested_pdf(depth: int = 50_000) -> bytes:
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /Nest "
            + b"[" * depth
            + b"]" * depth
            + b" >> /Contents 4 0 R >>",
            _stream(TEXT),
            FONT,
        ]
    )


def cyclic_pdf() -> bytes:
    """A page tree whose Kids include the tree itself, and a page that is its own parent."""
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            _stream(TEXT),
            FONT,
        ]
    )


def many_pages_pdf(pages: int = 5000) -> bytes:
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        _stream(TEXT),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 3 0 R >>"] * pages
    return pdf_from_objects(objects)


def huge_image_pdf() -> bytes:
    """A page drawing an image that claims 100,000 x 100,000 pixels."""
    image = _stream(
        b"\x00" * 1000, extra=b" /Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceRGB /BitsPerComponent 8"
    )
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> /Contents 4 0 R >>",
            _stream(TEXT + b"\nq 500 0 0 500 50 50 cm /Im1 Do Q"),
            FONT,
            image,
        ]
    )


def docx_zip_bomb(inflated: int = 300 * 1024 * 1024) -> bytes:
    """A DOCX whose document.xml inflates to `inflated` bytes."""
    import zipfile

    real = docx_resume()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(real)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"</w:body>", b"<!--" + b" " * inflated + b"--></w:body>")
            target.writestr(info.filename, data)
    return buffer.getvalue()


def trailing_bytes_pdf(trailing: bytes = b"\r\n") -> bytes:
    """A resume page whose content stream inflates past one inflation step (white space after
    the text, as generous writers leave) and holds `trailing` bytes after the end of its zlib
    data, inside its /Length, as some PDF writers leave a line end or padding there."""
    content = text_lines_stream([line.replace("(", "[").replace(")", "]").encode() for line, _ in RESUME_LINES]) + b" " * (3 * 1024 * 1024)
    body = zlib.compress(content, 9) + trailing
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
    return one_page_pdf(stream)


def nested_flate_bomb_pdf(inflated: int = 200 * 1024 * 1024) -> bytes:
    """A content stream compressed twice ([/FlateDecode /FlateDecode]): a few hundred bytes whose
    first layer is small and whose second inflates to `inflated` bytes."""
    inner = zlib.compress(TEXT + b"\n" + b" " * inflated, 9)
    body = zlib.compress(inner, 9)
    stream = b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(body) + body + b"\nendstream"
    return one_page_pdf(stream)


def many_glyphs_pdf(glyphs: int = 1_000_000) -> bytes:
    """A page that draws a million characters, in a content stream of a few kilobytes."""
    text = b"BT /F1 1 Tf 0 700 Td " + b"(Python ) Tj " * (glyphs // 7) + b"ET"
    return raw_pdf(text)


def overlapping_streams(levels: int = 300, base: int = 512 * 1024) -> bytes:
    """Stream starts nested inside one another's stored zlib blocks: each start is valid zlib
    data that runs on over every later one, so each is read again from its own start."""
    data = b"x" * base
    for _ in range(levels):
        data = b"stream\n" + zlib.compress(data, 0)
    return b"%PDF-1.4\n" + data


def docx_with_unlisted_bomb(inflated: int = 300 * 1024 * 1024) -> bytes:
    """A DOCX with an extra part outside word/ that inflates to `inflated` bytes."""
    import zipfile

    buffer = io.BytesIO(docx_resume())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("customXml/item9.xml", b"<a>" + b" " * inflated + b"</a>")
    return buffer.getvalue()


def margin_headings_pdf(publications: str = "Publications") -> bytes:
    """An academic CV in a margin-column template (as moderncv's classic style): each heading
    stands in a left column on the same line as the first entry of its section."""
    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 20)
    pdf.text(62, 20, "Jane Q. Roe")
    rows = [
        ("Education", "PhD in Computer Science, University of Example, 2019 - present"),
        ("", "Thesis on robust learning from noisy labels."),
        ("", "B.Sc. in Mathematics, Example College, 2015 - 2019"),
        ("Experience", "Graduate Research Assistant, Example Vision Lab, 2019 - present"),
        ("", "Trained convolutional networks in PyTorch on GPU clusters."),
        ("", "Wrote the data loaders and evaluation code in Python."),
        (publications, "J. Roe, A. Smith. Learning with Noisy Labels. NeurIPS 2023."),
        ("", "J. Roe, B. Jones. Robust Training at Scale. ICML 2022."),
        ("", "A. Smith, J. Roe. Label Noise in Vision. CVPR 2021."),
        ("Skills", "Python, PyTorch, NumPy, LaTeX, Linux"),
    ]
    y = 34.0
    for heading, body in rows:
        if heading:
            y += 4
            pdf.set_font("helvetica", "B", 11)
            pdf.text(15, y, heading)
        pdf.set_font("helvetica", "", 10)
        pdf.text(62, y, body)
        y += 6
    return bytes(pdf.output())


ACADEMIC_CV = """Jane Q. Roe
PhD candidate in Machine Learning, University of Example
Education
PhD in Computer Science, University of Example, 2021 - present
M.Sc. in Statistics, Example University, 2019 - 2021
Research Experience
Graduate Research Assistant, Example University (Sep 2021 - Present)
Developed deep learning models for protein structure prediction in PyTorch.
Designed experiments and evaluated models on public benchmarks with Python and NumPy.
Publications
J. Roe, A. Smith. Deep Models for Protein Folding. Bioinformatics, 2024.
J. Roe, B. Jones. Learning Structure from Sequence. PLOS Computational Biology, 2023.
A. Smith, J. Roe, C. Lee. Graph Networks for Molecules. Journal of Chemical Information and Modeling, 2022.
Skills
Python, PyTorch, NumPy, pandas, scikit-learn, statistics, linear algebra, probability
"""
# The academic CV with a summer internship under an applied scientist's title: its applied
# scientist score is above the cap that holds it while no line shows machine learning applied in
# a product or business (a title held before does not lift the cap).
ACADEMIC_CV_WITH_AN_INTERNSHIP = ACADEMIC_CV.replace(
    "Publications\n",
    "Applied Scientist Intern, Example Health (Jun 2020 - Aug 2020)\n"
    "Adapted research papers on NLP and computer vision to clinical notes and scans in healthcare.\n"
    "Statistics: hypothesis testing and Bayesian models; data in SQL and pandas; model evaluation with scikit-learn and XGBoost.\n"
    "Publications\n",
)


INDUSTRY_SCIENTIST_CV = """John Q. Public
Senior Applied Scientist at Example Retail
Experience
Senior Applied Scientist, Example Retail (Jan 2021 - Present)
Built ranking models for product search that raised conversion by 3% in an A/B test.
Adapted recent transformer papers to customer reviews with PyTorch.
Applied Scientist, Example Bank (Jun 2018 - Dec 2020)
Designed fraud detection models with gradient boosting for millions of customers.
Education
PhD in Statistics, Example University, 2018
Skills
Python, PyTorch, scikit-learn, XGBoost, SQL, statistics, experiment design
"""

ML_ENGINEER_CV = """Sam Q. Doe
Experience
Machine Learning Engineer, Example Tech (Mar 2020 - Present)
Developed and deployed the recommendation model used by the mobile app.
Key tech: Python, ONNX, TensorRT, Docker, MLflow
Built a real-time inference server for speech recognition with low latency.
Data Scientist, Example Analytics (Jan 2017 - Feb 2020)
Built churn models with scikit-learn and presented results to stakeholders.
Education
M.Sc. Data Science, Example University, 2016
"""


# --- scans and photos ---


def page_image(data: bytes | None = None, dpi: int = 200):
    """The first page of a PDF (the plain resume by default) rendered as a grayscale image."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data or one_column_pdf())
    try:
        return pdf[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        pdf.close()


def image_bytes(image=None, format: str = "PNG", **options) -> bytes:
    """A page image saved as PNG, JPEG or TIFF bytes, as a scanner or a phone gives them."""
    buffer = io.BytesIO()
    (image or page_image()).save(buffer, format=format, **options)
    return buffer.getvalue()


def scanned_pdf(pages: int = 1, page_format: str | tuple[float, float] = "letter") -> bytes:
    """A PDF of page images only, no text layer: what a scanner writes (`page_format` in points
    when it is a pair)."""
    png = image_bytes()
    pdf = FPDF(format=page_format, unit="pt")
    for _ in range(pages):
        pdf.add_page()
        pdf.image(io.BytesIO(png), x=0, y=0, w=pdf.w, h=pdf.h)
    return bytes(pdf.output())


def huge_png_header(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG whose header claims width x height pixels: a decompression bomb, refused unread."""
    import struct

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b"")


def zip_of(files: dict[str, bytes]) -> bytes:
    """A ZIP archive of the files, compressed."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(inflated: int = 300 * 1024 * 1024, name: str = "resume.txt") -> bytes:
    """A ZIP archive whose one entry inflates to `inflated` bytes of zeros (about a thousandth
    of that compressed), written a megabyte at a time."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, archive.open(name, "w", force_zip64=True) as entry:
        block = bytes(1024 * 1024)
        for _ in range(inflated // len(block)):
            entry.write(block)
    return buffer.getvalue()


def page_photo(side: int = 7000, format: str = "JPEG", mode: str = "RGB") -> bytes:
    """A side x side colour photo of the plain resume's page: the page fills the height (about
    640 dpi at 7000 pixels), lit unevenly and grainy as a phone camera takes it, on a grey desk."""
    height = side * 10 // 11
    page = page_image(dpi=round(height / 11))
    desk = Image.linear_gradient("L").resize((side, side)).point(lambda value: 150 + value // 6)
    desk.paste(page, ((side - page.width) // 2, (side - page.height) // 2))
    if format == "JPEG":  # grain only where the size stays a photo's; a PNG's noise would not compress
        grain = Image.effect_noise((side // 4, side // 4), 24).resize((side, side))
        desk = Image.blend(desk, grain, 0.04)
    photo = desk if mode == "L" else Image.merge("RGB", (desk, desk, desk)).convert(mode)
    return image_bytes(photo, format, **({"quality": 80} if format == "JPEG" else {"compress_level": 6}))


def largest_image_side(pixels: int = 50_000_000) -> int:
    """The side of the largest square image the pixel limit accepts."""
    from math import isqrt

    return isqrt(pixels)
