"""Candidate profile -> a fit score per role, with the requirements met and missing.

The score is weighted coverage: each requirement earns `weight * credit` (credit 0..1) and the
score is 100 * earned / possible, so a reader can recompute it from the parts shown; a missing
requirement with a `cap` holds it to that cap (`capped_by` says which)."""

from __future__ import annotations

import functools
import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from types import EllipsisType

from service.profiles import FoundSkill, Profile
from service.signals import LEVELS, Evidence, TitleLine, merged_months
from service.titles import DOTTED_PHD, find_title, title_keys, title_pattern, title_words
from service.wording import in_sentence, sentence_case, with_article
from skill_taxonomy import Requirement, Role, Taxonomy
from skill_taxonomy.catalogue import IMPORTANCE_ORDER, ROLE_SIGNAL

BANDS = ((75.0, "strong"), (50.0, "good"), (25.0, "partial"), (0.0, "weak"))
PURSUING_CREDIT = 0.75  # a degree in progress at the asked level
OTHER_VENUE_CREDIT = 0.5  # the most that papers outside the top venues earn of a top-venue requirement
MAX_REQUIREMENT_EVIDENCE = 3


@dataclass
class RequirementResult:
    """How far one requirement is met, and why."""

    requirement: Requirement
    credit: float
    matched_skills: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    detail: str = ""
    years: float | None = None  # for a title: how long the candidate held it
    title_kind: str | None = None  # for a title: CURRENT, CONCURRENT or EARLIER

    @property
    def earned(self) -> float:
        return round(self.requirement.weight * self.credit, 3)


@dataclass
class RoleFit:
    """A role's score and its explanation."""

    role: Role
    score: float
    band: str
    earned: float
    possible: float
    matched: list[RequirementResult]
    missing: list[RequirementResult]
    title_years: float | None = None  # years under this role's job titles, from their dates
    capped_by: RequirementResult | None = None  # the missing requirement that holds the score at its cap
    results: list[RequirementResult] = field(default_factory=list)  # every requirement's, in the role's order

    @functools.cached_property
    def parts(self) -> tuple[Part, ...]:
        """What `score_of` sums of the role's requirements (`parts_of`), for scoring them again."""
        return parts_of(self.results)


# How a role's title stands on the resume: the person's current title, the title of another
# current job, or one held before.
CURRENT, CONCURRENT, EARLIER = "current", "concurrent", "earlier"


def band_for(score: float) -> str:
    for floor, name in BANDS:  # a loop rather than next() of a generator: every answer asks it for every step
        if score >= floor:
            return name
    raise StopIteration  # below every band (as next() of an empty generator)


def score_roles(profile: Profile, roles: list[Role], taxonomy: Taxonomy, reading: ReadsAs | None | EllipsisType = ...) -> list[RoleFit]:
    """Score every role, best first (ties by role id, so the order is deterministic). `reading`:
    what `reads_as` found among the taxonomy's roles, where the caller has read it already."""
    members: dict[str, list[FoundSkill]] = {}  # skill or group id -> the candidate's skills under it
    for skill in profile.skills:
        for ancestor in taxonomy.ancestors.get(skill.id, frozenset()):
            members.setdefault(ancestor, []).append(skill)
    # the person's current title: the recent line that names a role's title (reads_as), of the
    # taxonomy's roles or the ones scored (the taxonomy's reading where they are all the taxonomy's)
    if reading is ... or any(taxonomy.roles.get(role.id) is not role for role in roles):
        known = {role.id: role for role in [*taxonomy.roles.values(), *roles]}
        reading = reads_as(profile, list(known.values()), taxonomy.lexicon.seniority)
    current = reading
    # a posting's requirement for a built-in role scores that role too
    titled = [*roles, *taxonomy.roles.values()]
    resume = _Resume(profile, members, current.line if current else None, _title_texts(profile.signals.title_lines, titled))
    fits = [_score_role(role, taxonomy, resume) for role in roles]
    fits.sort(key=lambda fit: (-fit.score, fit.role.id))
    return fits


@dataclass(frozen=True)
class _Resume:
    """What scoring reads of a resume for every role, worked out once."""

    profile: Profile
    members: dict[str, list[FoundSkill]]  # skill or group id -> the candidate's skills under it
    current: TitleLine | None  # the person's current title's line (reads_as)
    titles: list[TitleText]


def _score_role(role: Role, taxonomy: Taxonomy, resume: _Resume) -> RoleFit:
    results = [
        _evaluate_title(req, role, taxonomy, resume) if req.signal == "title" else _evaluate(req, taxonomy, resume)
        for req in role.requirements
    ]
    return tally(role, results)


