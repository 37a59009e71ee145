"""What the two PDF readers share: word-building settings, the page and character checks, one
error ladder for what the readers raise, and the Document built from their pages."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pypdfium2
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from service.documents.cleaning import join_hyphenated
from service.documents.inflation import MAX_STREAM_BYTES, StreamTooLarge
from service.documents.model import PDF, Document, Line, Word
from service.exceptions import DocumentError, DocumentTooLarge, EncryptedDocument, TooManyPages, UnreadableDocument

# Words closer than this fraction of the font size belong to one word. pdfplumber's default,
# 3 points, glues LaTeX output that positions words instead of writing spaces.
X_TOLERANCE_RATIO = 0.1
BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|,b\b", re.I)
# A page's characters as the reader counts them hold the spaces and line ends the text will
# not; past this many times the character limit, the text cannot fit in it.
CHARACTERS_PER_TEXT_CHARACTER = 2

log = logging.getLogger("service.documents")


def check_pages(pages: int, max_pages: int) -> None:
    """Refuse a PDF of more than `max_pages` pages before any page is read."""
    if pages > max_pages:
        raise TooManyPages(f"The document has {pages} pages; the limit is {max_pages}.")


def check_characters(characters: int, max_characters: int) -> None:
    """Stop reading a PDF whose pages so far hold more characters than its text may have (the
    word loops cost time per character, so a page of millions of glyphs is refused before them)."""
    if characters > CHARACTERS_PER_TEXT_CHARACTER * max_characters:
        raise DocumentTooLarge(f"The document holds more than {max_characters} characters of text; that is the limit.")


@contextmanager
def reading_errors(damaged: type[Exception]) -> Iterator[None]:
    """The one error ladder of both readers: the analyzer's own errors pass; an error of the kind
    the reader raises on a damaged file (`damaged`) becomes DocumentTooLarge for a stream past the
    inflation limit, EncryptedDocument for a password, else UnreadableDocument."""
    try:
        yield
    except DocumentError:
        raise
    except damaged as error:
        raise _document_error(error) from error


def _document_error(error: Exception) -> DocumentError:
    cause = error.args[0] if error.args else error  # pdfplumber wraps what pdfminer raised
    if isinstance(error, StreamTooLarge) or isinstance(cause, StreamTooLarge):
        return DocumentTooLarge(f"A stream in the PDF inflates past {MAX_STREAM_BYTES} bytes; the file looks hostile.")
    if _needs_password(error) or _needs_password(cause):
        return EncryptedDocument("The PDF is protected by a password; upload an unprotected copy.")
    if not isinstance(error, pypdfium2.PdfiumError):  # PDFium's errors name no cause, pdfminer's many
        log.info("pdf parse failure: %s", type(cause).__name__)
    return UnreadableDocument("The PDF is damaged or not a valid PDF file.")


def _needs_password(error: object) -> bool:
    if isinstance(error, pypdfium2.PdfiumError):
        return "password" in str(error).lower()
    return isinstance(error, (PDFPasswordIncorrect, PDFEncryptionError))


# A page's link annotations read at most: a page of thousands of links is no resume.
MAX_PAGE_LINKS = 200
MAX_LINK_CHARACTERS = 2000
# A link: its box (points from the top left of the page, x0, x1, top, bottom) and its address.
PageLink = tuple[float, float, float, float, str]


def attach_links(words: list[Word], links: list[PageLink]) -> None:
    """Give each word under a link annotation (its centre inside the link's box) the link's address;
    the others keep the None they are made with."""
    if not links:  # most pages: no word is under a link
        return
    for word in words:
        x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        word.link = next((uri for x0, x1, top, bottom, uri in links if x0 <= x <= x1 and top <= y <= bottom), None)


def pdf_document(pages: int, read: list[tuple[list[Line], int]], media_type: str = PDF) -> Document:
    """The Document of `pages` pages (of a PDF, or of an image read by OCR) from what the layout
    read of each page (its lines and columns side by side): words hyphenated across lines
    joined; multi-column when a page is."""
    lines = [line for page_lines, _ in read for line in page_lines]
    columns = max([1, *(page_columns for _, page_columns in read)])
    return Document(media_type, pages, tuple(join_hyphenated(lines)), "multi-column" if columns > 1 else "single-column")
