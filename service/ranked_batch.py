"""`rolefit rank`: a batch of resumes ranked against postings (or one role), gathered from the
local process pool or a Dask cluster as compact rows (never whole analyses), ordered best first,
written as CSV, JSON lines or Parquet, and the top of it printed as a table."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from service.batch import Batch, batch_rows
from service.outputs import INTERRUPTED

if TYPE_CHECKING:
    import pyarrow as pa

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet"}
LISTS = ("met", "partly_met", "missing")
TABLE_FILE_WIDTH = 40
TABLE_NAME_WIDTH = 22
ERRORS_SHOWN = 10  # error rows named under the table; the output holds them all


def output_format(output: str) -> str:
    """csv, jsonl or parquet, by the output's extension; ValueError for any other."""
    found = next((kind for suffix, kind in FORMATS.items() if output.lower().endswith(suffix)), None)
    if found is None:
        raise ValueError(f"the output {output} should end with {', '.join(FORMATS)}")
    return found


@dataclass(frozen=True)
class Run:
    """How the batch runs and what is shown of it."""

    dask: str | None = None
    workers: int | None = None
    task_size: int | None = None
    progress: bool = False
    top: int = 10
    min_score: float | None = None


def rank(files: list[str], batch: Batch, run: Run, output: str | None, failed: Sequence[dict[str, Any]] = ()) -> int:
    """Rank the files (and the rows of sources that failed before any work, `failed`), write
    every row to `output`, print the top; the exit status: 0 when every document was ranked, 1
    when some were skipped, 2 when the cluster cannot be used or a task failed, 130 after Ctrl-C."""
    from service import distributed

    rows: list[dict[str, Any]] = list(failed)
    try:
        if run.dask:
            with distributed.cluster_rows(files, batch, address=run.dask, workers=run.workers, size=run.task_size) as (chunks, _):
                rows += _with_progress((row for chunk in chunks for row in chunk), len(files), batch, run.progress)
        elif files:
            workers = max(1, min(run.workers or _cores(), len(files)))
            rows += _with_progress(batch_rows(files, workers, batch), len(files), batch, run.progress)
    except (distributed.Unreachable, distributed.TaskFailed) as error:
        print(f"rolefit: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\nrolefit: interrupted after {len(rows)} rows; nothing written", file=sys.stderr)
        return INTERRUPTED
    postings = [name for name, _ in batch.ranked.postings] if batch.ranked else []
    ranked = ordered(rows, postings)
    kept = [row for row in ranked if run.min_score is None or row["score"] is None or row["score"] >= run.min_score]
    if output is not None:
        write_rows(kept, output, bool(postings))
    print(render_top(kept, postings, run, dropped=len(ranked) - len(kept), output=output))
    return 1 if any(row["error"] for row in ranked) else 0


def _cores() -> int:
    import os

    return os.cpu_count() or 1


def _with_progress(rows: Iterable[dict[str, Any]], documents: int, batch: Batch, progress: bool) -> list[dict[str, Any]]:
    from tqdm import tqdm

    per_document = max(1, len(batch.ranked.postings) if batch.ranked else 1)
    with tqdm(total=documents * per_document, unit="row", file=sys.stderr, disable=not progress) as bar:
        kept = []
        for row in rows:
            kept.append(row)
            bar.update(1)
    return kept


def ordered(rows: Iterable[dict[str, Any]], postings: Sequence[str]) -> list[dict[str, Any]]:
    """The rows with their ranks, posting by posting in the order named: the scored ones best
    first (ties by file name) ranked from 1, then the failed ones by file name, with no rank."""
    place = {name: index for index, name in enumerate(postings)}
    out = sorted(
        rows,
        key=lambda row: (place.get(row.get("posting") or "", 0), row["score"] is None, -(row["score"] or 0.0), row["file"]),
    )
    ranks: dict[str | None, int] = {}
    for index, row in enumerate(out):
        rank = None
        if row["score"] is not None:
            rank = ranks[row.get("posting")] = ranks.get(row.get("posting"), 0) + 1
        out[index] = {"rank": rank, **row}
    return out


