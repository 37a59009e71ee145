"""The real run command: gunicorn with the project's config on a free local port."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import builders
import pytest
from servers import free_port

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def server(request, tmp_path):
    """gunicorn with one worker; a test's indirect parameter adds settings."""
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("wb")
    env = {**os.environ, "ROLEFIT_PORT": str(port), "ROLEFIT_WORKERS": "1", **getattr(request, "param", {})}
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
    yield port, tmp_path / "gunicorn.log"
    process.terminate()
    process.wait(timeout=30)
    log.close()


def post(port: int, path: str, body: bytes, content_type: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("POST", path, body=body, headers={"Content-Type": content_type})
    response = connection.getresponse()
    status, data = response.status, response.read()
    connection.close()
    return status, data


def get(port: int, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    data = connection.getresponse().read()
    connection.close()
    return data


def test_gunicorn_serves_a_pdf_over_http_and_logs_json_without_content(server):
    port, log_path = server
    boundary = uuid.uuid4().hex
    marker = "Plantedmarker"
    pdf = builders.one_column_pdf(lines=[(f"Jane {marker}", "name"), *builders.RESUME_LINES[1:]])
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="resume"; filename="{marker}.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + pdf
        + f"\r\n--{boundary}--\r\n".encode()
    )
    status, data = post(port, "/v1/analyses", body, f"multipart/form-data; boundary={boundary}")
    assert status == 200
    answer = json.loads(data)
    assert answer["roles"][0]["id"] == "ml-engineer"
    assert answer["document"]["media_type"] == "application/pdf"
    assert answer["profile"]["name"] == f"Jane {marker}"  # the marker was read, so it could have been logged
    metrics = get(port, "/metrics").decode()
    assert 'rolefit_requests_total{method="POST",route="/v1/analyses",status="200"}' in metrics
    time.sleep(0.5)
    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.strip()]
    assert marker not in log_path.read_text()
    access = [line for line in lines if line["logger"] == "service.access"]
    assert access and all(line["request_id"] for line in access)


def _upload(port: int, data: bytes, name: str = "cv.pdf") -> int:
    boundary = uuid.uuid4().hex
    body = f'--{boundary}\r\nContent-Disposition: form-data; name="resume"; filename="{name}"\r\n\r\n'.encode() + data
    status, _ = post(port, "/v1/analyses", body + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}")
    return status


@pytest.mark.slow
@pytest.mark.parametrize("server", [{"ROLEFIT_WORKER_MAX_MEMORY_MB": "1"}], indirect=True)
def test_a_worker_over_its_memory_setting_answers_then_is_replaced(server):
    port, log_path = server
    assert _upload(port, builders.one_column_pdf()) == 200  # the request that grew it is answered
    deadline = time.monotonic() + 30
    while "ROLEFIT_WORKER_MAX_MEMORY_MB=1: it exits and is replaced" not in log_path.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _upload(port, builders.one_column_pdf()) == 200  # by the fresh worker
    booted = [line for line in log_path.read_text().splitlines() if "Booting worker" in line]
    assert len(booted) >= 2, log_path.read_text()[-2000:]
