"""PDFs read with pdfplumber (pdfminer.six), its streams inflated through the bounded inflater."""

from __future__ import annotations

import io
import logging
from typing import Any

import pdfplumber

from service.documents.inflation import bounded_pdfminer
from service.documents.layout import page_lines
from service.documents.model import Document, Line, Word
from service.documents.pdf import (
    BOLD_NAME,
    MAX_LINK_CHARACTERS,
    MAX_PAGE_LINKS,
    X_TOLERANCE_RATIO,
    PageLink,
    attach_links,
    check_characters,
    check_pages,
    pdf_document,
    reading_errors,
)
from service.documents.pdfium import count_characters


def read_pdf_pdfplumber(data: bytes, max_pages: int, max_characters: int) -> Document:
    """A PDF's lines read with pdfplumber, refused past `max_pages` pages or when its pages hold
    more characters than `max_characters` of text could."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    # pdfminer lays a page out in Python, seconds for a page of a million glyphs: PDFium counts
    # the characters first, in C.
    check_characters(count_characters(data, max_pages), max_characters)
    read: list[tuple[list[Line], int]] = []
    # pdfminer raises many types on damaged files: every error is the ladder's.
    with reading_errors(Exception), bounded_pdfminer(), pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
        check_pages(pages, max_pages)
        for number, page in enumerate(pdf.pages, start=1):
            words = [_word(raw) for raw in page.extract_words(x_tolerance_ratio=X_TOLERANCE_RATIO, extra_attrs=["size", "fontname"])]
            attach_links(words, _page_links(page))
            read.append(page_lines([w for w in words if w.text.strip()], float(page.width), number))
            page.flush_cache()
    return pdf_document(pages, read)


def _page_links(page: Any) -> list[PageLink]:
    """The page's links to web addresses, with their boxes; none where pdfminer cannot read them
    (a link without a box, an address in no known encoding): links are extra to the text."""
    try:
        links = [link for link in page.hyperlinks[:MAX_PAGE_LINKS] if isinstance(link.get("uri"), str)]
    except Exception:  # noqa: BLE001 - pdfminer raises many types on damaged annotations
        return []
    return [
        (float(link["x0"]), float(link["x1"]), float(link["top"]), float(link["bottom"]), link["uri"][:MAX_LINK_CHARACTERS])
        for link in links
    ]


def _word(raw: dict[str, Any]) -> Word:
    font = str(raw.get("fontname", ""))
    return Word(
        text=raw["text"],  # cleaned per line: mojibake repair needs the raw characters
        x0=float(raw["x0"]),
        x1=float(raw["x1"]),
        top=float(raw["top"]),
        bottom=float(raw["bottom"]),
        size=float(raw.get("size") or 0.0),
        bold=bool(BOLD_NAME.search(font)),
    )
