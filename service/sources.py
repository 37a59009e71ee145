"""Where a batch's documents come from: files, folders and fsspec URLs (`s3://bucket/prefix/`,
`gs://...`, `file://...`) listed once, and one document read within the byte limit."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from service.exceptions import DocumentTooLarge

SUFFIXES = {".pdf", ".docx", ".txt", ".text", ".md", ".markdown", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}  # images: read by OCR


def is_url(name: str) -> bool:
    return "://" in name


def _is_resume(relative: PurePosixPath) -> bool:
    return relative.suffix.lower() in SUFFIXES and not any(part.startswith(".") for part in relative.parts)


def expand(sources: Sequence[str]) -> list[str]:
    """The files to analyse: files and URLs as named, and the resumes (PDF, DOCX, text, images)
    found under folders and URL prefixes, recursively and in name order, hidden ones left out."""
    found: list[str] = []
    for name in sources:
        if is_url(name):
            found += _expand_url(name)
            continue
        path = Path(name)
        if path.is_dir():
            found += [str(p) for p in sorted(path.rglob("*")) if p.is_file() and _is_resume(PurePosixPath(p.relative_to(path).as_posix()))]
        else:
            found.append(name)
    return list(dict.fromkeys(found))


def _expand_url(url: str) -> list[str]:
    """A URL naming a file stays as it is; one naming a prefix (a folder) becomes the URLs of
    the resumes under it, with the URL's own protocol."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(url)
    if not fs.isdir(root):
        return [url]
    root = root.rstrip("/")
    return [fs.unstrip_protocol(path) for path in sorted(fs.find(root)) if _is_resume(PurePosixPath(path[len(root) :].lstrip("/")))]


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
