"""A job description -> a role: its skills and signals become requirements, with importance
from the posting's structure ("Requirements", "Nice to have") and wording ("must have", "a plus")."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from spacy.language import Language

from service.documents import Document, Line
from service.matching import Mention, find_skills
from service.posting_titles import first_line_title, stated_title, titles_from
from service.sections import Section
from service.signals.applied import names_a_model
from service.titles import find_title, title_pattern
from service.wording import in_sentence, with_article
from skill_taxonomy import Requirement, Role, Taxonomy
from skill_taxonomy.catalogue import DEFAULT_WEIGHTS, DEGREE_LEVELS, IMPORTANCE_ORDER, ROLE_SIGNAL, Importance
from skill_taxonomy.lexicon import Lexicon, RequirementText
from skill_taxonomy.shares import separation

ROLE_ID = "job-description"

MUST_CUES = re.compile(r"\b(?:must(?:-have| have)?|required|requires|requirement|mandatory|essential|minimum|at least)\b", re.I)
NICE_CUES = re.compile(
    r"\b(?:nice[- ]to[- ]have|preferred|preferably|bonus|a plus|is a plus|are a plus|plus if|ideally|desirable|good to have|advantage|familiarity)\b",
    re.I,
)
YEARS = re.compile(r"\b(\d{1,2})\s*(?:\+|plus)?\s*(?:-\s*\d{1,2}\s*)?(?:years?|yrs?)\b(?:\s+of)?(?:[\s\w/,-]{0,60}?)\bexperience", re.I)
YEARS_AFTER = re.compile(r"\bexperience\b[^.]{0,40}?\b(\d{1,2})\s*\+?\s*(?:years?|yrs?)\b", re.I)
PUBLICATIONS = re.compile(r"\b(?:publications?|published|papers?)\b", re.I)
TOP_VENUE_WORDS = re.compile(
    r"\b(?:top[- ](?:tier|ML|AI)?\s*(?:venues?|conferences?)|NeurIPS|ICML|ICLR|CVPR|ACL|EMNLP|first[- ]author)\b", re.I
)
FIRST_AUTHOR = re.compile(r"\bfirst[- ]author", re.I)
# A line naming a degree level asks for a degree when it says "degree", a field, or a short form.
DEGREE_ASKED = re.compile(
    r"(?i:\bdegree\b|\bin (?:computer|statistics|math|physics|engineering|a related|a quantitative))|Ph\.?D|MS\b|M\.S\.|BS\b|B\.S\."
)
# A line naming papers asks for them when it speaks of a record or of publishing.
PUBLICATION_RECORD = re.compile(r"\b(?:record|publish|publications?|papers? (?:at|in))\b", re.I)
# The publication signals, strongest first, with the id of the requirement each makes.
PUBLICATION_IDS = {"first_author_top_venue": "first-author-top-venue", "top_venue": "top-venue-papers", "publications": "publications"}
ALTERNATIVE = re.compile(r"^\s*(?:/|or|and/or|,\s*or|,)\s*$", re.I)


@dataclass
class PostingRequirement:
    """A requirement read from the posting, with the lines that ask for it."""

    requirement: Requirement
    kind: str  # skill, degree, experience, publications, deployment, title, role (the closest built-in role)
    evidence: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class JobDescription:
    """What a posting asks for, and the role built from it."""

    title: str | None
    role: Role
    requirements: list[PostingRequirement]
    sections: list[str]
    # the strongest importance of a line tying machine learning to products, customers or
    # production (what "applied" asks on the resume side); None where no line does
    applied: Importance | None = None
    # the built-in roles closest to the posting, best first, each with a similarity in [0, 1]
    closest_roles: list[tuple[Role, float]] = field(default_factory=list)


@dataclass(frozen=True)
class _SignalAsked:
    """A signal that one line of a posting asks for, with what its requirement says."""

    kind: str  # as in PostingRequirement: degree, experience, publications, deployment, title
    id: str  # the requirement's id ("degree-master")
    signal: str
    minimum: float | str
    text: RequirementText  # filled in


def _importance_for_heading(text: str, headings: dict[str, Importance | None]) -> Importance | None | Literal[False]:
    """The importance a heading sets, None for a non-requirement heading, False if no heading."""
    phrase = " ".join(re.sub(r"[^a-z' -]+", " ", text.lower().replace("’", "'")).split()).strip(" -")
    if len(phrase.split()) > 7 or len(text) > 70:
        return False
    for key in (phrase, phrase.rstrip("s")):
        if key in headings:
            return headings[key]
    return False


def _posting_sections(document: Document, lexicon: Lexicon) -> tuple[str | None, list[tuple[Section, Importance | None]]]:
    """The posting's title (its first short line) and its lines grouped under headings, each group
    with the importance its heading sets."""
    lines = list(document.lines)
    title = first_line_title(document, lexicon)
    groups: list[tuple[Section, Importance | None]] = [(Section("requirements", ""), "important")]
    for line in lines[1:] if title else lines:
        importance = _importance_for_heading(line.text.rstrip(":?"), lexicon.posting_headings)
        if importance is not False:
            name = {"must": "requirements", "nice": "preferred", "important": "responsibilities", None: "about"}[importance]
            groups.append((Section(name, line.text), importance))
            continue
        groups[-1][0].lines.append(line)
    return title, [(section, importance) for section, importance in groups if section.lines]


def _line_importance(line: Line, default: Importance) -> Importance:
    if NICE_CUES.search(line.text):
        return "nice"
    if MUST_CUES.search(line.text):
        return "must"
    return default


def _stronger(a: Importance, b: Importance) -> Importance:
    return a if IMPORTANCE_ORDER[a] <= IMPORTANCE_ORDER[b] else b


def _alternatives(mentions: list[Mention]) -> list[list[Mention]]:
    """Group a line's mentions into alternatives: "Python or R", "PyTorch/JAX", "Java, Scala, or Go"."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        if groups:
            last = groups[-1][-1]
            between = last.line.text[last.end : mention.start] if last.line is mention.line else None
            if between is not None and ALTERNATIVE.match(between):
                groups[-1].append(mention)
                continue
        groups.append([mention])
    out: list[list[Mention]] = []
    for group in groups:
        # a comma list is alternatives only when it ends with "or" ("Java, Scala, or Go")
        joins = [group[i].line.text[group[i].end : group[i + 1].start] for i in range(len(group) - 1)]
        if joins and not re.search(r"\bor\b|/", joins[-1]):
            out += [[m] for m in group]
        else:
            out.append(group)
    return out


