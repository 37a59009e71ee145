"""A process's memory, as the pod's limit counts it, and giving back what a request freed.

The gunicorn settings use these after every request: the C heap's free pages go back to the
system, and a worker whose private memory still exceeds `ROLEFIT_WORKER_MAX_MEMORY_MB` finishes
and is replaced by a fresh fork of the master. Private memory (USS) is what a worker holds beyond
what it shares with the master; RSS would count the preloaded pipeline again in every worker."""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache
from pathlib import Path
from typing import Any

MEGABYTE = 1024 * 1024


def process_memory(pid: int | str = "self") -> dict[str, float] | None:
    """RSS, PSS and private memory (USS) of a process, in MB, from /proc/PID/smaps_rollup; None
    where there is none (not Linux, or the process has gone)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    fields: dict[str, int] = {}
    for line in text.splitlines():
        key, _, rest = line.partition(":")
        if rest.endswith("kB"):
            fields[key] = int(rest.split()[0])
    return {
        "rss": fields.get("Rss", 0) / 1024,
        "pss": fields.get("Pss", 0) / 1024,
        "uss": (fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)) / 1024,
    }


@cache
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None  # glibc only (not musl, not macOS)


def release_freed_memory() -> bool:
    """Hand the free pages of the C heap back to the system (glibc's malloc_trim): a large image's
    buffers, once freed, otherwise stay in the process. False where the C library cannot."""
    libc = _libc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True


def memory_limit_mb(value: str | None, name: str = "ROLEFIT_WORKER_MAX_MEMORY_MB") -> float:
    """A memory setting in MB: a positive number, or 0 (or empty) for none. Raises ValueError that
    names the setting for anything else."""
    if value is None or not value.strip():
        return 0.0
    try:
        limit = float(value)
    except ValueError:
        raise ValueError(f"{name} must be a number of megabytes (0 for no limit), not {value!r}.") from None
    if not limit >= 0 or limit == float("inf"):
        raise ValueError(f"{name} must be a number of megabytes (0 for no limit), not {value!r}.")
    return limit


def over_limit(limit_mb: float) -> float | None:
    """This process's private memory in MB when it exceeds `limit_mb` (0: no limit), else None."""
    if limit_mb <= 0:
        return None
    used = process_memory()
    if used is None or used["uss"] <= limit_mb:
        return None
    return used["uss"]
