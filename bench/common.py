"""What the load, fuzz and benchmark scripts share: a free local port (the tests' own helper;
the scripts put tests/ on the path), a resume upload, a gunicorn server and its workers."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from servers import free_port  # noqa: F401 - shared with the scripts through this module


def post_resume(port: int, data: bytes, name: str = "cv.pdf") -> tuple[int, float]:
    """POST one file to /v1/analyses on 127.0.0.1; the status (0 when the connection failed) and seconds."""
    status, seconds, _ = post_document(port, data, name)
    return status, seconds


def post_document(port: int, data: bytes, name: str = "cv.pdf", timeout: float = 120) -> tuple[int, float, bytes]:
    """POST one file to /v1/analyses on 127.0.0.1; the status (0 when the connection failed),
    seconds and the response body."""
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="resume"; filename="{name}"\r\n\r\n'.encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    answer = b""
    try:
        connection.request("POST", "/v1/analyses", body=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        response = connection.getresponse()
        answer = response.read()
        status = response.status
    except OSError:
        status = 0  # refused or reset: a dead worker
    finally:
        connection.close()
    return status, time.perf_counter() - started, answer


def worker_pids(master: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True).stdout
    return sorted(int(pid) for pid in out.split())


ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def gunicorn_server(workers: int, settings: dict[str, str] | None = None, ready_seconds: float = 90) -> Iterator[subprocess.Popen]:
    """`gunicorn -c docker/gunicorn.conf.py` on a free port of 127.0.0.1 with `workers` workers,
    rate limits off; yields the server process (its port is `.port`) once every worker is up."""
    port = free_port()
    env = {
        **os.environ,
        "ROLEFIT_PORT": str(port),
        "ROLEFIT_WORKERS": str(workers),
        "ROLEFIT_RATE_LIMIT": "",
        "ROLEFIT_LOG_LEVEL": "WARNING",
        **(settings or {}),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "docker" / "gunicorn.conf.py")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server.port = port  # type: ignore[attr-defined]
    try:
        deadline = time.monotonic() + ready_seconds
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/readyz")
                ready = connection.getresponse().status == 200
                connection.close()
                if ready and len(worker_pids(server.pid)) == workers:
                    break
            except OSError:
                pass
            time.sleep(0.3)
        else:
            raise RuntimeError("gunicorn did not become ready")
        yield server
    finally:
        server.terminate()
        server.wait(timeout=60)
