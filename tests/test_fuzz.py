"""Fuzzing the document readers: whatever the bytes, only the analyzer's own errors escape."""

from __future__ import annotations

import builders
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.budget import time_budget
from service.documents import read_document
from service.exceptions import AnalyzerError

SEEDS = [
    builders.one_column_pdf(),
    builders.ligature_pdf(),
    builders.docx_resume(),
    builders.TEXT_RESUME.encode(),
    builders.two_column_pdf(),
]
LIMITS = {"max_bytes": 2 * 1024 * 1024, "max_pages": 30, "max_characters": 200_000}


@st.composite
def mutated(draw):
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        at = draw(st.integers(min_value=0, max_value=max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(min_value=0, max_value=255))
        elif kind == "cut":
            data = data[:at]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "delete":
            del data[at : at + draw(st.integers(min_value=1, max_value=256))]
    return bytes(data)


def read(data: bytes) -> None:
    try:
        with time_budget(5.0):
            document = read_document(data, **LIMITS)
        assert document.lines
    except AnalyzerError:
        pass  # a declared, clear error: fine


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_mutated_documents(data):
    read(data)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=4096))
def test_random_bytes(data):
    read(data)


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=2000))
def test_random_text(text):
    try:
        read_document(text, **LIMITS)
    except AnalyzerError:
        pass
