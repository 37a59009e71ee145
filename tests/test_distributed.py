"""`rolefit analyze --dask`: the same rows as the local batch from a Dask cluster of two worker
processes on 127.0.0.1, error rows, Parquet output (one file, or parts written by the workers),
fsspec URL sources, a worker killed by a document, `--dask local` and Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import builders
import pytest

from service.cli import main

distributed = pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

FAST = ["--model", "blank:en", "--no-progress"]
ROLES = ["data-engineer", "data-scientist", "applied-scientist", "ml-engineer", "research-scientist", "research-engineer"]


def start_cluster(**config: object) -> tuple[object, str]:
    """Two worker processes of one thread on 127.0.0.1, with `config` for the scheduler; skips the
    test where Dask cannot start."""
    import dask

    try:
        with dask.config.set({"distributed.comm.timeouts.connect": "20s", **config}):
            # dashboard_address=":0": the scheduler's HTTP server binds 8787 without it, and two clusters meet
            cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", host="127.0.0.1")
    except Exception as error:  # noqa: BLE001 - no cluster, no test
        pytest.skip(f"a Dask LocalCluster cannot start here: {error}")
    return cluster, cluster.scheduler_address


@pytest.fixture(scope="module")
def cluster_address():
    cluster, address = start_cluster()
    yield address
    cluster.close(timeout=30)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("resumes")
    (root / "nested").mkdir()
    (root / "jane.pdf").write_bytes(builders.one_column_pdf())
    (root / "two-column.pdf").write_bytes(builders.two_column_pdf())
    (root / "nested" / "cv.docx").write_bytes(builders.docx_resume())
    (root / "notes.txt").write_text(builders.TEXT_RESUME)
    (root / "broken.pdf").write_bytes(builders.corrupt_pdf())
    (root / "photo.pdf").write_bytes(builders.gif_bytes())  # a picture named like a PDF
    return root


@pytest.fixture(scope="module")
def local_rows(folder, tmp_path_factory) -> dict[str, dict]:
    """The local batch's rows for the folder, by file: what the Dask batch must give."""
    out = tmp_path_factory.mktemp("local") / "local.jsonl"
    assert main(["analyze", str(folder), "-o", str(out), "--workers", "2", *FAST]) == 1
    return by_file(out)


def by_file(jsonl: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in jsonl.read_text().splitlines()]
    found = {row["file"]: row for row in rows}
    assert len(found) == len(rows)  # each document reported once
    return found


def test_the_dask_batch_gives_the_local_batchs_rows(folder, local_rows, cluster_address, tmp_path, capsys):
    out = tmp_path / "dask.jsonl"
    assert main(["analyze", str(folder), "--dask", cluster_address, "-o", str(out), *FAST]) == 1
    assert by_file(out) == local_rows
    errors = {Path(name).name: row["error"] for name, row in local_rows.items() if "error" in row}
    assert errors == {"broken.pdf": "unreadable-document", "photo.pdf": "unsupported-media-type"}
    summary = capsys.readouterr().out
    assert "4 analysed, 2 skipped with errors" in summary and "with 2 worker(s)" in summary
    assert "error: unreadable-document" in summary


def test_tasks_of_one_document_give_the_same_rows(folder, local_rows, cluster_address, tmp_path):
    out = tmp_path / "dask.jsonl"
    assert main(["analyze", str(folder), "--dask", cluster_address, "--task-size", "1", "-o", str(out), *FAST]) == 1
    assert by_file(out) == local_rows


def check_parquet(table, local_rows: dict[str, dict]) -> None:
    assert table.column_names == [
        "file",
        "error",
        "detail",
        "best_role",
        "best_score",
        *[f"score_{role}" for role in ROLES],
        "skills",
        "answer",
    ]
    rows = table.to_pylist()
    assert sorted(row["file"] for row in rows) == sorted(local_rows)
    for row in rows:
        expected = local_rows[row["file"]]
        assert json.loads(row["answer"]) == expected  # the whole JSON line
        if "error" in expected:
            assert (row["error"], row["detail"], row["best_role"], row["skills"]) == (expected["error"], expected["detail"], None, None)
            assert all(row[f"score_{role}"] is None for role in ROLES)
            continue
        assert row["error"] is None and row["detail"] is None
        assert (row["best_role"], row["best_score"]) == (expected["roles"][0]["id"], expected["roles"][0]["score"])
        assert {role: row[f"score_{role}"] for role in ROLES} == {fit["id"]: fit["score"] for fit in expected["roles"]}
        assert row["skills"] == [skill["id"] for skill in expected["profile"]["skills"]]


def test_parquet_output_has_a_row_per_document(folder, local_rows, cluster_address, tmp_path):
    out = tmp_path / "results.parquet"
    assert main(["analyze", str(folder), "--dask", cluster_address, "-o", str(out), *FAST]) == 1
    check_parquet(pq.read_table(out), local_rows)


