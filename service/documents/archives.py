"""ZIP archives of resumes: the files inside, each read no further than the upload limit, after
the archive's own limits (entries, and what they inflate to together) are checked from its
directory, before any entry is inflated.

A ZIP bomb is refused whole; an entry that is itself too large, encrypted, or an archive (a
nested ZIP) is refused on its own, and the other entries are still read."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from service.exceptions import DocumentError, DocumentTooLarge, EncryptedDocument, UnreadableDocument, UnsupportedMediaType

ZIP_MAGIC = b"PK\x03\x04"
DOCX_PART = "word/document.xml"


@dataclass(frozen=True)
class ArchiveLimits:
    """What one archive may hold: entries, the bytes they inflate to together, and each entry's bytes."""

    max_entries: int = 200
    max_inflated_bytes: int = 200 * 1024 * 1024
    max_entry_bytes: int = 10 * 1024 * 1024


def is_archive(data: bytes) -> bool:
    """A ZIP archive that is not a Word document (a DOCX file is a ZIP too)."""
    if not data.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return DOCX_PART not in archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return True  # damaged: read_archive says so


def archive_entries(stream: IO[bytes]) -> int:
    """How many documents a file holds: an archive's files (as read_archive lists them), else one.

    Reads the file's first bytes and, for a ZIP, its directory only, from a seekable stream that
    is left where it was (a request's upload, read again by its view)."""
    start = stream.tell()
    try:
        if stream.read(len(ZIP_MAGIC)) != ZIP_MAGIC:
            return 1
        stream.seek(start)
        with zipfile.ZipFile(stream) as archive:
            return 1 if DOCX_PART in archive.namelist() else max(1, len(documents_in(archive)))
    except (zipfile.BadZipFile, ValueError):
        return 1
    finally:
        stream.seek(start)


def read_archive(data: bytes, limits: ArchiveLimits) -> list[tuple[str, bytes | DocumentError]]:
    """The archive's files in name order, each its bytes or the problem that kept it from being
    read. Folders, hidden files and macOS resource forks are left out.

    Raises UnreadableDocument for a damaged archive and DocumentTooLarge where its entries or
    what they inflate to together pass the limits (a ZIP bomb)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise UnreadableDocument("The ZIP archive is damaged.") from error
    with archive:
        entries = documents_in(archive)
        if len(entries) > limits.max_entries:
            raise DocumentTooLarge(
                f"The ZIP archive holds {len(entries)} files; the limit is {limits.max_entries} per request. "
                "Send fewer, or rank an archive of any size with the command line (rolefit rank)."
            )
        # zipfile inflates an entry no further than the size its directory declares, so the
        # declared sizes bound what reading the entries can cost.
        inflated = sum(info.file_size for info in entries)
        if inflated > limits.max_inflated_bytes:
            raise DocumentTooLarge(
                f"The ZIP archive inflates to {inflated} bytes; the limit is {limits.max_inflated_bytes}: it looks like a "
                "decompression bomb. Send the resumes themselves, or rank the archive with the command line (rolefit rank)."
            )
        return [(info.filename, read_entry(archive, info, limits.max_entry_bytes)) for info in entries]


def documents_in(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The archive's files in name order; folders, hidden files and macOS resource forks are left out."""
    return sorted((info for info in archive.infolist() if _is_document(info)), key=lambda info: info.filename)


def _is_document(info: zipfile.ZipInfo) -> bool:
    path = PurePosixPath(info.filename)
    return not info.is_dir() and not any(part.startswith(".") or part == "__MACOSX" for part in path.parts)


def read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_bytes: int) -> bytes | DocumentError:
    """One file of the archive, inflated no further than `max_bytes` + 1 bytes (whatever its
    directory declares), or the problem that keeps it from being read: encrypted, too large (a
    ZIP bomb), damaged, or itself an archive."""
    if info.flag_bits & 0x1:
        return EncryptedDocument("The file is encrypted inside the ZIP archive; add it without a password.")
    if info.file_size > max_bytes:
        return DocumentTooLarge(f"The file inflates to {info.file_size} bytes; the limit is {max_bytes}.")
    try:
        with archive.open(info) as member:
            data = member.read(max_bytes + 1)
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError) as error:
        return UnreadableDocument(f"The file could not be taken out of the ZIP archive: {error}.")
    if len(data) > max_bytes:
        return DocumentTooLarge(f"The file has more than {max_bytes} bytes; the limit is {max_bytes}.")
    if is_archive(data):
        return UnsupportedMediaType("The file is an archive inside the archive; archives are not read inside one another.")
    return data
