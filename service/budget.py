"""A time budget for one document: pathological files end in a clear error, not a stuck worker."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from service.exceptions import DocumentTooComplex

REARM_SECONDS = 0.05


class _Expired(BaseException):
    """Raised by the timer; a BaseException so the parsers' own `except Exception` cannot swallow it."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise DocumentTooComplex when the block runs longer than `seconds`.

    Uses the real-time interval timer, so it works in the main thread of a process (a sync
    gunicorn worker, the command line); elsewhere, and for 0, the block runs unbounded."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    active = True

    def expire(signum: int, frame: object) -> None:
        if not active:
            return  # fired while the block was ending: the budget no longer applies
        # Raised inside a finaliser or a garbage-collector callback, the exception is printed and
        # dropped; the timer fires again until one reaches the block.
        signal.setitimer(signal.ITIMER_REAL, REARM_SECONDS)
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)  # inside the try: a tiny budget may fire at once
        yield
    except _Expired:
        active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        raise DocumentTooComplex(f"The document took more than {seconds:g} s to analyse and was stopped.") from None
    finally:
        active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def paused_budget() -> Iterator[None]:
    """Within the block the time budget of the enclosing `time_budget` stands still (work with a
    budget of its own, such as OCR); it resumes with the time it had left."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    remaining, _ = signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        if remaining > 0:
            signal.setitimer(signal.ITIMER_REAL, remaining)
