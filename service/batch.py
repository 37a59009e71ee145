"""A batch of documents, as both the local process pool (`rolefit analyze`) and the Dask
runner (`service.distributed`) run it: what every document is analysed against, the engine built
once per process, and each document's row, which never raises."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from service.exceptions import AnalyzerError
from service.sources import read_bytes

if TYPE_CHECKING:
    from service.engine import Engine
    from service.postings import JobDescription


@dataclass(frozen=True)
class Batch:
    """What every document of one command is analysed against: the settings the engine is built
    from (a spawned worker builds its own), the roles named and the job description, read once."""

    settings: dict[str, Any]
    role_ids: list[str] | None = None
    job_description: JobDescription | None = None
    target_role: str | None = None


_engines: dict[tuple[str, str | None], Engine] = {}  # this process's engines, built once (forked workers inherit them)


def engine_for(settings: dict[str, Any]) -> Engine:
    """The engine the settings ask for, built once per process and pipeline; the limits are the
    settings' own each time."""
    from service.analysis import Limits
    from service.engine import make_engine

    key = (str(settings["SPACY_MODEL"]), settings.get("TAXONOMY_PATH") or None)
    if key not in _engines:
        _engines[key] = make_engine(settings)
    return replace(_engines[key], limits=Limits.from_settings(settings))


def analyze_file(name: str, batch: Batch) -> dict[str, Any]:
    """One document's answer ({"file", ...the API's Analysis}) or its error ({"file", "error",
    "detail"}); never raises, so one bad file cannot stop a batch."""
    try:
        engine = engine_for(batch.settings)
        data = read_bytes(name, engine.limits.max_bytes)  # a path or an fsspec URL, never more than the limit
        result = engine.analyze(data, role_ids=batch.role_ids, job_description=batch.job_description, target_role=batch.target_role)
        return {"file": name, **result.as_dict()}
    except AnalyzerError as error:
        return {"file": name, "error": error.code, "detail": error.detail}
    except OSError as error:
        return {"file": name, "error": "unreadable-file", "detail": error.strerror or str(error)}
    except Exception as error:  # noqa: BLE001 - a batch reports the file and goes on
        return {"file": name, "error": "internal-error", "detail": f"{type(error).__name__}: {error}"}


def crashed_row(name: str) -> dict[str, Any]:
    """The row of a file that kept killing the process reading it."""
    return {"file": name, "error": "worker-crashed", "detail": "The process reading this file stopped; the file was skipped."}


def _executor(workers: int) -> ProcessPoolExecutor:
    """Worker processes that share the pipeline: forked from this process where the platform
    allows (the engine is built once, here), else each builds its own on its first document."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method))


def batch_rows(files: list[str], workers: int, batch: Batch) -> Iterator[dict[str, Any]]:
    """Each file's row as it is done. A file that kills its worker process (a crash in a native
    parser) breaks the pool: the files it took down are run again one process each, so the
    culprit alone is reported (`worker-crashed`) and every other file is still analysed."""
    broken: list[str] = []
    pool = _executor(workers)
    try:
        futures = {pool.submit(analyze_file, name, batch): name for name in files}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                broken.append(futures[future])
    finally:  # when the reader stops early (a closed pipe), the files not started are dropped
        pool.shutdown(wait=True, cancel_futures=True)
    for name in broken:
        with _executor(1) as alone:
            try:
                yield alone.submit(analyze_file, name, batch).result()
            except BrokenProcessPool:
                yield crashed_row(name)
