"""The `rolefit` command: a readable report for one file, batches of files and folders over
several processes, and every way a batch meets a bad file."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import builders
import pytest

from service import batch, cli
from service.cli import expand, gunicorn_config, main
from skill_taxonomy import load_taxonomy

FAST = ["--model", "blank:en"]
analyze_for_real = batch.analyze_file


def crash_on_poison(name: str, batch) -> dict:
    """Stands in for a native parser that kills the process on one file (run in the workers)."""
    if Path(name).name == "poison.pdf":
        os._exit(70)
    return analyze_for_real(name, batch)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "nested").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "jane.pdf").write_bytes(builders.one_column_pdf())
    (tmp_path / "nested" / "cv.docx").write_bytes(builders.docx_resume())
    (tmp_path / "notes.txt").write_text(builders.TEXT_RESUME)
    (tmp_path / "broken.pdf").write_bytes(builders.corrupt_pdf())
    (tmp_path / "photo.pdf").write_bytes(builders.gif_bytes())  # a picture named like a PDF
    (tmp_path / "picture.gif").write_bytes(builders.gif_bytes())  # not a resume: left out
    (tmp_path / ".hidden" / "old.pdf").write_bytes(builders.one_column_pdf())  # hidden: left out
    return tmp_path


def test_one_file_gives_a_readable_report(tmp_path, capsys):
    path = tmp_path / "jane.pdf"
    path.write_bytes(builders.one_column_pdf())
    assert main(["analyze", str(path), *FAST]) == 0
    out = capsys.readouterr().out
    assert "role fit:" in out and "█" in out and "ML engineer" in out
    assert "met:" in out and "missing:" in out
    assert "[PyTorch]" in out or "[Kubernetes]" in out  # the name marked inside its evidence
    assert "(experience, page 1)" in out


def test_the_report_says_when_a_role_is_held_at_its_cap(tmp_path, capsys):
    # an academic CV shows no machine learning applied in a product: the applied scientist role
    # is held at its cap, and the report says so under the role
    path = tmp_path / "academic.txt"
    path.write_text(builders.ACADEMIC_CV_WITH_AN_INTERNSHIP)
    assert main(["analyze", str(path), "--role", "applied-scientist", *FAST]) == 0
    out = capsys.readouterr().out
    applied = next(r for r in load_taxonomy().roles["applied-scientist"].requirements if r.id == "applied")
    assert applied.cap is not None
    assert f"Applied scientist: {applied.cap:.1f} of 100 (partial)" in out
    assert f"held at {applied.cap:g} while missing: Machine learning applied in a product or business" in out


def test_one_file_as_the_apis_json(tmp_path, capsys):
    path = tmp_path / "cv.docx"
    path.write_bytes(builders.docx_resume())
    assert main(["analyze", str(path), "--json", "--role", "data-engineer", *FAST]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["file"] == str(path) and [r["id"] for r in row["roles"]] == ["data-engineer"]


def test_a_folder_is_a_batch_that_reports_bad_files_and_goes_on(folder, tmp_path, capsys):
    out_file = tmp_path / "out.jsonl"
    code = main(["analyze", str(folder), str(folder / "missing.pdf"), "-o", str(out_file), "--workers", "2", "--no-progress", *FAST])
    assert code == 1  # some documents failed
    rows = [json.loads(line) for line in out_file.read_text().splitlines()]
    by_name = {Path(r["file"]).name: r for r in rows}
    assert set(by_name) == {"jane.pdf", "cv.docx", "notes.txt", "broken.pdf", "photo.pdf", "missing.pdf"}
    assert all(by_name[name]["roles"] for name in ("jane.pdf", "cv.docx", "notes.txt"))
    assert by_name["broken.pdf"]["error"] == "unreadable-document"
    assert by_name["photo.pdf"]["error"] == "unsupported-media-type"
    assert by_name["missing.pdf"]["error"] == "unreadable-file"
    summary = capsys.readouterr().out  # with --output, the table goes to stdout
    assert "3 analysed, 3 skipped with errors" in summary and "with 2 worker(s)" in summary
    assert "broken.pdf" in summary and "error: unreadable-document" in summary


def test_a_batch_on_stdout_keeps_stdout_to_json_lines(folder, capsys):
    files = [str(folder / "jane.pdf"), str(folder / "notes.txt")]
    assert main(["analyze", *files, "--workers", "1", "--progress", *FAST]) == 0
    captured = capsys.readouterr()
    assert [json.loads(line)["file"] for line in captured.out.splitlines()] == files
    assert "2 analysed, 0 skipped" in captured.err and "doc" in captured.err  # the table and the progress bar


def test_a_job_description_role_comes_first(folder, tmp_path, capsys):
    posting = tmp_path / "posting.txt"
    posting.write_text("Senior ML Engineer\nRequirements\n- 5+ years of Python and PyTorch\n- Kubernetes in production\n")
    assert main(["analyze", str(folder / "jane.pdf"), "--job-description", str(posting), "--json", *FAST]) == 0
    assert json.loads(capsys.readouterr().out)["roles"][0]["id"] == "job-description"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "astronaut"], "unknown role id(s): astronaut"),
        (["--job-description", "/nonexistent/posting.txt"], "cannot read the job description"),
        (["--model", "no_such_pipeline"], "cannot load the spaCy pipeline 'no_such_pipeline'"),
        (["--taxonomy", "/nonexistent/taxonomy"], "rolefit: the taxonomy /nonexistent/taxonomy is not valid"),
    ],
)
def test_wrong_commands_stop_before_any_work(folder, capsys, args, message):
    assert main(["analyze", str(folder / "jane.pdf"), *FAST, *args]) == 2
    assert message in capsys.readouterr().err


def test_a_job_description_without_requirements_is_refused(folder, tmp_path, capsys):
    posting = tmp_path / "posting.txt"
    posting.write_text("About us\nWe are a friendly team in a sunny town by the sea, and we like long walks on the beach.\n" * 3)
    assert main(["analyze", str(folder / "jane.pdf"), "--job-description", str(posting), *FAST]) == 2
    assert "names no skill" in capsys.readouterr().err


def test_an_empty_folder_is_an_error(tmp_path, capsys):
    assert main(["analyze", str(tmp_path), *FAST]) == 2
    assert "no PDF, DOCX or text files" in capsys.readouterr().err


def test_one_bad_file_alone(tmp_path, capsys):
    path = tmp_path / "broken.pdf"
    path.write_bytes(builders.corrupt_pdf())
    assert main(["analyze", str(path), *FAST]) == 1
    assert "unreadable-document" in capsys.readouterr().err


def test_folders_expand_to_resumes_in_name_order(folder):
    names = [Path(p).relative_to(folder).as_posix() for p in expand([str(folder)])]
    assert names == ["broken.pdf", "jane.pdf", "nested/cv.docx", "notes.txt", "photo.pdf"]


def test_settings_from_the_environment_reach_the_command(tmp_path, capsys, monkeypatch):
    path = tmp_path / "jane.pdf"
    path.write_bytes(builders.one_column_pdf())
    monkeypatch.setenv("ROLEFIT_MAX_UPLOAD_BYTES", "100")
    assert main(["analyze", str(path), "--json", *FAST]) == 1
    assert json.loads(capsys.readouterr().out)["error"] == "document-too-large"
    monkeypatch.setenv("ROLEFIT_PDF_READER", "acrobat")
    assert main(["analyze", str(path), *FAST]) == 2


def test_serve_finds_the_gunicorn_settings(tmp_path, monkeypatch):
    assert gunicorn_config() == Path(cli.__file__).resolve().parent.parent / "docker" / "gunicorn.conf.py"
    assert gunicorn_config(tmp_path / "missing.py") is None
    own = tmp_path / "gunicorn.py"
    own.write_text("workers = 1\n")
    monkeypatch.setenv("ROLEFIT_GUNICORN_CONFIG", str(own))
    assert gunicorn_config() == own
    assert main(["serve", "--config", str(tmp_path / "missing.py")]) == 2


def test_a_file_that_kills_its_worker_is_reported_and_the_batch_goes_on(folder, tmp_path, capsys, monkeypatch):
    (folder / "poison.pdf").write_bytes(builders.one_column_pdf())
    monkeypatch.setattr(batch, "analyze_file", crash_on_poison)  # forked workers inherit it
    out_file = tmp_path / "out.jsonl"
    assert main(["analyze", str(folder), "-o", str(out_file), "--workers", "2", *FAST]) == 1
    rows = {Path(r["file"]).name: r for r in map(json.loads, out_file.read_text().splitlines())}
    assert rows["poison.pdf"]["error"] == "worker-crashed"
    assert all(rows[name]["roles"] for name in ("jane.pdf", "cv.docx", "notes.txt"))  # the others, analysed all the same
    assert len(rows) == 6
    assert "3 analysed, 3 skipped with errors" in capsys.readouterr().out


def test_a_reader_that_stops_early_ends_the_batch_quietly(tmp_path):
    import subprocess
    import sys

    for i in range(40):
        (tmp_path / f"cv{i:02}.txt").write_text(builders.TEXT_RESUME)
    command = [sys.executable, "-m", "service.cli", "analyze", str(tmp_path), "--workers", "2", *FAST]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()  # `| head -1`
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=120) == 1
    assert json.loads(first)["roles"]
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr


def test_a_batch_keeps_the_services_time_budget(folder, tmp_path, monkeypatch):
    # A budget too short for any document: each one is an error line, and the batch ends.
    monkeypatch.setenv("ROLEFIT_TIME_BUDGET_SECONDS", "0.000001")
    out_file = tmp_path / "out.jsonl"
    files = [str(folder / "jane.pdf"), str(folder / "notes.txt")]
    assert main(["analyze", *files, "-o", str(out_file), "--workers", "2", "--no-progress", *FAST]) == 1
    rows = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert [row["error"] for row in rows] == ["document-too-complex"] * 2


def test_a_target_role_prints_the_plan_as_numbered_steps(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text(builders.TEXT_RESUME)
    assert main(["analyze", str(path), "--target", "research-scientist", *FAST]) == 0
    out = capsys.readouterr().out
    assert "plan for Research scientist (the role asked for):" in out
    assert "Research scientist:" in out  # the target's own detail, met and missing
    steps = [line for line in out.splitlines() if re.match(r"  \d+\. (learn|show) ", line)]
    assert steps and all(re.search(r": \d+(\.\d)? (weak|partial|good|strong) \(\+\d+(\.\d)?\)$", line) for line in steps)
    assert re.search(r"^to (partial|good|strong) \(\d+\): ", out, re.M)


def test_a_target_role_not_scored_stops_the_command(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text(builders.TEXT_RESUME)
    assert main(["analyze", str(path), "--target", "research-scientist", "--role", "ml-engineer", *FAST]) == 2
    assert "the target role 'research-scientist' is not among the roles scored: ml-engineer" in capsys.readouterr().err
