"""A job description -> a role: its skills and signals become requirements, with importance
from the posting's structure ("Requirements", "Nice to have") and wording ("must have", "a plus")."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from spacy.language import Language

from service.documents import Document, Line
from service.matching import Mention, find_skills
from service.scoring import title_pattern
from service.sections import Section
from service.signals.applied import ML_WORDS
from service.wording import with_article
from skill_taxonomy import Requirement, Role, Taxonomy
from skill_taxonomy.catalogue import DEFAULT_WEIGHTS, DEGREE_LEVELS, IMPORTANCE_ORDER
from skill_taxonomy.lexicon import Lexicon

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
ALTERNATIVE = re.compile(r"^\s*(?:/|or|and/or|,\s*or|,)\s*$", re.I)


@dataclass
class PostingRequirement:
    """A requirement read from the posting, with the lines that ask for it."""

    requirement: Requirement
    kind: str  # skill, degree, experience, publications, deployment, title
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
    applied: str | None = None
    # the built-in roles closest to the posting, best first, each with a similarity in [0, 1]
    closest_roles: list[tuple[Role, float]] = field(default_factory=list)


def _importance_for_heading(text: str, headings: dict[str, str | None]) -> str | None | bool:
    """The importance a heading sets, None for a non-requirement heading, False if no heading."""
    phrase = " ".join(re.sub(r"[^a-z' -]+", " ", text.lower().replace("’", "'")).split()).strip(" -")
    if len(phrase.split()) > 7 or len(text) > 70:
        return False
    for key in (phrase, phrase.rstrip("s")):
        if key in headings:
            return headings[key]
    return False


def _names_a_job(text: str, lexicon: Lexicon) -> bool:
    return bool(lexicon.job_nouns.intersection(re.findall(r"[a-z]+", text.lower())))


def _posting_sections(document: Document, lexicon: Lexicon) -> tuple[str | None, list[tuple[Section, str | None]]]:
    """The posting's title (its first short line) and its lines grouped under headings, each group
    with the importance its heading sets."""
    lines = list(document.lines)
    title = lines[0].text if lines and len(lines[0].text.split()) <= 12 and _names_a_job(lines[0].text, lexicon) else None
    groups: list[tuple[Section, str | None]] = [(Section("requirements", ""), "important")]
    for line in lines[1:] if title else lines:
        importance = _importance_for_heading(line.text.rstrip(":?"), lexicon.posting_headings)
        if importance is not False:
            name = {"must": "requirements", "nice": "preferred", "important": "responsibilities", None: "about"}[importance]
            groups.append((Section(name, line.text), importance))
            continue
        groups[-1][0].lines.append(line)
    return title, [(section, importance) for section, importance in groups if section.lines]


def _line_importance(line: Line, default: str) -> str:
    if NICE_CUES.search(line.text):
        return "nice"
    if MUST_CUES.search(line.text):
        return "must"
    return default


def _stronger(a: str, b: str) -> str:
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
    wanted = [(section, importance) for section, importance in groups if importance is not None]
    mentions = find_skills([section for section, _ in wanted], nlp)
    default = {id(section): importance for section, importance in wanted}
    section_of = {id(line): section for section, _ in wanted for line in section.lines}
    by_line: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_line.setdefault(id(mention.line), []).append(mention)

    found: dict[tuple[str, ...], PostingRequirement] = {}
    for line_mentions in by_line.values():
        line = line_mentions[0].line
        importance = _line_importance(line, default[id(section_of[id(line)])] or "important")
        for group in _alternatives(line_mentions):
            ids = tuple(dict.fromkeys(m.skill_id for m in group))
            key = ids
            if key in found:
                entry = found[key]
                entry.requirement = _with_importance(entry.requirement, _stronger(entry.requirement.importance, importance))
                entry.mentions += group
                if line.text not in entry.evidence:
                    entry.evidence.append(line.text)
                continue
            labels = " or ".join(taxonomy.skills[i].label for i in ids)
            found[key] = PostingRequirement(
                Requirement(
                    id="-or-".join(ids)[:80],
                    label=labels,
                    importance=importance,  # type: ignore[arg-type]
                    weight=DEFAULT_WEIGHTS[importance],
                    reason=f"The posting asks for {labels}.",
                    advice=f"If you have used {labels}, name it in an experience bullet with what you built; otherwise a small project with it closes the gap.",
                    any_of=ids,
                    n_of=1,
                ),
                "skill",
                [line.text],
                list(group),
            )
    requirements = list(found.values())
    requirements += _signal_requirements(wanted, title, lexicon)
    requirements.sort(key=lambda r: (IMPORTANCE_ORDER[r.requirement.importance], r.kind != "skill", r.requirement.label.lower()))
    role_title = title or "Job description"
    titles = _titles_from(title, lexicon)
    role = Role(
        id=ROLE_ID,
        title=role_title,
        description="Built from the job description in the request.",
        requirements=tuple(r.requirement for r in requirements if r.kind != "title" or titles),
        titles=titles,
    )
    posting = JobDescription(title, role, requirements, [section.name for section, _ in groups], _applied(wanted, lexicon))
    posting.closest_roles = closest_roles(posting, taxonomy)
    return posting


def _applied(groups: list[tuple[Section, str | None]], lexicon: Lexicon) -> str | None:
    found: str | None = None
    for section, default in groups:
        for line in section.lines:
            if ML_WORDS.search(line.text) and lexicon.business.search(line.text):
                importance = _line_importance(line, default or "important")
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


def asked_importance(requirement: Requirement, role: Role, posting: JobDescription, taxonomy: Taxonomy) -> str | None:
    """The strongest importance with which the posting asks for one of a role's requirements;
    None when it does not ask. A posting skill meets a listed skill when it is that skill or a
    member of it; a degree counts for every level up to the one asked; the title, when the
    posting's title names one of the role's titles."""
    if requirement.signal == "title":
        named = posting.title and title_pattern(role.titles, taxonomy.lexicon.seniority).search(posting.title)
        return "important" if named else None
    found: str | None = None
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
    return max(req.asked_by - (req.asked_by_others or 0.0), 0.0)


def _with_importance(req: Requirement, importance: str) -> Requirement:
    return Requirement(
        req.id,
        req.label,
        importance,
        DEFAULT_WEIGHTS[importance],
        req.reason,
        req.advice,  # type: ignore[arg-type]
        req.any_of,
        req.n_of,
        req.signal,
        req.minimum,
    )


def _titles_from(title: str | None, lexicon: Lexicon) -> tuple[str, ...]:
    """ "Senior Machine Learning Engineer (NLP)" -> ("machine learning engineer",)."""
    if not title:
        return ()
    core = re.split(r"\s[-–—|(@,]\s*|\s+at\s+", title)[0].strip()
    core = re.sub(rf"^(?:(?:{lexicon.seniority})\s+)+", "", core, flags=re.I).strip()
    return (core.lower(),) if _names_a_job(core, lexicon) else ()


def _signal_requirements(groups: list[tuple[Section, str | None]], title: str | None, lexicon: Lexicon) -> list[PostingRequirement]:
    found: dict[str, PostingRequirement] = {}

    def add(
        kind: str, req_id: str, label: str, signal: str, minimum: float | str, importance: str, line: str, reason: str, advice: str
    ) -> None:
        current = found.get(req_id)
        if current is not None:
            stronger = _stronger(current.requirement.importance, importance)
            current.requirement = _with_importance(current.requirement, stronger)
            current.evidence.append(line)
            return
        found[req_id] = PostingRequirement(
            Requirement(req_id, label, importance, DEFAULT_WEIGHTS[importance], reason, advice, signal=signal, minimum=minimum),  # type: ignore[arg-type]
            kind,
            [line],
        )

    for section, default in groups:
        for line in section.lines:
            text = line.text
            importance = _line_importance(line, default or "important")
            levels = [level for level, pattern in reversed(lexicon.degrees) if pattern.search(text)]
            if levels and re.search(
                r"(?i:\bdegree\b|\bin (?:computer|statistics|math|physics|engineering|a related|a quantitative))|Ph\.?D|MS\b|M\.S\.|BS\b|B\.S\.",
                text,
            ):
                level = levels[0]  # the lowest level named: "MS or PhD" asks for a master's
                add(
                    "degree",
                    f"degree-{level}",
                    f"{level.capitalize()} degree or higher",
                    "degree",
                    level,
                    importance,
                    text,
                    f"The posting asks for a {level} degree or higher.",
                    "State your degrees with field and year in the education section.",
                )
            years = YEARS.search(text) or YEARS_AFTER.search(text)
            if years and 0 < int(years.group(1)) <= 30:
                n = int(years.group(1))
                add(
                    "experience",
                    "experience-years",
                    f"{n}+ years of experience",
                    "experience_years",
                    n,
                    importance,
                    text,
                    f"The posting asks for {n} or more years of experience.",
                    "Give every job its start and end dates so your years can be counted.",
                )
            if PUBLICATIONS.search(text) and re.search(r"\b(?:record|publish|publications?|papers? (?:at|in))\b", text, re.I):
                if FIRST_AUTHOR.search(text):
                    add(
                        "publications",
                        "first-author-top-venue",
                        "First-author paper at a top venue",
                        "first_author_top_venue",
                        1,
                        importance,
                        text,
                        "The posting asks for first-author papers at top venues.",
                        "List your papers with authors, venue and year; mark the ones you led.",
                    )
                elif TOP_VENUE_WORDS.search(text):
                    add(
                        "publications",
                        "top-venue-papers",
                        "Papers at top venues",
                        "top_venue",
                        1,
                        importance,
                        text,
                        "The posting asks for publications at top venues.",
                        "List your papers with their venues and years.",
                    )
                else:
                    add(
                        "publications",
                        "publications",
                        "Publications",
                        "publications",
                        1,
                        importance,
                        text,
                        "The posting asks for a publication record.",
                        "Add a Publications section listing each paper.",
                    )
            if lexicon.deployment.search(text) and section.name != "about":
                add(
                    "deployment",
                    "deployment",
                    "Deployment experience",
                    "deployment",
                    1,
                    importance,
                    text,
                    "The posting expects models or software taken to production.",
                    "Describe something you deployed: how it was served and what it changed.",
                )
    if _titles_from(title, lexicon):
        add(
            "title",
            "title",
            f"Worked as {with_article(_titles_from(title, lexicon)[0])}",
            "title",
            1,
            "important",
            title or "",
            "Having held the same job is the most direct evidence for it.",
            "Write each job title as its own line with the employer and dates.",
        )
    return list(found.values())
