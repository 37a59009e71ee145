"""A time budget for one document: pathological files end in a clear error, not a stuck worker."""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from service.exceptions import DocumentTooComplex

REARM_SECONDS = 0.05


class _Expired(BaseException):
    """Raised by the timer; a BaseException so the parsers' own `except Exception` cannot swallow it."""


def _expired(seconds: float) -> DocumentTooComplex:
    return DocumentTooComplex(f"The document took more than {seconds:g} s to analyse and was stopped.")


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise DocumentTooComplex when the block runs longer than `seconds` (0: unbounded).

    In the main thread of a process (a sync gunicorn worker, the command line) the real-time
    interval timer interrupts the block; in any other thread (a Dask worker's task, a threaded
    server) a timer thread does, with CPython's asynchronous exceptions. Both land between two
    bytecodes, so a long call into native code ends when it returns."""
    if seconds <= 0:
        yield
    elif threading.current_thread() is threading.main_thread():
        with _signal_budget(seconds):
            yield
    else:
        with _thread_budget(seconds):
            yield


@contextmanager
def _signal_budget(seconds: float) -> Iterator[None]:
    active = True
    fired = False

    def expire(signum: int, frame: object) -> None:
        nonlocal fired
        if not active:
            return  # fired while the block was ending: the budget no longer applies
        # Raised inside a finaliser or a garbage-collector callback, the exception is printed and
        # dropped; the timer fires again until one reaches the block.
        fired = True
        signal.setitimer(signal.ITIMER_REAL, REARM_SECONDS)
        raise _Expired

    def disarm() -> None:
        """No alarm from here on: done first on every way out, before a new exception is made."""
        nonlocal active
        active = False
        signal.setitimer(signal.ITIMER_REAL, 0)

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)  # inside the try: a tiny budget may fire at once
        yield
    except _Expired:
        disarm()
        raise _expired(seconds) from None
    except Exception as error:
        disarm()
        if fired:  # the budget's exception came back wrapped (ctypes.ArgumentError from PDFium's bindings)
            raise _expired(seconds) from error
        raise
    finally:
        disarm()
        signal.signal(signal.SIGALRM, previous)


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Have `exception` raised in the thread at its next bytecode; None drops one not yet raised."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None)


class _ThreadAlarm:
    """The timer of one block in a thread other than the main one, where no signal goes: a timer
    thread raises _Expired in the block's thread, and again every REARM_SECONDS (an exception
    raised inside a finaliser is dropped) until the block ends."""

    def __init__(self, seconds: float) -> None:
        self.thread = threading.get_ident()
        self.lock = threading.Lock()
        self.active = True
        self.fired = False  # the time ran out: any exception leaving the block is the budget's
        self.deadline = 0.0
        self.timer: threading.Timer | None = None
        with self.lock:
            self._arm(seconds)

    def _arm(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.timer = threading.Timer(seconds, self._fire)
        self.timer.daemon = True
        self.timer.start()

    def _fire(self) -> None:
        with self.lock:
            if self.active and threading.current_thread() is self.timer:  # not a timer cancelled meanwhile
                self.fired = True
                _raise_in(self.thread, _Expired)
                self._arm(REARM_SECONDS)

    def pause(self) -> float:
        """Stop the timer; the seconds that were left (0 when it was not running)."""
        with self.lock:
            if self.timer is None:
                return 0.0
            self.timer.cancel()
            self.timer = None
            return max(self.deadline - time.monotonic(), 1e-6)

    def resume(self, remaining: float) -> None:
        with self.lock:
            if self.active and remaining > 0:
                self._arm(remaining)

    def stop(self) -> None:
        """End the alarm for good; an _Expired that arrives meanwhile is dropped."""
        while True:
            try:
                with self.lock:
                    self.active = False
                    if self.timer is not None:
                        self.timer.cancel()
                        self.timer = None
                    _raise_in(self.thread, None)
                return
            except _Expired:
                continue


_alarms = threading.local()  # the running block's alarm in each thread, for paused_budget


@contextmanager
def _thread_budget(seconds: float) -> Iterator[None]:
    previous = getattr(_alarms, "current", None)
    alarm = _alarms.current = _ThreadAlarm(seconds)
    try:
        try:
            yield
        finally:
            alarm.stop()
            _alarms.current = previous
    except _Expired:
        alarm.stop()
        raise _expired(seconds) from None
    except Exception as error:
        if alarm.fired:  # the budget's exception came back wrapped, as in _signal_budget
            raise _expired(seconds) from error
        raise


@contextmanager
def paused_budget() -> Iterator[None]:
    """Within the block the time budget of the enclosing `time_budget` stands still (work with a
    budget of its own, such as OCR); it resumes with the time it had left."""
    if threading.current_thread() is not threading.main_thread():
        alarm: _ThreadAlarm | None = getattr(_alarms, "current", None)
        left = alarm.pause() if alarm else 0.0
        try:
            yield
        finally:
            if alarm:
                alarm.resume(left)
        return
    remaining, _ = signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        if remaining > 0:
            signal.setitimer(signal.ITIMER_REAL, remaining)