def write_rows(rows: list[dict[str, Any]], output: str, with_posting: bool) -> None:
    """Every row to `output` (a path or fsspec URL): CSV, JSON lines or Parquet by its extension."""
    import fsspec

    kind = output_format(output)
    if kind == "parquet":
        import pyarrow.parquet as pq

        with fsspec.open(output, "wb") as handle:
            pq.write_table(_table(rows, with_posting), handle)
        return
    with fsspec.open(output, "w", encoding="utf-8", newline="") as text:
        if kind == "jsonl":
            text.writelines(json.dumps(row) + "\n" for row in rows)
            return
        writer = csv.DictWriter(text, fieldnames=_columns(with_posting))
        writer.writeheader()
        writer.writerows(_csv_row(row) for row in rows)


def _columns(with_posting: bool) -> list[str]:
    posting = ["posting"] if with_posting else []
    return ["rank", "file", *posting, "name", "score", "band", *LISTS, "top_steps", "reads_as", "error", "detail"]


def _csv_row(row: dict[str, Any]) -> dict[str, Any]:
    """Lists joined by "; ", a step as its label and gain ("Docker (+6.5)")."""
    steps = "; ".join(f"{step['label']} (+{step['gain']:g})" for step in row["top_steps"])
    return {**row, **{key: "; ".join(row[key]) for key in LISTS}, "top_steps": steps}


def _table(rows: list[dict[str, Any]], with_posting: bool) -> pa.Table:
    import pyarrow as pa

    text, listed = pa.string(), pa.list_(pa.string())
    step = pa.struct([("id", text), ("label", text), ("kind", text), ("gain", pa.float64()), ("score_after", pa.float64())])
    types = {"rank": pa.int64(), "score": pa.float64(), "top_steps": pa.list_(step), **dict.fromkeys(LISTS, listed)}
    schema = pa.schema([(column, types.get(column, text)) for column in _columns(with_posting)])
    return pa.Table.from_pylist(rows, schema=schema)


def render_top(rows: list[dict[str, Any]], postings: Sequence[str], run: Run, dropped: int, output: str | None) -> str:
    """The top rows as a table (per posting, in the order named), then what was left out and why."""
    lines: list[str] = []
    groups: list[str | None] = [*postings] or [None]
    for posting in groups:
        mine = [row for row in rows if row.get("posting") == posting]
        if posting is not None and len(postings) > 1:
            lines.append(f"{posting}:")
        top = [row for row in mine if row["rank"] is not None][: run.top]
        lines += (
            _top_lines(top) if top else ["  (no resume ranked" + (f" at {run.min_score:g} or above)" if run.min_score is not None else ")")]
        )
    scored = [row for row in rows if row["rank"] is not None]
    failed = [row for row in rows if row["rank"] is None]
    kind = "pairs" if len(postings) > 1 else "resumes"
    lines.append(f"{len(scored)} {kind} ranked, {len(failed)} skipped with errors" + (f"; every row written to {output}" if output else ""))
    if run.min_score is not None:
        lines.append(f"{dropped} row(s) scored below {run.min_score:g} left out of the table and the output (--min-score)")
    for row in _unique_files(failed)[:ERRORS_SHOWN]:
        lines.append(f"skipped {row['file']}: {row['error']}: {row['detail']}")
    if len(_unique_files(failed)) > ERRORS_SHOWN:
        lines.append(f"... and {len(_unique_files(failed)) - ERRORS_SHOWN} more skipped (in the output)")
    return "\n".join(lines)


def _top_lines(rows: list[dict[str, Any]]) -> Iterator[str]:
    yield f"{'rank':>4}  {'file':<{TABLE_FILE_WIDTH}}  {'name':<{TABLE_NAME_WIDTH}}  {'score':>5}  {'band':<8} top missing"
    for row in rows:
        missing = ", ".join(step["label"] for step in row["top_steps"]) or "-"
        yield (
            f"{row['rank']:>4}  {_cut(row['file'], TABLE_FILE_WIDTH, left=True):<{TABLE_FILE_WIDTH}}  "
            f"{_cut(row['name'] or '-', TABLE_NAME_WIDTH):<{TABLE_NAME_WIDTH}}  {row['score']:5.1f}  {row['band']:<8} {missing}"
        )


def _cut(text: str, width: int, left: bool = False) -> str:
    if len(text) <= width:
        return text
    return "…" + text[-(width - 1) :] if left else text[: width - 1] + "…"


def _unique_files(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list({row["file"]: row for row in rows}.values())
