"""Load the service under gunicorn on 127.0.0.1 with good resumes and hostile files (not a test).

Starts `gunicorn -c docker/gunicorn.conf.py` on a free local port, runs concurrent clients for a
fixed time, and prints requests served, status counts, p50/p95 latency, worker restarts and
resident memory per worker (after warm-up and at the end). Everything stays on 127.0.0.1 and
stops by itself.

    .venv/bin/python bench/load.py --seconds 60 --clients 4 [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import builders  # noqa: E402
from common import gunicorn_server, post_resume, worker_pids  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"


def corpus() -> list[tuple[str, bytes, str]]:
    """(kind, bytes, file name): real resumes where the evaluation set is present, else built
    ones; and hostile files."""
    good = [("good", path.read_bytes(), "cv.pdf") for path in sorted((EVAL / "cv").glob("*.pdf"))]
    good += [("good", path.read_bytes(), "cv.pdf") for path in sorted((EVAL / "livecareer").glob("*/*.pdf"))[::8]]
    if not good:
        good = [("good", builders.one_column_pdf(), "cv.pdf"), ("good", builders.docx_resume(), "cv.docx")]
    hostile = [
        ("hostile", builders.decompression_bomb_pdf(), "bomb.pdf"),
        ("hostile", builders.docx_zip_bomb(), "bomb.docx"),
        ("hostile", builders.many_pages_pdf(), "pages.pdf"),
        ("hostile", builders.deeply_nested_pdf(), "nested.pdf"),
        ("hostile", builders.cyclic_pdf(), "cyclic.pdf"),
        ("hostile", builders.huge_image_pdf(), "image.pdf"),
        ("hostile", builders.encrypted_pdf(), "locked.pdf"),
        ("hostile", builders.corrupt_pdf(), "broken.pdf"),
        ("hostile", builders.png_bytes(), "photo.pdf"),
    ]
    return good + hostile


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--warmup", type=float, default=10.0, help="seconds before memory counts as warm")
    parser.add_argument("--max-requests", type=int, default=5000, help="stop after this many requests")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    with gunicorn_server(args.workers) as server:
        port = server.port
        files = corpus()
        results: list[tuple[str, int, float]] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + args.seconds
        seen_workers: set[int] = set(worker_pids(server.pid))
        first_workers = set(seen_workers)
        rss: dict[int, dict[str, float]] = {}

        def client(seed: int) -> None:
            rng = random.Random(seed)
            while time.monotonic() < stop_at:
                with lock:
                    if len(results) >= args.max_requests:
                        return
                kind, data, name = rng.choice(files)
                status, seconds = post_resume(port, data, name)
                with lock:
                    results.append((kind, status, seconds))

        def watch() -> None:
            started = time.monotonic()
            while time.monotonic() < stop_at:
                for pid in worker_pids(server.pid):
                    seen_workers.add(pid)
                    value = rss_mb(pid)
                    if value is None:
                        continue
                    entry = rss.setdefault(pid, {"peak": 0.0})
                    entry["peak"] = max(entry["peak"], value)
                    entry["end"] = value
                    if time.monotonic() - started <= args.warmup:
                        entry["warm"] = value
                time.sleep(0.5)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)] + [threading.Thread(target=watch)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        master_rss = rss_mb(server.pid)

    latencies = sorted(seconds for _, status, seconds in results if status)
    statuses = Counter(str(status) for _, status, _ in results)
    figures = {
        "seconds": args.seconds,
        "clients": args.clients,
        "workers": args.workers,
        "requests": len(results),
        "requests_per_second": round(len(results) / args.seconds, 2),
        "statuses": dict(sorted(statuses.items())),
        "statuses_good": dict(Counter(str(s) for k, s, _ in results if k == "good")),
        "statuses_hostile": dict(Counter(str(s) for k, s, _ in results if k == "hostile")),
        "server_errors_5xx": sum(1 for _, status, _ in results if status >= 500),
        "failed_connections": statuses.get("0", 0),
        "p50_seconds": round(statistics.median(latencies), 3) if latencies else None,
        "p95_seconds": round(latencies[int(0.95 * (len(latencies) - 1))], 3) if latencies else None,
        "worker_restarts": len(seen_workers - first_workers),
        "worker_rss_mb": {str(pid): {k: round(v, 1) for k, v in values.items()} for pid, values in rss.items()},
        "master_rss_mb": round(master_rss, 1) if master_rss else None,
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