def parse_job_description(document: Document, nlp: Language, taxonomy: Taxonomy) -> JobDescription:
    """Read a posting into requirements and build the `job-description` role from them."""
    lexicon = taxonomy.lexicon
    title, groups = _posting_sections(document, lexicon)
    title = title or stated_title(document, taxonomy)
    wanted = [(section, importance) for section, importance in groups if importance is not None]
    requirements = _skill_requirements(wanted, nlp, taxonomy)
    requirements += _signal_requirements(wanted, title, lexicon)
    titles = titles_from(title, lexicon)
    posting = JobDescription(
        title, _posting_role(title, titles, requirements), requirements, [s.name for s, _ in groups], _applied(wanted, lexicon)
    )
    posting.closest_roles = closest_roles(posting, taxonomy)
    closest = _closest_role_requirement(posting, lexicon)
    if closest is not None:
        requirements.append(closest)
    requirements.sort(key=lambda r: (IMPORTANCE_ORDER[r.requirement.importance], r.kind != "skill", r.requirement.label.lower()))
    posting.role = _posting_role(title, titles, requirements)
    return posting


def _posting_role(title: str | None, titles: tuple[str, ...], requirements: list[PostingRequirement]) -> Role:
    return Role(
        id=ROLE_ID,
        title=title or "Job description",
        description="Built from the job description in the request.",
        requirements=tuple(r.requirement for r in requirements),
        titles=titles,
    )


# The posting's own requirements are what its parser could read (about two in five of the skills
# a posting names): the built-in role it reads as (closest_roles) carries the rest of what it
# asks, in full from FULL_SIMILARITY, less below it, not at all under MIN_SIMILARITY. With four
# fifths to the role, the role decides between postings of different roles and the posting's own
# requirements order postings of one role (scripts/posting_fit.py measures shares from 2/3 to 0.9).
CLOSEST_ROLE_SHARE = 4 / 5
FULL_SIMILARITY = 0.5
MIN_SIMILARITY = 0.2


