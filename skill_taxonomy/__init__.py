"""The role-skill taxonomy: data files, their loader and validator."""

from skill_taxonomy.catalogue import Requirement, Role, Skill, slugify
from skill_taxonomy.loader import TaxonomyError, load_taxonomy, parse_roles
from skill_taxonomy.taxonomy import Taxonomy

__all__ = ["Requirement", "Role", "Skill", "Taxonomy", "TaxonomyError", "load_taxonomy", "parse_roles", "slugify"]
