"""Request ids, logs without personal data, API keys, CORS, rate limits and metrics."""

from __future__ import annotations

import io
import json
import logging

import builders
import pytest
from servers import free_port

from service import create_app
from service.web.operations import JsonFormatter


def make(**config):
    return create_app({"SPACY_MODEL": "blank:en", **config}).test_client()


def test_request_id_is_generated_or_echoed(client):
    generated = client.get("/v1/roles").headers["X-Request-ID"]
    assert len(generated) == 32
    assert client.get("/v1/roles", headers={"X-Request-ID": "abc-123"}).headers["X-Request-ID"] == "abc-123"
    assert client.get("/v1/roles", headers={"X-Request-ID": "bad id; drop table"}).headers["X-Request-ID"] != "bad id; drop table"


@pytest.fixture()
def log_lines():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("service")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def test_logs_carry_no_document_content(client, log_lines):
    marker = "Zyxwvutsrq Plantedmarker"
    resume = builders.TEXT_RESUME.replace("Jane Q. Doe", marker)
    client.post("/v1/analyses", json={"text": resume, "job_description": f"{marker} Engineer\nRequirements\nPython"})
    client.post("/v1/analyses", data={"resume": (io.BytesIO(resume.encode()), f"{marker}.txt")}, content_type="multipart/form-data")
    client.post(
        "/v1/analyses", data={"resume": (io.BytesIO(builders.encrypted_pdf()), f"{marker}.pdf")}, content_type="multipart/form-data"
    )
    lines = log_lines()
    assert len(lines) >= 3
    assert all("Plantedmarker" not in json.dumps(line) for line in lines)
    assert all(line.get("request_id") for line in lines)
    access = [line for line in lines if line["logger"] == "service.access"]
    assert {line["route"] for line in access} == {"/v1/analyses"} and {"status", "request_bytes", "seconds"} <= set(access[0])


def test_internal_errors_log_the_type_not_the_message(app, log_lines, monkeypatch):
    from service.engine import Engine

    def explode(*args, **kwargs):
        raise ValueError("Plantedmarker in a message")

    monkeypatch.setattr(Engine, "analyze", explode)
    app.test_client().post("/v1/analyses", json={"text": builders.TEXT_RESUME})
    logged = json.dumps(log_lines())
    assert "ValueError" in logged and "Plantedmarker" not in logged


@pytest.mark.parametrize("keys", ["k1,k2", '["k1", "k2"]'])
def test_api_keys(keys, monkeypatch):
    monkeypatch.setenv("ROLEFIT_API_KEYS", keys)
    client = make()
    refused = client.get("/v1/roles")
    assert refused.status_code == 401 and refused.mimetype == "application/problem+json"
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/v1/roles", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get("/v1/roles", headers={"Authorization": "Bearer k2"}).status_code == 200
    assert client.get("/v1/roles", headers={"X-API-Key": "k1"}).status_code == 200
    assert client.get("/healthz").status_code == 200 and client.get("/readyz").status_code == 200


def test_open_without_keys():
    assert make().get("/v1/roles").status_code == 200


def test_cors_allow_list():
    assert "Access-Control-Allow-Origin" not in make().get("/v1/roles", headers={"Origin": "https://jobs.example"}).headers
    client = make(CORS_ORIGINS="https://jobs.example")
    allowed = client.get("/v1/roles", headers={"Origin": "https://jobs.example"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://jobs.example"
    assert "Access-Control-Allow-Origin" not in client.get("/v1/roles", headers={"Origin": "https://evil.example"}).headers


def test_rate_limit_per_key():
    client = make(RATE_LIMIT="3/minute", API_KEYS="a,b")
    for _ in range(3):
        assert client.get("/v1/roles", headers={"X-API-Key": "a"}).status_code == 200
    limited = client.get("/v1/roles", headers={"X-API-Key": "a"})
    assert limited.status_code == 429 and limited.mimetype == "application/problem+json"
    assert limited.get_json()["type"] == "urn:rolefit:problem:too-many-requests"
    assert int(limited.headers["Retry-After"]) > 0
    assert client.get("/v1/roles", headers={"X-API-Key": "b"}).status_code == 200  # another key, another budget
    assert client.get("/healthz").status_code == 200  # probes are never limited


def test_metrics(client):
    client.post("/v1/analyses", json={"text": builders.TEXT_RESUME})
    client.post(
        "/v1/analyses", data={"resume": (io.BytesIO(builders.one_column_pdf(pages=31)), "cv.pdf")}, content_type="multipart/form-data"
    )
    body = client.get("/metrics").get_data(as_text=True)
    assert 'rolefit_requests_total{method="POST",route="/v1/analyses",status="200"}' in body
    assert 'rolefit_stage_seconds_bucket{le="0.001",stage="read"}' in body
    assert 'rolefit_documents_total{media_type="text/plain"}' in body
    assert 'rolefit_problems_total{type="urn:rolefit:problem:too-many-pages"}' in body
    assert 'rolefit_rejected_total{limit="pages"}' in body


@pytest.fixture()
def redis_url(tmp_path):
    import shutil
    import socket
    import subprocess
    import time

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def test_replicas_share_rate_limits_through_redis(redis_url):
    first = make(RATE_LIMIT="3/minute", RATE_LIMIT_STORAGE_URI=redis_url)
    second = make(RATE_LIMIT="3/minute", RATE_LIMIT_STORAGE_URI=redis_url)
    statuses = [client.get("/v1/roles").status_code for client in (first, second, first, second)]
    assert statuses == [200, 200, 200, 429]


def test_rate_limits_keep_counting_when_redis_is_away():
    port = free_port()  # nobody listens there
    app = create_app(
        {"TESTING": True, "SPACY_MODEL": "blank:en", "RATE_LIMIT": "2/minute", "RATE_LIMIT_STORAGE_URI": f"redis://127.0.0.1:{port}"}
    )
    client = app.test_client()
    statuses = [client.post("/v1/analyses", json={"text": builders.TEXT_RESUME}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]  # counted in memory meanwhile: requests neither fail nor go unlimited