def _closest_role_requirement(posting: JobDescription, lexicon: Lexicon) -> PostingRequirement | None:
    """A requirement to fit the built-in role closest to the posting, weighted to hold
    CLOSEST_ROLE_SHARE of the score (scaled down for a posting that reads as no role clearly)."""
    if not posting.closest_roles or not posting.requirements:
        return None
    role, similarity = posting.closest_roles[0]
    if similarity < MIN_SIMILARITY:
        return None
    share = CLOSEST_ROLE_SHARE * min(similarity / FULL_SIMILARITY, 1.0)
    others = sum(r.requirement.weight for r in posting.requirements)
    text = lexicon.posting_requirements[ROLE_SIGNAL].fill(
        title=in_sentence(role.title), role=with_article(role.title), similarity=f"{similarity:.2f}", share=f"{share:.0%}"
    )
    requirement = Requirement(
        "closest-role",
        text.label,
        "important",
        round(others * share / (1 - share), 2),
        text.reason,
        text.advice,
        signal=ROLE_SIGNAL,
        minimum=role.id,
    )
    return PostingRequirement(requirement, "role", [f"closest role: {role.title} (similarity {similarity:.2f})"])


def _skill_requirements(groups: Sequence[tuple[Section, Importance]], nlp: Language, taxonomy: Taxonomy) -> list[PostingRequirement]:
    """A requirement for each skill, or each group of alternative skills, that the lines ask for,
    at the strongest importance any line asks for it with."""
    mentions = find_skills([section for section, _ in groups], nlp)
    importance_of = {line: importance for section, importance in groups for line in section.lines}
    by_line: dict[Line, list[Mention]] = {}
    for mention in mentions:
        by_line.setdefault(mention.line, []).append(mention)

    found: dict[tuple[str, ...], PostingRequirement] = {}
    for line_mentions in by_line.values():
        line = line_mentions[0].line
        importance = _line_importance(line, importance_of[line])
        for group in _alternatives(line_mentions):
            ids = tuple(dict.fromkeys(m.skill_id for m in group))
            if ids in found:
                entry = found[ids]
                entry.requirement = _with_importance(entry.requirement, _stronger(entry.requirement.importance, importance))
                entry.mentions += group
                if line.text not in entry.evidence:
                    entry.evidence.append(line.text)
                continue
            text = taxonomy.lexicon.posting_requirements["skill"].fill(labels=" or ".join(taxonomy.skills[i].label for i in ids))
            requirement = Requirement(
                "-or-".join(ids)[:80], text.label, importance, DEFAULT_WEIGHTS[importance], text.reason, text.advice, any_of=ids, n_of=1
            )
            found[ids] = PostingRequirement(requirement, "skill", [line.text], list(group))
    return list(found.values())


def _applied(groups: Sequence[tuple[Section, Importance]], lexicon: Lexicon) -> Importance | None:
    found: Importance | None = None
    for section, default in groups:
        for line in section.lines:
            if names_a_model(line.text) and lexicon.business.search(line.text):
                importance = _line_importance(line, default)
                found = importance if found is None else _stronger(found, importance)
    return found


# The posting signals that meet each role signal: a first-author paper at a top venue is a paper
# at a top venue, and a paper at a top venue is a publication; a model deployed is machine
# learning applied, as on the resume side.
MEETS_SIGNAL: dict[str, frozenset[str]] = {
    "publications": frozenset({"publications", "top_venue", "first_author_top_venue"}),
    "top_venue": frozenset({"top_venue", "first_author_top_venue"}),
    "first_author_top_venue": frozenset({"first_author_top_venue"}),
    "deployment": frozenset({"deployment"}),
    "experience_years": frozenset({"experience_years"}),
    "applied": frozenset({"deployment"}),
}


def asked_importance(requirement: Requirement, role: Role, posting: JobDescription, taxonomy: Taxonomy) -> Importance | None:
    """The strongest importance with which the posting asks for one of a role's requirements;
    None when it does not ask. A posting skill meets a listed skill when it is that skill or a
    member of it; a degree counts for every level up to the one asked; the title, when the
    posting's title names one of the role's titles."""
    if requirement.signal == "title":
        seniority = taxonomy.lexicon.seniority
        named = posting.title and find_title(title_pattern(role.titles, seniority), posting.title, seniority)
        return "important" if named else None
    found: Importance | None = None
    for asked in posting.requirements:
        wanted = asked.requirement
        if requirement.any_of:
            meets = asked.kind == "skill" and any(
                listed in taxonomy.ancestors.get(skill_id, frozenset()) for skill_id in wanted.any_of for listed in requirement.any_of
            )
        elif requirement.signal == "degree":
            meets = wanted.signal == "degree" and DEGREE_LEVELS[str(wanted.minimum)] >= DEGREE_LEVELS[str(requirement.minimum)]
        else:
            meets = wanted.signal in MEETS_SIGNAL.get(str(requirement.signal), frozenset())
        if meets:
            found = wanted.importance if found is None else _stronger(found, wanted.importance)
    if requirement.signal == "applied" and posting.applied is not None:
        found = posting.applied if found is None else _stronger(found, posting.applied)
    return found


