"""Document bytes -> lines of text with their page, position and font, in reading order.

`read_document` is the entry. One module per format or concern:

- `model`: Line, Document, the media types, and the Word the PDF readers give the layout;
- `sniffing`: the type told from the bytes;
- `inflation`: compressed streams checked before any reader inflates them, and pdfminer's guard;
- `pdf`: what both PDF readers share (settings, checks, the error ladder); `pdfium` and
  `pdfplumber`: the two readers;
- `layout` (a page's words in reading order), `rows` (rows, cells and text lines) and `columns`
  (gutters and two-column blocks);
- `docx` and `text` (plain text and Markdown): the other formats;
- `cleaning`: ligatures, stray glyphs, bullets, mojibake and hyphenated words, for every format.
"""

from __future__ import annotations

from dataclasses import replace

from service.documents.cleaning import clean_text, join_hyphenated
from service.documents.docx import read_docx
from service.documents.inflation import check_pdf_streams
from service.documents.model import DOCX, IMAGE_TYPES, MARKDOWN, PDF, TEXT, Document, Line
from service.documents.ocr import OCR_WARNING, OcrLimits, image_frames, scanned_pages
from service.documents.ocr import read_pages as ocr_pages
from service.documents.pdf import pdf_document
from service.documents.pdfium import read_pdf_pdfium
from service.documents.pdfplumber import read_pdf_pdfplumber
from service.documents.sniffing import sniff_media_type
from service.documents.text import read_text
from service.exceptions import DocumentTooLarge, EmptyDocument

__all__ = ["DOCX", "MARKDOWN", "PDF", "TEXT", "Document", "Line", "OcrLimits", "clean_text", "read_document", "sniff_media_type"]

MIN_TEXT_CHARACTERS = 40  # letters and digits a document holds at least to be worth analysing


def read_document(
    data: bytes | str,
    *,
    max_bytes: int,
    max_pages: int,
    max_characters: int,
    pdf_reader: str = "pdfium",
    ocr: OcrLimits | None = None,
) -> Document:
    """Read a PDF, DOCX, text document (or text given as a string), or with `ocr` an image, into
    lines in reading order.

    PDFs are read with PDFium (`pdf_reader="pdfium"`, about twenty times faster) or pdfplumber;
    both give words with positions, sizes and weights to the same line and column logic. With
    `ocr` enabled, PDF pages that hold an image and almost no text, and PNG, JPEG and TIFF
    uploads, are read by OCR into the same words."""
    reading_ocr = ocr if ocr is not None and ocr.enabled else None
    if isinstance(data, str):
        data, forced = data.encode("utf-8"), TEXT
    else:
        forced = None
    if len(data) > max_bytes:
        raise DocumentTooLarge(f"The document has {len(data)} bytes; the limit is {max_bytes}.")
    if not data.strip():
        raise EmptyDocument("The document is empty.")
    media_type = forced or sniff_media_type(data, images=reading_ocr is not None)
    if media_type == PDF:
        check_pdf_streams(data)  # before either reader allocates an inflated stream
        document = (read_pdf_pdfplumber if pdf_reader == "pdfplumber" else read_pdf_pdfium)(data, max_pages, max_characters)
        if reading_ocr is not None:
            document = _with_scanned_pages(data, document, reading_ocr)
    elif media_type in IMAGE_TYPES:
        document = _read_image(data, media_type, reading_ocr or OcrLimits())
    elif media_type == DOCX:
        document = read_docx(data)
    else:
        document = read_text(data, media_type)
    if document.characters > max_characters:
        raise DocumentTooLarge(f"The document holds {document.characters} characters of text; the limit is {max_characters}.")
    if _too_little_text(document.lines):
        hint = ""
        if media_type == PDF and not document.ocr:
            hint = (
                " It may be a scanned image without a text layer; OCR is off." if reading_ocr is None else " It may be a scan without text."
            )
        elif document.ocr:
            hint = " OCR found no readable text in the image."
        raise EmptyDocument(f"The document holds no usable text.{hint}")
    return document


def _too_little_text(lines: tuple[Line, ...]) -> bool:
    """Whether the lines hold fewer than MIN_TEXT_CHARACTERS letters and digits, counted line by
    line until they hold enough (most documents do within a few lines)."""
    found = 0
    for line in lines:
        found += sum(map(str.isalnum, line.text))
        if found >= MIN_TEXT_CHARACTERS:
            return False
    return True


def _with_scanned_pages(data: bytes, document: Document, limits: OcrLimits) -> Document:
    """The PDF with its scanned pages (an image and almost no text) read by OCR, in page order."""
    images, left_out = scanned_pages(data, document, limits)
    if not images:
        return document
    read = ocr_pages(images, limits.seconds)
    lines = [line for line in document.lines if line.page not in read]
    lines += [line for page_lines, _ in read.values() for line in page_lines]
    lines.sort(key=lambda line: line.page)  # stable: each page keeps its reading order
    warnings = (*document.warnings, OCR_WARNING, *_left_out(left_out))
    layout = "multi-column" if document.layout == "multi-column" or any(columns > 1 for _, columns in read.values()) else "single-column"
    return replace(document, lines=tuple(join_hyphenated(lines)), layout=layout, warnings=warnings, ocr=True)


def _read_image(data: bytes, media_type: str, limits: OcrLimits) -> Document:
    images, left_out = image_frames(data, limits)
    read = ocr_pages(images, limits.seconds)
    document = pdf_document(len(images) + left_out, [read[page] for page in sorted(read)], media_type)
    return replace(document, warnings=(OCR_WARNING, *_left_out(left_out)), ocr=True)


def _left_out(pages: int) -> tuple[str, ...]:
    return (f"{pages} more scanned pages were not read by OCR (the limit is per document).",) if pages else ()
