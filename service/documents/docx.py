"""Word (DOCX) documents: the first section's header, then paragraphs and tables in order, read
with python-docx once the archive's unpacked size is checked."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import docx
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph

from service.documents.cleaning import clean_line
from service.documents.model import DOCX, Document, Line
from service.exceptions import DocumentTooLarge, UnreadableDocument

MAX_DOCX_XML_BYTES = 50 * 1024 * 1024


def read_docx(data: bytes) -> Document:
    """A DOCX document's lines; a page break in a paragraph starts the next page."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # Every part counts: the package's relationships may point the reader at any of them.
            # A member's declared size bounds what zipfile will inflate it to.
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_DOCX_XML_BYTES:
            raise DocumentTooLarge(f"The DOCX file unpacks to {unpacked} bytes; the limit is {MAX_DOCX_XML_BYTES}.")
        document = docx.Document(io.BytesIO(data))
        lines: list[Line] = []
        page = 1
        for section in document.sections[:1]:
            lines += [_docx_line(p, page) for p in section.header.paragraphs]
        for block in document.element.body.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                paragraph = Paragraph(block, document)
                lines.append(_docx_line(paragraph, page))
                page += len(block.xpath('.//w:br[@w:type="page"]'))
            elif tag == "tbl":
                lines += _docx_table_lines(Table(block, document), page)
    except DocumentTooLarge:
        raise
    except Exception as error:  # python-docx and lxml raise many types on damaged files
        raise UnreadableDocument("The DOCX file is damaged or not a valid Word document.") from error
    return Document(DOCX, page, tuple(line for line in lines if line.text))


def _docx_line(paragraph: Paragraph, page: int) -> Line:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(run.bold for run in runs)
    sizes = [run.font.size.pt for run in runs if run.font.size is not None]
    return Line(
        text=clean_line(paragraph.text),
        page=page,
        size=max(sizes) if sizes else 0.0,
        bold=bold,
        heading=style.startswith(("Heading", "Title")),
        links=_links(paragraph),
    )


# A field that links its text: HYPERLINK "https://..." in the paragraph's field instructions.
FIELD_LINK = re.compile(r'HYPERLINK\s+"([^"]+)"')
INSTRUCTION = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instrText"


def _links(paragraph: Paragraph) -> tuple[str, ...]:
    """The addresses the paragraph's text links to: hyperlinks and HYPERLINK fields."""
    addresses = [address for link in paragraph.hyperlinks if (address := _address(link))]
    instructions = "".join(node.text or "" for node in paragraph._p.iter(INSTRUCTION))
    return tuple(dict.fromkeys([*addresses, *FIELD_LINK.findall(instructions)]))


def _address(link: Hyperlink) -> str | None:
    """A hyperlink's address; None where it points to no relationship of the package (a link is
    extra to the text, so a broken one loses nothing)."""
    try:
        return link.address or None
    except KeyError:
        return None


def _docx_table_lines(table: Table, page: int) -> Iterator[Line]:
    seen: set[object] = set()  # holding the elements keeps their identity stable
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:  # merged cells repeat
                continue
            seen.add(cell._tc)
            for paragraph in cell.paragraphs:
                yield _docx_line(paragraph, page)
