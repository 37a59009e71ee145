"""Batches on a Dask cluster (`rolefit analyze SOURCE... --dask ADDRESS`): a running scheduler, or
`local`, a LocalCluster of one worker process per core.

The client lists the documents once and submits tasks of a few names each; the workers read the
documents themselves (paths they can see, or fsspec URLs), analyse them with the batch's own
`analyze_file` (service/batch.py, as the local pool does) on an engine built once per worker
process, and send the rows back (or write them as Parquet parts and send back only what the
summary needs). A task whose worker dies is retried by the scheduler; one that keeps killing its
workers ends in `KilledWorker`, and its documents are tried one per task, then alone on the
cluster, so that only the culprit is reported, as `worker-crashed`, as in the local batch."""

from __future__ import annotations

import math
import os
import signal
import sys
import threading
from collections.abc import Generator, Iterator
from contextlib import ExitStack, closing, contextmanager
from typing import TYPE_CHECKING, Any

from service import batch as batches
from service import outputs

if TYPE_CHECKING:
    from distributed import Client, Future

LOCAL = "local"
TASKS_PER_THREAD = 8  # at least this many tasks per worker thread, so that the last ones end together
MAX_TASK_DOCUMENTS = 16  # documents per task at most: a few seconds of work, little to repeat after a crash
CONNECT_SECONDS = 30  # to reach the scheduler, and for it to have a worker

# A worker may run tasks in several threads; one spaCy pipeline is not to be shared between them
# (each document runs in a memory zone of its vocabulary), so they take turns.
_engine_lock = threading.Lock()


class TaskFailed(Exception):
    """A task raised on the cluster (not a document's error: those are rows), so the batch stops."""


def analyze_task(names: list[str], batch: batches.Batch, part: str | None, roles: list[str]) -> list[dict[str, Any]]:
    """Run on a worker: each document's row, read and analysed there. With `part`, the rows are
    written there as Parquet and only what the summary needs goes back."""
    with _engine_lock:
        batches.engine_for(batch.settings)  # built once per process; where it cannot be, the task fails, not the rows
        rows = [row for name in names for row in batches.document_rows(name, batch)]
    if part is None:
        return rows
    outputs.write_part(rows, part, roles)
    return [outputs.summary_row(row) for row in rows]


def crashed_task(name: str, batch: batches.Batch, part: str | None, roles: list[str]) -> list[dict[str, Any]]:
    """Run on a worker: the rows of a document that kept killing its workers (written to its part)."""
    rows = batches.crashed_rows(name, batch)
    if part is not None:
        outputs.write_part(rows, part, roles)
    return rows


def task_size(documents: int, threads: int) -> int:
    """Documents per task: enough tasks to keep every worker thread busy to the end, at most
    MAX_TASK_DOCUMENTS each."""
    return max(1, min(MAX_TASK_DOCUMENTS, math.ceil(documents / (max(threads, 1) * TASKS_PER_THREAD))))


def _part(folder: str | None, index: str) -> str | None:
    return None if folder is None else f"{folder.rstrip('/')}/part-{index}.parquet"


class _Tasks:
    """The futures in flight, each with its documents and its Parquet part."""

    def __init__(self, client: Client, batch: batches.Batch, folder: str | None, roles: list[str]) -> None:
        self.client, self.batch, self.folder, self.roles = client, batch, folder, roles
        self.pending: dict[Future[list[dict[str, Any]]], tuple[list[str], str]] = {}

    def submit(self, names: list[str], index: str) -> Future[list[dict[str, Any]]]:
        # pure=False: a document tried again is a new task, never the failed one looked up by its key
        future = self.client.submit(analyze_task, names, self.batch, _part(self.folder, index), self.roles, pure=False)
        self.pending[future] = (names, index)
        return future

    def crashed(self, name: str, index: str) -> list[dict[str, Any]]:
        future = self.client.submit(crashed_task, name, self.batch, _part(self.folder, index), self.roles, pure=False)
        return list(self.result(future))

    def result(self, future: Future[list[dict[str, Any]]]) -> list[dict[str, Any]]:
        """The task's rows; KilledWorker when it kept killing its workers; TaskFailed when it raised."""
        from distributed import KilledWorker

        self.pending.pop(future, None)
        try:
            rows: list[dict[str, Any]] = future.result()
        except KilledWorker:
            raise
        except Exception as error:
            raise TaskFailed(f"{type(error).__name__}: {error}") from error
        return rows

    def cancel(self) -> None:
        if self.pending:
            self.client.cancel(list(self.pending))
            self.pending.clear()


