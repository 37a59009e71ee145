"""The candidate's name: a short line of capitalised words at the top of the resume."""

from __future__ import annotations

import re

from spacy.language import Language

from service.sections import Section

NAME_LINE = re.compile(r"^[A-Z][A-Za-z'’\-]+(?:\s+(?:[A-Z]\.|[A-Z][A-Za-z'’\-]+|van|von|de|da|del|der|di|la|le|bin|al)){1,3}$")
NOT_NAME_WORDS = {
    "resume",
    "curriculum",
    "vitae",
    "cv",
    "engineer",
    "scientist",
    "developer",
    "manager",
    "summary",
    "profile",
    "experience",
    "education",
    "skills",
    "contact",
    "analyst",
    "consultant",
    "director",
    "assistant",
    "professional",
    "objective",
    "specialist",
    "data",
    "senior",
    "software",
    "research",
    "machine",
    "learning",
    "associate",
}


def find_name(sections: list[Section], nlp: Language) -> str | None:
    """The candidate's name: a short line of capitalised words at the top (confirmed by the
    named-entity recogniser when the pipeline has one)."""
    top_lines = [line for line in (sections[0].lines if sections else [])][:6]
    if not top_lines and sections:
        top_lines = sections[0].lines[:3]
    candidates = [
        line
        for line in top_lines
        if NAME_LINE.match(_title(line.text)) and not {w.lower().strip(".") for w in line.text.split()} & NOT_NAME_WORDS
    ]
    # The recogniser only decides between several candidate lines: skip it otherwise.
    if "ner" in nlp.pipe_names and len(candidates) >= 2:
        doc = nlp("\n".join(line.text for line in top_lines), disable=[p for p in nlp.pipe_names if p != "ner"])
        people = [ent.text.strip() for ent in doc.ents if ent.label_ == "PERSON" and 2 <= len(ent.text.split()) <= 4]
        confirmed = [line for line in candidates if any(person in line.text for person in people)]
        if confirmed:
            return _title(confirmed[0].text)
    if candidates:
        return _title(max(candidates, key=lambda line: line.size).text)
    return None


def _title(text: str) -> str:
    """ "DENIS YARATS" -> "Denis Yarats"; mixed case stays as it is."""
    text = text.strip()
    return text.title() if text.isupper() else text

