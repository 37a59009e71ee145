"""The whole pipeline, top to bottom: document bytes -> lines -> sections -> skills and
signals -> profile -> role scores. The HTTP layer and the command line both call `analyze`."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.language import Language

from service.answers import evidence_dict, plan_dict, posting_dict, role_fit_dict
from service.budget import time_budget
from service.documents import Document, OcrLimits, read_document
from service.exceptions import EmptyDocument, InvalidRequest
from service.languages import detect_language
from service.matching import find_skills
from service.plans import Plan, Step, make_plan, next_steps
from service.postings import ROLE_ID as POSTING_ROLE_ID
from service.postings import JobDescription, parse_job_description
from service.profiles import Profile, build_profile
from service.scoring import ReadsAs, RoleFit, reads_as, score_roles
from service.sections import split_sections
from service.signals import Evidence, find_signals
from service.signals.experience import unheaded_jobs
from skill_taxonomy import Role, Taxonomy, parse_roles
from skill_taxonomy.catalogue import FittedSource
from skill_taxonomy.shares import PostingShares


@dataclass(frozen=True)
class Limits:
    """What one document may cost."""

    max_bytes: int = 10 * 1024 * 1024
    max_pages: int = 30
    max_characters: int = 200_000
    seconds: float = 10.0  # time budget per document: reading and analysing it (OCR has its own)
    pdf_reader: str = "pdfium"  # or "pdfplumber": the same lines, several times slower
    ocr: OcrLimits = field(default_factory=OcrLimits)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Limits:
        """The limits that the settings (service/config.py names) ask for."""
        reader = str(settings["PDF_READER"])
        if reader not in ("pdfium", "pdfplumber"):
            raise ValueError(f"PDF_READER must be pdfium or pdfplumber, not {reader!r}")
        return cls(
            max_bytes=int(settings["MAX_UPLOAD_BYTES"]),
            max_pages=int(settings["MAX_PAGES"]),
            max_characters=int(settings["MAX_CHARACTERS"]),
            seconds=float(settings["TIME_BUDGET_SECONDS"]),
            pdf_reader=reader,
            ocr=OcrLimits(
                enabled=bool(settings["OCR"]),
                max_pages=int(settings["OCR_MAX_PAGES"]),
                seconds=float(settings["OCR_SECONDS"]),
                max_image_pixels=int(settings["MAX_IMAGE_PIXELS"]),
            ),
        )


@dataclass
class Analysis:
    """The answer for one document."""

    taxonomy_version: str
    document: Document
    section_names: list[str]
    language: str | None
    profile: Profile
    roles: list[RoleFit]
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    job_description: JobDescription | None = None
    shares: PostingShares | None = None  # where the taxonomy's asked_by shares come from
    reads_as: ReadsAs | None = None  # the role the person's current title or headline names
    fitted: FittedSource | None = None  # where the taxonomy's fitted weights come from
    steps: dict[str, list[Step]] = field(default_factory=dict)  # role id -> its next steps, best first
    plan: Plan | None = None  # the steps to the target role's next bands (else the nearest role's)

    def as_dict(self) -> dict[str, Any]:
        """The answer as plain data, in the shape of the API's `Analysis` schema."""
        signals = self.profile.signals
        pubs = signals.publications
        return {
            "taxonomy_version": self.taxonomy_version,
            "document": {
                "media_type": self.document.media_type,
                "pages": self.document.pages,
                "characters": self.document.characters,
                "language": self.language,
                "layout": self.document.layout,
                "ocr": self.document.ocr,
                "sections": self.section_names,
            },
            "profile": {
                "name": signals.name,
                "skills": [
                    {
                        "id": s.id,
                        "label": s.label,
                        "category": s.category,
                        "mentions": s.mentions,
                        "sections": s.sections,
                        "context": s.context,
                        "strength": s.strength,
                        "months": s.months,
                        "evidence": [evidence_dict(e) for e in s.evidence],
                    }
                    for s in self.profile.skills
                ],
                "highest_degree": self.profile.highest_degree,
                "education": [
                    {
                        "degree_level": e.degree_level,
                        "in_progress": e.in_progress,
                        "field": e.field,
                        "institution": e.institution,
                        "year": e.year,
                        "evidence": evidence_dict(Evidence(e.evidence, "education", e.page)),
                    }
                    for e in signals.education
                ],
                "publications": {
                    "count": len(pubs),
                    "first_author": sum(p.first_author for p in pubs),
                    "top_venue": sum(p.top_venue for p in pubs),
                    "first_author_top_venue": self.profile.first_author_top_venue,
                    "entries": [
                        {
                            "text": p.text,
                            "venue": p.venue,
                            "year": p.year,
                            "first_author": p.first_author,
                            "top_venue": p.top_venue,
                            "workshop": p.workshop,
                            "page": p.page,
                        }
                        for p in pubs
                    ],
                },
                "deployment_experience": {
                    "present": bool(signals.deployment),
                    "evidence": [evidence_dict(e) for e in signals.deployment],
                },
                "experience_years": signals.experience_years,
                "experience_source": signals.experience_source,
            },
            "reads_as": {
                "role": self.reads_as.role.id,
                "title": self.reads_as.role.title,
                "evidence": evidence_dict(self.reads_as.evidence),
            }
            if self.reads_as
            else None,
            "roles": [role_fit_dict(fit, self.shares, self.fitted, self.steps.get(fit.role.id, [])) for fit in self.roles],
            "plan": plan_dict(self.plan) if self.plan else None,
            "job_description": posting_dict(self.job_description) if self.job_description else None,
            "warnings": self.warnings,
        }


