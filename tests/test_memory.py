"""A worker's memory: the setting that recycles a worker grown too large, giving back what a
request freed, and what one very large image costs a process (measured in a subprocess, so no
other test's allocations count; memory only, never time)."""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from service.memory import memory_limit_mb, over_limit, process_memory, release_freed_memory

ROOT = Path(__file__).resolve().parents[1]
LINUX = sys.platform.startswith("linux")
# What one upload of the largest images may cost a worker that has read a normal scan, in MB:
# for good (private memory once the request's freed pages are given back), and at its peak while
# reading (the highest resident size). Measured: about 1-30 MB for good; at the peak about 100 MB
# for the photo, about 240 MB for the PNG, which decodes whole in colour before it is reduced.
LASTING_MB = 40
PEAK_MB = {"JPEG": 150, "PNG": 300}


@pytest.mark.parametrize("value", ["250", "250.5", " 64 "])
def test_memory_setting_reads_megabytes(value):
    assert memory_limit_mb(value) == float(value)


@pytest.mark.parametrize("value", [None, "", "0"])
def test_memory_setting_zero_or_unset_is_no_limit(value):
    assert memory_limit_mb(value) == 0.0
    assert over_limit(0.0) is None


@pytest.mark.parametrize("value", ["lots", "-5", "nan", "inf", "300MB"])
def test_memory_setting_refuses_what_is_not_megabytes(value):
    with pytest.raises(ValueError, match=r"ROLEFIT_WORKER_MAX_MEMORY_MB must be a number of megabytes \(0 for no limit\)"):
        memory_limit_mb(value)


@pytest.mark.skipif(not LINUX, reason="/proc and glibc")
def test_process_memory_of_this_process_and_of_none():
    used = process_memory()
    assert used is not None and 0 < used["uss"] <= used["rss"]
    assert process_memory(2**22 + 12345) is None  # above the largest pid: no such process
    assert release_freed_memory() is True
    assert over_limit(1.0) == pytest.approx(process_memory()["uss"], rel=0.2)
    assert over_limit(1e9) is None


def _settings(monkeypatch, tmp_path, value: str | None) -> dict:
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    if value is None:
        monkeypatch.delenv("ROLEFIT_WORKER_MAX_MEMORY_MB", raising=False)
    else:
        monkeypatch.setenv("ROLEFIT_WORKER_MAX_MEMORY_MB", value)
    return runpy.run_path(str(ROOT / "docker" / "gunicorn.conf.py"))


class _Log:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def info(self, message: str, *args: object) -> None:
        self.lines.append(message % args)


@pytest.mark.skipif(not LINUX, reason="/proc")
# Not the default (150 MB): the test process holds more than a worker after a full run of tests.
@pytest.mark.parametrize(("value", "replaced"), [("1", True), ("1000000", False), ("0", False)])
def test_post_request_hook_replaces_a_worker_over_the_setting(monkeypatch, tmp_path, value, replaced):
    settings = _settings(monkeypatch, tmp_path, value)
    worker = SimpleNamespace(alive=True, pid=os.getpid(), log=_Log())
    settings["post_request"](worker, None, {}, None)
    assert worker.alive is not replaced
    assert bool(worker.log.lines) is replaced
    if replaced:
        assert "over ROLEFIT_WORKER_MAX_MEMORY_MB=1: it exits and is replaced" in worker.log.lines[0]


def test_default_memory_setting_is_documented(monkeypatch, tmp_path):
    settings = _settings(monkeypatch, tmp_path, None)
    assert settings["worker_max_memory_mb"] == 150
    readme = (ROOT / "README.md").read_text()
    assert f"| `ROLEFIT_WORKER_MAX_MEMORY_MB` | `{settings['worker_max_memory_mb']:g}` |" in readme


def test_gunicorn_settings_refuse_a_bad_memory_setting(monkeypatch, tmp_path):
    with pytest.raises(ValueError, match="ROLEFIT_WORKER_MAX_MEMORY_MB must be a number of megabytes"):
        _settings(monkeypatch, tmp_path, "a lot")


PROBE = """
import json, resource, sys
sys.path[:0] = [{root!r}, {tests!r}]
import builders
from service.documents import OcrLimits, read_document
from service.memory import process_memory, release_freed_memory

def read(data):
    read_document(data, max_bytes=10**8, max_pages=30, max_characters=200_000, ocr=OcrLimits())
    release_freed_memory()  # as the worker does after every request

def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

read(builders.image_bytes())  # a normal scan first: OCR's own first-use allocations
large = {large}
before, peak_before = process_memory()["uss"], peak()
read(large)
print(json.dumps({{"lasting": process_memory()["uss"] - before, "peak": peak() - peak_before}}))
"""


@pytest.mark.slow
@pytest.mark.skipif(not LINUX, reason="/proc and glibc")
@pytest.mark.parametrize(
    ("format", "build"),
    [("JPEG", "builders.page_photo(7000)"), ("PNG", "builders.page_photo(builders.largest_image_side(), 'PNG')")],
)
def test_one_largest_image_costs_a_worker_little_for_good(format, build):
    script = PROBE.format(root=str(ROOT), tests=str(ROOT / "tests"), large=build)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True).stdout
    grown = json.loads(out.splitlines()[-1])
    assert grown["lasting"] <= LASTING_MB, grown
    assert grown["peak"] <= PEAK_MB[format], grown
