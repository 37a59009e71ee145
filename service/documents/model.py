"""What a document is read into: lines with their page, position and font; the media types."""

from __future__ import annotations

from dataclasses import dataclass, field

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = "text/plain"
MARKDOWN = "text/markdown"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
IMAGE_TYPES = (PNG, JPEG, TIFF)  # read by OCR


@dataclass(frozen=True, eq=False)
class Line:
    """One line of text as it stands in the document.

    A line is itself: two lines with the same text and place (text and DOCX lines carry no
    position) stay two lines wherever lines key a mapping, as each job's dates do."""

    text: str
    page: int  # 1-based
    top: float = 0.0
    x0: float = 0.0
    size: float = 0.0  # font size in points; 0 where the format has none
    bold: bool = False
    heading: bool = False  # the format itself marks it a heading (DOCX style, Markdown #)
    links: tuple[str, ...] = ()  # addresses its text links to without showing them (hyperlinks)


@dataclass(frozen=True)
class Document:
    """A document read into lines, with what the reader learnt about it."""

    media_type: str
    pages: int
    lines: tuple[Line, ...]
    layout: str = "single-column"
    warnings: tuple[str, ...] = field(default=())
    ocr: bool = False  # some of its text was read by OCR from an image

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def characters(self) -> int:
        return sum(len(line.text) for line in self.lines)


@dataclass(slots=True)
class Word:
    """A word of a PDF page as a reader gives it to the layout: its box (points from the top left
    of the page), font size and weight. Slotted: a page has thousands, and the layout reads their
    fields many times over."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    link: str | None = None  # the address a link annotation over the word points to
