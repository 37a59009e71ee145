"""The type of a document told from its bytes (magic numbers), whatever its name or declared type says."""

from __future__ import annotations

import io
import re
import zipfile

from service.documents.model import DOCX, JPEG, MARKDOWN, PDF, PNG, TEXT, TIFF
from service.documents.text import decode_text
from service.exceptions import UnreadableDocument, UnsupportedMediaType

HEAD_BYTES = 1024  # the magic numbers are looked for in this many first bytes
MARKDOWN_SAMPLE_BYTES = 20_000  # a Markdown heading is looked for in this many first bytes
MARKDOWN_HEADING = re.compile(rb"(?m)^#{1,3} \S")
IMAGES = ((b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"))
READABLE_IMAGES = {"PNG": PNG, "JPEG": JPEG, "TIFF": TIFF}  # by OCR, where it is on


def sniff_media_type(data: bytes, images: bool = False) -> str:
    """Tell the document type from its bytes, whatever its name or declared type says; PNG, JPEG
    and TIFF images are documents where `images` (OCR) is on."""
    head = data[:HEAD_BYTES]
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
    for magic, name in IMAGES:
        if head.startswith(magic):
            if images and name in READABLE_IMAGES:
                return READABLE_IMAGES[name]
            readable = "PNG, JPEG or TIFF scan" if images else "PDF, DOCX or text resume (images are not read)"
            raise UnsupportedMediaType(f"The file is a {name} image; upload a {readable}.")
    if head.startswith(b"{\\rtf"):
        raise UnsupportedMediaType("RTF files are not supported; save the file as DOCX or PDF.")
    if decode_text(data) is None:
        raise UnsupportedMediaType("The file is not a PDF, a DOCX document or text.")
    return MARKDOWN if MARKDOWN_HEADING.search(data[:MARKDOWN_SAMPLE_BYTES]) else TEXT
