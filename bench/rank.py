"""`rolefit rank` and POST /v1/rankings, measured (not a test).

(a) N resumes (default 1000: the PDF and DOCX of ../shared/eval repeated under new names, else
built ones, varied) ranked against one posting by the local process pool and by Dask with two
local worker processes, as `rolefit rank` runs them (`batch_rows`, `dask_rows`, then `ordered`):
both wall times, the Dask overhead (target <= 15%) and a check that the rows are the same. The
engines are built before the clock starts (the pool forks from this process; each Dask worker
builds its own, timed apart as the cluster's start).

(b) One POST /v1/rankings of 50 resumes against the posting, in a process of its own with the app
(Flask's test client: no socket), against one POST /v1/analyses of the largest of them with the
same posting in another: the ranking's seconds, and each process's peak resident memory during
its request (the peak is reset once the app is loaded, where Linux allows; target: the ranking's
<= 1.5x the single analysis's). The machine's other work moves (a) a great deal: rounds alternate.

    .venv/bin/python bench/rank.py [--documents 1000] [--workers 2] [--rounds 3] [--only batch|request] [--model NAME] [--json out.json]
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import builders  # noqa: E402

from service.batch import Batch, Ranked, batch_rows, engine_for  # noqa: E402
from service.config import settings  # noqa: E402
from service.distributed import connect, dask_rows, task_size  # noqa: E402
from service.ranked_batch import ordered  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
POSTING = (
    "Senior Machine Learning Engineer\nRequirements\n- 5+ years of Python and PyTorch\n- Docker and Kubernetes in production\n"
    "- REST APIs and model serving\n- SQL and Spark\nNice to have\n- Airflow, MLflow, AWS\n"
)
RANKED_RESUMES = 50
TARGET_OVERHEAD = 0.15
TARGET_MEMORY = 1.5


def sources() -> list[tuple[str, bytes]]:
    """The evaluation set's PDF and DOCX files where it is present, else built resumes."""
    found = [(p.name, p.read_bytes()) for p in sorted(EVAL.rglob("*")) if p.suffix.lower() in {".pdf", ".docx"} and p.is_file()]
    if found:
        return found
    skills = ["Python", "PyTorch", "Kubernetes", "Docker", "SQL", "Spark", "Airflow", "MLflow", "AWS", "pandas"]
    built = [
        ("one-column.pdf", builders.one_column_pdf()),
        ("two-column.pdf", builders.two_column_pdf()),
        ("cv.docx", builders.docx_resume()),
    ]
    for index in range(len(skills)):  # text resumes that differ in the skills they show
        shown = ", ".join(skills[: index + 1])
        text = f"Alex Doe {index}\nML Engineer\nExperience\nML Engineer, Acme (2018 - Present)\nBuilt and deployed models with {shown}.\n"
        built.append((f"text-{index}.txt", text.encode()))
    return built


def documents(folder: Path, count: int) -> list[str]:
    """`count` files in `folder`: the sources again and again, each under a name of its own."""
    base = sources()
    files = []
    for index in range(count):
        name, data = base[index % len(base)]
        path = folder / f"{index:05d}-{name}"
        path.write_bytes(data)
        files.append(str(path))
    return files


def batch_of_rankings(args: argparse.Namespace) -> dict[str, Any]:
    """(a): the same documents ranked by the local pool and by Dask, engines built beforehand."""
    config = settings()
    if args.model:
        config["SPACY_MODEL"] = args.model
    posting = engine_for(config).read_job_description(POSTING)  # the pool forks from here, engine built
    batch = Batch(config, ranked=Ranked((("posting.txt", posting),)))
    logging.getLogger("distributed").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as folder:
        files = documents(Path(folder), args.documents)
        started = time.perf_counter()
        with connect("local", args.workers) as client:
            client.run(engine_for, config)  # each worker builds its engine before the clock starts
            cold = time.perf_counter() - started
            size = task_size(len(files), sum(client.nthreads().values()))
            local_times, dask_times = [], []
            for _ in range(args.rounds):  # alternating, so a busy spell of the machine falls on both alike
                started = time.perf_counter()
                local = ordered(batch_rows(files, args.workers, batch), ["posting.txt"])
                local_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                remote = ordered((row for chunk in dask_rows(client, files, batch, size, None, []) for row in chunk), ["posting.txt"])
                dask_times.append(time.perf_counter() - started)
                if local != remote:
                    break
    local_seconds, dask_seconds = statistics.median(local_times), statistics.median(dask_times)
    return {
        "documents": len(files),
        "error_rows": sum(row["error"] is not None for row in local),
        "model": config["SPACY_MODEL"],
        "workers": args.workers,
        "rounds": len(local_times),
        "local_pool_seconds": round(local_seconds, 2),
        "local_rounds": [round(t, 2) for t in local_times],
        "dask_rounds": [round(t, 2) for t in dask_times],
        "dask_seconds": round(dask_seconds, 2),
        "dask_overhead": round(dask_seconds / local_seconds - 1, 3),
        "dask_cluster_start_seconds": round(cold, 2),
        "rows_identical": local == remote,
    }