def tally(role: Role, results: Sequence[RequirementResult]) -> RoleFit:
    """The role's fit from how far each of its requirements is met: the score (`score_of`), the
    band, and the requirements met and missing, most important first."""
    score, capped_by = score_of(results)
    order = lambda r: (IMPORTANCE_ORDER[r.requirement.importance], -r.requirement.weight, r.requirement.id)  # noqa: E731
    return RoleFit(
        role=role,
        score=score,
        band=band_for(score),
        earned=round(sum(r.requirement.weight * r.credit for r in results), 3),
        possible=round(sum(r.requirement.weight for r in results), 3),
        matched=sorted((r for r in results if r.credit > 0), key=order),
        missing=sorted((r for r in results if r.credit == 0), key=order),
        title_years=next((r.years for r in results if r.requirement.signal == "title" and r.years is not None), None),
        capped_by=capped_by,
        results=list(results),
    )


# A requirement as the score sums it: its id, weight and credit, and the cap it holds while
# missing (None where it holds none, and for every requirement where the role's title is the
# person's current one: holding the job is the evidence).
Part = tuple[str, float, float, float | None]


def parts_of(results: Sequence[RequirementResult]) -> tuple[Part, ...]:
    """The results' parts, in the role's order."""
    titled = any(r.title_kind == CURRENT for r in results)
    return tuple((r.requirement.id, r.requirement.weight, r.credit, None if titled else r.requirement.cap) for r in results)


def capped_score(earned: float, possible: float, caps: Iterable[float]) -> float:
    """100 * earned / possible to one decimal, held to the lowest of the caps below it."""
    score = round(100.0 * earned / possible, 1) if possible else 0.0
    return min([score, *caps])


def _sums(parts: Iterable[Part], granted: Container[str], also: str) -> tuple[float, float, list[float]]:
    """What the parts earn and could earn, with the granted requirements (and `also`) met in
    full, and the caps of those still missing."""
    earned = possible = 0.0
    caps = []
    for requirement, weight, credit, cap in parts:
        if requirement == also or requirement in granted:
            credit = 1.0
        possible += weight
        earned += weight * credit
        if credit == 0 and cap is not None:
            caps.append(cap)
    return earned, possible, caps


def score_with(parts: Iterable[Part], granted: Container[str] = (), also: str = "") -> float:
    """The score of a role's parts with the granted requirements (and `also`) met in full."""
    return capped_score(*_sums(parts, granted, also))


def score_of(results: Sequence[RequirementResult]) -> tuple[float, RequirementResult | None]:
    """The score of a role's requirement results, 100 * earned / possible to one decimal, and the
    missing requirement whose cap holds it there (None where none does): the lowest cap of those
    missing, unless the role's title is the person's current one."""
    parts = parts_of(results)
    earned, possible, caps = _sums(parts, (), "")
    uncapped = capped_score(earned, possible, ())
    holding = [r for r, (_, _, _, cap) in zip(results, parts, strict=True) if r.credit == 0 and cap is not None and cap < uncapped]
    capped_by = min(holding, key=lambda r: (r.requirement.cap or 0.0, r.requirement.id), default=None)
    return capped_score(earned, possible, caps), capped_by


def _evaluate(req: Requirement, taxonomy: Taxonomy, resume: _Resume) -> RequirementResult:
    if req.signal == ROLE_SIGNAL:
        return _evaluate_role_fit(req, taxonomy, resume)
    profile, members = resume.profile, resume.members
    if req.signal:
        return _evaluate_signal(req, profile)
    by_listed: dict[str, list[str]] = {}
    best: dict[str, float] = {}  # listed skill -> the strongest candidate skill meeting it
    # most requirements list none of the skills the candidate has (nor groups above them)
    for listed in () if members.keys().isdisjoint(req.any_of) else dict.fromkeys(req.any_of):
        for skill in members.get(listed, ()):
            by_listed.setdefault(listed, []).append(skill.id)
            best[listed] = max(best.get(listed, 0.0), skill.strength)
    matched = sorted({skill_id for ids in by_listed.values() for skill_id in ids})
    # n_of: the n strongest listed skills, each worth its strength; any_of is n_of with n = 1
    top = sorted(best.values(), reverse=True)[: req.n_of]
    credit = min(sum(top) / req.n_of, 1.0) if req.n_of else 0.0
    evidence = [e for skill in profile.skills if skill.id in matched for e in skill.evidence[:1]] if matched else []
    labels = [taxonomy.skills[skill_id].label for skill_id in matched]
    detail = f"{len(by_listed)} of {req.n_of} needed: {', '.join(labels)}" if req.n_of > 1 else ", ".join(labels)
    return RequirementResult(req, round(credit, 4), matched, evidence[:MAX_REQUIREMENT_EVIDENCE], detail)