def dask_rows(
    client: Client, files: list[str], batch: batches.Batch, size: int, folder: str | None, roles: list[str]
) -> Generator[list[dict[str, Any]], None, None]:
    """Each task's rows as it is done. A task that keeps killing its workers is split into one task
    per document; a document that does so alone as well is run once more when nothing else is
    running (a worker's death fails every task queued on it, the innocent too), and reported as
    `worker-crashed` if it kills that worker too."""
    from distributed import KilledWorker, as_completed

    tasks = _Tasks(client, batch, folder, roles)
    done = as_completed([tasks.submit(files[start : start + size], f"{start // size:05d}") for start in range(0, len(files), size)])
    suspects: list[tuple[str, str]] = []
    try:
        for future in done:
            names, index = tasks.pending[future]
            try:
                yield tasks.result(future)
            except KilledWorker:
                if len(names) == 1:
                    suspects.append((names[0], index))
                    continue
                for number, name in enumerate(names):
                    done.add(tasks.submit([name], f"{index}-{number:03d}"))
        for name, index in suspects:  # one at a time: a death now is this document's own
            try:
                yield tasks.result(tasks.submit([name], index))
            except KilledWorker:
                yield tasks.crashed(name, index)
    finally:  # stopped early (Ctrl-C, a failed task, a closed pipe): what was not done is cancelled
        tasks.cancel()


@contextmanager
def connect(address: str, workers: int | None = None) -> Iterator[Client]:
    """A client of the scheduler at `address`, with at least one worker; or, for `local`, of a
    LocalCluster with `workers` worker processes (default: one per core) of one thread each."""
    from distributed import Client, LocalCluster

    if address == LOCAL:
        # The worker processes ignore Ctrl-C (they inherit that from here): this process cancels
        # their tasks, then stops them, without a traceback from each.
        interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN) if threading.current_thread() is threading.main_thread() else None
        try:
            cluster = LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=":0",  # the scheduler's HTTP server binds a port even without a dashboard: a free one
            )
        finally:
            if interrupt is not None:
                signal.signal(signal.SIGINT, interrupt)
        with cluster, Client(cluster) as client:
            yield client
        return
    with Client(address, timeout=CONNECT_SECONDS) as client:
        client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        yield client


class Unreachable(Exception):
    """The cluster cannot be used (no scheduler at the address, no worker, a LocalCluster that cannot start)."""


@contextmanager
def cluster_rows(
    files: list[str],
    batch: batches.Batch,
    *,
    address: str,
    workers: int | None,
    size: int | None,
    folder: str | None = None,
    roles: list[str] | None = None,
) -> Iterator[tuple[Iterator[list[dict[str, Any]]], int]]:
    """Each task's rows as it is done on the cluster at `address`, and the cluster's worker
    threads. Raises Unreachable when the cluster cannot be used; the rows raise TaskFailed when a
    task raised."""
    stack = ExitStack()
    try:
        client = stack.enter_context(connect(address, workers))
    except (OSError, TimeoutError) as error:
        raise Unreachable(f"cannot use the Dask cluster at {address}: {error}") from error
    with stack:
        threads = sum(client.nthreads().values())
        with closing(dask_rows(client, files, batch, size or task_size(len(files), threads), folder, roles or [])) as chunks:
            yield chunks, threads


def run(
    files: list[str], batch: batches.Batch, *, address: str, output: str | None, workers: int | None, size: int | None, progress: bool
) -> int:
    """The batch on the cluster at `address`, written as the local batch writes it (JSON lines or
    Parquet; a folder of Parquet parts is written by the workers); the command's exit status."""
    folder = output if outputs.is_folder(output) else None
    if folder is not None and outputs.existing_parts(folder):
        print(f"rolefit: {folder} holds the Parquet parts of another batch already; name an empty folder", file=sys.stderr)
        return 2
    roles = outputs.scored_roles(batches.engine_for(batch.settings).taxonomy, batch.role_ids, batch.job_description)
    try:
        with cluster_rows(files, batch, address=address, workers=workers, size=size, folder=folder, roles=roles) as (chunks, threads):
            return outputs.write_batch(chunks, len(files), outputs.open_sink(output, roles), output, threads, progress)
    except Unreachable as error:
        print(f"rolefit: {error}", file=sys.stderr)
        return 2
    except TaskFailed as error:
        print(f"rolefit: a task failed on the cluster, so the batch stopped: {error}", file=sys.stderr)
        return 2