def test_a_folder_of_parquet_parts_is_written_by_the_workers(folder, local_rows, cluster_address, tmp_path, capsys):
    out = tmp_path / "parts"
    code = main(["analyze", str(folder), "--dask", cluster_address, "--task-size", "2", "-o", f"{out}/", *FAST])
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    check_parquet(pq.read_table(out), local_rows)
    assert "4 analysed, 2 skipped with errors" in capsys.readouterr().out
    assert main(["analyze", str(folder), "--dask", cluster_address, "-o", f"{out}/", *FAST]) == 2  # parts would mix
    assert "holds the Parquet parts of another batch" in capsys.readouterr().err


def test_file_urls_are_listed_once_and_read_by_the_workers(folder, local_rows, cluster_address, tmp_path):
    out = tmp_path / "urls.jsonl"
    assert main(["analyze", folder.as_uri() + "/", "--dask", cluster_address, "-o", str(out), *FAST]) == 1
    rows = by_file(out)
    assert sorted(rows) == sorted(Path(name).as_uri() for name in local_rows)  # as the listing gives them
    assert {name: {**row, "file": Path(name).as_posix()} for name, row in local_rows.items()} == {
        name.removeprefix("file://"): {**row, "file": name.removeprefix("file://")} for name, row in rows.items()
    }


def test_the_local_batchs_settings_reach_the_workers(folder, cluster_address, tmp_path, monkeypatch):
    # A budget too short for a long document (the tasks run in a worker's thread, not its main one).
    long = tmp_path / "long.pdf"
    long.write_bytes(builders.one_column_pdf(pages=25))
    monkeypatch.setenv("ROLEFIT_TIME_BUDGET_SECONDS", "0.01")
    out = tmp_path / "out.jsonl"
    assert main(["analyze", str(long), "--dask", cluster_address, "-o", str(out), *FAST]) == 1
    assert by_file(out)[str(long)]["error"] == "document-too-complex"
    monkeypatch.setenv("ROLEFIT_TIME_BUDGET_SECONDS", "10")
    monkeypatch.setenv("ROLEFIT_MAX_UPLOAD_BYTES", "100")
    files = [str(folder / "jane.pdf"), str(folder / "notes.txt")]
    assert main(["analyze", *files, "--dask", cluster_address, "-o", str(out), *FAST]) == 1
    details = [by_file(out)[name]["detail"] for name in files]
    assert details == [f"The document has {Path(name).stat().st_size} bytes; the limit is 100." for name in files]


class PoisonPlugin(distributed.WorkerPlugin):
    """Stands in for a native parser that kills its process on one file: installed in each worker
    by the test, and again in every worker the nanny starts after a crash."""

    name = "poison"

    def setup(self, worker) -> None:
        from service import batch as batches

        real = batches.analyze_file

        def crash_on_poison(name: str, batch) -> dict:
            if Path(name).name == "poison.pdf":
                os._exit(70)
            return real(name, batch)

        batches.analyze_file = crash_on_poison


def test_a_document_that_kills_its_worker_is_reported_once(folder, local_rows, tmp_path, capsys):
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import the test module
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("jane.pdf", "notes.txt", "broken.pdf"):
        (sources / name).write_bytes((folder / name).read_bytes())
    (sources / "poison.pdf").write_bytes(builders.one_column_pdf())
    # A task is failed at its worker's first death, so the test sees every step without waiting
    # for four deaths each; bystanders on the dying worker are failed too, and must survive.
    cluster, address = start_cluster(**{"distributed.scheduler.allowed-failures": 0})
    try:
        with distributed.Client(address) as client:
            client.register_plugin(PoisonPlugin())
            out = tmp_path / "out.jsonl"
            assert main(["analyze", str(sources), "--dask", address, "--task-size", "2", "-o", str(out), *FAST]) == 1
    finally:
        cluster.close(timeout=30)
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    rows = {Path(name).name: row for name, row in by_file(out).items()}
    assert rows["poison.pdf"]["error"] == "worker-crashed"
    assert rows["broken.pdf"]["error"] == "unreadable-document"
    for name in ("jane.pdf", "notes.txt"):  # analysed all the same, as the local batch does
        assert rows[name] == {**local_rows[str(folder / name)], "file": str(sources / name)}
    assert "2 analysed, 2 skipped with errors" in capsys.readouterr().out


def break_the_engine(broken: bool) -> None:
    """Run in each worker: its engine cannot be built (as where the model is not installed), or again can."""
    from service import batch as batches

    if broken:
        batches.real_engine_for = batches.engine_for

        def refuse(settings):
            raise OSError("[E050] Can't find model 'blank:en'")

        batches.engine_for = refuse
    else:
        batches.engine_for = batches.real_engine_for


def test_a_worker_that_cannot_build_the_engine_stops_the_batch(folder, cluster_address, tmp_path, capsys):
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        with distributed.Client(cluster_address) as client:
            client.run(break_the_engine, True)
            try:
                code = main(["analyze", str(folder), "--dask", cluster_address, "-o", str(tmp_path / "out.jsonl"), *FAST])
            finally:
                client.run(break_the_engine, False)
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert code == 2
    assert "a task failed on the cluster, so the batch stopped: OSError: [E050] Can't find model" in capsys.readouterr().err


