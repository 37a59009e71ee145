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

from service.documents.cleaning import clean_text
from service.documents.docx import read_docx
from service.documents.inflation import check_pdf_streams
from service.documents.model import DOCX, MARKDOWN, PDF, TEXT, Document, Line
from service.documents.pdfium import read_pdf_pdfium
from service.documents.pdfplumber import read_pdf_pdfplumber
from service.documents.sniffing import sniff_media_type
from service.documents.text import read_text
from service.exceptions import DocumentTooLarge, EmptyDocument

__all__ = ["DOCX", "MARKDOWN", "PDF", "TEXT", "Document", "Line", "clean_text", "read_document", "sniff_media_type"]

MIN_TEXT_CHARACTERS = 40  # letters and digits a document holds at least to be worth analysing


def read_document(data: bytes | str, *, max_bytes: int, max_pages: int, max_characters: int, pdf_reader: str = "pdfium") -> Document:
    """Read a PDF, DOCX or text document (or text given as a string) into lines in reading order.

    PDFs are read with PDFium (`pdf_reader="pdfium"`, about twenty times faster) or pdfplumber;
    both give words with positions, sizes and weights to the same line and column logic."""
    if isinstance(data, str):
        data, forced = data.encode("utf-8"), TEXT
    else:
        forced = None
    if len(data) > max_bytes:
        raise DocumentTooLarge(f"The document has {len(data)} bytes; the limit is {max_bytes}.")
    if not data.strip():
        raise EmptyDocument("The document is empty.")
    media_type = forced or sniff_media_type(data)
    if media_type == PDF:
        check_pdf_streams(data)  # before either reader allocates an inflated stream
        document = (read_pdf_pdfplumber if pdf_reader == "pdfplumber" else read_pdf_pdfium)(data, max_pages, max_characters)
    elif media_type == DOCX:
        document = read_docx(data)
    else:
        document = read_text(data, media_type)
    if document.characters > max_characters:
        raise DocumentTooLarge(f"The document holds {document.characters} characters of text; the limit is {max_characters}.")
    if sum(ch.isalnum() for line in document.lines for ch in line.text) < MIN_TEXT_CHARACTERS:
        hint = " It may be a scanned image without a text layer; OCR is not supported." if media_type == PDF else ""
        raise EmptyDocument(f"The document holds no usable text.{hint}")
    return document