def closest_roles(posting: JobDescription, taxonomy: Taxonomy) -> list[tuple[Role, float]]:
    """The taxonomy's roles, closest to the posting first, each with the cosine in [0, 1] between
    what the posting asks (1 for each of the role's requirements it asks for) and what sets the
    role's postings apart: how much more often they ask for each requirement than other roles'
    postings do (its weight where the taxonomy has no shares). A requirement every role's
    postings ask for alike files a posting under no role."""
    out: list[tuple[Role, float]] = []
    for role in taxonomy.roles.values():
        top = max((req.weight for req in role.requirements), default=1.0)
        pairs = [(1.0 if asked_importance(req, role, posting, taxonomy) else 0.0, _distinctness(req, top)) for req in role.requirements]
        norm = math.sqrt(sum(x for x, _ in pairs) * sum(d * d for _, d in pairs))
        out.append((role, round(sum(x * d for x, d in pairs) / norm, 3) if norm else 0.0))
    out.sort(key=lambda pair: (-pair[1], pair[0].id))
    return out


def _distinctness(req: Requirement, top_weight: float) -> float:
    if req.asked_by is None:
        return req.weight / top_weight
    return req.asked_by if req.asked_by_others is None else separation(req.asked_by, req.asked_by_others)


def _with_importance(req: Requirement, importance: Importance) -> Requirement:
    return replace(req, importance=importance, weight=DEFAULT_WEIGHTS[importance])


def _signal_requirements(groups: Sequence[tuple[Section, Importance]], title: str | None, lexicon: Lexicon) -> list[PostingRequirement]:
    """A requirement for each signal the lines ask for (a degree, years, papers, deployment) and
    for the posting's job title, at the strongest importance any line asks for it with."""
    found: dict[str, PostingRequirement] = {}
    for section, default in groups:
        for line in section.lines:
            importance = _line_importance(line, default)
            for asked in _signals_asked(line.text, section.name, lexicon):
                _add_signal(found, asked, importance, line.text)
    titles = titles_from(title, lexicon)
    if titles:
        text = lexicon.posting_requirements["title"].fill(title=with_article(titles[0]))
        _add_signal(found, _SignalAsked("title", "title", "title", 1, text), "important", title or "")
    return list(found.values())


def _signals_asked(text: str, section: str, lexicon: Lexicon) -> list[_SignalAsked]:
    """The signals one line of a posting asks for, in the order degree, years, papers, deployment."""
    texts = lexicon.posting_requirements
    asked: list[_SignalAsked] = []
    levels = [level for level, pattern in reversed(lexicon.degrees) if pattern.search(text)]
    if levels and DEGREE_ASKED.search(text):
        level = levels[0]  # the lowest level named: "MS or PhD" asks for a master's
        asked.append(
            _SignalAsked("degree", f"degree-{level}", "degree", level, texts["degree"].fill(level=level, Level=level.capitalize()))
        )
    years = YEARS.search(text) or YEARS_AFTER.search(text)
    if years and 0 < int(years.group(1)) <= 30:
        n = int(years.group(1))
        asked.append(_SignalAsked("experience", "experience-years", "experience_years", n, texts["experience_years"].fill(years=n)))
    if PUBLICATIONS.search(text) and PUBLICATION_RECORD.search(text):
        signal = "first_author_top_venue" if FIRST_AUTHOR.search(text) else "top_venue" if TOP_VENUE_WORDS.search(text) else "publications"
        asked.append(_SignalAsked("publications", PUBLICATION_IDS[signal], signal, 1, texts[signal].fill()))
    if lexicon.deployment.search(text) and section != "about":
        asked.append(_SignalAsked("deployment", "deployment", "deployment", 1, texts["deployment"].fill()))
    return asked


def _add_signal(found: dict[str, PostingRequirement], asked: _SignalAsked, importance: Importance, line: str) -> None:
    """Add what a line asks for; a signal asked again keeps its first wording and takes the
    stronger importance and the line as more evidence."""
    current = found.get(asked.id)
    if current is not None:
        current.requirement = _with_importance(current.requirement, _stronger(current.requirement.importance, importance))
        current.evidence.append(line)
        return
    text = asked.text
    requirement = Requirement(
        asked.id, text.label, importance, DEFAULT_WEIGHTS[importance], text.reason, text.advice, signal=asked.signal, minimum=asked.minimum
    )
    found[asked.id] = PostingRequirement(requirement, asked.kind, [line])
