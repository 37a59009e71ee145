"""Where a batch's documents come from: files, folders and fsspec URLs (`s3://bucket/prefix/`,
`gs://...`, `file://...`) listed once, and one document read within the byte limit; for a
ranking, the files inside ZIP archives too, each named `archive.zip/entry`."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Collection, Sequence
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from service.documents.archives import DOCX_PART, documents_in, read_entry
from service.exceptions import DocumentTooLarge, UnreadableDocument

SUFFIXES = {".pdf", ".docx", ".txt", ".text", ".md", ".markdown", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}  # images: read by OCR
ARCHIVE_SUFFIX = ".zip"


def is_url(name: str) -> bool:
    return "://" in name


def is_archive_name(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIX)


def _is_resume(relative: PurePosixPath, suffixes: Collection[str]) -> bool:
    return relative.suffix.lower() in suffixes and not any(part.startswith(".") for part in relative.parts)


def expand(sources: Sequence[str], archives: bool = False) -> list[str]:
    """The files to analyse: files and URLs as named, and the resumes (PDF, DOCX, text, images;
    with `archives`, ZIP archives too) found under folders and URL prefixes, recursively and in
    name order, hidden ones left out."""
    suffixes = SUFFIXES | {ARCHIVE_SUFFIX} if archives else SUFFIXES
    found: list[str] = []
    for name in sources:
        if is_url(name):
            found += _expand_url(name, suffixes)
            continue
        path = Path(name)
        if path.is_dir():
            found += [
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and _is_resume(PurePosixPath(p.relative_to(path).as_posix()), suffixes)
            ]
        else:
            found.append(name)
    return list(dict.fromkeys(found))


def _expand_url(url: str, suffixes: Collection[str]) -> list[str]:
    """A URL naming a file stays as it is; one naming a prefix (a folder) becomes the URLs of
    the resumes under it, with the URL's own protocol."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(url)
    if not fs.isdir(root):
        return [url]
    root = root.rstrip("/")
    return [
        fs.unstrip_protocol(path) for path in sorted(fs.find(root)) if _is_resume(PurePosixPath(path[len(root) :].lstrip("/")), suffixes)
    ]


def archive_members(archive: str) -> list[str] | None:
    """The documents inside a ZIP archive (a path or URL), each named `archive/entry`, in name
    order, read from its directory alone; None when the file is a Word document after all.

    Raises OSError when the file cannot be read, UnreadableDocument when it is no ZIP archive."""
    with _open(archive) as handle:
        try:
            with zipfile.ZipFile(handle) as opened:
                if DOCX_PART in opened.namelist():
                    return None
                return [f"{archive}/{info.filename}" for info in documents_in(opened)]
        except (zipfile.BadZipFile, ValueError, EOFError) as error:
            raise UnreadableDocument(f"The ZIP archive is damaged: {error}.") from error


def read_member(archive: str, entry: str, max_bytes: int) -> bytes:
    """One file of a ZIP archive, with the archive's guards: inflated no further than `max_bytes`
    + 1 bytes, and refused when encrypted, too large (a ZIP bomb) or itself an archive.

    Raises OSError when the archive cannot be read, DocumentError for the file's own problem."""
    try:
        opened = _opened(archive)
        data = read_entry(opened, opened.getinfo(entry), max_bytes)
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError) as error:
        raise UnreadableDocument(f"The file could not be taken out of the ZIP archive: {error}.") from error
    if isinstance(data, Exception):
        raise data
    return data


_archive: list[tuple[str, zipfile.ZipFile, BinaryIO]] = []  # the archive this process read last, kept open


def _opened(archive: str) -> zipfile.ZipFile:
    """The archive, opened once for the many entries a process reads from it in a row (its
    directory is read again only when another archive comes between)."""
    if _archive and _archive[0][0] == archive:
        return _archive[0][1]
    while _archive:
        _, previous, handle = _archive.pop()
        previous.close()
        handle.close()
    handle = _open(archive)
    try:
        opened = zipfile.ZipFile(handle)
    except BaseException:
        handle.close()
        raise
    _archive.append((archive, opened, handle))
    return opened


def _open(name: str) -> BinaryIO:
    if is_url(name):
        import fsspec

        handle: BinaryIO = fsspec.open(name, "rb").open()
        return handle
    return open(name, "rb")


def read_document(name: str, archives: Collection[str], max_bytes: int) -> bytes:
    """A document's bytes (see read_bytes), or the bytes of an archive's file when `name` is
    `archive/entry` for one of the `archives` (a ZIP archive is a file, never a folder, so the
    name says which it is)."""
    archive = next((a for a in archives if name.startswith(a + "/")), None)
    if archive is None:
        return read_bytes(name, max_bytes)
    return read_member(archive, name[len(archive) + 1 :], max_bytes)


def read_bytes(name: str, max_bytes: int) -> bytes:
    """A document's bytes, never more than `max_bytes` + 1 of them: past the limit it is refused
    from its size where the file system says it, else after reading one byte too many.

    Raises OSError when the file cannot be read, DocumentTooLarge past the limit."""
    if is_url(name):
        import fsspec

        with fsspec.open(name, "rb") as handle:
            return _read_within(handle, getattr(handle, "size", None), max_bytes)
    with open(name, "rb") as handle:
        return _read_within(handle, os.fstat(handle.fileno()).st_size, max_bytes)


def _read_within(handle: BinaryIO, size: object, max_bytes: int) -> bytes:
    if isinstance(size, int) and size > max_bytes:  # the same words as the reader's own check
        raise DocumentTooLarge(f"The document has {size} bytes; the limit is {max_bytes}.")
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DocumentTooLarge(f"The document has more than {max_bytes} bytes; the limit is {max_bytes}.")
    return data
