"""Hostile files: each ends in a clear 4xx problem within the time budget, and the worker
serves the next request as before. The time bound is the service's own budget setting."""

from __future__ import annotations

import io
import time

import builders
import pytest

from service import create_app
from service.budget import time_budget
from service.exceptions import DocumentTooComplex

BUDGET = 5.0  # seconds; the budget is what stops a pathological file, not the test


@pytest.fixture(scope="module")
def client():
    app = create_app({"SPACY_MODEL": "blank:en", "TIME_BUDGET_SECONDS": BUDGET})
    return app.test_client()


def upload(client, data: bytes, name: str = "cv.pdf"):
    """Post a file in a multipart body built here (the test client would spool large ones to disk)."""
    body = f'--B\r\nContent-Disposition: form-data; name="resume"; filename="{name}"\r\n\r\n'.encode() + data + b"\r\n--B--\r\n"
    return client.post(
        "/v1/analyses", input_stream=io.BytesIO(body), content_type="multipart/form-data; boundary=B", content_length=len(body)
    )


def healthy(client) -> None:
    response = upload(client, builders.one_column_pdf())
    assert response.status_code == 200 and response.get_json()["roles"]


@pytest.mark.parametrize(
    ("build", "statuses", "code"),
    [
        (builders.decompression_bomb_pdf, {413}, "document-too-large"),
        (builders.docx_zip_bomb, {413}, "document-too-large"),
        (builders.many_pages_pdf, {413}, "too-many-pages"),
        (builders.deeply_nested_pdf, {200, 422}, None),
        (builders.cyclic_pdf, {200, 422}, None),
        (builders.huge_image_pdf, {200, 422}, None),
        (builders.nested_flate_bomb_pdf, {413}, "document-too-large"),
        (builders.docx_with_unlisted_bomb, {413}, "document-too-large"),
        (builders.many_glyphs_pdf, {413}, "document-too-large"),
        (builders.trailing_bytes_pdf, {200}, None),
    ],
)
def test_hostile_file(client, build, statuses, code):
    response = upload(client, build())
    assert response.status_code in statuses
    if response.status_code != 200:
        assert response.mimetype == "application/problem+json"
    if code:
        assert response.get_json()["type"].endswith(code)
    healthy(client)


def test_a_huge_text_body_is_refused_before_it_is_read(client):
    response = client.post("/v1/analyses", data=b"x" * (100 * 1024 * 1024), content_type="application/json")
    assert response.status_code == 413 and response.mimetype == "application/problem+json"
    healthy(client)


# The alarm may land in a garbage-collector callback (hypothesis installs one), where Python drops
# the exception with a warning; the budget fires again, and the warning is expected.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_time_budget_stops_a_slow_document():
    app = create_app({"SPACY_MODEL": "blank:en", "TIME_BUDGET_SECONDS": 0.01})
    client = app.test_client()
    response = upload(client, builders.one_column_pdf(pages=25))
    assert response.status_code == 422
    assert response.get_json()["type"].endswith("document-too-complex")
    app.extensions["rolefit"] = app.extensions["rolefit"].with_limits(seconds=BUDGET)
    healthy(client)


def test_uploads_never_touch_the_disk(client, monkeypatch):
    import werkzeug.formparser

    def refuse(*args, **kwargs):
        raise AssertionError("an upload was written to a temporary file")

    monkeypatch.setattr(werkzeug.formparser, "SpooledTemporaryFile", refuse)
    big = builders.one_column_pdf() + b"%" + b"x" * (3 * 1024 * 1024)  # over werkzeug's 500 KB spooling threshold
    response = upload(client, big)
    assert response.status_code == 200


class _SlowFinaliser:
    def __del__(self) -> None:
        spin(0.3)


def spin(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_time_budget_holds_when_its_alarm_is_swallowed():
    """Python drops an exception raised inside a finaliser; the budget must still end the block."""
    started = time.perf_counter()
    with pytest.raises(DocumentTooComplex), time_budget(0.05):
        _SlowFinaliser()  # finalised at once: the first alarm lands in __del__ and is dropped
        spin(3.0)
    assert time.perf_counter() - started < 2.0
    spin(0.2)  # no alarm is left armed after the block


def tiny_budgets(times: int = 300) -> int:
    """Blocks under a budget too short for anything: the alarm may fire before a block starts or
    while it ends; only DocumentTooComplex or nothing may leave it, never the timer's own exception."""
    for _ in range(times):
        try:
            with time_budget(1e-6):
                spin(0.001)
        except DocumentTooComplex:
            pass
    spin(0.2)  # nothing left armed: a late timer would raise here
    return times


def test_a_budget_too_short_for_anything_ends_in_the_analyzers_error():
    assert tiny_budgets() == 300


def in_a_thread(work) -> object:
    """What `work()` returns or raises, run in a thread other than the main one (as a Dask task)."""
    import threading

    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            outcome.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    return outcome[0]


def test_the_time_budget_holds_outside_the_main_thread():
    def slow() -> float:
        started = time.perf_counter()
        try:
            with time_budget(0.05):
                spin(3.0)
        except DocumentTooComplex:
            return time.perf_counter() - started
        return -1.0

    assert 0.04 < in_a_thread(slow) < 1.0


def test_a_paused_budget_stands_still_outside_the_main_thread():
    from service.budget import paused_budget

    def paused() -> str:
        try:
            with time_budget(0.2):
                with paused_budget():
                    spin(0.4)  # longer than the budget, but paused
                spin(0.1)
            return "finished"
        except DocumentTooComplex:
            return "stopped"

    assert in_a_thread(paused) == "finished"


def test_a_tiny_budget_outside_the_main_thread_ends_in_the_analyzers_error():
    assert in_a_thread(tiny_budgets) == 300


def wrapped_spin(seconds: float) -> None:
    """Spin as native bindings do when the budget's exception lands inside them: ctypes reports
    an exception raised while it converts an argument as its own ArgumentError (PDFium's
    bindings read each document's handle from a Python property)."""
    import ctypes

    try:
        spin(seconds)
    except BaseException as error:  # noqa: BLE001 - wrapped, as ctypes does
        raise ctypes.ArgumentError(f"argument 1: {type(error).__name__}") from None


def test_the_budget_stands_when_native_bindings_wrap_its_exception():
    with pytest.raises(DocumentTooComplex), time_budget(0.05):
        wrapped_spin(3.0)
    spin(0.2)  # no alarm left armed


def test_the_budget_stands_when_native_bindings_wrap_its_exception_outside_the_main_thread():
    def wrapped() -> object:
        with time_budget(0.05):
            wrapped_spin(3.0)
        return "finished"

    assert isinstance(in_a_thread(wrapped), DocumentTooComplex)


def test_an_error_of_the_document_before_the_budget_runs_out_is_its_own():
    import ctypes

    with pytest.raises(ctypes.ArgumentError), time_budget(5.0):
        raise ctypes.ArgumentError("argument 1: a real bug, not the budget")
