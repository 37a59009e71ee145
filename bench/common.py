"""What the load and benchmark scripts share: a free local port (the tests' own helper; both
scripts put tests/ on the path), a resume upload, gunicorn's workers."""

from __future__ import annotations

import http.client
import subprocess
import time
import uuid

from servers import free_port  # noqa: F401 - shared with the scripts through this module


def post_resume(port: int, data: bytes, name: str = "cv.pdf") -> tuple[int, float]:
    """POST one file to /v1/analyses on 127.0.0.1; the status (0 when the connection failed) and seconds."""
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="resume"; filename="{name}"\r\n\r\n'.encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("POST", "/v1/analyses", body=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        response = connection.getresponse()
        response.read()
        status = response.status
    except OSError:
        status = 0  # refused or reset: a dead worker
    finally:
        connection.close()
    return status, time.perf_counter() - started


def worker_pids(master: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True).stdout
    return sorted(int(pid) for pid in out.split())
