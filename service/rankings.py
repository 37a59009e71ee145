"""Many resumes against one posting (or one role), best first; and one resume against several
postings, the best-fitting posting first.

Every document is analysed as an analysis of it alone would be (the same engine, limits and time
budget per document), so a candidate's score is the score `analyze` gives with the same posting;
the posting is read once. ZIP archives are opened (service.documents.archives). A document that
cannot be read keeps its own problem in its row, and the others are still ranked; the request as
a whole has limits on its files, its bytes and its time."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from service.analysis import Analysis
from service.answers import posting_dict
from service.documents.archives import ArchiveLimits, is_archive, read_archive
from service.engine import Engine
from service.exceptions import AnalyzerError, DocumentError, DocumentTooLarge, RankingTooLong
from service.plans import Step, next_steps
from service.postings import JobDescription
from service.scoring import ReadsAs, RoleFit, score_roles
from skill_taxonomy import Role

TOP_MISSING = 3  # the missing requirements a row names, the steps worth most first


@dataclass(frozen=True)
class RankingLimits:
    """What one ranking may hold and take: files (an archive's count one each), their bytes
    together (an archive's as inflated), postings beside one resume, and seconds."""

    max_files: int = 100
    max_bytes: int = 50 * 1024 * 1024
    max_postings: int = 20
    seconds: float = 50.0
    max_file_bytes: int = 10 * 1024 * 1024

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> RankingLimits:
        """The limits the settings (service/config.py names) ask for."""
        limits = cls(
            max_files=int(settings["RANKING_MAX_FILES"]),
            max_bytes=int(settings["RANKING_MAX_BYTES"]),
            max_postings=int(settings["RANKING_MAX_POSTINGS"]),
            seconds=float(settings["RANKING_SECONDS"]),
            max_file_bytes=int(settings["MAX_UPLOAD_BYTES"]),
        )
        if min(limits.max_files, limits.max_bytes, limits.max_postings) < 1 or limits.seconds <= 0:
            raise ValueError("RANKING_MAX_FILES, RANKING_MAX_BYTES, RANKING_MAX_POSTINGS and RANKING_SECONDS must be above 0")
        return limits

    @property
    def archive(self) -> ArchiveLimits:
        return ArchiveLimits(self.max_files, self.max_bytes, self.max_file_bytes)


@dataclass(frozen=True)
class Row:
    """One document's place: its fit to the role ranked for and its next steps, or its problem."""

    file: str
    fit: RoleFit | None = None
    steps: tuple[Step, ...] = ()
    name: str | None = None  # the candidate's
    reads_as: ReadsAs | None = None
    posting: JobDescription | None = None  # on the candidate's side: the posting of the row
    problem: AnalyzerError | None = None


@dataclass(frozen=True)
class Ranking:
    """Rows best first (ties by file name), then the rows with a problem by file name."""

    rows: tuple[Row, ...]
    posting: JobDescription | None = None  # the posting ranked for, read once
    role: Role | None = None  # the role ranked for (the posting's, a built-in or a custom one)
    resume: str | None = None  # on the candidate's side: the resume's file name
    name: str | None = None  # and the candidate's name
    seconds: float = 0.0
    documents: int = field(default=0)


def documents_of(files: Sequence[tuple[str, bytes]], limits: RankingLimits) -> list[tuple[str, bytes | DocumentError]]:
    """The uploaded files with their archives opened ("cvs.zip/jane.pdf"), in the order sent.

    Raises DocumentTooLarge past the files or bytes limit, and for an archive sent alone that is
    damaged or too large (a ZIP bomb); beside other files, such an archive is one row's problem."""
    documents: list[tuple[str, bytes | DocumentError]] = []
    for name, data in files:
        if not is_archive(data):
            documents.append((name, data))
            continue
        try:
            documents += [(f"{name}/{entry}", content) for entry, content in read_archive(data, limits.archive)]
        except DocumentError as error:
            if len(files) == 1:
                raise
            documents.append((name, error))
    if len(documents) > limits.max_files:
        raise DocumentTooLarge(
            f"The request holds {len(documents)} resumes; the limit is {limits.max_files} per request. "
            "Send them in several requests, or rank them all with the command line (rolefit rank)."
        )
    total = sum(len(data) for _, data in documents if isinstance(data, bytes))
    if total > limits.max_bytes:
        raise DocumentTooLarge(
            f"The request's resumes hold {total} bytes; the limit is {limits.max_bytes} per request. "
            "Send them in several requests, or rank them all with the command line (rolefit rank)."
        )
    return documents


def rank_resumes(
    engine: Engine,
    files: Sequence[tuple[str, bytes]],
    limits: RankingLimits,
    *,
    posting: JobDescription | None = None,
    role: Role | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Ranking:
    """The resumes (and the resumes in ZIP archives) against one posting, read once, or one role
    (a built-in role or the request's own), best first."""
    if (posting is None) == (role is None):
        raise ValueError("rank against a posting or a role")
    documents = documents_of(files, limits)
    started = clock()
    rows = []
    for done, (name, data) in enumerate(documents):
        _within_budget(started, clock, limits, done, len(documents))
        if isinstance(data, DocumentError):
            rows.append(Row(name, problem=data))
            continue
        try:
            if posting is not None:
                analysis = engine.analyze(data, role_ids=[], job_description=posting)
            elif role is not None and role.id in engine.taxonomy.roles:
                analysis = engine.analyze(data, role_ids=[role.id])
            else:
                analysis = engine.analyze(data, role_ids=[], custom_roles=[role] if role else [])
        except AnalyzerError as error:
            rows.append(Row(name, problem=error))
            continue
        rows.append(_row(name, analysis))
    ranked = posting.role if posting is not None else role
    return Ranking(_ordered(rows), posting, ranked, seconds=round(clock() - started, 3), documents=len(documents))


def rank_postings(
    engine: Engine,
    resume: tuple[str, bytes | str],
    postings: Sequence[tuple[str, JobDescription | DocumentError]],
    limits: RankingLimits,
    clock: Callable[[], float] = time.monotonic,
) -> Ranking:
    """One resume against each posting (read by the caller, or its problem), the best-fitting
    posting first. A problem with the resume itself is the request's (raised)."""
    if len(postings) > limits.max_postings:
        raise DocumentTooLarge(
            f"The request holds {len(postings)} job descriptions; the limit is {limits.max_postings} per request. "
            "Send them in several requests."
        )
    file, data = resume
    started = clock()
    rows, name = [], None
    for done, (label, posting) in enumerate(postings):
        _within_budget(started, clock, limits, done, len(postings))
        if isinstance(posting, DocumentError):
            rows.append(Row(label, problem=posting))
            continue
        analysis = engine.analyze(data, role_ids=[], job_description=posting)
        name = analysis.profile.signals.name
        rows.append(_row(label, analysis, posting))
    if name is None and not any(row.fit for row in rows):
        engine.analyze(data, role_ids=[])  # no posting could be read: the resume's own problem, if it has one, is the request's
    return Ranking(_ordered(rows), resume=file, name=name, seconds=round(clock() - started, 3), documents=len(postings))


def _within_budget(started: float, clock: Callable[[], float], limits: RankingLimits, done: int, total: int) -> None:
    if clock() - started > limits.seconds:
        raise RankingTooLong(
            f"The ranking passed its {limits.seconds:g}-second budget after {done} of {total} documents. "
            "Send fewer per request, or rank them with the command line (rolefit rank), which has no such budget."
        )


def resume_rows(engine: Engine, data: bytes, file: str, postings: Sequence[JobDescription] = (), role_id: str | None = None) -> list[Row]:
    """One resume's rows, each as `rank_resumes` makes it: against each posting (in their order),
    or against one built-in role. The resume is read once: a posting after the first scores the
    profile the first one's analysis found, as an analysis with that posting alone would."""
    if role_id is not None:
        return [_row(file, engine.analyze(data, role_ids=[role_id]))]
    first, *others = postings
    analysis = engine.analyze(data, role_ids=[], job_description=first)
    rows = [_row(file, analysis)]
    for posting in others:
        fit = score_roles(analysis.profile, [posting.role], engine.taxonomy)[0]
        rows.append(Row(file, fit, tuple(next_steps(fit)), analysis.profile.signals.name, analysis.reads_as))
    return rows


def _row(file: str, analysis: Analysis, posting: JobDescription | None = None) -> Row:
    fit = analysis.roles[0]
    steps = tuple(analysis.steps.get(fit.role.id, ()))
    return Row(file, fit, steps, analysis.profile.signals.name, analysis.reads_as, posting)


def _ordered(rows: list[Row]) -> tuple[Row, ...]:
    scored = sorted((row for row in rows if row.fit is not None), key=lambda row: (-(row.fit.score if row.fit else 0.0), row.file))
    failed = sorted((row for row in rows if row.fit is None), key=lambda row: row.file)
    return (*scored, *failed)


def row_dict(row: Row, rank: int | None, candidate_side: bool = False) -> dict[str, Any]:
    """A row as plain data: its rank, the fit's score and band, the requirements met, the top
    missing ones with what each is worth, or its problem ({code, title, detail}). On the
    candidate's side a row is a posting's (its title; none where the posting could not be read)."""
    out: dict[str, Any] = {"rank": rank, "file": row.file}
    if candidate_side:
        out["title"] = row.posting.title if row.posting else None
    else:
        out["name"] = row.name
        out["reads_as"] = {"role": row.reads_as.role.id, "title": row.reads_as.role.title} if row.reads_as else None
    fit = row.fit
    out.update(
        score=fit.score if fit else None,
        band=fit.band if fit else None,
        met=[r.requirement.label for r in fit.matched if r.credit >= 1] if fit else [],
        partly_met=[r.requirement.label for r in fit.matched if r.credit < 1] if fit else [],
        missing=[r.requirement.label for r in fit.missing] if fit else [],
        top_steps=[
            {"id": s.requirement.id, "label": s.requirement.label, "kind": s.kind, "gain": s.gain, "score_after": s.score_after}
            for s in row.steps[:TOP_MISSING]
        ],
        problem={"code": row.problem.code, "title": row.problem.title, "detail": row.problem.detail} if row.problem else None,
    )
    return out


def ranking_dict(ranking: Ranking) -> dict[str, Any]:
    """A ranking as plain data: what it was ranked against, and its rows (ranks from 1; a row with a problem has none)."""
    candidate_side = ranking.resume is not None
    rows = [row_dict(row, index + 1 if row.fit is not None else None, candidate_side) for index, row in enumerate(ranking.rows)]
    return {
        "job_description": posting_dict(ranking.posting) if ranking.posting else None,
        "role": {"id": ranking.role.id, "title": ranking.role.title} if ranking.role else None,
        "resume": {"file": ranking.resume, "name": ranking.name} if candidate_side else None,
        "candidates": [] if candidate_side else rows,
        "postings": rows if candidate_side else [],
        "documents": ranking.documents,
        "seconds": ranking.seconds,
    }
