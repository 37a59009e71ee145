"""PDFs read with PDFium (pypdfium2): words built from its characters, then laid out."""

from __future__ import annotations

import ctypes
from contextlib import closing

import pypdfium2
import pypdfium2.raw

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

BOLD_WEIGHT = 600
PDFIUM_LINE_END_HYPHEN = 2  # PDFium reports a hyphen that ends a line as U+0002
FONT_NAME_BYTES = 128
MIN_FONT_SIZE = 1.0  # points: gaps of smaller (or unsized) characters are measured as at this size
# A character that starts further left than the previous one's right edge by its own width and
# this many word gaps went back: a new line or text drawn out of order.
BACKSTEP_GAPS = 2
# A character whose top stands apart from the previous one's by this share of its size is on another line.
LINE_JUMP = 0.5


def read_pdf_pdfium(data: bytes, max_pages: int, max_characters: int) -> Document:
    """A PDF's lines read with PDFium, refused past `max_pages` pages or once its pages so far
    hold more characters than `max_characters` of text could."""
    with reading_errors(pypdfium2.PdfiumError):
        pdf = pypdfium2.PdfDocument(data)
    with closing(pdf), reading_errors(pypdfium2.PdfiumError):
        pages = len(pdf)
        check_pages(pages, max_pages)
        read: list[tuple[list[Line], int]] = []
        characters = 0
        for number in range(pages):
            with closing(pdf[number]) as page:
                width, height = page.get_size()
                with closing(page.get_textpage()) as textpage:
                    characters += textpage.count_chars()
                    check_characters(characters, max_characters)
                    words = _pdfium_words(textpage, height)
                attach_links(words, _page_links(pdf, page, height))
            read.append(page_lines(words, float(width), number + 1))
    return pdf_document(pages, read)


def count_characters(data: bytes, max_pages: int) -> int:
    """The characters of the PDF's first `max_pages` pages as PDFium counts them; 0 where PDFium
    cannot open the file (the other reader then says what is wrong with it)."""
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return 0
    with closing(pdf):
        try:
            characters = 0
            for number in range(min(len(pdf), max_pages)):
                with closing(pdf[number]) as page, closing(page.get_textpage()) as textpage:
                    characters += textpage.count_chars()
            return characters
        except pypdfium2.PdfiumError:
            return 0


def _page_links(pdf: pypdfium2.PdfDocument, page: pypdfium2.PdfPage, height: float) -> list[PageLink]:
    """The page's link annotations to web addresses, with their boxes."""
    raw = pypdfium2.raw
    links: list[PageLink] = []
    position, link = ctypes.c_int(0), raw.FPDF_LINK()
    for _ in range(MAX_PAGE_LINKS):  # every link counts towards the bound, kept or not
        if not raw.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
            break
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        length = raw.FPDFAction_GetURIPath(pdf.raw, action, None, 0)
        rect = raw.FS_RECTF()
        if not 1 < length <= MAX_LINK_CHARACTERS or not raw.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            continue
        buffer = ctypes.create_string_buffer(length)
        raw.FPDFAction_GetURIPath(pdf.raw, action, buffer, length)
        # a box may be written from any corner
        x0, x1 = sorted((rect.left, rect.right))
        top, bottom = sorted((height - rect.top, height - rect.bottom))
        links.append((x0, x1, top, bottom, buffer.value.decode("ascii", "replace")))
    return links


def _font_size(handle: object, index: int) -> float:
    """The size the text is drawn at: the font size scaled by the text matrix, as pdfplumber reports it."""
    matrix = pypdfium2.raw.FS_MATRIX()
    size = float(pypdfium2.raw.FPDFText_GetFontSize(handle, index))
    if pypdfium2.raw.FPDFText_GetMatrix(handle, index, ctypes.byref(matrix)):
        size *= abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    return round(size, 2)


def _font_name(handle: object, index: int) -> str:
    buffer = ctypes.create_string_buffer(FONT_NAME_BYTES)
    flags = ctypes.c_int()
    length = pypdfium2.raw.FPDFText_GetFontInfo(handle, index, buffer, len(buffer), ctypes.byref(flags))
    return buffer.value.decode("utf-8", "replace") if length else ""


def _pdfium_words(textpage: pypdfium2.PdfTextPage, height: float) -> list[Word]:
    """Words from PDFium's characters: a break at white space (PDFium's own, where it saw a gap)
    or where the gap to the next character passes X_TOLERANCE_RATIO of the font size."""
    handle = textpage.raw
    words: list[Word] = []
    chars: list[str] = []
    box: list[float] = []
    size = weight = 0.0
    last_right = last_top = None

    def flush() -> None:
        if chars and "".join(chars).strip():
            words.append(Word("".join(chars), box[0], box[1], box[2], box[3], size, weight >= BOLD_WEIGHT))
        chars.clear()

    for index in range(textpage.count_chars()):
        code = pypdfium2.raw.FPDFText_GetUnicode(handle, index)
        char = "-" if code == PDFIUM_LINE_END_HYPHEN else chr(code) if code else ""
        if not char or char.isspace() or char in "\r\n":
            flush()
            last_right = None
            continue
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        char_size = size if chars else _font_size(handle, index)
        y_top, y_bottom = height - top, height - bottom
        gap_limit = X_TOLERANCE_RATIO * max(char_size, MIN_FONT_SIZE)
        if chars and (
            last_right is None
            or left - last_right > gap_limit
            or left < last_right - BACKSTEP_GAPS * gap_limit - (right - left)
            or abs(y_top - (last_top or y_top)) > LINE_JUMP * max(char_size, MIN_FONT_SIZE)
        ):
            flush()
        if not chars:
            box[:] = [left, right, y_top, y_bottom]
            size, weight = char_size, pypdfium2.raw.FPDFText_GetFontWeight(handle, index)
            if weight < BOLD_WEIGHT and BOLD_NAME.search(_font_name(handle, index)):
                weight = BOLD_WEIGHT
        else:
            box[1], box[2], box[3] = max(box[1], right), min(box[2], y_top), max(box[3], y_bottom)
        chars.append(char)
        last_right, last_top = right, y_top
    flush()
    return words