def _evaluate_role_fit(req: Requirement, taxonomy: Taxonomy, resume: _Resume) -> RequirementResult:
    """The candidate's score for a built-in role, as the credit of a posting's requirement that
    asks for that role: its evidence is that of the role's best-met requirements."""
    role = taxonomy.roles[str(req.minimum)]
    fit = _score_role(role, taxonomy, resume)
    best = sorted(fit.matched, key=lambda r: -r.earned)
    evidence = [e for r in best for e in r.evidence[:1]][:MAX_REQUIREMENT_EVIDENCE]
    met = "; ".join(r.requirement.label for r in best[:MAX_REQUIREMENT_EVIDENCE])
    detail = f"fits the {in_sentence(role.title)} role at {fit.score:g} of 100" + (f": {met}" if met else "")
    return RequirementResult(req, round(fit.score / 100, 4), [], evidence, detail)


TitleText = tuple[TitleLine, str, str]  # a title line, its text with "Ph.D." written "PhD", and that lower-cased


def _title_texts(lines: Iterable[TitleLine], roles: Sequence[Role]) -> list[TitleText]:
    """The title lines as `_title_in` reads them, worked out once for all the roles: the ones
    that hold the last word of one of the roles' titles (where every role has titles), as the
    others hold none of them."""
    # "Ph." is in every "Ph.D." the expression rewrites: most lines have none and stay as they are
    texts = [
        (line, text, text.lower()) for line in lines for text in [DOTTED_PHD.sub("PhD", line.text) if "Ph." in line.text else line.text]
    ]
    if not all(role.titles for role in roles):
        return texts
    keys = title_keys(tuple(title for role in roles for title in role.titles))
    return [text for text in texts if keys.search(text[2])]


def _title_in(
    text: str, lowered: str, role: Role, seniority: str, found: dict[tuple[tuple[str, ...], str, str], re.Match[str] | None]
) -> re.Match[str] | None:
    """Where a title line (its "Ph.D." written "PhD", and that lower-cased) holds one of the
    role's titles, as written or with its field after it; None where it holds none. `found`
    keeps what was read, for the resume's other readings of the same line and titles."""
    if title_keys(role.titles).search(lowered) is None:
        return None  # the regular expression is the slow part of scoring
    key = (role.titles, seniority, text)
    if key not in found:
        found[key] = find_title(title_pattern(role.titles, seniority), text, seniority)
    return found[key]


def _evaluate_title(req: Requirement, role: Role, taxonomy: Taxonomy, resume: _Resume) -> RequirementResult:
    """Full credit for the person's current title (the recent line `reads_as` finds: the latest
    job's, else the headline's), the taxonomy's fitted credits for the role's title in another
    recent line (a second current job) and for one held before."""
    evidence, periods = [], []
    kind = EARLIER
    for line, text, lowered in resume.titles:
        match = _title_in(text, lowered, role, taxonomy.lexicon.seniority, resume.profile.titles_found)
        if match:
            start, end = max(0, match.start() - 60), match.end() + 60
            evidence.append(Evidence(text[start:end].strip(), line.section, line.page))
            periods += line.periods
            if line is resume.current:
                kind = CURRENT
            elif line.recent and kind == EARLIER:
                kind = CONCURRENT
    if not evidence:
        return RequirementResult(req, 0.0, [], [], "no matching job title found")
    years = round(merged_months(periods) / 12, 1)
    # a posting's role is named by its title as written ("Senior Machine Learning Engineer"); its
    # job title reads better in a sentence
    name = role.title if sentence_case(role.title) or not role.titles else role.titles[0]
    detail = f"held {with_article(name)} title" + (f" for {years:g} years" if periods else "")
    detail += {CURRENT: "", CONCURRENT: " (beside the current title)", EARLIER: " (not in the latest job)"}[kind]
    credit = {CURRENT: 1.0, CONCURRENT: taxonomy.concurrent_title_credit, EARLIER: taxonomy.earlier_title_credit}[kind]
    return RequirementResult(req, credit, [], evidence[:MAX_REQUIREMENT_EVIDENCE], detail, years if periods else None, kind)


@dataclass
class ReadsAs:
    """The role a resume reads as: the one whose job title the person's current title or
    headline names, with that line."""

    role: Role
    evidence: Evidence
    line: TitleLine


