"""Deployment experience: lines that say something was deployed or served, with a tool for it."""

from __future__ import annotations

import re

from service.matching import Mention
from service.signals.base import Evidence
from skill_taxonomy import Taxonomy

DEPLOY_WORDS = re.compile(
    r"\b(?:deploy(?:ed|ing|s|ment|ments)?|serv(?:e|ed|es|ing)\b|in production|production(?:-grade|-ready|ised|ized| systems?| environments?| traffic| models?| pipelines?| services?)|"
    r"productioni[sz](?:e|ed|ing)|ship(?:ped|ping)?\b|launch(?:ed|ing)?|roll(?:ed)?[- ]out|go-live|inference)\b",
    re.I,
)
DEPLOY_GROUPS = {"serving-tool", "container-tool", "cloud-platform", "mlops"}
DEPLOY_SECTIONS = {"experience", "projects", "summary", "header", "other"}


def find_deployment(mentions: list[Mention], taxonomy: Taxonomy) -> list[Evidence]:
    """Lines that say something was deployed, served or put in production together with a
    serving, container, cloud or MLOps tool."""
    seen: set[int] = set()
    evidence: list[Evidence] = []
    for mention in mentions:
        if mention.section not in DEPLOY_SECTIONS or id(mention.line) in seen:
            continue
        if taxonomy.ancestors.get(mention.skill_id, frozenset()) & DEPLOY_GROUPS and DEPLOY_WORDS.search(mention.line.text):
            seen.add(id(mention.line))
            evidence.append(Evidence(mention.line.text, mention.section, mention.page))
    return evidence


