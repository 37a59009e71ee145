"""`rolefit rank`: resumes (folders, files, ZIP archives) against a posting, several postings or a
role, best first; the top as a table, every row as CSV, JSON lines or Parquet; each score the one
`rolefit analyze --job-description` gives; bad documents as error rows; the local pool and Dask
alike; wrong commands refused."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import builders
import pytest

from service.cli import main

FAST = ["--model", "blank:en", "--no-progress"]
POSTING = builders.ML_POSTING
DATA_POSTING = "Data Engineer\nRequirements\n- SQL and Spark\n- Airflow pipelines\n- Snowflake and dbt\n"
DATA_SCIENTIST = builders.DATA_SCIENTIST_RESUME


@pytest.fixture()
def resumes(tmp_path: Path) -> Path:
    folder = tmp_path / "resumes"
    (folder / "nested").mkdir(parents=True)
    (folder / "jane.pdf").write_bytes(builders.one_column_pdf())
    (folder / "nested" / "cv.docx").write_bytes(builders.docx_resume())
    (folder / "sam.txt").write_text(DATA_SCIENTIST)
    return folder


@pytest.fixture()
def postings(tmp_path: Path) -> list[Path]:
    ml, data = tmp_path / "ml.txt", tmp_path / "data.txt"
    ml.write_text(POSTING)
    data.write_text(DATA_POSTING)
    return [ml, data]


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def analyze_json(capsys, file: str, *args: str) -> dict:
    capsys.readouterr()
    assert main(["analyze", file, "--json", *FAST, *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_top_k_are_printed_as_a_table_best_first(resumes, postings, capsys):
    assert main(["rank", str(resumes), "--job-description", str(postings[0]), "--top", "2", "--workers", "2", *FAST]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["rank", "file", "name", "score", "band", "top", "missing"]
    at = out[0].index("score")
    assert [line.split()[0] for line in out[1:3]] == ["1", "2"]
    scores = [float(line[at : at + 5]) for line in out[1:3]]
    assert scores == sorted(scores, reverse=True)
    assert out[3] == "3 resumes ranked, 0 skipped with errors"  # two rows only, then the totals


def test_each_score_is_the_score_analyze_gives_with_the_posting(resumes, postings, tmp_path, capsys):
    out = tmp_path / "ranking.jsonl"
    assert main(["rank", str(resumes), "--job-description", str(postings[0]), "-o", str(out), *FAST]) == 0
    rows = jsonl(out)
    assert [row["rank"] for row in rows] == [1, 2, 3]
    assert [row["score"] for row in rows] == sorted((row["score"] for row in rows), reverse=True)
    for row in rows:
        alone = analyze_json(capsys, row["file"], "--job-description", str(postings[0]))
        fit = alone["roles"][0]
        assert fit["id"] == "job-description"
        assert (row["score"], row["band"], row["posting"]) == (fit["score"], fit["band"], str(postings[0]))
        assert row["missing"] == [requirement["label"] for requirement in fit["missing"]]
        assert [step["id"] for step in row["top_steps"]] == [step["id"] for step in fit["next_steps"][:3]]
        assert row["name"] == alone["profile"]["name"]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_every_row_is_written_in_the_format_the_extension_names(resumes, postings, tmp_path, suffix):
    (resumes / "broken.pdf").write_bytes(builders.corrupt_pdf())
    reference, out = tmp_path / "reference.jsonl", tmp_path / f"ranking{suffix}"
    assert main(["rank", str(resumes), "--job-description", str(postings[0]), "-o", str(reference), *FAST]) == 1
    assert main(["rank", str(resumes), "--job-description", str(postings[0]), "-o", str(out), *FAST]) == 1
    expected = jsonl(reference)
    assert [row["file"] for row in expected][-1].endswith("broken.pdf") and expected[-1]["rank"] is None
    if suffix == ".jsonl":
        assert jsonl(out) == expected
    elif suffix == ".parquet":
        pq = pytest.importorskip("pyarrow.parquet")
        assert pq.read_table(out).to_pylist() == expected
    else:
        with out.open(newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert list(rows[0]) == [
            "rank",
            "file",
            "posting",
            "name",
            "score",
            "band",
            "met",
            "partly_met",
            "missing",
            "top_steps",
            "reads_as",
            "error",
            "detail",
        ]
        assert [(row["rank"], row["file"], row["score"]) for row in rows] == [
            (str(row["rank"] or ""), row["file"], "" if row["score"] is None else str(row["score"])) for row in expected
        ]
        assert rows[0]["missing"] == "; ".join(expected[0]["missing"])
        assert rows[0]["top_steps"] == "; ".join(f"{step['label']} (+{step['gain']:g})" for step in expected[0]["top_steps"])
        assert (rows[-1]["error"], rows[-1]["detail"]) == (expected[-1]["error"], expected[-1]["detail"])


def test_several_postings_give_a_row_per_pair(resumes, postings, tmp_path, capsys):
    (resumes / "broken.pdf").write_bytes(builders.corrupt_pdf())
    out = tmp_path / "matrix.jsonl"
    named = [arg for posting in postings for arg in ("--job-description", str(posting))]
    assert main(["rank", str(resumes), *named, "-o", str(out), *FAST]) == 1
    printed = capsys.readouterr().out
    assert f"{postings[0]}:" in printed and f"{postings[1]}:" in printed and "6 pairs ranked, 2 skipped" in printed
    rows = jsonl(out)
    assert len(rows) == 8  # four documents, two postings
    assert [row["posting"] for row in rows] == [str(postings[0])] * 4 + [str(postings[1])] * 4  # the postings in the order named
    for posting in postings:
        mine = [row for row in rows if row["posting"] == str(posting)]
        assert [row["rank"] for row in mine] == [1, 2, 3, None]
        assert mine[-1]["error"] == "unreadable-document"
        for row in mine[:3]:  # the resume read once, scored against each posting as analyze scores it
            assert row["score"] == analyze_json(capsys, row["file"], "--job-description", str(posting))["roles"][0]["score"]
    by_posting = [{row["file"]: row["score"] for row in rows if row["posting"] == str(posting)} for posting in postings]
    assert by_posting[0] != by_posting[1]  # each pair its own score


def test_a_built_in_role_instead_of_a_posting(resumes, tmp_path, capsys):
    out = tmp_path / "ranking.jsonl"
    assert main(["rank", str(resumes), "--role", "data-scientist", "-o", str(out), *FAST]) == 0
    rows = jsonl(out)
    assert rows[0]["file"].endswith("sam.txt") and "posting" not in rows[0]
    for row in rows:
        fit = analyze_json(capsys, row["file"], "--role", "data-scientist")["roles"][0]
        assert (row["score"], row["band"]) == (fit["score"], fit["band"])


def test_ties_are_broken_by_file_name(tmp_path):
    for name in ("c.txt", "a.txt", "b.txt"):
        (tmp_path / name).write_text(DATA_SCIENTIST)
    out = tmp_path / "ranking.jsonl"
    assert (
        main(
            [
                "rank",
                str(tmp_path / "c.txt"),
                str(tmp_path / "a.txt"),
                str(tmp_path / "b.txt"),
                "--role",
                "data-scientist",
                "-o",
                str(out),
                *FAST,
            ]
        )
        == 0
    )
    rows = jsonl(out)
    assert [Path(row["file"]).name for row in rows] == ["a.txt", "b.txt", "c.txt"] and len({row["score"] for row in rows}) == 1


def test_a_zip_source_ranks_its_files_and_reports_its_bad_ones(resumes, postings, tmp_path, capsys):
    archive = tmp_path / "cvs.zip"
    archive.write_bytes(
        builders.zip_of(
            {
                "good/sam.txt": DATA_SCIENTIST.encode(),
                "jane.pdf": builders.one_column_pdf(),
                "broken.pdf": builders.corrupt_pdf(),
                "inner.zip": builders.zip_of({"x.txt": DATA_SCIENTIST.encode()}),
                ".hidden.txt": DATA_SCIENTIST.encode(),
                "__MACOSX/._jane.pdf": b"fork",
            }
        )
    )
    bomb = tmp_path / "bomb.zip"
    bomb.write_bytes(builders.zip_bomb(20 * 1024 * 1024))  # one entry past the 10 MB upload limit: its own row
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(b"PK\x03\x04 not really")
    out = tmp_path / "ranking.jsonl"
    code = main(["rank", str(archive), str(bomb), str(damaged), "--job-description", str(postings[0]), "-o", str(out), *FAST])
    assert code == 1
    rows = {row["file"]: row for row in jsonl(out)}
    assert set(rows) == {
        f"{archive}/good/sam.txt",
        f"{archive}/jane.pdf",
        f"{archive}/broken.pdf",
        f"{archive}/inner.zip",
        f"{bomb}/resume.txt",
        str(damaged),
    }
    assert rows[f"{archive}/broken.pdf"]["error"] == "unreadable-document"
    assert rows[f"{archive}/inner.zip"]["error"] == "unsupported-media-type"
    assert rows[f"{bomb}/resume.txt"]["error"] == "document-too-large"
    assert rows[str(damaged)]["error"] == "unreadable-document"
    assert [rows[f"{archive}/{name}"]["rank"] for name in ("jane.pdf", "good/sam.txt")] == [1, 2]
    # an archive's file scores as the same file on its own
    (tmp_path / "sam.txt").write_text(DATA_SCIENTIST)
    alone = analyze_json(capsys, str(tmp_path / "sam.txt"), "--job-description", str(postings[0]))
    assert rows[f"{archive}/good/sam.txt"]["score"] == alone["roles"][0]["score"]


def test_min_score_leaves_rows_out_and_says_so(resumes, postings, tmp_path, capsys):
    (resumes / "broken.pdf").write_bytes(builders.corrupt_pdf())
    full, kept = tmp_path / "full.jsonl", tmp_path / "kept.jsonl"
    assert main(["rank", str(resumes), "--job-description", str(postings[0]), "-o", str(full), *FAST]) == 1
    scores = sorted(row["score"] for row in jsonl(full) if row["score"] is not None)
    threshold = scores[1]  # the lowest score falls below it
    capsys.readouterr()
    assert main(["rank", str(resumes), "--job-description", str(postings[0]), "--min-score", str(threshold), "-o", str(kept), *FAST]) == 1
    rows = jsonl(kept)
    assert [row for row in rows if row["score"] is not None] == [
        row for row in jsonl(full) if row["score"] is not None and row["score"] >= threshold
    ]
    assert rows[-1]["error"] == "unreadable-document"  # a failed document is no score to filter: it stays
    assert f"1 row(s) scored below {threshold:g} left out of the table and the output (--min-score)" in capsys.readouterr().out


@pytest.mark.slow
def test_dask_gives_the_local_pools_rows(resumes, postings, tmp_path):
    pytest.importorskip("distributed")
    (resumes / "broken.pdf").write_bytes(builders.corrupt_pdf())
    (tmp_path / "cvs.zip").write_bytes(builders.zip_of({"sam.txt": DATA_SCIENTIST.encode(), "bad.pdf": builders.corrupt_pdf()}))
    named = [arg for posting in postings for arg in ("--job-description", str(posting))]
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    sources = [str(resumes), str(tmp_path / "cvs.zip")]
    assert main(["rank", *sources, *named, "--workers", "2", "-o", str(local), *FAST]) == 1
    assert main(["rank", *sources, *named, "--dask", "local", "--workers", "2", "-o", str(dask), *FAST]) == 1
    assert jsonl(dask) == jsonl(local)
    assert len(jsonl(local)) == 12


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "exactly one of the two"),
        (["--role", "data-engineer", "--job-description", "{posting}"], "exactly one of the two"),
        (["--role", "astronaut"], "unknown role id: astronaut"),
        (["--job-description", "/nonexistent/posting.txt"], "cannot read the job description"),
        (["--role", "data-engineer", "-o", "ranking.txt"], "should end with .csv, .jsonl, .parquet"),
        (["--role", "data-engineer", "--top", "0"], "--top and --workers take a number of 1 or more"),
        (["--role", "data-engineer", "--dask", "tcp://127.0.0.1:9"], "cannot use the Dask cluster"),
    ],
)
def test_wrong_commands_exit_2(resumes, postings, capsys, monkeypatch, args, message):
    if "--dask" in args:
        pytest.importorskip("distributed")
        from service import distributed

        monkeypatch.setattr(distributed, "CONNECT_SECONDS", 1)
    args = [arg.replace("{posting}", str(postings[0])) for arg in args]
    assert main(["rank", str(resumes), *FAST, *args]) == 2
    assert message in capsys.readouterr().err


def test_no_documents_exit_2(tmp_path, capsys):
    assert main(["rank", str(tmp_path), "--role", "data-engineer", *FAST]) == 2
    assert "no PDF, DOCX, text or ZIP files found" in capsys.readouterr().err
    (tmp_path / "empty.zip").write_bytes(builders.zip_of({}))
    assert main(["rank", str(tmp_path), "--role", "data-engineer", *FAST]) == 2
    assert "no documents found in the ZIP archives" in capsys.readouterr().err
