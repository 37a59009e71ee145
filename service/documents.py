"""Document bytes -> lines of text with their page, position and font, in reading order."""

from __future__ import annotations

import bisect
import collections
import ctypes
import io
import itertools
import logging
import math
import re
import statistics
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import docx
import ftfy
import pdfplumber
import pypdfium2
import pypdfium2.raw
from charset_normalizer import from_bytes
from docx.table import Table
from docx.text.paragraph import Paragraph
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from service.exceptions import (
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    TooManyPages,
    UnreadableDocument,
    UnsupportedMediaType,
)
from service.inflation import MAX_STREAM_BYTES, StreamTooLarge, bounded_pdfminer, check_pdf_streams

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = "text/plain"
MARKDOWN = "text/markdown"

# Words closer than this fraction of the font size belong to one word. pdfplumber's default,
# 3 points, glues LaTeX output that positions words instead of writing spaces.
X_TOLERANCE_RATIO = 0.1
MIN_GUTTER = 10.0  # points of empty page between two columns
MIN_TEXT_CHARACTERS = 40
MAX_DOCX_XML_BYTES = 50 * 1024 * 1024

LIGATURES = str.maketrans(
    {"\u2010": "-", "\u2011": "-", "\u00ad": "-", "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
CID = re.compile(r"\(cid:\d+\)")
# Bullets, arrows, check marks, boxes and icon-font glyphs (private use area) carry no words.
STRAY = re.compile(
    "[\u2022\u2023\u2043\u2219\u25aa-\u25ff\u2190-\u21ff\u2600-\u27bf\ue000-\uf8ff\U000f0000-\U000fffff\ufffd\u00b7\u25cf\u25cb\u25a0\u25a1]"
)
LEADING_BULLET = re.compile(r"^\s*(?:[-*+>o]|\d{1,2}[.)])\s+(?=\S)")
HYPHENATED = re.compile(r"[a-z]-$")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Line:
    """One line of text as it stands in the document."""

    text: str
    page: int  # 1-based
    top: float = 0.0
    x0: float = 0.0
    size: float = 0.0  # font size in points; 0 where the format has none
    bold: bool = False
    heading: bool = False  # the format itself marks it a heading (DOCX style, Markdown #)


@dataclass(frozen=True)
class Document:
    """A document read into lines, with what the reader learnt about it."""

    media_type: str
    pages: int
    lines: tuple[Line, ...]
    layout: str = "single-column"
    warnings: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def characters(self) -> int:
        return sum(len(line.text) for line in self.lines)


def sniff_media_type(data: bytes) -> str:
    """Tell the document type from its bytes, whatever its name or declared type says."""
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError) as error:
            raise UnreadableDocument("The file looks like a ZIP archive but is damaged.") from error
        if "word/document.xml" in names:
            return DOCX
        raise UnsupportedMediaType("The file is a ZIP archive but not a Word (DOCX) document.")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedMediaType("Word 97-2003 (.doc) files are not supported; save the file as DOCX or PDF.")
    for magic, name in ((b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF")):
        if head.startswith(magic):
            raise UnsupportedMediaType(f"The file is a {name} image; upload a PDF, DOCX or text resume (images are not read).")
    if head.startswith(b"{\\rtf"):
        raise UnsupportedMediaType("RTF files are not supported; save the file as DOCX or PDF.")
    if _decode_text(data) is None:
        raise UnsupportedMediaType("The file is not a PDF, a DOCX document or text.")
    return MARKDOWN if re.search(rb"(?m)^#{1,3} \S", data[:20000]) else TEXT


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
        document = (_read_pdf_pdfplumber if pdf_reader == "pdfplumber" else _read_pdf_pdfium)(data, max_pages, max_characters)
    elif media_type == DOCX:
        document = _read_docx(data)
    else:
        document = _read_text(data, media_type)
    if document.characters > max_characters:
        raise DocumentTooLarge(f"The document holds {document.characters} characters of text; the limit is {max_characters}.")
    if sum(ch.isalnum() for line in document.lines for ch in line.text) < MIN_TEXT_CHARACTERS:
        hint = " It may be a scanned image without a text layer; OCR is not supported." if media_type == PDF else ""
        raise EmptyDocument(f"The document holds no usable text.{hint}")
    return document


# --- text clean-up shared by every format ---


def clean_text(text: str) -> str:
    """Undo ligatures, drop glyph codes and icon glyphs, fold white space."""
    text = CID.sub("", text.translate(LIGATURES))
    text = STRAY.sub(" ", text)
    text = "".join(ch for ch in text if ch in "\t " or unicodedata.category(ch)[0] != "C")
    return " ".join(text.split())


def _clean_line(text: str) -> str:
    """Repair mojibake ("â€¢" for "•"), then clean the text and drop a leading bullet."""
    return LEADING_BULLET.sub("", clean_text(ftfy.fix_text(text))).strip()


def _join_hyphenated(lines: list[Line]) -> list[Line]:
    """Join words split by a hyphen at the end of a line ("experi-" + "ence")."""
    out = list(lines)
    for i in range(len(out) - 1):
        this, following = out[i], out[i + 1]
        if HYPHENATED.search(this.text) and following.text[:1].islower() and following.page == this.page:
            first, _, rest = following.text.partition(" ")
            out[i] = Line(this.text[:-1] + first, this.page, this.top, this.x0, this.size, this.bold, this.heading)
            out[i + 1] = Line(rest, following.page, following.top, following.x0, following.size, following.bold)
    return [line for line in out if line.text]


# --- PDF ---


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


def _read_pdf_pdfplumber(data: bytes, max_pages: int, max_characters: int) -> Document:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    # pdfminer lays a page out in Python, seconds for a page of a million glyphs: PDFium counts
    # the characters first, in C.
    _check_characters(_pdfium_characters(data, max_pages), max_characters)
    try:
        with bounded_pdfminer(), pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
            if pages > max_pages:
                raise TooManyPages(f"The document has {pages} pages; the limit is {max_pages}.")
            lines: list[Line] = []
            columns = 1
            for number, page in enumerate(pdf.pages, start=1):
                words = [_word(raw) for raw in page.extract_words(x_tolerance_ratio=X_TOLERANCE_RATIO, extra_attrs=["size", "fontname"])]
                page_lines, page_columns = _page_lines([w for w in words if w.text.strip()], float(page.width), number)
                lines += page_lines
                columns = max(columns, page_columns)
                page.flush_cache()
    except (TooManyPages, DocumentTooLarge):
        raise
    except Exception as error:  # pdfminer raises many types on damaged files
        cause = error.args[0] if error.args else error
        if isinstance(error, StreamTooLarge) or isinstance(cause, StreamTooLarge):
            raise DocumentTooLarge(f"A stream in the PDF inflates past {MAX_STREAM_BYTES} bytes; the file looks hostile.") from error
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or isinstance(error, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise EncryptedDocument("The PDF is protected by a password; upload an unprotected copy.") from error
        log.info("pdf parse failure: %s", type(cause).__name__)
        raise UnreadableDocument("The PDF is damaged or not a valid PDF file.") from error
    return Document(PDF, pages, tuple(_join_hyphenated(lines)), "multi-column" if columns > 1 else "single-column")


BOLD_WEIGHT = 600
PDFIUM_LINE_END_HYPHEN = 2  # PDFium reports a hyphen that ends a line as U+0002
BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|,b\b", re.I)


def _font_size(handle: object, index: int) -> float:
    """The size the text is drawn at: the font size scaled by the text matrix, as pdfplumber reports it."""
    matrix = pypdfium2.raw.FS_MATRIX()
    size = float(pypdfium2.raw.FPDFText_GetFontSize(handle, index))
    if pypdfium2.raw.FPDFText_GetMatrix(handle, index, ctypes.byref(matrix)):
        size *= abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    return round(size, 2)


def _font_name(handle: object, index: int) -> str:
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    length = pypdfium2.raw.FPDFText_GetFontInfo(handle, index, buffer, len(buffer), ctypes.byref(flags))
    return buffer.value.decode("utf-8", "replace") if length else ""


# A page's characters as the reader counts them hold the spaces and line ends the text will
# not; past this many times the character limit, the text cannot fit in it.
CHARACTERS_PER_TEXT_CHARACTER = 2


def _check_characters(characters: int, max_characters: int) -> None:
    """Stop reading a PDF whose pages so far hold more characters than its text may have (the
    word loops cost time per character, so a page of millions of glyphs is refused before them)."""
    if characters > CHARACTERS_PER_TEXT_CHARACTER * max_characters:
        raise DocumentTooLarge(f"The document holds more than {max_characters} characters of text; that is the limit.")


def _pdfium_characters(data: bytes, max_pages: int) -> int:
    """The characters of the PDF's first `max_pages` pages as PDFium counts them; 0 where PDFium
    cannot open the file (the other reader then says what is wrong with it)."""
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return 0
    try:
        characters = 0
        for number in range(min(len(pdf), max_pages)):
            page = pdf[number]
            try:
                textpage = page.get_textpage()
                characters += textpage.count_chars()
                textpage.close()
            finally:
                page.close()
        return characters
    except pypdfium2.PdfiumError:
        return 0
    finally:
        pdf.close()


def _read_pdf_pdfium(data: bytes, max_pages: int, max_characters: int) -> Document:
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if "password" in str(error).lower():
            raise EncryptedDocument("The PDF is protected by a password; upload an unprotected copy.") from error
        raise UnreadableDocument("The PDF is damaged or not a valid PDF file.") from error
    try:
        pages = len(pdf)
        if pages > max_pages:
            raise TooManyPages(f"The document has {pages} pages; the limit is {max_pages}.")
        lines: list[Line] = []
        columns = 1
        characters = 0
        for number in range(pages):
            page = pdf[number]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    characters += textpage.count_chars()
                    _check_characters(characters, max_characters)
                    words = _pdfium_words(textpage, height)
                finally:
                    textpage.close()
            finally:
                page.close()
            page_lines, page_columns = _page_lines(words, float(width), number + 1)
            lines += page_lines
            columns = max(columns, page_columns)
    except (TooManyPages, DocumentTooLarge):
        raise
    except pypdfium2.PdfiumError as error:
        raise UnreadableDocument("The PDF is damaged or not a valid PDF file.") from error
    finally:
        pdf.close()
    return Document(PDF, pages, tuple(_join_hyphenated(lines)), "multi-column" if columns > 1 else "single-column")


def _pdfium_words(textpage: pypdfium2.PdfTextPage, height: float) -> list[_Word]:
    """Words from PDFium's characters: a break at white space (PDFium's own, where it saw a gap)
    or where the gap to the next character passes X_TOLERANCE_RATIO of the font size."""
    handle = textpage.raw
    words: list[_Word] = []
    chars: list[str] = []
    box: list[float] = []
    size = weight = 0.0
    last_right = last_top = None

    def flush() -> None:
        if chars and "".join(chars).strip():
            words.append(_Word("".join(chars), box[0], box[1], box[2], box[3], size, weight >= BOLD_WEIGHT))
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
        gap_limit = X_TOLERANCE_RATIO * max(char_size, 1.0)
        if chars and (
            last_right is None
            or left - last_right > gap_limit
            or left < last_right - 2 * gap_limit - (right - left)
            or abs(y_top - (last_top or y_top)) > 0.5 * max(char_size, 1.0)
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


def _word(raw: dict) -> _Word:
    font = str(raw.get("fontname", ""))
    return _Word(
        text=raw["text"],  # cleaned per line: mojibake repair needs the raw characters
        x0=float(raw["x0"]),
        x1=float(raw["x1"]),
        top=float(raw["top"]),
        bottom=float(raw["bottom"]),
        size=float(raw.get("size") or 0.0),
        bold=bool(BOLD_NAME.search(font)),
    )


# --- layout: words -> rows -> text lines -> columns ---

# A two-column page or block has its gutter inside these fractions of the page width; an empty
# band nearer an edge is a margin or an indent.
GUTTER_ZONE = (0.2, 0.8)
GUTTER_BIN = 2.0  # points per bin when the page-wide gutter is searched
MIN_PAGE_WORDS = 30  # fewer words are too few to tell a two-column page from a short one
# A page-wide gutter may be crossed by this share of the words: a name or headings across the page.
PAGE_CROSSING_SHARE = 0.01
# Each column holds at least this share of the words of its page or block; less is an indent,
# a margin note or a date column beside long entries.
MIN_SIDE_SHARE = 0.15
ROW_BUCKET = 4.0  # points: text of the two sides within this height stands on the same row
MIN_SHARED_ROWS = 5  # a page is two columns when both sides hold text at this many heights

# A word joins a row when it overlaps the row's vertical extent by this share of the smaller height.
ROW_OVERLAP = 0.5
# Words of one text line never overlap horizontally by more than this share of their height (a
# space parts them); more means two text lines stacked in one row, e.g. joined by a tall bullet or
# by a taller line beside a two-line cell.
STACK_OVERLAP = 0.3
# Inside a row, a gap wider than this many line heights parts cells (a tab stop, \hfill, a table
# column): word spaces, even stretched by justification, are narrower.
CELL_GAP = 1.5
# A word taller than this many times the median height of its cell is a bullet, an icon or a
# larger font: it may reach two text lines, so it joins the line nearest its middle instead of
# chaining them.
TALL_WORD = 1.4
# Middles of two text lines stand at least a line apart; words of one line (mixed sizes,
# superscripts) stand within this share of their height.
LINE_SPLIT = 0.5

# Rows part at a gap this many line heights tall (a blank line): a heading or an entry after a
# two-column block belongs to the text that follows, not to the block's left column.
BLOCK_GAP = 0.8
# A line with text on one side only, above or below a block's rows with text on both, is part of
# its column while it stands within this many of the column's line steps of its neighbour line:
# the longer column goes on at its steady step, a heading after the block stands further off.
BLOCK_PITCH = 1.5
# The lines of a column start at one edge, give or take a bullet or a hanging indent of up to
# this many line heights; lines that start all over are centred text or cells, not a column.
INDENT = 3.0
# Line ends within this share of a line height of each other are aligned (loose glyph boxes of
# italics and digits differ by a few points).
ALIGN_TOLERANCE = 0.5
# Right lines of which this share end flush with the rightmost are cells set flush right (dates,
# places) beside their rows' text; a justified column's paragraph ends fall short of it.
FLUSH_RIGHT_SHARE = 0.8
# A row whose two sides differ this much in text height (a name beside contact lines) joins two
# blocks with line grids of their own; a table's key and value share a size, give or take bold.
SIZE_RATIO = 1.5
# The widest this many bands a run of lines leaves empty are tried as its gutter (a header of three
# columns leaves two); a few keep the search linear on a page of many words.
MAX_BANDS = 3
# A header block starts within this many lines of the top of the page (under a name line across
# the page at most).
HEADER_LINES = 2
MIN_COLUMN_LINES = 2  # each column of a two-column block holds at least this many lines

_Band = tuple[float, float]


def _page_lines(words: list[_Word], width: float, page: int) -> tuple[list[Line], int]:
    """Lines of one page in reading order: a two-column page is read column by column, and so is
    a two-column block of rows (a header, a skills list beside education) on a one-column page."""
    rows = _group_rows(words)
    gutter = _find_gutter(words, width)
    out: list[Line] = []
    if gutter is not None:
        block: list[_Word] = []
        # Rows that cross the gutter (a name or heading across the page) split the page into blocks.
        for row in rows:
            if any(w.x0 < gutter[1] and w.x1 > gutter[0] for w in row):
                out += _read_block(block, gutter, page)
                block = []
                out += [_make_line(line, page) for line in _row_lines(row)]
            else:
                block += row
        return out + _read_block(block, gutter, page), 2
    # Blocks are found among text lines, a row of stacked lines split into each of its lines;
    # text outside blocks is read row by row.
    stacked = [_stacked(row) for row in rows]
    pieces = [(index, line) for index, row in enumerate(rows) for line in (_cell_lines(row) if stacked[index] else [row])]
    counts = [0] * len(rows)
    for index, _ in pieces:
        counts[index] += 1
    columns = 1
    for start, end, band in _blocks([line for _, line in pieces], [index for index, _ in pieces], width):
        if band is not None:
            out += _read_block([w for _, line in pieces[start:end] for w in line], band, page)
            columns = 2
            continue
        for index, group in itertools.groupby(pieces[start:end], key=lambda piece: piece[0]):
            lines = [line for _, line in group]
            whole = len(lines) == counts[index]
            out += [_make_line(line, page) for line in (_row_lines(rows[index]) if whole and stacked[index] else lines)]
    return out, columns


def _read_block(words: list[_Word], gutter: _Band, page: int) -> list[Line]:
    """The lines of a block of two columns: the left column's, then the right column's."""
    left = [w for w in words if w.x1 <= gutter[0]]
    right = [w for w in words if w.x0 >= gutter[1]]
    return [_make_line(line, page) for side in (left, right) for row in _group_rows(side) for line in _row_lines(row)]


def _find_gutter(words: list[_Word], width: float) -> _Band | None:
    """The widest empty vertical band in the middle of the page that splits the text into two
    columns side by side; None for a one-column page."""
    if len(words) < MIN_PAGE_WORDS or width <= 0:
        return None
    bins = int(width / GUTTER_BIN) + 1
    # Words crossing each bin, from the bins where words start and end (linear in words + bins).
    changes = [0] * (bins + 1)
    for w in words:
        first, last = max(int(w.x0 / GUTTER_BIN), 0), min(int(w.x1 / GUTTER_BIN) + 1, bins)
        if first < last:
            changes[first] += 1
            changes[last] -= 1
    crossing = list(itertools.accumulate(changes[:bins]))
    allowed = max(1, int(len(words) * PAGE_CROSSING_SHARE))
    best: _Band | None = None
    start = None
    for b in range(int(bins * GUTTER_ZONE[0]), int(bins * GUTTER_ZONE[1]) + 1):
        if b < bins and crossing[b] <= allowed:
            start = b if start is None else start
            continue
        if start is not None:
            band = (start * GUTTER_BIN, b * GUTTER_BIN)
            if band[1] - band[0] >= MIN_GUTTER and (best is None or band[1] - band[0] > best[1] - best[0]):
                best = band
            start = None
    if best is None:
        return None
    left = [w for w in words if w.x1 <= best[0]]
    right = [w for w in words if w.x0 >= best[1]]
    if min(len(left), len(right)) < MIN_SIDE_SHARE * len(words):
        return None
    # Both sides must hold text at the same heights, else it is a margin, not a column break.
    left_rows = {round(w.top / ROW_BUCKET) for w in left}
    right_rows = {round(w.top / ROW_BUCKET) for w in right}
    if len(left_rows & right_rows) < MIN_SHARED_ROWS:
        return None
    return best


def _blocks(lines: list[list[_Word]], origins: list[int], width: float) -> Iterator[tuple[int, int, _Band | None]]:
    """The page's text lines in parts [start, end), top to bottom, each with the band its two
    columns stand apart at, or None for lines read row by row; `origins` numbers the row each
    line comes from. Lines that all leave one vertical band in the middle of the page empty form
    a run, so one scan finds the gutter of each block of lines, whatever the rest of the page holds."""
    zone = (GUTTER_ZONE[0] * width, GUTTER_ZONE[1] * width)
    free = [_free_bands(line, zone) for line in lines]
    start = 0
    bands: list[_Band] = []
    for index in range(len(lines)):
        common = _common_bands(bands, free[index]) if index > start else []
        if common:
            bands = common
            continue
        if index > start:
            yield from _settle(lines, origins, free, start, index)
        start, bands = (index, free[index]) if free[index] else (index + 1, [])
        if not free[index]:
            yield index, index + 1, None
    if len(lines) > start:
        yield from _settle(lines, origins, free, start, len(lines))


def _free_bands(row: list[_Word], zone: _Band) -> list[_Band]:
    """The bands of the zone at least MIN_GUTTER wide that no word of the row (left to right) covers."""
    bands: list[_Band] = []
    edge = zone[0]
    for w in row:
        if min(w.x0, zone[1]) - edge >= MIN_GUTTER:
            bands.append((edge, min(w.x0, zone[1])))
        edge = max(edge, w.x1)
    if zone[1] - edge >= MIN_GUTTER:
        bands.append((edge, zone[1]))
    return bands


def _common_bands(first: list[_Band], second: list[_Band]) -> list[_Band]:
    """The parts at least MIN_GUTTER wide that two sorted lists of bands share."""
    out: list[_Band] = []
    i = j = 0
    while i < len(first) and j < len(second):
        low, high = max(first[i][0], second[j][0]), min(first[i][1], second[j][1])
        if high - low >= MIN_GUTTER:
            out.append((low, high))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return out


def _settle(
    lines: list[list[_Word]], origins: list[int], free: list[list[_Band]], start: int, end: int
) -> Iterator[tuple[int, int, _Band | None]]:
    """The run of lines [start, end) (`free` holds the bands each leaves empty) in groups that no
    blank line parts (a heading or an entry after a blank line below a two-column block is not
    part of its left column), each group's two-column block with its band, and the lines around
    it to read row by row."""
    if end - start < MIN_COLUMN_LINES:  # too few lines for two columns of lines
        yield start, end, None
        return
    tops = [min(w.top for w in line) for line in lines[start:end]]
    bottoms = [max(w.bottom for w in line) for line in lines[start:end]]
    limit = BLOCK_GAP * statistics.median(b - t for t, b in zip(tops, bottoms, strict=True))
    low = start
    for high in range(start + 1, end + 1):
        if high < end and tops[high - start] - bottoms[high - start - 1] <= limit:
            continue
        bands = free[low]
        for index in range(low + 1, high):
            bands = _common_bands(bands, free[index])
        widest = sorted(bands, key=lambda b: b[0] - b[1])[:MAX_BANDS] if high - low >= MIN_COLUMN_LINES else []
        yield from _split_group(lines[low:high], origins[low:high], low, widest)
        low = high


def _split_group(group: list[list[_Word]], origins: list[int], offset: int, bands: list[_Band]) -> Iterator[tuple[int, int, _Band | None]]:
    """A group of lines (the first at `offset` on the page; `origins` numbers the row each comes
    from) as its two-column block beside the first of the bands it reads as two columns at, and
    the lines around it; or whole, to read row by row."""
    stacked = collections.Counter(origins)  # a row of stacked lines gives several lines
    for band in bands:
        sides = [_Sides(line, band) for line in group]
        across: dict[int, set[str]] = {}  # the sides each row holds text on
        for origin, line in zip(origins, sides, strict=True):
            across.setdefault(origin, set()).update(side for side in ("left", "right") if line.part(side))
        for origin, line in zip(origins, sides, strict=True):
            # A line pairs with text across the band on its own row, or on the row it is stacked in.
            line.paired = len(across[origin]) == 2
            line.stacked = stacked[origin] > 1
        if not any(line.paired for line in sides):
            continue
        first, last = _column_span(sides)
        if _two_columns(sides[first:last], header=offset + first < HEADER_LINES):
            yield from (
                (offset + a, offset + b, found)
                for a, b, found in [(0, first, None), (first, last, band), (last, len(group), None)]
                if a < b
            )
            return
    yield offset, offset + len(group), None


class _Sides:
    """A line's words left and right of a band; whether the line's row holds text on both sides,
    and whether the row holds stacked lines."""

    def __init__(self, line: list[_Word], band: _Band) -> None:
        self.left = [w for w in line if w.x1 <= band[0]]
        self.right = [w for w in line if w.x0 >= band[1]]
        self.paired = self.stacked = False

    def part(self, side: str) -> list[_Word]:
        return self.left if side == "left" else self.right

    def side_top(self, side: str) -> float:
        return min(w.top for w in self.part(side))

    def side_height(self, side: str) -> float:
        return max(w.bottom for w in self.part(side)) - self.side_top(side)


def _column_span(sides: list[_Sides]) -> tuple[int, int]:
    """The lines [first, last) of a group that its two columns may hold: from its first to its
    last line with text on both sides, and on over lines with text on one side while each stands
    within BLOCK_PITCH lines (the column's usual step, or the line above it when taller) of the
    line before or after it in its column: the longer column goes on, a heading after the block
    stands further off."""
    steps = []
    for side in ("left", "right"):
        tops = [line.side_top(side) for line in sides if line.part(side)]
        steps += [b - a for a, b in zip(tops, tops[1:], strict=False)]
    pitch = statistics.median(steps) if steps else 0.0

    def near(upper: _Sides, lower: _Sides, side: str) -> bool:
        return lower.side_top(side) - upper.side_top(side) <= BLOCK_PITCH * max(pitch, upper.side_height(side))

    paired = [i for i, line in enumerate(sides) if line.paired]
    first, last = paired[0], paired[-1] + 1
    below = {side: next((line for line in sides[first:] if line.part(side)), None) for side in ("left", "right")}
    while first > 0:
        side = "left" if sides[first - 1].left else "right"
        line = below[side]
        if line is None or not near(sides[first - 1], line, side):
            break
        first -= 1
        below[side] = sides[first]
    above = {side: next((line for line in reversed(sides[:last]) if line.part(side)), None) for side in ("left", "right")}
    while last < len(sides):
        side = "left" if sides[last].left else "right"
        line = above[side]
        if line is None or not near(line, sides[last], side):
            break
        above[side] = sides[last]
        last += 1
    return first, last


def _two_columns(sides: list[_Sides], header: bool) -> bool:
    """Whether lines that leave a band empty read as two columns beside it, not as a table or as
    cells of one line (a title and its dates). Each side holds enough lines and words, and the
    right lines do not mostly end flush right (dates and places set flush right are cells of
    their rows). Besides, the columns flow on their own: some left line below the first pair
    stands beside no right text (a table pairs every key with its value) and each side's lines
    start at one edge, give or take an indent; or, at the top of the page, the block is a
    header whose sides keep line grids of their own (a row stacks lines across the band, or
    pairs text of sizes far apart, as a name beside contact lines)."""
    left = [w for line in sides for w in line.left]
    right = [w for line in sides for w in line.right]
    if min(sum(bool(line.left) for line in sides), sum(bool(line.right) for line in sides)) < MIN_COLUMN_LINES:
        return False
    if min(len(left), len(right)) < MIN_SIDE_SHARE * (len(left) + len(right)):
        return False
    height = statistics.median(_height(w) for w in left + right)
    ends = [max(w.x1 for w in line.right) for line in sides if line.right]
    if sum(max(ends) - end <= ALIGN_TOLERANCE * height for end in ends) >= FLUSH_RIGHT_SHARE * len(ends):
        return False
    first = next(i for i, line in enumerate(sides) if line.paired)
    if any(line.left and not line.paired for line in sides[first:]):
        starts = [[line.part(side)[0].x0 for line in sides if line.part(side)] for side in ("left", "right")]
        if all(max(edge) - min(edge) <= INDENT * height for edge in starts):
            return True
    if not header:
        return False
    return any(line.paired and line.stacked for line in sides) or any(_sizes_differ(line) for line in sides if line.left and line.right)


def _sizes_differ(line: _Sides) -> bool:
    """Whether the text left and right of the band in a line differs in height by SIZE_RATIO."""
    left = statistics.median(_height(w) for w in line.left)
    right = statistics.median(_height(w) for w in line.right)
    return max(left, right) >= SIZE_RATIO * min(left, right)


def _group_rows(words: Iterable[_Word]) -> list[list[_Word]]:
    """Group words into rows whose vertical extents overlap, top to bottom, left to right."""
    rows: list[list[_Word]] = []
    top = bottom = 0.0  # the vertical extent of the last row
    for word in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        if rows:
            height = max(min(bottom - top, word.bottom - word.top), 0.1)
            if min(bottom, word.bottom) - max(top, word.top) >= ROW_OVERLAP * height:
                rows[-1].append(word)
                top, bottom = min(top, word.top), max(bottom, word.bottom)
                continue
        rows.append([word])
        top, bottom = word.top, word.bottom
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def _height(word: _Word) -> float:
    return max(word.bottom - word.top, 0.1)


def _middle(word: _Word) -> float:
    return (word.top + word.bottom) / 2


def _stacked(row: list[_Word]) -> bool:
    """Whether words of the row (left to right) overlap horizontally: text lines stacked."""
    reach, reach_height = -math.inf, 0.0  # the right end of the word reaching furthest so far
    for word in row:
        height = max(word.bottom - word.top, 0.1)
        if reach - word.x0 > STACK_OVERLAP * min(reach_height, height):
            return True
        if word.x1 > reach:
            reach, reach_height = word.x1, height
    return False


def _cells(row: list[_Word]) -> list[list[_Word]]:
    """The row's words (left to right) in cells parted by gaps wider than CELL_GAP lines."""
    typical = sorted(_height(w) for w in row)[len(row) // 2]
    cells: list[list[_Word]] = []
    reach = -math.inf
    for word in row:
        if cells and word.x0 - reach <= CELL_GAP * typical:
            cells[-1].append(word)
        else:
            cells.append([word])
        reach = max(reach, word.x1)
    return cells


def _cell_lines(row: list[_Word]) -> list[list[_Word]]:
    """Each text line of each cell of a row of stacked lines, top to bottom."""
    return sorted((line for cell in _cells(row) for line in _text_lines(cell)), key=lambda line: min(w.top for w in line))


def _row_lines(row: list[_Word]) -> list[list[_Word]]:
    """The lines a row reads as, each with its words together: the row itself when its words
    stand on one line. Of stacked lines, a later cell's line beside one line of the first cell
    joins it, as a one-line row reads ("Data Scientist  2019 - 2021"); a later cell wrapped on
    several lines beside one line reads as a line of its own after it ("Syracuse University",
    then "Syracuse, New York, USA"); a line beside none stands alone."""
    if not _stacked(row):
        return [row]
    cells = _cells(row)
    lines = _text_lines(cells[0])
    extents = [(min(w.top for w in line), max(w.bottom for w in line)) for line in lines]
    middles = [(top + bottom) / 2 for top, bottom in extents]
    keyed: list[tuple[tuple[float, int, int], list[_Word]]] = []
    for cell in cells[1:]:
        beside: dict[int, list[list[_Word]]] = {}
        for line in _text_lines(cell):
            top, bottom = min(w.top for w in line), max(w.bottom for w in line)
            at = bisect.bisect_left(middles, (top + bottom) / 2)
            best, overlap = None, 0.0
            for i in (at - 1, at):
                if 0 <= i < len(lines):
                    shared = min(bottom, extents[i][1]) - max(top, extents[i][0])
                    if shared > overlap and shared >= ROW_OVERLAP * min(bottom - top, extents[i][1] - extents[i][0]):
                        best, overlap = i, shared
            if best is None:
                keyed.append(((top, 2, len(keyed)), line))
            else:
                beside.setdefault(best, []).append(line)
        for i, found in beside.items():
            if len(found) == 1:
                lines[i] += found[0]
            else:
                keyed.append(((extents[i][0], 1, len(keyed)), [w for line in found for w in line]))
    keyed += [((extents[i][0], 0, 0), line) for i, line in enumerate(lines)]
    return [line for _, line in sorted(keyed, key=lambda item: item[0])]


def _text_lines(words: list[_Word]) -> list[list[_Word]]:
    """Words of one cell (left to right) in text lines, top to bottom, each left to right:
    lines part where the middles of words stand apart by more than LINE_SPLIT of their height."""
    typical = sorted(_height(w) for w in words)[len(words) // 2]
    regular = sorted((w for w in words if _height(w) <= TALL_WORD * typical), key=_middle)
    lines: list[list[_Word]] = []
    for previous, word in zip([None, *regular], regular, strict=False):
        if previous is not None and _middle(word) - _middle(previous) <= LINE_SPLIT * min(_height(word), _height(previous)):
            lines[-1].append(word)
        else:
            lines.append([word])
    middles = [statistics.median(_middle(w) for w in line) for line in lines]
    for word in words:
        if _height(word) > TALL_WORD * typical:
            at = bisect.bisect_left(middles, _middle(word))
            near = min((i for i in (at - 1, at) if 0 <= i < len(lines)), key=lambda i: abs(middles[i] - _middle(word)))
            lines[near].append(word)
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _spaced_out(row: list[_Word]) -> str:
    """Rebuild letter-spaced headings ("E X P E R I E N C E"): join letters whose gap is small
    compared with the gaps between words."""
    gaps = [b.x0 - a.x1 for a, b in zip(row, row[1:], strict=False)]
    unit = min(gaps)
    text = row[0].text
    for gap, word in zip(gaps, row[1:], strict=True):
        text += (" " if gap > 1.6 * unit + 0.5 else "") + word.text
    return text


def _make_line(row: list[_Word], page: int) -> Line:
    sizes = [w.size for w in row if w.size]
    letters = len(row) >= 4 and all(len(w.text) == 1 for w in row)
    return Line(
        text=_clean_line(_spaced_out(row) if letters else " ".join(w.text for w in row)),
        page=page,
        top=min(w.top for w in row),
        x0=row[0].x0,
        size=round(statistics.median(sizes), 1) if sizes else 0.0,
        bold=sum(len(w.text) for w in row if w.bold) > 0.5 * sum(len(w.text) for w in row),
    )


# --- DOCX ---


def _read_docx(data: bytes) -> Document:
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


def _docx_line(paragraph, page: int) -> Line:  # type: ignore[no-untyped-def]
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(run.bold for run in runs)
    sizes = [run.font.size.pt for run in runs if run.font.size is not None]
    return Line(
        text=_clean_line(paragraph.text),
        page=page,
        size=max(sizes) if sizes else 0.0,
        bold=bold,
        heading=style.startswith(("Heading", "Title")),
    )


def _docx_table_lines(table, page: int) -> Iterator[Line]:  # type: ignore[no-untyped-def]
    seen: set[object] = set()  # holding the elements keeps their identity stable
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:  # merged cells repeat
                continue
            seen.add(cell._tc)
            for paragraph in cell.paragraphs:
                yield _docx_line(paragraph, page)


# --- text and Markdown ---


ENCODING_SAMPLE_BYTES = 200_000  # bytes the encoding of a non-UTF-8 text is told from


def _decode_text(data: bytes) -> str | None:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else the detected encoding."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data[:4096]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # The encoding is told from the first bytes; the whole document is decoded with it.
    best = from_bytes(data[:ENCODING_SAMPLE_BYTES]).best()
    if best is None:
        return None
    try:
        text = data.decode(best.encoding, errors="replace")  # a stray byte further on costs one character
    except LookupError:
        return None
    controls = sum(1 for ch in text[:10000] if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f")
    return text if controls < 0.01 * max(len(text[:10000]), 1) else None


MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__|`)")


def _read_text(data: bytes, media_type: str) -> Document:
    text = _decode_text(data)
    if text is None:
        raise UnsupportedMediaType("The file is not a PDF, a DOCX document or text.")
    lines = []
    for raw in ftfy.fix_text(text).splitlines():
        heading = media_type == MARKDOWN and bool(MARKDOWN_HEADING.match(raw))
        if media_type == MARKDOWN:
            raw = MARKDOWN_EMPHASIS.sub("", MARKDOWN_HEADING.sub("", raw))
        cleaned = _clean_line(raw)
        if cleaned:
            lines.append(Line(cleaned, 1, heading=heading))
    return Document(media_type, 1, tuple(lines))
