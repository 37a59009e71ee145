"""What compressed bytes in an upload may inflate to, checked before any reader allocates them.

Every loop here makes progress or stops: it ends at the end of the zlib data, when the input
runs out, at a step that neither consumed nor produced a byte, or at a size limit."""

from __future__ import annotations

import io
import re
import threading
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain

import pdfminer.pdftypes

from service.exceptions import DocumentTooLarge

MAX_STREAM_BYTES = 64 * 1024 * 1024  # what one PDF stream may inflate to
MAX_INFLATED_BYTES = 256 * 1024 * 1024  # all the streams of one PDF together
INFLATE_STEP = 1024 * 1024  # inflate in steps, so checking costs little memory
INPUT_STEP = 64 * 1024  # compressed bytes handed to the inflater at a time
MAX_FILTER_LAYERS = 4  # a stream may be Flate-compressed several times over ([/FlateDecode /FlateDecode])
# Checking may read the upload's bytes about once; far more means stream starts crafted to
# overlap, each one making the check read the same bytes again.
MAX_READ_RATIO = 4
# The keyword that starts a stream's data, and its line end; the keyword of `endstream` is not one.
# Searched plainly and the bytes before each match checked: a lookbehind in the pattern
# (`(?<!end)`) keeps the regex engine from searching for the keyword and makes the scan of
# the file about twenty times slower.
STREAM = re.compile(rb"stream\r?\n")
STREAM_END = b"end"


def inflate_steps(pieces: Iterable[bytes | memoryview], read: list[int] | None = None) -> Iterator[bytes]:
    """Inflate zlib data given in pieces, yielding at most INFLATE_STEP bytes at a time; `read[0]`
    grows by the compressed bytes the inflater took.

    Stops at the end of the zlib data (bytes after it are ignored, as PDF readers ignore them),
    when the pieces run out (truncated data), and at a step that consumed and produced nothing;
    raises zlib.error where the bytes are not zlib data."""
    inflater = zlib.decompressobj()
    for piece in pieces:
        pending: bytes | memoryview = piece
        try:
            while pending and not inflater.eof:
                out = inflater.decompress(pending, INFLATE_STEP)
                rest = inflater.unconsumed_tail
                if not out and len(rest) == len(pending):
                    return
                pending = rest
                if out:
                    yield out
        finally:
            if read is not None:
                # At the end, what follows it is unused_data (zlib may report it as the tail too).
                read[0] += len(piece) - (len(inflater.unused_data) if inflater.eof else len(pending))
        if inflater.eof:
            return


def _looks_like_zlib(head: bytes) -> bool:
    """The two-byte zlib header (RFC 1950): deflate method and a valid check value."""
    return len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0


def _counted(pieces: Iterable[bytes | memoryview], sizes: list[int], layer: int) -> Iterator[bytes | memoryview]:
    for piece in pieces:
        sizes[layer] += len(piece)
        yield piece


def _drain(pieces: Iterator[bytes | memoryview], sizes: list[int], layer: int, limit: int) -> None:
    try:
        while sizes[layer] <= limit and next(pieces, None) is not None:
            pass
    except zlib.error:
        pass  # damaged further on: the readers stop there too


def stream_sizes(view: memoryview, limit: int) -> tuple[list[int], int]:
    """What the Flate stream at the start of `view` costs: the bytes each of its filter layers
    inflates to (each counted to just past `limit`), and the bytes of `view` read to learn it.

    Raises zlib.error when `view` does not start with zlib data."""
    read = [0]
    sizes = [0]  # sizes[n]: what layer n inflates to
    source: Iterator[bytes | memoryview] = (view[at : at + INPUT_STEP] for at in range(0, len(view), INPUT_STEP))
    layers: list[Iterator[bytes | memoryview]] = []
    for layer in range(1, MAX_FILTER_LAYERS + 1):
        sizes.append(0)
        steps = _counted(inflate_steps(source, read if layer == 1 else None), sizes, layer)
        layers.append(steps)
        try:
            first = next(steps, b"")
        except zlib.error:
            if layer == 1:
                raise  # not a Flate stream (images, plain text): nothing to inflate
            break
        if layer == MAX_FILTER_LAYERS or not _looks_like_zlib(bytes(first[:2])):
            break
        source = chain([first], steps)
    # Inner layers first; an outer layer the inner one did not read to its end is read on, as
    # a reader that decodes the filters one after another would.
    for layer in range(len(layers), 0, -1):
        _drain(layers[layer - 1], sizes, layer, limit)
    return sizes[1:], read[0]