def select_roles(taxonomy: Taxonomy, role_ids: list[str] | None, custom_roles: Sequence[Role] = (), only_extra: bool = False) -> list[Role]:
    """The taxonomy roles a request asks for (all when it names none, none when it names an empty
    list beside a job description or its own roles), plus the request's own roles."""
    if role_ids is None or (not role_ids and not only_extra):
        chosen = list(taxonomy.roles.values())
    else:
        unknown = [role_id for role_id in role_ids if role_id not in taxonomy.roles]
        if unknown:
            raise InvalidRequest(
                f"Unknown role ids: {', '.join(unknown)}.", {"roles": [f"unknown role id {role_id!r}" for role_id in unknown]}
            )
        chosen = [taxonomy.roles[role_id] for role_id in dict.fromkeys(role_ids)]
    return chosen + list(custom_roles)


def parse_custom_roles(raw: object, taxonomy: Taxonomy) -> list[Role]:
    """A request's own role definitions (the taxonomy's role schema), validated against the catalogue."""
    problems: list[str] = []
    roles = parse_roles(raw, taxonomy.skills, "custom_roles", problems)
    clashes = [role.id for role in roles if role.id in taxonomy.roles or role.id == POSTING_ROLE_ID]
    problems += [f"custom_roles role {role_id}: the id is taken by a taxonomy role; choose another" for role_id in clashes]
    if problems:
        raise InvalidRequest("The request's custom_roles are not valid; see errors.", {"custom_roles": problems})
    return roles


def read_job_description(data: bytes | str, *, nlp: Language, taxonomy: Taxonomy, limits: Limits) -> JobDescription:
    """Read a job description (file bytes, or text) and build its role, within the time budget."""
    with time_budget(limits.seconds), nlp.memory_zone():
        return _read_job_description(data, nlp, taxonomy, limits)


def _read_job_description(data: bytes | str, nlp: Language, taxonomy: Taxonomy, limits: Limits) -> JobDescription:
    document = read_with_limits(data, limits)
    posting = parse_job_description(document, nlp, taxonomy)
    if not posting.role.requirements:
        raise EmptyDocument("The job description names no skill, degree, experience or other requirement that could be recognised.")
    return posting