def test_dask_local_starts_a_cluster_of_its_own(folder, local_rows, tmp_path, capsys):
    out = tmp_path / "local.jsonl"
    assert main(["analyze", str(folder), "--dask", "local", "--workers", "2", "-o", str(out), *FAST]) == 1
    assert by_file(out) == local_rows
    assert "with 2 worker(s)" in capsys.readouterr().out


def test_an_unreachable_scheduler_is_a_wrong_command(folder, capsys, monkeypatch):
    from service import distributed as module

    monkeypatch.setattr(module, "CONNECT_SECONDS", 1)
    assert main(["analyze", str(folder), "--dask", "tcp://127.0.0.1:1", *FAST]) == 2
    assert "cannot use the Dask cluster at tcp://127.0.0.1:1" in capsys.readouterr().err


def test_urls_that_cannot_be_listed_are_a_wrong_command(capsys):
    assert main(["analyze", "nosuchprotocol://bucket/cvs/", *FAST]) == 2
    assert "cannot list nosuchprotocol://bucket/cvs/" in capsys.readouterr().err


def test_an_object_store_without_its_extra_says_which_to_install(capsys):
    try:
        import s3fs  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("s3fs is installed here")
    assert main(["analyze", "s3://bucket/cvs/", *FAST]) == 2
    assert "pip install 'rolefit[dask]' (and [s3] or [gcs])" in capsys.readouterr().err


def test_parts_need_dask(folder, tmp_path, capsys):
    assert main(["analyze", str(folder), "-o", f"{tmp_path}/parts/", *FAST]) == 2
    assert "add --dask" in capsys.readouterr().err


def test_the_local_batch_writes_parquet_too(folder, local_rows, tmp_path):
    out = tmp_path / "local.parquet"
    assert main(["analyze", str(folder), "--workers", "2", "-o", str(out), *FAST]) == 1
    check_parquet(pq.read_table(out), local_rows)


@pytest.mark.slow
def test_ctrl_c_cancels_the_tasks_and_says_how_many_were_written(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    for i in range(300):
        (sources / f"cv{i:03}.pdf").write_bytes(builders.one_column_pdf(pages=3))
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "service.cli", "analyze", str(sources), "--dask", "local", "--workers", "2", "--task-size", "2"]
    process = subprocess.Popen([*command, "-o", str(out), *FAST], stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while (not out.exists() or not out.read_text()) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: to the command and its workers
    _, err = process.communicate(timeout=60)
    written = len(out.read_text().splitlines())
    assert process.returncode == 130
    assert f"interrupted; {written} of 300 documents written to {out}" in err.decode()
    assert 0 < written < 300
    assert "Traceback" not in err.decode()


def _dask_command(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "dask"), *args]


COUNT = 120  # documents: enough for the batch to outlast the second before one worker is killed


def test_a_scheduler_and_workers_of_their_own_lose_no_document_when_one_worker_dies(folder, local_rows, tmp_path):
    """`dask scheduler` and two `dask worker` processes on 127.0.0.1, as a cluster runs them; one
    worker is killed while the batch runs: every document is reported once, as the local batch has it."""
    from servers import free_port

    if not (Path(sys.executable).parent / "dask").exists():
        pytest.skip("the dask command is not installed")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    many = tmp_path / "many"
    many.mkdir()
    for index in range(COUNT):
        (many / f"cv{index:02}.pdf").write_bytes(builders.one_column_pdf())
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen(
        _dask_command("scheduler", "--host", "127.0.0.1", "--port", str(port), "--dashboard-address", ":0"), **quiet
    )
    workers = [
        subprocess.Popen(_dask_command("worker", address, "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard"), **quiet)
        for _ in range(2)
    ]
    try:
        client = distributed.Client(address, timeout=30)
        client.wait_for_workers(2, timeout=60)
        client.close()
        out = tmp_path / "out.jsonl"
        killer = subprocess.Popen(
            [sys.executable, "-c", f"import time, os, signal; time.sleep(1.0); os.kill({workers[0].pid}, signal.SIGKILL)"]
        )
        started = time.monotonic()
        assert main(["analyze", str(many), "--dask", address, "--task-size", "2", "-o", str(out), *FAST]) == 0
        assert time.monotonic() - started > 1.0, "the batch ended before the worker was killed: give it more documents"
        killer.wait(timeout=10)
        assert workers[0].poll() is not None  # it was killed, mid-batch
        rows = by_file(out)  # each document once
        assert len(rows) == COUNT and all(row["roles"] for row in rows.values())
        jane = next(row for name, row in local_rows.items() if name.endswith("jane.pdf"))
        assert all(row["roles"] == jane["roles"] for row in rows.values())
    finally:
        for process in [*workers, scheduler]:
            process.terminate()
        for process in [*workers, scheduler]:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
