"""Skill mentions and signals -> the candidate profile."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from service.matching import Mention
from service.signals import Evidence, Signals, highest_degree, merged_months, stated_months
from skill_taxonomy import Taxonomy

MAX_EVIDENCE = 5
SECTION_PRIORITY = {"experience": 0, "projects": 1, "publications": 2, "summary": 3, "skills": 4}
# How much a skill counts towards a requirement, by the best way the resume names it.
STRENGTH = {"used-repeatedly": 1.0, "used": 0.9, "listed": 0.75, "weak": 0.5}
CONTEXT_ORDER = ("used", "listed", "weak")


def skill_strength(contexts: list[str], used_lines: int) -> tuple[str, float]:
    """The best context of a skill's mentions and what it is worth: used in two or more
    places of experience or projects 1.0, used once 0.9, only listed 0.75, only in courses or
    "familiar with" 0.5."""
    best = min(contexts, key=CONTEXT_ORDER.index)
    if best == "used" and used_lines >= 2:
        return best, STRENGTH["used-repeatedly"]
    return best, STRENGTH[best]


@dataclass
class FoundSkill:
    """A taxonomy skill the resume names, with where it says so."""

    id: str
    label: str
    category: str
    mentions: int
    sections: list[str]
    evidence: list[Evidence] = field(default_factory=list)
    context: str = "listed"  # the best of used, listed, weak
    strength: float = STRENGTH["listed"]
    months: int | None = None  # months of use: the jobs that mention it, or a stated figure


@dataclass
class Profile:
    """Everything the analyzer learnt about the candidate."""

    skills: list[FoundSkill]
    signals: Signals
    # where a title line holds a role's titles (`scoring._title_in`), read once for this resume by
    # the reading of its current title and the scoring of every role
    titles_found: dict[tuple[tuple[str, ...], str, str], re.Match[str] | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def skill_ids(self) -> set[str]:
        return {skill.id for skill in self.skills}

    @property
    def highest_degree(self) -> str | None:
        return highest_degree(self.signals.education)

    @property
    def first_author_top_venue(self) -> int:
        return sum(1 for p in self.signals.publications if p.first_author and p.top_venue)


def build_profile(mentions: list[Mention], signals: Signals, taxonomy: Taxonomy) -> Profile:
    """Group mentions by skill; evidence from experience and projects comes first."""
    grouped: dict[str, list[Mention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.skill_id, []).append(mention)
    skills = []
    for skill_id, found in grouped.items():
        skill = taxonomy.skills[skill_id]
        ordered = sorted(found, key=lambda m: (CONTEXT_ORDER.index(m.context), SECTION_PRIORITY.get(m.section, 5)))
        evidence: list[Evidence] = []
        for mention in ordered:
            if all(e.text != mention.text for e in evidence):
                evidence.append(Evidence(mention.text, mention.section, mention.page, mention.highlight))
            if len(evidence) == MAX_EVIDENCE:
                break
        used_lines = len({m.line for m in found if m.context == "used"})
        periods = [period for m in found for period in signals.line_periods.get(m.line, [])]
        stated = [months for m in found if (months := stated_months(m.line.text))]
        months = max([merged_months(periods), *stated]) or None
        context, strength = skill_strength([m.context for m in found], used_lines)
        skills.append(
            FoundSkill(
                id=skill_id,
                label=skill.label,
                category=skill.category,
                mentions=len(found),
                sections=sorted({m.section for m in found}),
                evidence=evidence,
                context=context,
                strength=strength,
                months=months,
            )
        )
    skills.sort(key=lambda s: (-s.mentions, s.label.lower()))
    return Profile(skills, signals)
