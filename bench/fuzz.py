"""Damage real resumes and send them to the service under gunicorn (`make fuzz`; not a test).

Takes the PDF and DOCX files of ../shared/eval, damages each copy with seeded mutations (bit
flips, truncation, splices of another document, zeroed runs, duplicated tails, appended Flate
streams with and without bytes after their zlib end, a stripped xref, inserted random bytes),
posts them with concurrent clients to gunicorn on 127.0.0.1 and prints the statuses, the problem
types, p50, p95, the slowest requests and every request over --slow seconds. Bounded in count
and time; without ../shared it says so and exits 0.

    .venv/bin/python bench/fuzz.py --count 1000 --clients 4 [--seed 1] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from common import gunicorn_server, post_document  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
Mutation = Callable[[bytes, random.Random, list[bytes]], bytes]


def _flip(data: bytes, rng: random.Random, _: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 32)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def _truncate(data: bytes, rng: random.Random, _: list[bytes]) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _splice(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    other = rng.choice(others)
    at, start = rng.randrange(len(data)), rng.randrange(len(other))
    return data[:at] + other[start : start + rng.randint(16, 65536)] + data[at:]


def _zero_run(data: bytes, rng: random.Random, _: list[bytes]) -> bytes:
    at, length = rng.randrange(len(data)), rng.randint(1, 4096)
    return data[:at] + bytes(min(length, len(data) - at)) + data[at + length :]


def _duplicate_tail(data: bytes, rng: random.Random, _: list[bytes]) -> bytes:
    return data + data[-rng.randint(1, max(len(data) // 2, 1)) :] * rng.randint(1, 3)


def _flate_stream(rng: random.Random, trailing: bytes) -> bytes:
    # Past one inflation step (1 MiB), where an inflater left with a tail used to spin.
    content = b"BT /F1 11 Tf 72 700 Td (Python and Kubernetes) Tj ET\n" + b" " * rng.randint(1, 3 * 1024 * 1024)
    body = zlib.compress(content, rng.choice([1, 6, 9])) + trailing
    number = rng.randint(900, 999)
    return b"\n%d 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % (number, len(body)) + body + b"\nendstream\nendobj\n"


def _append_stream(data: bytes, rng: random.Random, _: list[bytes]) -> bytes:
    return data + _flate_stream(rng, b"")


def _append_stream_with_trailing_bytes(data: bytes, rng: random.Random, _: list[bytes]) -> bytes:
    return data + _flate_stream(rng, rng.choice([b"\n", b"\r\n", b"\x00", b"  ", bytes(rng.randrange(256) for _ in range(7))]))


def _strip_xref(data: bytes, rng: random.Random, _: list[bytes]) -> bytes:
    start = data.rfind(b"xref")
    if start < 0:
        return data.replace(b"startxref", b"startxerf")
    end = data.find(b"trailer", start)
    return data[:start] + (data[end:] if end > 0 else b"")


def _insert_random(data: bytes, rng: random.Random, _: list[bytes]) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 512))) + data[at:]


MUTATIONS: dict[str, Mutation] = {
    "flip": _flip,
    "truncate": _truncate,
    "splice": _splice,
    "zero-run": _zero_run,
    "duplicate-tail": _duplicate_tail,
    "append-stream": _append_stream,
    "append-stream-trailing": _append_stream_with_trailing_bytes,
    "strip-xref": _strip_xref,
    "insert-random": _insert_random,
}


def sources(root: Path) -> list[tuple[str, bytes]]:
    """(id, bytes) of the evaluation set's PDF and DOCX files; ids only, never names of people."""
    paths = sorted(p for p in root.rglob("*") if p.suffix.lower() in (".pdf", ".docx"))
    return [(str(p.relative_to(root)), p.read_bytes()) for p in paths]


def mutants(documents: list[tuple[str, bytes]], count: int, seed: int) -> list[tuple[str, str, bytes]]:
    """`count` damaged copies, (source id, mutations applied, bytes), the same for the same seed."""
    rng = random.Random(seed)
    everything = [data for _, data in documents]
    out = []
    for _ in range(count):
        source, data = rng.choice(documents)
        names = rng.sample(sorted(MUTATIONS), rng.choice([1, 1, 2, 3]))
        for name in names:
            data = MUTATIONS[name](data, rng, everything)
        out.append((source, "+".join(names), data))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="damaged documents to send")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-seconds", type=float, default=900.0, help="stop sending after this long")
    parser.add_argument("--slow", type=float, default=3.0, help="list requests slower than this")
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    documents = sources(args.eval) if args.eval.is_dir() else []
    if not documents:
        print(f"no PDF or DOCX documents under {args.eval}; nothing to fuzz")
        return
    queue = mutants(documents, args.count, args.seed)
    results: list[tuple[str, str, int, str, float]] = []
    lock = threading.Lock()
    started = time.monotonic()

    with gunicorn_server(args.workers) as server:

        def client() -> None:
            while time.monotonic() - started < args.max_seconds:
                with lock:
                    if not queue:
                        return
                    source, mutation, data = queue.pop()
                status, seconds, body = post_document(server.port, data, "cv.pdf" if data[:4] != b"PK\x03\x04" else "cv.docx")
                problem = ""
                if status >= 400:
                    try:
                        problem = str(json.loads(body).get("type", "")).rsplit(":", 1)[-1].rsplit("/", 1)[-1]
                    except ValueError:
                        problem = "not-json"
                with lock:
                    results.append((source, mutation, status, problem, seconds))

        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    elapsed = time.monotonic() - started

    latencies = sorted(r[4] for r in results if r[2])
    slowest = sorted(results, key=lambda r: -r[4])
    figures = {
        "documents": len(documents),
        "requests": len(results),
        "seconds": round(elapsed, 1),
        "clients": args.clients,
        "workers": args.workers,
        "seed": args.seed,
        "statuses": dict(sorted(Counter(str(r[2]) for r in results).items())),
        "problems": dict(Counter(r[3] for r in results if r[3]).most_common()),
        "server_errors_5xx": sum(1 for r in results if r[2] >= 500),
        "failed_connections": sum(1 for r in results if r[2] == 0),
        "p50_seconds": round(statistics.median(latencies), 3) if latencies else None,
        "p95_seconds": round(latencies[int(0.95 * (len(latencies) - 1))], 3) if latencies else None,
        "slowest": [{"source": r[0], "mutation": r[1], "status": r[2], "seconds": round(r[4], 3)} for r in slowest[:5]],
        "over_slow": [{"source": r[0], "mutation": r[1], "status": r[2], "seconds": round(r[4], 3)} for r in slowest if r[4] > args.slow],
        "slow_seconds": args.slow,
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