def read_with_limits(data: bytes | str, limits: Limits) -> Document:
    """Read a document within the limits (bytes, pages, characters, PDF reader, OCR)."""
    return read_document(
        data,
        max_bytes=limits.max_bytes,
        max_pages=limits.max_pages,
        max_characters=limits.max_characters,
        pdf_reader=limits.pdf_reader,
        ocr=limits.ocr,
    )


def analyze(
    data: bytes | str,
    *,
    nlp: Language,
    taxonomy: Taxonomy,
    limits: Limits,
    role_ids: list[str] | None = None,
    job_description: JobDescription | None = None,
    custom_roles: Sequence[Role] = (),
    today: date | None = None,
    target_role: str | None = None,
) -> Analysis:
    """Analyse one resume (file bytes, or text) against the taxonomy's roles (or the ones named),
    a job description's role (read by `read_job_description`) and the request's own roles, with
    every role's next steps and a plan for `target_role` (one of the roles scored; else for the
    role whose next band is nearest).

    The words of the document enter spaCy's vocabulary only for the length of the call (a memory
    zone): nothing of one resume stays in the process, and memory does not grow with traffic."""
    with time_budget(limits.seconds), nlp.memory_zone():
        return _analyze(data, nlp, taxonomy, limits, role_ids, job_description, custom_roles, today, target_role)


def _analyze(
    data: bytes | str,
    nlp: Language,
    taxonomy: Taxonomy,
    limits: Limits,
    role_ids: list[str] | None,
    posting: JobDescription | None,
    custom_roles: Sequence[Role],
    today: date | None,
    target_role: str | None,
) -> Analysis:
    roles = select_roles(taxonomy, role_ids, custom_roles, only_extra=bool(posting or custom_roles))
    check_target(target_role, [role.id for role in roles] + ([posting.role.id] if posting else []))
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = round(now - clock, 6)
        clock = now

    document = read_with_limits(data, limits)
    lap("read")
    sections = unheaded_jobs(split_sections(document, taxonomy.lexicon), taxonomy.lexicon)
    lap("sections")
    mentions = find_skills(sections, nlp)
    lap("skills")
    signals = find_signals(sections, mentions, taxonomy, nlp, today or date.today())
    lap("signals")
    profile = build_profile(mentions, signals, taxonomy)
    reading = reads_as(profile, list(taxonomy.roles.values()), taxonomy.lexicon.seniority)
    fits = score_roles(profile, roles, taxonomy, reading)
    if posting:
        fits = score_roles(profile, [posting.role], taxonomy) + fits  # the posting's role comes first
    steps = {fit.role.id: next_steps(fit) for fit in fits}
    plan = make_plan(sorted(fits, key=lambda fit: (-fit.score, fit.role.id)), taxonomy, target_role)
    lap("scoring")
    language = detect_language(document.text)
    warnings = list(document.warnings)
    if language and language != "en":
        warnings.append(
            f"The document seems to be written in '{language}', not English: skills and scores are reliable for English resumes only."
        )
    if not any(section.name == "experience" for section in sections):
        warnings.append("No experience section was found; years of experience and deployment evidence may be missing.")
    names = list(dict.fromkeys(section.name for section in sections if section.name != "header"))
    return Analysis(
        taxonomy.version,
        document,
        names,
        language,
        profile,
        fits,
        warnings,
        timings,
        posting,
        taxonomy.shares,
        reading,
        taxonomy.fitted,
        steps,
        plan,
    )


def check_target(target_role: str | None, role_ids: list[str]) -> None:
    """Refuse a target role that is not among the roles scored."""
    if target_role is not None and target_role not in role_ids:
        raise InvalidRequest(
            f"The target role {target_role!r} is not among the roles scored: {', '.join(role_ids)}.",
            {"target_role": [f"not among the roles scored: {', '.join(role_ids)}"]},
        )
