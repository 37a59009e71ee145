"""Where a batch's rows go, the same whoever analysed them (the local pool or Dask workers): JSON
lines (to a file, an fsspec URL or stdout) or Parquet (one file written here, or a folder of parts
written by the Dask workers themselves), with a progress bar and the summary table at the end."""

from __future__ import annotations

import contextlib
import json
import posixpath
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from service.report import render_summary
from service.sources import is_url

if TYPE_CHECKING:
    import pyarrow as pa

    from service.postings import JobDescription
    from skill_taxonomy import Taxonomy

ROW_GROUP_ROWS = 1024  # rows a Parquet file buffers before writing them as one row group
INTERRUPTED = 130  # the exit status of a command stopped by Ctrl-C


def is_parquet(output: str | None) -> bool:
    return output is not None and output.lower().endswith(".parquet")


def is_folder(output: str | None) -> bool:
    """The output names a folder of Parquet parts: it ends with "/" or is a folder already."""
    return output is not None and (output.endswith("/") or (not is_url(output) and Path(output).is_dir()))


def scored_roles(taxonomy: Taxonomy, role_ids: list[str] | None, posting: JobDescription | None) -> list[str]:
    """The ids of the roles every document of a batch is scored on: the Parquet score columns."""
    from service.analysis import select_roles

    chosen = [role.id for role in select_roles(taxonomy, role_ids, only_extra=posting is not None)]
    return ([posting.role.id] if posting else []) + chosen


def parquet_schema(roles: Sequence[str]) -> pa.Schema:
    """One row per document: its file, error, best role and score, a score column per role
    (`score_<role id>`), the skill ids found, and the whole JSON line (`answer`)."""
    import pyarrow as pa

    return pa.schema(
        [
            ("file", pa.string()),
            ("error", pa.string()),
            ("detail", pa.string()),
            ("best_role", pa.string()),
            ("best_score", pa.float64()),
            *[(f"score_{role}", pa.float64()) for role in roles],
            ("skills", pa.list_(pa.string())),
            ("answer", pa.string()),
        ]
    )


def parquet_table(rows: Sequence[dict[str, Any]], roles: Sequence[str]) -> pa.Table:
    import pyarrow as pa

    records = []
    for row in rows:
        fits = row.get("roles") or []
        scores = {fit["id"]: fit["score"] for fit in fits}
        best = max(fits, key=lambda fit: fit["score"], default=None)  # the first of equals; a posting's role comes first, not always best
        records.append(
            {
                "file": row["file"],
                "error": row.get("error"),
                "detail": row.get("detail"),
                "best_role": best["id"] if best else None,
                "best_score": best["score"] if best else None,
                **{f"score_{role}": scores.get(role) for role in roles},
                "skills": [skill["id"] for skill in row["profile"]["skills"]] if "profile" in row else None,
                "answer": json.dumps(row),
            }
        )
    return pa.Table.from_pylist(records, schema=parquet_schema(roles))


def write_part(rows: Sequence[dict[str, Any]], url: str, roles: Sequence[str]) -> None:
    """Write rows as one Parquet file at a path or fsspec URL (a Dask worker's part)."""
    import fsspec
    import pyarrow.parquet as pq
    from fsspec.implementations.local import LocalFileSystem

    fs, path = fsspec.core.url_to_fs(url)
    if isinstance(fs, LocalFileSystem):  # object stores have no folders to make
        fs.makedirs(posixpath.dirname(path), exist_ok=True)
    with fs.open(path, "wb") as handle:
        pq.write_table(parquet_table(rows, roles), handle)


def existing_parts(folder: str) -> list[str]:
    """The Parquet parts a folder holds already (of an earlier batch: they would mix with this one's)."""
    import fsspec

    fs, path = fsspec.core.url_to_fs(folder)
    return sorted(fs.glob(f"{path.rstrip('/')}/part-*.parquet"))


