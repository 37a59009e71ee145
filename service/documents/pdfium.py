"""PDFs read with PDFium (pypdfium2): words built from its characters, then laid out."""

from __future__ import annotations

import ctypes
import sys
from contextlib import closing
from typing import Any

import pypdfium2
import pypdfium2.raw

from service.documents.layout import page_lines
from service.documents.model import Document, Line, Word
from service.documents.pdf import (
    BOLD_NAME,
    MAX_LINK_CHARACTERS,
    MAX_PAGE_LINKS,
    PageLink,
    attach_links,
    check_characters,
    check_pages,
    pdf_document,
    reading_errors,
)
from service.documents.wordbreaks import find_runs, make_words

BOLD_WEIGHT = 600
PDFIUM_LINE_END_HYPHEN = 2  # PDFium reports a hyphen that ends a line as U+0002
FONT_NAME_BYTES = 128
SCALE_BYTES = 4 * ctypes.sizeof(ctypes.c_float)  # a text matrix's a, b, c and d
# PDFium's page text holds U+FFFE where the character has a code of its own: a hyphen that ends
# a line (PDFIUM_LINE_END_HYPHEN) or a character without Unicode (0).
MARKED = "\ufffe"
# The page text holds at most two UTF-16 code units a character (a surrogate pair, where a
# PDFium version writes characters past U+FFFF rather than leaving them out).
UNITS_PER_CHARACTER = 2
BMP_MASK = 0xFFFF  # of a code past Unicode, PDFium's page text keeps these bits


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


def _unchecked(function: Any, restype: Any) -> Any:
    """PDFium's `function` called without ctypes converting each argument through its argtypes,
    which takes longer than the call itself: for the calls made once per character or word, whose
    arguments already are what C takes (the text page's handle, an int index, a pointer). The
    call keeps the interpreter lock: letting it go and taking it back takes longer than these
    calls, which neither wait nor call back into Python."""
    return ctypes.cast(function, ctypes.PYFUNCTYPE(restype))


_UNICODE_OF = _unchecked(pypdfium2.raw.FPDFText_GetUnicode, ctypes.c_uint)
_PAGE_TEXT = _unchecked(pypdfium2.raw.FPDFText_GetText, ctypes.c_int)
_LOOSE_BOX = _unchecked(pypdfium2.raw.FPDFText_GetLooseCharBox, ctypes.c_int)
_FONT_SIZE = _unchecked(pypdfium2.raw.FPDFText_GetFontSize, ctypes.c_double)
_MATRIX = _unchecked(pypdfium2.raw.FPDFText_GetMatrix, ctypes.c_int)
_FONT_WEIGHT = _unchecked(pypdfium2.raw.FPDFText_GetFontWeight, ctypes.c_int)
_FONT_INFO = _unchecked(pypdfium2.raw.FPDFText_GetFontInfo, ctypes.c_ulong)


