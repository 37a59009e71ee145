"""Document bytes -> lines of text with their page, position and font, in reading order."""

from __future__ import annotations

import ctypes
import io
import itertools
import logging
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


def _page_lines(words: list[_Word], width: float, page: int) -> tuple[list[Line], int]:
    """Lines of one page in reading order: a two-column page is read column by column."""
    gutter = _find_gutter(words, width)
    if gutter is None:
        return [_make_line(group, page) for group in _group_rows(words)], 1
    out: list[Line] = []
    block: list[_Word] = []
    # Rows that cross the gutter (a name or heading across the page) split the page into blocks.
    for row in _group_rows(words):
        if any(w.x0 < gutter[1] and w.x1 > gutter[0] for w in row):
            out += _read_block(block, gutter, page)
            block = []
            out.append(_make_line(row, page))
        else:
            block += row
    out += _read_block(block, gutter, page)
    return out, 2


def _read_block(words: list[_Word], gutter: tuple[float, float], page: int) -> list[Line]:
    left = [w for w in words if w.x1 <= gutter[0]]
    right = [w for w in words if w.x0 >= gutter[1]]
    return [_make_line(row, page) for side in (left, right) for row in _group_rows(side)]


def _find_gutter(words: list[_Word], width: float) -> tuple[float, float] | None:
    """The widest empty vertical band in the middle of the page that splits the text into two
    columns side by side; None for a one-column page."""
    if len(words) < 30 or width <= 0:
        return None
    resolution = 2.0
    bins = int(width / resolution) + 1
    # Words crossing each bin, from the bins where words start and end (linear in words + bins).
    changes = [0] * (bins + 1)
    for w in words:
        first, last = max(int(w.x0 / resolution), 0), min(int(w.x1 / resolution) + 1, bins)
        if first < last:
            changes[first] += 1
            changes[last] -= 1
    crossing = list(itertools.accumulate(changes[:bins]))
    allowed = max(1, len(words) // 100)  # a few wide rows (name, headings) may cross
    best: tuple[float, float] | None = None
    start = None
    for b in range(int(bins * 0.2), int(bins * 0.8) + 1):
        if b < bins and crossing[b] <= allowed:
            start = b if start is None else start
            continue
        if start is not None:
            band = (start * resolution, b * resolution)
            if band[1] - band[0] >= MIN_GUTTER and (best is None or band[1] - band[0] > best[1] - best[0]):
                best = band
            start = None
    if best is None:
        return None
    left = [w for w in words if w.x1 <= best[0]]
    right = [w for w in words if w.x0 >= best[1]]
    if min(len(left), len(right)) < 0.15 * len(words):
        return None
    # Both sides must hold text at the same heights, else it is a margin, not a column break.
    left_rows = {round(w.top / 4) for w in left}
    right_rows = {round(w.top / 4) for w in right}
    if len(left_rows & right_rows) < 5:
        return None
    return best


def _group_rows(words: Iterable[_Word]) -> list[list[_Word]]:
    """Group words into rows whose vertical extents overlap, top to bottom, left to right."""
    rows: list[list[_Word]] = []
    top = bottom = 0.0  # the vertical extent of the last row
    for word in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        if rows:
            height = max(min(bottom - top, word.bottom - word.top), 0.1)
            if min(bottom, word.bottom) - max(top, word.top) >= 0.5 * height:
                rows[-1].append(word)
                top, bottom = min(top, word.top), max(bottom, word.bottom)
                continue
        rows.append([word])
        top, bottom = word.top, word.bottom
    return [sorted(row, key=lambda w: w.x0) for row in rows]


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
