"""A batch of documents, as both the local process pool (`rolefit analyze`, `rolefit rank`) and
the Dask runner (`service.distributed`) run it: what every document is analysed against, the
engine built once per process, and each document's rows (its analysis, or its ranking rows: one
per posting), which never raise."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from service.exceptions import AnalyzerError
from service.sources import read_document

if TYPE_CHECKING:
    from service.engine import Engine
    from service.postings import JobDescription
    from service.rankings import Row


@dataclass(frozen=True)
class Ranked:
    """What a ranking (`rolefit rank`) ranks every resume against: postings, each named by its
    file and read once, or one built-in role."""

    postings: tuple[tuple[str, JobDescription], ...] = ()
    role_id: str | None = None


@dataclass(frozen=True)
class Batch:
    """What every document of one command is analysed against: the settings the engine is built
    from (a spawned worker builds its own), the roles named and the job description, read once;
    for a ranking, what it ranks against, and the sources that are ZIP archives (their files are
    named `archive.zip/entry`)."""

    settings: dict[str, Any]
    role_ids: list[str] | None = None
    job_description: JobDescription | None = None
    target_role: str | None = None
    ranked: Ranked | None = None
    archives: frozenset[str] = frozenset()


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
        data = read_document(name, batch.archives, engine.limits.max_bytes)  # never more than the limit
        result = engine.analyze(data, role_ids=batch.role_ids, job_description=batch.job_description, target_role=batch.target_role)
        return {"file": name, **result.as_dict()}
    except Exception as error:  # noqa: BLE001 - a batch reports the file and goes on
        return error_row(name, error)


def error_row(name: str, error: Exception) -> dict[str, Any]:
    """The row of a file that could not be analysed: {"file", "error" (a code), "detail"}."""
    if isinstance(error, AnalyzerError):
        return {"file": name, "error": error.code, "detail": error.detail}
    if isinstance(error, OSError):
        return {"file": name, "error": "unreadable-file", "detail": error.strerror or str(error)}
    return {"file": name, "error": "internal-error", "detail": f"{type(error).__name__}: {error}"}


def rank_file(name: str, batch: Batch) -> list[dict[str, Any]]:
    """One resume's ranking rows, one per posting (or one for the role), with no rank yet: what
    the ranking's output needs of its analysis, and no more. Never raises: a file that cannot be
    analysed has an error row per posting."""
    from service.rankings import resume_rows

    ranked = batch.ranked or Ranked()
    try:
        engine = engine_for(batch.settings)
        data = read_document(name, batch.archives, engine.limits.max_bytes)
        rows = resume_rows(engine, data, name, [posting for _, posting in ranked.postings], ranked.role_id)
    except Exception as error:  # noqa: BLE001 - a batch reports the file and goes on
        return failed_rows(error_row(name, error), batch)
    if not ranked.postings:
        return [ranking_row(rows[0])]
    return [ranking_row(row, posting) for row, (posting, _) in zip(rows, ranked.postings, strict=True)]


def ranking_row(row: Row, posting: str | None = None) -> dict[str, Any]:
    """A ranked resume as the output holds it: file, posting (with postings), name, what it reads
    as, score, band, requirements met, partly met and missing, the top steps; error and detail empty."""
    from service.rankings import row_dict

    out = row_dict(row, None)
    reads_as = out.pop("reads_as")
    del out["rank"], out["problem"]
    return {
        "file": row.file,
        **({"posting": posting} if posting is not None else {}),
        **out,
        "reads_as": reads_as["role"] if reads_as else None,
        "error": None,
        "detail": None,
    }


def failed_rows(row: dict[str, Any], batch: Batch) -> list[dict[str, Any]]:
    """An error row as the batch reports it: once for an analysis; for a ranking, once per posting."""
    if batch.ranked is None:
        return [row]
    empty: dict[str, Any] = {
        "name": None,
        "score": None,
        "band": None,
        "met": [],
        "partly_met": [],
        "missing": [],
        "top_steps": [],
        "reads_as": None,
    }
    fields = {**empty, "error": row["error"], "detail": row["detail"]}
    if not batch.ranked.postings:
        return [{"file": row["file"], **fields}]
    return [{"file": row["file"], "posting": posting, **fields} for posting, _ in batch.ranked.postings]


def document_rows(name: str, batch: Batch) -> list[dict[str, Any]]:
    """The rows a document gives: its analysis (analyze_file), or its ranking rows."""
    return [analyze_file(name, batch)] if batch.ranked is None else rank_file(name, batch)


def crashed_row(name: str) -> dict[str, Any]:
    """The row of a file that kept killing the process reading it."""
    return {"file": name, "error": "worker-crashed", "detail": "The process reading this file stopped; the file was skipped."}


def crashed_rows(name: str, batch: Batch) -> list[dict[str, Any]]:
    return failed_rows(crashed_row(name), batch)


def _executor(workers: int) -> ProcessPoolExecutor:
    """Worker processes that share the pipeline: forked from this process where the platform
    allows (the engine is built once, here), else each builds its own on its first document."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method))


def batch_rows(files: list[str], workers: int, batch: Batch) -> Iterator[dict[str, Any]]:
    """Each file's rows as it is done. A file that kills its worker process (a crash in a native
    parser) breaks the pool: the files it took down are run again one process each, so the
    culprit alone is reported (`worker-crashed`) and every other file is still analysed."""
    broken: list[str] = []
    pool = _executor(workers)
    try:
        futures = {pool.submit(document_rows, name, batch): name for name in files}
        for future in as_completed(futures):
            try:
                yield from future.result()
            except BrokenProcessPool:
                broken.append(futures[future])
    finally:  # when the reader stops early (a closed pipe), the files not started are dropped
        pool.shutdown(wait=True, cancel_futures=True)
    for name in broken:
        with _executor(1) as alone:
            try:
                yield from alone.submit(document_rows, name, batch).result()
            except BrokenProcessPool:
                yield from crashed_rows(name, batch)
