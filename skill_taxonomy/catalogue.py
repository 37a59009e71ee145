"""The taxonomy's data model: skills, roles and their requirements."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, TypeGuard

from skill_taxonomy.lexicon import Lexicon, builtin_lexicon

if TYPE_CHECKING:  # shares.py reads this module's roles
    from skill_taxonomy.shares import PostingShares

Importance = Literal["must", "important", "nice"]
IMPORTANCE_ORDER: dict[str, int] = {"must": 0, "important": 1, "nice": 2}
DEFAULT_WEIGHTS: dict[str, float] = {"must": 3.0, "important": 2.0, "nice": 1.0}
MAX_WEIGHT = 10.0  # the most a requirement weighs, in a taxonomy file, a request or from the shares
DEGREE_LEVELS: dict[str, int] = {"associate": 1, "bachelor": 2, "master": 3, "doctorate": 4}
SIGNALS = ("publications", "top_venue", "first_author_top_venue", "degree", "experience_years", "deployment", "applied", "title")
# A posting's role asks how well the candidate fits the built-in role the posting reads as:
# the signal's minimum is that role's id. Made by the posting parser only, never read from files.
ROLE_SIGNAL = "role"
# The credits of a role's title held before the latest job, and in another current job beside
# the person's current title, where no fitted file sets them.
EARLIER_TITLE_CREDIT = 0.5
CONCURRENT_TITLE_CREDIT = 1.0
# Kinds a skills file may give its categories (`category_kinds`): fields of research and method,
# which a paper's, talk's, course's or award's title may show; and categories that are no
# technology, which give no technical context to a name that needs it.
CATEGORY_KINDS = ("field", "not_technology")


def is_importance(value: object) -> TypeGuard[Importance]:
    """Whether a value read from a file or a request is one of the importances."""
    return isinstance(value, str) and value in IMPORTANCE_ORDER


def slugify(text: str) -> str:
    """Lower-case ASCII id made of words joined by hyphens ("C++" -> "c-plus-plus")."""
    text = text.replace("++", " plus plus ").replace("#", " sharp ").replace("&", " and ")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(frozen=True)
class Skill:
    """One skill of the catalogue, with the surface forms that name it."""

    id: str
    label: str
    category: str
    aliases: tuple[str, ...] = ()
    # Names that are also everyday words: they count only with technical context.
    ambiguous_aliases: tuple[str, ...] = ()
    ambiguous: bool = False
    parents: tuple[str, ...] = ()

    def surface_forms(self) -> list[tuple[str, bool]]:
        """Every name of the skill with whether it needs technical context."""
        forms = [(self.label, self.ambiguous)]
        forms += [(alias, False) for alias in self.aliases]
        forms += [(alias, True) for alias in self.ambiguous_aliases]
        return forms


@dataclass(frozen=True)
class Requirement:
    """One thing a role asks for and what satisfies it."""

    id: str
    label: str
    importance: Importance
    weight: float
    reason: str
    advice: str
    # Exactly one of the three ways to satisfy it is set.
    any_of: tuple[str, ...] = ()
    n_of: int = 0
    signal: str | None = None
    minimum: float | str | None = None
    # While it is missing, the role's score is at most this (an applied scientist without machine
    # learning applied in a product is at best a partial one); None: no cap.
    cap: float | None = None
    # Share of the role's postings that ask for it, and the mean share of the other roles'
    # postings (shares.yaml); None where the taxonomy has no shares.
    asked_by: float | None = None
    asked_by_others: float | None = None
    # The importance and weight as the taxonomy writes them, before the shares set them; None
    # without shares.
    written_importance: Importance | None = None
    written_weight: float | None = None


@dataclass(frozen=True)
class Role:
    """A role of the taxonomy and its requirements."""

    id: str
    title: str
    description: str
    requirements: tuple[Requirement, ...]
    # Job titles of this role ("Data Scientist", "Data Analyst"), for the `title` signal.
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class FittedSource:
    """Where a taxonomy's fitted weights come from: the file's source, date, the documents per
    folder they were fitted to, the cross-validated figures, and the roles whose weights it sets."""

    source: str
    date: str
    documents: dict[str, int]
    roles: frozenset[str]
    figures: dict[str, object] = field(default_factory=dict)


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