def measure(kind: str, model: str | None) -> dict[str, Any]:
    """Run in a process of its own: one request of `kind` (analysis or ranking), its seconds and
    the process's peak resident memory."""
    from service import create_app

    files = sources()[:RANKED_RESUMES]
    config: dict[str, Any] = {"TESTING": True, "RATE_LIMIT": ""}
    if model:
        config["SPACY_MODEL"] = model
    client = create_app(config).test_client()
    before = _reset_peak()  # loading the app may peak above what it then holds: the request's own peak is wanted
    started = time.perf_counter()
    if kind == "ranking":
        form = {"resumes": [(io.BytesIO(data), name) for name, data in files], "job_description": POSTING}
        response = client.post("/v1/rankings", data=form)
        assert response.status_code == 200, response.get_data(as_text=True)
        answered = len(response.get_json()["candidates"])
    else:
        name, data = max(files, key=lambda file: len(file[1]))
        response = client.post("/v1/analyses", data={"resume": (io.BytesIO(data), name), "job_description": POSTING})
        assert response.status_code == 200, response.get_data(as_text=True)
        answered = 1
    seconds = time.perf_counter() - started
    peak = _peak_kb()
    return {
        "documents": answered,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(peak / 1024, 1),
        "rss_before_mb": round(before / 1024, 1),
    }


def _status_kb(field: str) -> int | None:
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return None
    return next((int(line.split()[1]) for line in text.splitlines() if line.startswith(field + ":")), None)


def _reset_peak() -> int:
    """Reset the process's peak resident memory to what it holds now (Linux: clear_refs 5); the KB it holds."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass  # elsewhere the peak stays the process's since it started
    return _status_kb("VmRSS") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _peak_kb() -> int:
    return _status_kb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def ranking_request(args: argparse.Namespace) -> dict[str, Any]:
    """(b): the ranking and the single analysis, each in a fresh process (peak memory is a process's)."""
    answers = {}
    for kind in ("analysis", "ranking"):
        command = [sys.executable, __file__, "--measure", kind, *(["--model", args.model] if args.model else [])]
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=True)
        answers[kind] = json.loads(done.stdout.strip().splitlines()[-1])
    ratio = answers["ranking"]["peak_rss_mb"] / answers["analysis"]["peak_rss_mb"]
    return {"ranking": answers["ranking"], "single_analysis": answers["analysis"], "peak_memory_ratio": round(ratio, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of each; the medians are reported")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the service's)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--only", choices=["batch", "request"], help="run (a) or (b) alone")
    parser.add_argument("--measure", choices=["analysis", "ranking"], help=argparse.SUPPRESS)  # one request, in a child process
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.model)))
        return
    origin = "the evaluation set" if EVAL.is_dir() else "built resumes"
    figures: dict[str, Any] = {}
    if args.only != "request":
        figures["batch"] = print_batch(batch_of_rankings(args), origin, args.workers)
    if args.only != "batch":
        figures["request"] = print_request(ranking_request(args))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    if not figures.get("batch", {}).get("rows_identical", True):
        sys.exit("the local pool and Dask gave different rows")


def print_batch(batch: dict[str, Any], origin: str, workers: int) -> dict[str, Any]:
    print(f"(a) {batch['documents']} resumes ({origin}, repeated; {batch['error_rows']} error rows) ranked, model {batch['model']}")
    print(f"    local pool, {workers} workers:  {batch['local_pool_seconds']:7.2f} s (median of {batch['local_rounds']})")
    print(f"    Dask, {workers} local workers:  {batch['dask_seconds']:7.2f} s (median of {batch['dask_rounds']})")
    print(f"    Dask cluster start with engines: {batch['dask_cluster_start_seconds']:.1f} s, apart")
    verdict = "met" if batch["dask_overhead"] <= TARGET_OVERHEAD else "MISSED"
    print(
        f"    Dask overhead: {batch['dask_overhead']:+.1%} (target <= {TARGET_OVERHEAD:.0%}: {verdict}); rows identical: {batch['rows_identical']}"
    )
    return batch


def print_request(request: dict[str, Any]) -> dict[str, Any]:
    ranking, single = request["ranking"], request["single_analysis"]
    print(f"(b) POST /v1/rankings of {ranking['documents']} resumes, in process: {ranking['seconds']:.2f} s")
    print(
        f"    peak RSS during the request: ranking {ranking['peak_rss_mb']:.1f} MB, one analysis (the largest file) "
        f"{single['peak_rss_mb']:.1f} MB (the app loaded, before it: {ranking['rss_before_mb']:.1f} and {single['rss_before_mb']:.1f} MB)"
    )
    verdict = "met" if request["peak_memory_ratio"] <= TARGET_MEMORY else "MISSED"
    print(f"    ratio {request['peak_memory_ratio']:.2f}x (target <= {TARGET_MEMORY}x: {verdict})")
    return request


if __name__ == "__main__":
    main()
