"""A small run of `make fuzz`: damaged real resumes against gunicorn on 127.0.0.1. Needs the
evaluation set beside the checkout (../shared/eval) and skips without it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"

pytestmark = pytest.mark.slow


@pytest.mark.skipif(not (EVAL / "cv").is_dir(), reason="the evaluation set (../shared/eval) is not here")
def test_damaged_real_resumes_get_answers_not_server_errors(tmp_path):
    out = tmp_path / "fuzz.json"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "fuzz.py"), "--count", "50", "--seed", "7", "--max-seconds", "300", "--json", str(out)],
        check=True,
        timeout=600,
        capture_output=True,
    )
    figures = json.loads(out.read_text())
    assert figures["requests"] == 50
    assert figures["server_errors_5xx"] == 0 and figures["failed_connections"] == 0
    # The time budget is the last line of defence: no damaged resume should reach it.
    assert "document-too-complex" not in figures["problems"]
    assert set(figures["statuses"]) <= {"200", "413", "415", "422"}
