"""Skill mentions and signals -> the candidate profile."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.matching import Mention
from service.signals import Evidence, Signals, highest_degree
from skill_taxonomy import Taxonomy

MAX_EVIDENCE = 5
SECTION_PRIORITY = {"experience": 0, "projects": 1, "publications": 2, "summary": 3, "skills": 4}


@dataclass
class FoundSkill:
    """A taxonomy skill the resume names, with where it says so."""

    id: str
    label: str
    category: str
    mentions: int
    sections: list[str]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Profile:
    """Everything the analyzer learnt about the candidate."""

    skills: list[FoundSkill]
    signals: Signals

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
        ordered = sorted(found, key=lambda m: SECTION_PRIORITY.get(m.section, 5))
        evidence: list[Evidence] = []
        for mention in ordered:
            if all(e.text != mention.text for e in evidence):
                evidence.append(Evidence(mention.text, mention.section, mention.page))
            if len(evidence) == MAX_EVIDENCE:
                break
        skills.append(
            FoundSkill(
                id=skill_id,
                label=skill.label,
                category=skill.category,
                mentions=len(found),
                sections=sorted({m.section for m in found}),
                evidence=evidence,
            )
        )
    skills.sort(key=lambda s: (-s.mentions, s.label.lower()))
    return Profile(skills, signals)
