"""Where a batch's documents come from: folders, files and fsspec URLs listed once, and a
document read within the byte limit, never much past it."""

from __future__ import annotations

from pathlib import Path

import builders
import pytest

from service.exceptions import DocumentTooLarge
from service.sources import expand, read_bytes

fsspec = pytest.importorskip("fsspec")


@pytest.fixture()
def bucket():
    """An in-memory file system standing in for an object store."""
    fs = fsspec.filesystem("memory")
    fs.pipe(
        {
            "/bucket/cvs/jane.pdf": builders.one_column_pdf(),
            "/bucket/cvs/deep/cv.docx": builders.docx_resume(),
            "/bucket/cvs/notes.TXT": builders.TEXT_RESUME.encode(),
            "/bucket/cvs/picture.gif": builders.gif_bytes(),
            "/bucket/cvs/.hidden/old.pdf": b"%PDF-",
            "/bucket/other/x.pdf": b"%PDF-",
        }
    )
    yield fs
    fs.rm("/bucket", recursive=True)


def test_a_url_prefix_lists_its_resumes_with_the_protocol(bucket):
    assert expand(["memory://bucket/cvs/"]) == [
        "memory:///bucket/cvs/deep/cv.docx",
        "memory:///bucket/cvs/jane.pdf",
        "memory:///bucket/cvs/notes.TXT",
    ]


def test_a_url_naming_a_file_stays_as_named(bucket):
    assert expand(["memory://bucket/cvs/jane.pdf", "memory://bucket/cvs/missing.pdf"]) == [
        "memory://bucket/cvs/jane.pdf",
        "memory://bucket/cvs/missing.pdf",
    ]


def test_a_document_is_read_by_url(bucket):
    assert read_bytes("memory://bucket/cvs/jane.pdf", 10**6) == builders.one_column_pdf()
    with pytest.raises(FileNotFoundError):
        read_bytes("memory://bucket/cvs/missing.pdf", 10**6)


def test_past_the_limit_a_document_is_refused_with_its_size(bucket, tmp_path: Path):
    size = len(builders.one_column_pdf())
    path = tmp_path / "jane.pdf"
    path.write_bytes(builders.one_column_pdf())
    for name in ("memory://bucket/cvs/jane.pdf", str(path), path.as_uri()):
        with pytest.raises(DocumentTooLarge, match=f"has {size} bytes; the limit is 100"):
            read_bytes(name, 100)
    assert read_bytes(str(path), size) == builders.one_column_pdf()  # at the limit: read


def test_a_stream_of_unknown_size_is_read_one_byte_past_the_limit(tmp_path: Path):
    import os
    import threading

    fifo = tmp_path / "stream"  # no size to read beforehand
    os.mkfifo(fifo)
    written: list[int] = []

    def feed() -> None:
        try:
            with open(fifo, "wb", buffering=0) as out:
                for _ in range(100):
                    written.append(out.write(b"x" * 1000))
        except BrokenPipeError:
            pass  # the reader stopped reading

    writer = threading.Thread(target=feed)
    writer.start()
    with pytest.raises(DocumentTooLarge, match="more than 1000 bytes"):
        read_bytes(str(fifo), 1000)
    writer.join(timeout=10)
    assert sum(written) < 100 * 1000
