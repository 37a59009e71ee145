"""Documents per second of a batch, measured side by side on the same documents (the PDFs and
DOCX of ../shared/eval): the local process pool (`rolefit analyze FOLDER --workers 2`) against
Dask with two local worker processes (`--dask local --workers 2`). Not a test.

In both, the engines are built before the clock starts (the pool forks from a process that holds
one; each Dask worker builds its own, timed apart as the cluster's start), so the figures compare
the batch itself; the rows are checked to be the same. Rounds alternate between the two.

    .venv/bin/python bench/batch.py [--workers 2] [--rounds 3] [--model NAME] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.batch import Batch, batch_rows, engine_for  # noqa: E402
from service.config import settings  # noqa: E402
from service.distributed import connect, dask_rows, task_size  # noqa: E402
from service.outputs import scored_roles  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"


def documents() -> list[str]:
    return [str(p) for p in sorted(EVAL.rglob("*")) if p.suffix.lower() in {".pdf", ".docx"} and p.is_file()]


def local_round(files: list[str], workers: int, batch: Batch) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    rows = {row["file"]: row.get("error") for row in batch_rows(files, workers, batch)}
    return time.perf_counter() - started, rows


def dask_round(client: Any, files: list[str], batch: Batch, roles: list[str]) -> tuple[float, dict[str, Any]]:
    size = task_size(len(files), sum(client.nthreads().values()))
    started = time.perf_counter()
    rows = {row["file"]: row.get("error") for chunk in dask_rows(client, files, batch, size, None, roles) for row in chunk}
    return time.perf_counter() - started, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the service's)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    files = documents()
    if not files:
        sys.exit(f"no PDF or DOCX under {EVAL}")
    kinds = {suffix: sum(name.lower().endswith(suffix) for name in files) for suffix in (".pdf", ".docx")}
    config = settings()
    if args.model:
        config["SPACY_MODEL"] = args.model
    batch = Batch(config)
    roles = scored_roles(engine_for(config).taxonomy, None, None)  # the pool forks from here, engine built
    logging.getLogger("distributed").setLevel(logging.ERROR)

    started = time.perf_counter()
    with connect("local", args.workers) as client:
        client.run(engine_for, config)  # each worker builds its engine before the clock starts
        cold = time.perf_counter() - started
        local_times, dask_times = [], []
        for _ in range(args.rounds):
            seconds, local = local_round(files, args.workers, batch)
            local_times.append(seconds)
            seconds, remote = dask_round(client, files, batch, roles)
            dask_times.append(seconds)
            assert local == remote, "the two batches gave different rows"
    errors = sum(error is not None for error in local.values())
    figures = {
        "documents": len(files),
        "pdf": kinds[".pdf"],
        "docx": kinds[".docx"],
        "errors": errors,
        "model": config["SPACY_MODEL"],
        "workers": args.workers,
        "rounds": args.rounds,
        "local_pool_docs_per_second": round(len(files) / statistics.median(local_times), 2),
        "dask_docs_per_second": round(len(files) / statistics.median(dask_times), 2),
        "dask_cluster_start_seconds": round(cold, 2),
        "local_seconds": [round(t, 2) for t in local_times],
        "dask_seconds": [round(t, 2) for t in dask_times],
    }
    print(f"{len(files)} documents ({kinds['.pdf']} PDF, {kinds['.docx']} DOCX; {errors} error rows), model {config['SPACY_MODEL']}")
    print(f"local pool, {args.workers} workers:       {figures['local_pool_docs_per_second']:6.1f} documents/s (median of {args.rounds})")
    print(f"Dask, {args.workers} local workers:       {figures['dask_docs_per_second']:6.1f} documents/s (median of {args.rounds})")
    print(f"Dask cluster start with engines: {cold:6.1f} s")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
