"""The largest accepted images against the pod's memory limit (not a test): gunicorn with the
project's settings on 127.0.0.1, one client per worker uploading a 7000 x 7000 JPEG photo of a
page and then a PNG of the largest size the pixel limit accepts, `--rounds` times each, so every
worker reads each; prints seconds per image and the PSS and RSS of master plus workers before
(once every worker has read a normal scan and a PDF), at peak (sampled every 0.1 s) and after,
against the memory limit of the Kubernetes Deployment.

    .venv/bin/python bench/large_image.py [--workers 2] [--rounds 2] [--max-seconds 600] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import builders  # noqa: E402
import yaml  # noqa: E402
from common import gunicorn_server, post_document, worker_pids  # noqa: E402

from service.config import Defaults  # noqa: E402
from service.memory import process_memory  # noqa: E402

DEPLOYMENT = ROOT / "docker" / "kubernetes" / "deployment.yaml"
SAMPLE_SECONDS = 0.1


def pod_memory() -> dict[str, Any]:
    """The Deployment's memory request and limit in MiB, and its workers."""
    (container,) = yaml.safe_load(DEPLOYMENT.read_text())["spec"]["template"]["spec"]["containers"]
    units = {"Mi": 1, "Gi": 1024}

    def mebibytes(quantity: str) -> float:
        return float(quantity[:-2]) * units[quantity[-2:]]

    workers = next(int(item["value"]) for item in container["env"] if item["name"] == "ROLEFIT_WORKERS")
    resources = container["resources"]
    return {
        "request_mib": mebibytes(resources["requests"]["memory"]),
        "limit_mib": mebibytes(resources["limits"]["memory"]),
        "workers": workers,
    }


def total_memory(master: int) -> dict[str, Any]:
    """PSS and RSS of master plus workers, in MiB (PSS adds up to what the pod's cgroup counts),
    and each worker's private memory (what ROLEFIT_WORKER_MAX_MEMORY_MB is compared with)."""
    workers = [process_memory(pid) for pid in worker_pids(master)]
    rows = [process_memory(master), *workers]
    totals: dict[str, Any] = {key: round(sum(row[key] for row in rows if row), 1) for key in ("pss", "rss")}
    return {**totals, "worker_private": [round(row["uss"], 1) for row in workers if row]}


class Sampler(threading.Thread):
    """The highest total PSS (and RSS) seen while the uploads run, and every worker pid seen."""

    def __init__(self, master: int) -> None:
        super().__init__(daemon=True)
        self.master = master
        self.peak = {"pss": 0.0, "rss": 0.0}
        self.peak_worker_private = 0.0
        self.pids: set[int] = set()
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            self.pids.update(worker_pids(self.master))
            now = total_memory(self.master)
            self.peak = {key: max(self.peak[key], now[key]) for key in self.peak}
            self.peak_worker_private = max([self.peak_worker_private, *now["worker_private"]])


def upload(port: int, images: list[tuple[str, bytes]], rounds: int, clients: int, deadline: float) -> list[dict[str, Any]]:
    """Each image `rounds` times from each of `clients` clients at once; stops at `deadline`."""
    results: list[dict[str, Any]] = []
    for name, data in images:

        def client(_: int, name: str = name, data: bytes = data) -> list[dict[str, Any]]:
            rows = []
            for _ in range(rounds):
                if time.monotonic() > deadline:
                    break
                status, seconds, body = post_document(port, data, name, timeout=max(deadline - time.monotonic(), 1))
                ocr = json.loads(body).get("document", {}).get("ocr") if status == 200 else None
                rows.append({"image": name, "status": status, "seconds": seconds, "ocr": ocr})
            return rows

        with ThreadPoolExecutor(clients) as pool:
            for rows in pool.map(client, range(clients)):
                results += rows
    return results


def _seconds(rows: list[dict[str, Any]]) -> dict[str, float] | None:
    seconds = [row["seconds"] for row in rows if row["status"] == 200]
    return {"median": round(statistics.median(seconds), 2), "max": round(max(seconds), 2)} if seconds else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, help="gunicorn workers (the Deployment's ROLEFIT_WORKERS by default)")
    parser.add_argument("--rounds", type=int, default=2, help="uploads of each image per worker")
    parser.add_argument("--max-seconds", type=float, default=600, help="stop uploading after this long")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    pod = pod_memory()
    workers = args.workers or pod["workers"]
    side = builders.largest_image_side(Defaults.MAX_IMAGE_PIXELS)
    images = [("photo-7000.jpg", builders.page_photo(7000)), (f"page-{side}.png", builders.page_photo(side, "PNG"))]
    per_image: dict[str, dict[str, Any]] = {}
    pids: set[int] = set()
    started = time.monotonic()
    deadline = started + args.max_seconds
    with gunicorn_server(workers) as server:
        warm_up = [("scan.png", builders.image_bytes()), ("cv.pdf", builders.one_column_pdf())]
        upload(server.port, warm_up, 2, workers, time.monotonic() + 60)
        time.sleep(1)  # every worker has read a normal scan and a PDF: the steady state before
        before = total_memory(server.pid)
        for name, data in images:
            alone = upload(server.port, [(name, data)], args.rounds, 1, deadline)  # time: one image at a time
            sampler = Sampler(server.pid)
            sampler.start()
            together = upload(server.port, [(name, data)], args.rounds, workers, deadline)  # memory: every worker at once
            sampler.done.set()
            sampler.join()
            pids |= sampler.pids
            per_image[name] = {
                "bytes": len(data),
                "uploads": len(alone) + len(together),
                "statuses": sorted({row["status"] for row in alone + together}),
                "read_by_ocr": all(row["ocr"] for row in alone + together),
                "seconds_alone": _seconds(alone),
                "seconds_every_worker_at_once": _seconds(together),
                "peak_mib": {**sampler.peak, "worker_private": sampler.peak_worker_private},
            }
        elapsed = time.monotonic() - started
        time.sleep(2)  # a worker past its memory setting is being replaced
        after = total_memory(server.pid)
    peak = {key: max([before[key], after[key], *(row["peak_mib"][key] for row in per_image.values())]) for key in ("pss", "rss")}
    figures = {
        "workers": workers,
        "rounds": args.rounds,
        "seconds": round(elapsed, 1),
        "stopped_at_max_seconds": time.monotonic() > deadline,
        "worker_pids_seen": len(pids),
        "images": per_image,
        "total_mib_before": before,
        "total_mib_peak": peak,
        "total_mib_after": after,
        "deployment_request_mib": pod["request_mib"],
        "deployment_limit_mib": pod["limit_mib"],
        "peak_pss_share_of_limit": round(peak["pss"] / pod["limit_mib"], 3),
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
