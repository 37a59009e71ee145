"""The real run command: gunicorn with the project's config on a free local port."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import builders
import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def server(tmp_path):
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("wb")
    env = {**os.environ, "ROLEFIT_PORT": str(port), "ROLEFIT_WORKERS": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "docker" / "gunicorn.conf.py")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", "/readyz")
            if connection.getresponse().status == 200:
                break
        except OSError:
            time.sleep(0.2)
        finally:
            connection.close()
        if process.poll() is not None:
            log.close()
            pytest.fail(f"gunicorn exited: {(tmp_path / 'gunicorn.log').read_text()[-2000:]}")
    else:
        process.kill()
        process.wait()
        log.close()
        pytest.fail("gunicorn did not become ready within 60 s")
    yield port
    process.terminate()
    process.wait(timeout=30)
    log.close()


def test_gunicorn_serves_a_pdf_over_http(server):
    boundary = uuid.uuid4().hex
    pdf = builders.one_column_pdf()
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="resume"; filename="cv.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        + pdf
        + f"\r\n--{boundary}--\r\n".encode()
    )
    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=30)
    connection.request("POST", "/v1/analyses", body=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    response = connection.getresponse()
    status, answer = response.status, json.loads(response.read())
    connection.close()
    assert status == 200
    assert answer["roles"][0]["id"] == "ml-engineer"
    assert answer["document"]["media_type"] == "application/pdf"
