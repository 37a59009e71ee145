"""Loops over compressed upload bytes make progress or stop: no file holds a worker until the
time budget ends it (the budget is the last line of defence, not the first)."""

from __future__ import annotations

import re
import threading
import zlib

import builders
import pdfminer.pdftypes
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.budget import time_budget
from service.documents import read_document
from service.documents.inflation import (
    INFLATE_STEP,
    MAX_STREAM_BYTES,
    _decompress_corrupted,
    bounded_pdfminer,
    check_pdf_streams,
    inflate_steps,
    stream_sizes,
    stream_starts,
)
from service.exceptions import DocumentTooComplex, DocumentTooLarge

LIMITS = {"max_bytes": 10 * 1024 * 1024, "max_pages": 30, "max_characters": 200_000}
HANG = 5.0  # seconds; only a loop that never ends reaches it


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("trailing", [b"\n", b"\r\n", b"\x00", b"  \n  "])
def test_flate_stream_with_bytes_after_its_zlib_end(reader, trailing):
    data = builders.trailing_bytes_pdf(trailing)
    with time_budget(HANG):
        document = read_document(data, pdf_reader=reader, **LIMITS)
    assert any("Machine Learning Engineer" in line.text for line in document.lines)


def test_stream_sizes_stop_at_the_end_of_the_zlib_data():
    content = b"a" * (2 * INFLATE_STEP + 1)
    body = zlib.compress(content)
    for trailing in (b"", b"\n", b"xx" * 1000):
        sizes, read = stream_sizes(memoryview(body + trailing), MAX_STREAM_BYTES)
        assert sizes == [len(content)]
        assert read == len(body)


def test_nested_flate_layers_are_followed():
    with pytest.raises(DocumentTooLarge):
        check_pdf_streams(builders.nested_flate_bomb_pdf())


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_nested_flate_bomb_is_refused_by_both_readers(reader):
    with pytest.raises(DocumentTooLarge):
        read_document(builders.nested_flate_bomb_pdf(), pdf_reader=reader, **LIMITS)


def test_stream_starts_that_overlap_are_refused():
    with time_budget(HANG), pytest.raises(DocumentTooLarge, match="overlap"):
        check_pdf_streams(builders.overlapping_streams())


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_a_page_of_a_million_glyphs_is_refused_before_the_word_loop(reader):
    with time_budget(HANG), pytest.raises(DocumentTooLarge, match="characters"):
        read_document(builders.many_glyphs_pdf(), pdf_reader=reader, **LIMITS)


def test_a_docx_part_outside_word_counts_towards_the_unpack_limit():
    with pytest.raises(DocumentTooLarge):
        read_document(builders.docx_with_unlisted_bomb(), **LIMITS)


def test_non_utf8_text_is_decoded_whole():
    text = "Résumé of Zoë Müller\nExperience\n" + "Café opening hours, naïve façade.\n" * 8000 + "Python and Kubernetes\n"
    document = read_document(text.encode("cp1252"), **{**LIMITS, "max_characters": 1_000_000})
    assert document.lines[-1].text == "Python and Kubernetes"


# --- properties ---

ZLIB_DATA = st.binary(max_size=3000).map(zlib.compress)


@st.composite
def damaged_zlib(draw):
    data = draw(ZLIB_DATA)
    kind = draw(st.sampled_from(["garbage", "truncated", "both", "raw"]))
    if kind in ("truncated", "both"):
        data = data[: draw(st.integers(min_value=0, max_value=len(data)))]
    if kind in ("garbage", "both"):
        data += draw(st.binary(min_size=1, max_size=200))
    if kind == "raw":
        data = draw(st.binary(max_size=3000))
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_zlib())
def test_the_stream_check_finishes_on_any_bytes(data):
    try:
        with time_budget(HANG):
            check_pdf_streams(b"%PDF-1.4\n1 0 obj\n<< >>\nstream\n" + data + b"\nendstream\n")
            try:
                sizes, read = stream_sizes(memoryview(data), MAX_STREAM_BYTES)
            except zlib.error:
                return
    except DocumentTooComplex:  # pragma: no cover - what the test is for
        pytest.fail("the stream check did not finish")
    assert read <= len(data)
    assert sizes[0] <= MAX_STREAM_BYTES + INFLATE_STEP


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([b"end", b"stream", b"\r", b"\n", b"e", b"nd", b"x", b"endstream\r\n"]), max_size=30).map(b"".join))
def test_stream_starts_are_those_of_the_keyword_not_after_end(data):
    assert list(stream_starts(data)) == [match.end() for match in re.finditer(rb"(?<!end)stream\r?\n", data)]


@pytest.mark.parametrize(
    ("data", "starts"),
    [(b"stream\n", [7]), (b"dstream\r\n", [9]), (b"endstream\nstream\r\n", [18]), (b"xendstream\n", []), (b"ndstream\n", [9])],
)
def test_stream_starts_at_the_start_of_the_file_and_after_endstream(data, starts):
    assert list(stream_starts(data)) == starts


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=1, max_size=2000), st.integers(min_value=0, max_value=3), st.integers(min_value=0, max_value=255))
def test_linear_repair_of_a_bad_checksum_matches_pdfminers(content, at, value):
    data = bytearray(zlib.compress(content))
    data[len(data) - 1 - at] ^= value or 1  # damage the checksum only
    original = pdfminer.pdftypes.decompress_corrupted
    assert _decompress_corrupted(bytes(data)) == original(bytes(data)) == content


def test_the_step_that_makes_no_progress_ends_the_loop():
    # After the end of the zlib data, an inflater given more bytes consumes and produces nothing.
    body = zlib.compress(b"a" * (INFLATE_STEP + 1)) + b"\n"
    assert sum(len(piece) for piece in inflate_steps([body, b"more", b"and more"])) == INFLATE_STEP + 1


def test_pdfminer_is_guarded_only_inside_the_block():
    unguarded = pdfminer.pdftypes.zlib, pdfminer.pdftypes.decompress_corrupted
    inside: list[bool] = []
    release = threading.Event()

    def read_in_thread() -> None:
        with bounded_pdfminer():
            release.wait(5)
            inside.append(pdfminer.pdftypes.zlib is not zlib)

    with bounded_pdfminer():
        assert pdfminer.pdftypes.zlib is not zlib
        worker = threading.Thread(target=read_in_thread)
        worker.start()
    assert pdfminer.pdftypes.zlib is not zlib  # the thread's block still holds the guard
    release.set()
    worker.join()
    assert inside == [True]
    assert (pdfminer.pdftypes.zlib, pdfminer.pdftypes.decompress_corrupted) == unguarded