CURRENT_TITLE_ORDER = {"experience": 0, "header": 1, "summary": 1}  # other sections after these


def reads_as(profile: Profile, roles: list[Role], seniority: str) -> ReadsAs | None:
    """The role the person's current title names: the first recent line of the latest job that
    names a role's title, else of the headline and summary, else of the rest (a doctorate in
    progress); where a line names several, the role whose title it writes out longest ("Applied
    Research Scientist" is an applied scientist's title before a research scientist's). None when
    no recent line holds a role's title."""
    recent = [line for line in profile.signals.title_lines if line.recent]
    for line, text, lowered in _title_texts(sorted(recent, key=lambda line: CURRENT_TITLE_ORDER.get(line.section, 2)), roles):
        found: list[tuple[int, str, Role, re.Match[str]]] = []
        for role in roles:
            match = _title_in(text, lowered, role, seniority, profile.titles_found)
            if match is not None:
                found.append((-_longest_title(role.titles, text), role.id, role, match))
        if found:
            _, _, role, match = min(found, key=lambda item: item[:2])
            start, end = match.span()
            while start < end and not text[start].isalnum():
                start += 1  # the pattern opens on the separator before the title
            return ReadsAs(role, Evidence(text, line.section, line.page, (start, end)), line)
    return None


def _longest_title(titles: tuple[str, ...], text: str) -> int:
    """The length of the longest of the titles the text holds as written (0 when it holds one
    only in another form, such as its field after it)."""
    return max((len(title) for title in titles if re.search(rf"\b{title_words(title)}\b", text, re.I)), default=0)


def _evaluate_signal(req: Requirement, profile: Profile) -> RequirementResult:
    signals = profile.signals
    minimum = req.minimum
    if req.signal == "publications":
        count = len(signals.publications)
        evidence = [Evidence(p.text, "publications", p.page) for p in signals.publications]
        return RequirementResult(
            req, round(min(count / float(minimum or 1), 1.0), 4), [], evidence[:MAX_REQUIREMENT_EVIDENCE], f"{count} publications found"
        )
    if req.signal in ("top_venue", "first_author_top_venue"):
        lead = req.signal == "first_author_top_venue"
        mine = [p for p in signals.publications if p.first_author or not lead]
        top = [p for p in mine if p.top_venue]
        # Peer-reviewed papers elsewhere (a journal of the candidate's own field) show research
        # too, for at most OTHER_VENUE_CREDIT of the requirement.
        other = [p for p in mine if not p.top_venue and p.accepted and not p.workshop and p.venue is None and p.peer_reviewed]
        needed = float(minimum or 1)
        credit = min(len(top) / needed + min(OTHER_VENUE_CREDIT * len(other) / needed, OTHER_VENUE_CREDIT), 1.0)
        evidence = [Evidence(p.text, "publications", p.page) for p in top + other]
        what = "first-author papers at top venues" if lead else "papers at top venues"
        detail = f"{len(top)} {what}" + (
            f"; {len(other)} at other peer-reviewed venues (partial credit)" if other and len(top) < needed else ""
        )
        return RequirementResult(req, round(credit, 4), [], evidence[:MAX_REQUIREMENT_EVIDENCE], detail)
    if req.signal == "degree":
        needed = LEVELS[str(minimum)]
        held = [e for e in signals.education if LEVELS[e.degree_level] >= needed]
        credit = 1.0 if any(not e.in_progress for e in held) else PURSUING_CREDIT if held else 0.0
        evidence = [Evidence(e.evidence, "education", e.page) for e in held]
        state = "held" if credit == 1.0 else "in progress" if held else "not found"
        return RequirementResult(req, credit, [], evidence[:MAX_REQUIREMENT_EVIDENCE], f"{minimum} or higher: {state}")
    if req.signal == "experience_years":
        years = signals.experience_years or 0.0
        return RequirementResult(
            req, round(min(years / float(minimum or 1), 1.0), 4), [], [], f"{years:g} years found ({signals.experience_source})"
        )
    if req.signal == "applied":
        count = len(signals.applied)
        return RequirementResult(
            req,
            round(min(count / float(minimum or 1), 1.0), 4),
            [],
            signals.applied[:MAX_REQUIREMENT_EVIDENCE],
            f"{count} lines show machine learning applied in a product or business",
        )
    # deployment
    return RequirementResult(
        req,
        1.0 if signals.deployment else 0.0,
        [],
        signals.deployment[:MAX_REQUIREMENT_EVIDENCE],
        f"{len(signals.deployment)} lines show deployment",
    )
