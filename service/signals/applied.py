"""Machine learning applied in a product or a business: lines that tie models to customers,
products, business figures or production (the lexicon's business cues), and lines that show a
model deployed.

Papers and research jobs alone do not show it: they are what research roles ask for."""

from __future__ import annotations

import re

from service.sections import Section
from service.signals.base import Evidence
from skill_taxonomy.lexicon import Lexicon

ML_WORDS = re.compile(
    r"\b(?:machine learning|ML|deep learning|models?|modell?ing|neural|AI|NLP|LLMs?|computer vision|recommend\w*|classifiers?|"
    r"predictive|forecast\w*|ranking|personali[sz]\w*|anomaly detection)\b",
    re.I,
)
APPLIED_SECTIONS = {"experience", "projects", "summary"}
MAX_EVIDENCE = 5


def find_applied(sections: list[Section], deployment: list[Evidence], lexicon: Lexicon) -> list[Evidence]:
    """Lines that show machine learning applied in a product or a business; a deployed model
    is one."""
    evidence = [
        Evidence(line.text, section.name, line.page)
        for section in sections
        if section.name in APPLIED_SECTIONS
        for line in section.lines
        if ML_WORDS.search(line.text) and lexicon.business.search(line.text)
    ]
    seen = {e.text for e in evidence}
    evidence += [e for e in deployment if e.text not in seen]
    return evidence[:MAX_EVIDENCE]
