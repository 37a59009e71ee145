"""Machine learning applied in a product or a business: lines that tie models to customers,
products, business figures or production (the lexicon's business cues), and lines that show a
model deployed.

Papers and research jobs alone do not show it: they are what research roles ask for."""

from __future__ import annotations

import re
from itertools import chain

from service.documents import Line
from service.matching import clause_context
from service.sections import Section
from service.signals.base import Evidence, Period
from skill_taxonomy.lexicon import Lexicon

# Words of a model at work. A recommender system is one; the verb "recommend" (advice to a
# manager, a client) is not.
ML_WORDS = re.compile(
    r"\b(?:machine learning|ML|deep learning|neural|AI|NLP|LLMs?|computer vision|recommender\w*|"
    r"recommendations? (?:systems?|engines?|models?|algorithms?)|classifiers?|predictive|forecast\w*|ranking|personali[sz]\w*|"
    r"anomaly detection)\b",
    re.I,
)
MODEL = re.compile(r"\b(?:models?|modell?ing)\b", re.I)
# A model that is not learned from data: a 3D or CAD model, a financial or business model, a data
# model (a schema), a role model.
NOT_LEARNED = re.compile(
    r"\b(?:3-?D|CAD|solid|physical|scale|clay|financial|business|operating|delivery|service|care|staffing|role|data|fashion)\s*$", re.I
)


def names_a_model(text: str, *, claimed: bool = False) -> bool:
    """Whether a line speaks of a model at work (machine learning, a learned model).

    `claimed` (a resume's line): the work is the candidate's, not a model they only know of or
    deny ("working knowledge of the fraud neural network", "no machine learning")."""
    for match in chain(ML_WORDS.finditer(text), MODEL.finditer(text)):
        before = text[: match.start()]
        if match.re is MODEL and NOT_LEARNED.search(before):
            continue
        if not claimed or clause_context(before, "experience") in ("used", "listed"):
            return True
    return False


APPLIED_SECTIONS = {"experience", "projects", "summary"}
MAX_EVIDENCE = 5
# Outside a dated job, the business may be named on a neighbouring line of the same bullet
# ("Communicated with the customers ..." above "Built the forecasting models ...").
NEIGHBOURS = 2


def find_applied(
    sections: list[Section], deployment: list[Evidence], lexicon: Lexicon, periods: dict[Line, list[Period]]
) -> list[Evidence]:
    """Machine learning applied in a product or a business: a model and a business cue in one
    job (the lines that share its dates), or on one line or within NEIGHBOURS lines of it
    elsewhere; a deployed model is one."""
    evidence = [e for section in sections if section.name in APPLIED_SECTIONS for e in _section_applied(section, lexicon, periods)]
    seen = {e.text for e in evidence}
    evidence += [e for e in deployment if e.text not in seen]
    return evidence[:MAX_EVIDENCE]


def _section_applied(section: Section, lexicon: Lexicon, periods: dict[Line, list[Period]]) -> list[Evidence]:
    lines = section.lines
    business = [bool(lexicon.business.search(line.text)) for line in lines]
    jobs = [tuple(periods.get(line, ())) for line in lines]
    out: list[Evidence] = []
    for index, line in enumerate(lines):
        if not names_a_model(line.text, claimed=True):
            continue
        # the nearest business cue in its own job (the run of lines sharing its dates); outside
        # a job, within NEIGHBOURS lines of it
        span = [j for j in _job_run(jobs, index) if jobs[index] or abs(j - index) <= NEIGHBOURS]
        found = min((j for j in span if business[j]), key=lambda j: abs(j - index), default=None)
        if found is not None:
            text = line.text if found == index else f"{line.text} … {lines[found].text}"
            out.append(Evidence(text, section.name, line.page))
    return out


def _job_run(jobs: list[tuple[Period, ...]], index: int) -> range:
    """The positions of the contiguous lines that share the job dates of the line at `index`."""
    first = last = index
    while first > 0 and jobs[first - 1] == jobs[index]:
        first -= 1
    while last + 1 < len(jobs) and jobs[last + 1] == jobs[index]:
        last += 1
    return range(first, last + 1)