def stream_starts(data: bytes) -> Iterator[int]:
    """Where the data of each stream of a PDF starts: after the keyword `stream` and its line end,
    the keyword not the end of an `endstream`."""
    for match in STREAM.finditer(data):
        keyword = match.start()
        if data[max(keyword - len(STREAM_END), 0) : keyword] != STREAM_END:
            yield match.end()


def check_pdf_streams(data: bytes) -> None:
    """Refuse a PDF whose compressed streams inflate past the limits (a decompression bomb)
    before any parser allocates them: each stream is inflated in bounded steps and dropped.

    A stream's zlib data is read to its own end, not to the next `endstream` (which its bytes
    may contain), and nested Flate layers are followed."""
    view = memoryview(data)
    total = read = 0
    for start in stream_starts(data):
        try:
            sizes, consumed = stream_sizes(view[start:], MAX_STREAM_BYTES)
        except zlib.error:
            continue
        read += consumed
        total += sum(sizes)
        if max(sizes) > MAX_STREAM_BYTES or total > MAX_INFLATED_BYTES:
            raise DocumentTooLarge("A stream in the PDF inflates past the limit; the file looks like a decompression bomb.")
        if read > MAX_READ_RATIO * len(data) + INPUT_STEP:
            raise DocumentTooLarge("The PDF's streams overlap one another; the file looks hostile.")


class StreamTooLarge(Exception):
    """A PDF stream inflates past MAX_STREAM_BYTES inside pdfminer (a decompression bomb)."""


class _BoundedInflater:
    """zlib's inflater as pdfminer uses it, stopped at MAX_STREAM_BYTES."""

    def __init__(self, inflater: zlib._Decompress):
        self.inflater, self.total = inflater, 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = self.inflater.decompress(data, MAX_STREAM_BYTES + 1 - self.total)
        self.total += len(out)
        # A tail left after the end of the zlib data is not more output: the limit was not hit.
        if self.total > MAX_STREAM_BYTES or (self.inflater.unconsumed_tail and not self.inflater.eof):
            raise StreamTooLarge
        return out

    def flush(self) -> bytes:
        return self.inflater.flush()


class _BoundedZlib:
    """Stands in for the zlib module inside pdfminer, which inflates every stream whole: the
    same inflation, stopped at MAX_STREAM_BYTES."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes, *args: object) -> bytes:
        inflater = _BoundedInflater(zlib.decompressobj())
        return inflater.decompress(data) + inflater.flush()

    @staticmethod
    def decompressobj(*args: object, **kwargs: object) -> _BoundedInflater:
        return _BoundedInflater(zlib.decompressobj(*args, **kwargs))  # type: ignore[arg-type]  # pdfminer's own arguments, passed through


def _decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's fallback for a Flate stream whose checksum is wrong, in linear time: pdfminer's
    own feeds the inflater one byte at a time and concatenates the output (quadratic). Raw
    deflate ignores the zlib checksum, which is what the fallback is for; damage before the
    checksum still raises zlib.error, as pdfminer's does."""
    inflater = _BoundedInflater(zlib.decompressobj(-zlib.MAX_WBITS))
    out = io.BytesIO()
    body = memoryview(data)[2:]  # after the two-byte zlib header
    for at in range(0, len(body), INPUT_STEP):
        out.write(inflater.decompress(body[at : at + INPUT_STEP]))  # type: ignore[arg-type]  # zlib takes any buffer, typeshed says bytes
        if inflater.inflater.eof:
            break
    return out.getvalue()


_guard_lock = threading.Lock()
_guard_users = 0
_unguarded: tuple[object, object] = (pdfminer.pdftypes.zlib, pdfminer.pdftypes.decompress_corrupted)  # type: ignore[attr-defined]  # a module global pdfminer does not export


@contextmanager
def bounded_pdfminer() -> Iterator[None]:
    """Within the block, pdfminer inflates streams through the bounded inflater (raising
    StreamTooLarge past the limit) and repairs damaged ones in linear time. Counted, so
    overlapping blocks in threads keep the guard until the last one ends; outside any block,
    pdfminer is as installed (a bare pdfplumber run measures pdfplumber itself)."""
    global _guard_users
    with _guard_lock:
        if _guard_users == 0:
            pdfminer.pdftypes.zlib = _BoundedZlib  # type: ignore[attr-defined, assignment]  # the guard stands in for the module
            pdfminer.pdftypes.decompress_corrupted = _decompress_corrupted
        _guard_users += 1
    try:
        yield
    finally:
        with _guard_lock:
            _guard_users -= 1
            if _guard_users == 0:
                pdfminer.pdftypes.zlib, pdfminer.pdftypes.decompress_corrupted = _unguarded  # type: ignore[attr-defined, assignment]  # restored as found