class _Glyphs:
    """PDFium's per-character calls on one text page, filling ctypes buffers made once per page
    rather than once per character."""

    def __init__(self, textpage: pypdfium2.PdfTextPage) -> None:
        # The handle as a reference to what it points to: ctypes passes a reference as it is,
        # where it makes a new argument of a pointer object at each call.
        self.handle = ctypes.byref(textpage.raw.contents)
        self.matrix = pypdfium2.raw.FS_MATRIX()
        self.matrix_ref = ctypes.byref(self.matrix)
        self.name = ctypes.create_string_buffer(FONT_NAME_BYTES)
        self.name_bytes = ctypes.c_ulong(FONT_NAME_BYTES)  # C's unsigned long, as the call takes it
        self.flags_ref = ctypes.byref(ctypes.c_int())

    def boxes(self, characters: list[int]) -> bytes:
        """The loose boxes of the characters, one after another, as PDFium fills them (left, top,
        right, bottom in C floats)."""
        loose_box, handle = _LOOSE_BOX, self.handle
        rect = pypdfium2.raw.FS_RECTF()
        rect_ref, edges = ctypes.byref(rect), memoryview(rect).tobytes
        found = [edges() for index in characters if loose_box(handle, index, rect_ref)]
        if len(found) < len(characters):
            raise pypdfium2.PdfiumError("Failed to get charbox.")
        return b"".join(found)

    def font_sizes(self, indices: list[int]) -> list[float]:
        """The size each character is drawn at: its font size scaled by its text matrix, as pdfplumber
        reports it; worked out once for each font size and scale of the page."""
        handle, matrix, matrix_ref = self.handle, self.matrix, self.matrix_ref
        scale = memoryview(matrix).cast("B")[:SCALE_BYTES].tobytes  # a, b, c, d: not where it stands
        known: dict[tuple[float, bytes], float] = {}
        sizes: list[float] = []
        for index in indices:
            size = _FONT_SIZE(handle, index)
            key = (size, scale() if _MATRIX(handle, index, matrix_ref) else b"")
            found = known.get(key)
            if found is None or not size:  # 0.0 and -0.0 are one key, but for their sign
                if key[1]:
                    size *= abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
                found = known[key] = round(size, 2)
            sizes.append(found)
        return sizes

    def bold(self, indices: list[int]) -> list[bool]:
        """Whether the font of each character is bold: by its weight, or else by its name; each
        name is looked at once."""
        handle, name, name_bytes, flags_ref = self.handle, self.name, self.name_bytes, self.flags_ref
        named: dict[bytes, bool] = {}
        weights: list[bool] = []
        for index in indices:
            if _FONT_WEIGHT(handle, index) >= BOLD_WEIGHT:
                weights.append(True)
                continue
            length = _FONT_INFO(handle, index, name, name_bytes, flags_ref)
            if not 0 < length <= FONT_NAME_BYTES:  # PDFium writes no name that does not fit the buffer
                weights.append(False)
                continue
            value = name.value
            found = named.get(value)
            if found is None:
                found = named[value] = BOLD_NAME.search(value.decode("utf-8", "replace")) is not None
            weights.append(found)
        return weights


def _page_text(handle: Any, count: int) -> str:
    """The text page's characters, one for each of its `count` characters (chr of the code PDFium
    gives it). PDFium's page text, read in one call, is that text where it holds as many
    characters; it leaves out control characters and characters with neither Unicode nor a code
    (so that the rest shift), and marks with U+FFFE the characters it codes otherwise (MARKED).
    Those pages, and the marked characters, are read a character at a time."""
    buffer = (ctypes.c_uint16 * (UNITS_PER_CHARACTER * count + 1))()
    units = _PAGE_TEXT(handle, 0, count, buffer) - 1  # less the terminator
    size = units * ctypes.sizeof(ctypes.c_uint16)
    text = ctypes.string_at(buffer, size).decode("utf-16-le", "surrogatepass") if units > 0 else ""
    if len(text) != count:
        return "".join([_character(_UNICODE_OF(handle, index)) for index in range(count)])
    if MARKED not in text:
        return text
    characters = list(text)
    at = text.find(MARKED)
    while at >= 0:
        characters[at] = _character(_UNICODE_OF(handle, at))
        at = text.find(MARKED, at + 1)
    return "".join(characters)


def _character(code: int) -> str:
    """The character of a code PDFium gives a character; of a code past Unicode (a broken font's
    glyph name or character code), its low 16 bits, as PDFium's page text holds it."""
    return chr(code) if code <= sys.maxunicode else chr(code & BMP_MASK)


def _pdfium_words(textpage: pypdfium2.PdfTextPage, height: float) -> list[Word]:
    """Words from PDFium's characters: a break at white space (PDFium's own, where it saw a gap)
    or where the gap to the next character passes X_TOLERANCE_RATIO of the font size."""
    # PDFium is asked once per character for its box alone, once per run between breaks for
    # its size and once per word for its weight; the words are found in make_words.
    glyphs = _Glyphs(textpage)
    text = _page_text(glyphs.handle, textpage.count_chars())
    runs = find_runs(text)
    shown = text.replace(chr(PDFIUM_LINE_END_HYPHEN), "-")
    sizes = glyphs.font_sizes(runs.characters[runs.firsts].tolist())
    return make_words(shown, runs, glyphs.boxes(runs.characters.tolist()), height, sizes, glyphs.bold)
