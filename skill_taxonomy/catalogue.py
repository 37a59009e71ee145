"""The taxonomy's parts: skills, roles, their requirements and the constants they are read with.
The bottom of the package: it imports none of its other modules."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal, TypeGuard

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
