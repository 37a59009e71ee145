"""A validated taxonomy: the skills catalogue and the roles, with the lexicon, the posting shares
and the fitted weights they were loaded with."""

from __future__ import annotations

from dataclasses import dataclass, field

from skill_taxonomy.catalogue import CONCURRENT_TITLE_CREDIT, EARLIER_TITLE_CREDIT, FittedSource, Role, Skill
from skill_taxonomy.lexicon import Lexicon, builtin_lexicon
from skill_taxonomy.shares import PostingShares


@dataclass
class Taxonomy:
    """A validated taxonomy: the skills catalogue and the roles."""

    version: str
    skills: dict[str, Skill]
    roles: dict[str, Role]
    sources: tuple[str, ...] = ()
    # skill id -> the skill and all its ancestors (a PyTorch match is a deep-learning-framework match)
    ancestors: dict[str, frozenset[str]] = field(default_factory=dict)
    # headings, degree forms, title words and cues that resumes and postings are read with
    lexicon: Lexicon = field(default_factory=builtin_lexicon)
    # where the requirements' shares come from (source, date, postings per role); None: no shares
    shares: PostingShares | None = None
    # category kind (CATEGORY_KINDS) -> the categories of that kind
    category_kinds: dict[str, frozenset[str]] = field(default_factory=dict)
    # the credit of a role's title held before the latest job (the latest job's or the headline's earns 1)
    earlier_title_credit: float = EARLIER_TITLE_CREDIT
    # the credit of a role's title in a recent line that is not the person's current title (a second current job)
    concurrent_title_credit: float = CONCURRENT_TITLE_CREDIT
    # where the fitted weights come from (fitted.yaml); None: weights as written and moved by the shares
    fitted: FittedSource | None = None

    def is_field(self, skill_id: str) -> bool:
        """A field of research or method (machine learning, statistics), not a tool."""
        return self.skills[skill_id].category in self.category_kinds.get("field", frozenset())

    def is_technology(self, skill_id: str) -> bool:
        """A tool, language, platform or technique: technical context for a name that needs it."""
        category = self.skills[skill_id].category
        return not self.is_field(skill_id) and category not in self.category_kinds.get("not_technology", frozenset())

    def __post_init__(self) -> None:
        if not self.ancestors:
            self.ancestors = {skill_id: frozenset(self._walk_up(skill_id)) for skill_id in self.skills}

    def _walk_up(self, skill_id: str) -> set[str]:
        seen: set[str] = set()
        stack = [skill_id]
        while stack:
            current = stack.pop()
            if current in seen or current not in self.skills:
                continue
            seen.add(current)
            stack.extend(self.skills[current].parents)
        return seen

    def search(self, query: str, limit: int = 10) -> list[Skill]:
        """Skills whose label or alias starts with (then contains) the query, for autocomplete."""
        needle = query.strip().lower()
        if not needle:
            return []
        ranked: list[tuple[int, int, str, Skill]] = []
        for skill in self.skills.values():
            names = [name.lower() for name in (skill.label, *skill.aliases, *skill.ambiguous_aliases)]
            ranks = [0 if name == needle else 1 if name.startswith(needle) else 2 for name in names if needle in name]
            if ranks:
                ranked.append((min(ranks), len(skill.label), skill.label.lower(), skill))
        ranked.sort(key=lambda item: item[:3])
        return [item[3] for item in ranked[:limit]]