def summary_row(row: dict[str, Any]) -> dict[str, Any]:
    """What the summary table needs of a row, and no more: a batch may hold millions."""
    if "error" in row:
        return {key: row[key] for key in ("file", "error", "detail")}
    best = [{key: row["roles"][0][key] for key in ("title", "score", "band")}] if row["roles"] else []
    skills = [skill if isinstance(skill, str) else skill["id"] for skill in row["profile"]["skills"]]  # a summary row already holds ids
    return {"file": row["file"], "roles": best, "profile": {"skills": skills}}


class Sink(Protocol):
    def write(self, rows: list[dict[str, Any]]) -> None: ...

    def close(self) -> None: ...


class JsonLines:
    """One JSON line per document, flushed as it comes, to a file, an fsspec URL or stdout."""

    def __init__(self, output: str | None) -> None:
        if output is None:
            self.out: TextIO = sys.stdout
        elif is_url(output):
            import fsspec

            self.out = fsspec.open(output, "w", encoding="utf-8").open()
        else:
            self.out = open(output, "w", encoding="utf-8")
        self.owned = output is not None

    def write(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            self.out.write(json.dumps(row) + "\n")
        self.out.flush()

    def close(self) -> None:
        if self.owned:
            self.out.close()


class ParquetFile:
    """One Parquet file written here, a row group every ROW_GROUP_ROWS documents."""

    def __init__(self, output: str, roles: Sequence[str]) -> None:
        import fsspec
        import pyarrow.parquet as pq

        self.roles = list(roles)
        self.handle = fsspec.open(output, "wb").open()
        self.writer = pq.ParquetWriter(self.handle, parquet_schema(self.roles))
        self.buffer: list[dict[str, Any]] = []

    def write(self, rows: list[dict[str, Any]]) -> None:
        self.buffer += rows
        if len(self.buffer) >= ROW_GROUP_ROWS:
            self.writer.write_table(parquet_table(self.buffer, self.roles))
            self.buffer = []

    def close(self) -> None:
        if self.buffer:
            self.writer.write_table(parquet_table(self.buffer, self.roles))
        self.writer.close()
        self.handle.close()


class WrittenByWorkers:
    """A folder of Parquet parts: the workers wrote the rows; here they are only counted."""

    def write(self, rows: list[dict[str, Any]]) -> None:
        pass

    def close(self) -> None:
        pass


def open_sink(output: str | None, roles: Sequence[str]) -> Sink:
    if is_folder(output):
        return WrittenByWorkers()
    if output is not None and is_parquet(output):
        return ParquetFile(output, roles)
    return JsonLines(output)


def write_batch(chunks: Iterable[list[dict[str, Any]]], total: int, sink: Sink, output: str | None, workers: int, progress: bool) -> int:
    """Each chunk of rows to the sink as it is done, a progress bar on stderr, the summary table
    at the end (on stderr when the rows go to stdout); the exit status: 0 when every document was
    analysed, 1 when some were skipped, 130 when Ctrl-C stopped the batch (what was done is kept)."""
    from tqdm import tqdm

    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    try:
        with tqdm(total=total, unit="doc", file=sys.stderr, disable=not progress) as bar:
            for chunk in chunks:
                with _interrupts_held():  # a chunk is written and counted whole, or not at all
                    sink.write(chunk)
                    rows += [summary_row(row) for row in chunk]
                bar.update(len(chunk))
    except KeyboardInterrupt:
        print(f"\nrolefit: interrupted; {len(rows)} of {total} documents written to {output or 'stdout'}", file=sys.stderr)
        return INTERRUPTED
    finally:
        sink.close()
    print(render_summary(rows, time.perf_counter() - started, workers), file=sys.stdout if output else sys.stderr)
    return 1 if any("error" in row for row in rows) else 0


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Ctrl-C held back for the length of the block and delivered after it: the count of rows
    written then says what the output holds. Where signals cannot be blocked (Windows, or a
    thread other than the main one), the block runs as it is."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
