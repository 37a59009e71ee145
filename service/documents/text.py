"""Plain text and Markdown: bytes decoded (UTF-8, UTF-16 or the detected encoding) into lines."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

import ftfy
from charset_normalizer import from_bytes

from service.documents.cleaning import clean_line
from service.documents.model import MARKDOWN, Document, Line
from service.exceptions import UnsupportedMediaType

ENCODING_SAMPLE_BYTES = 200_000  # bytes the encoding of a non-UTF-8 text is told from
NUL_SAMPLE_BYTES = 4096  # a NUL byte among the first this many marks binary data (or UTF-16 without BOM)
CONTROL_SAMPLE_CHARACTERS = 10_000  # characters of decoded text checked for control characters
# Text decoded with a detected encoding holds less than this share of control characters; more
# means the bytes were not text in that encoding.
MAX_CONTROL_SHARE = 0.01

MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__|`)")
RULE = re.compile(r"^\s*(?:[-=_~*#.·•]\s*){3,}$")  # "-----", "=====", "* * *": a line drawn, no text
MAX_UNDERLINED_WORDS = 6  # a rule under a line this short underlines a heading


def decode_text(data: bytes) -> str | None:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else the detected encoding."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data[:NUL_SAMPLE_BYTES]:
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
    sample = text[:CONTROL_SAMPLE_CHARACTERS]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f")
    return text if controls < MAX_CONTROL_SHARE * max(len(sample), 1) else None


def read_text(data: bytes, media_type: str) -> Document:
    """A text or Markdown document as one page of lines; Markdown headings are marked, emphasis dropped."""
    text = decode_text(data)
    if text is None:
        raise UnsupportedMediaType("The file is not a PDF, a DOCX document or text.")
    lines: list[Line] = []
    for raw in ftfy.fix_text(text).splitlines():
        if RULE.match(raw):
            # a rule under a short line underlines a heading ("Publications" over "-----"); a rule
            # is never text of its own
            if lines and len(lines[-1].text.split()) <= MAX_UNDERLINED_WORDS:
                lines[-1] = replace(lines[-1], heading=True)
            continue
        heading = media_type == MARKDOWN and bool(MARKDOWN_HEADING.match(raw))
        if media_type == MARKDOWN:
            raw = MARKDOWN_EMPHASIS.sub("", MARKDOWN_HEADING.sub("", raw))
        cleaned = clean_line(raw)
        if cleaned:
            lines.append(Line(cleaned, 1, heading=heading))
    return Document(media_type, 1, tuple(lines))
