"""Machine learning applied in a product or a business: lines that tie models to customers,
products, business figures or production (the lexicon's business cues), and lines that show a
model deployed.

Papers and research jobs alone do not show it: they are what research roles ask for."""

from __future__ import annotations

import functools
import re

from service.documents import Line
from service.sections import Section
from service.signals.base import Evidence, Period
from skill_taxonomy.context import CLAUSE_START, MAX_CUE_DISTANCE, NEGATED
from skill_taxonomy.lexicon import Lexicon
from skill_taxonomy.prefilter import Lowered, lowered

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

ML_WORDS_FIRST, MODEL_FIRST = Lowered(ML_WORDS), Lowered(MODEL)


def names_a_model(text: str, *, claimed: bool = False) -> bool:
    """Whether a line speaks of a model at work (machine learning, a learned model).

    `claimed` (a resume's line): the work is the candidate's, not a model they only know of or
    deny ("working knowledge of the fraud neural network", "no machine learning")."""
    # most lines name neither: the twins in lower case tell so first
    for match in ML_WORDS.finditer(text) if ML_WORDS_FIRST.search(text) else ():
        if not claimed or not _disowned(text, match.start()):
            return True
    for match in MODEL.finditer(text) if MODEL_FIRST.search(text) else ():
        if not NOT_LEARNED.search(text[max(0, match.start() - CLAUSE_CHARACTERS) : match.start()]) and (
            not claimed or not _disowned(text, match.start())
        ):
            return True
    return False


# Familiarity said in so many words; "learning" alone is no cue here ("self-supervised learning").
FAMILIARITY = re.compile(
    r"\b(?:familiar(?:ity)?\s+with|exposure\s+to|exposed\s+to|(?:basic|some|working|academic)\s+(?:knowledge|understanding)|"
    r"interested\s+in)\b",
    re.I,
)
CLAUSE_CHARACTERS = 300  # how far back a clause is read: long lines stay cheap


def _disowned(text: str, start: int) -> bool:
    """A model named in a clause that denies it or only claims familiarity with it."""
    clause = CLAUSE_START.split(text[max(0, start - CLAUSE_CHARACTERS) : start])[-1][-MAX_CUE_DISTANCE:]
    return bool(NEGATED.search(clause) or FAMILIARITY.search(clause))


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

    @functools.cache
    def business(index: int) -> bool:  # read only near a line that names a model (few lines do)
        return lowered(lexicon.business).search(lines[index].text) is not None

    jobs = [tuple(periods.get(line, ())) for line in lines]
    out: list[Evidence] = []
    for index, line in enumerate(lines):
        if not names_a_model(line.text, claimed=True):
            continue
        # the nearest business cue in its own job (the run of lines sharing its dates); outside
        # a job, within NEIGHBOURS lines of it
        span = [j for j in _job_run(jobs, index) if jobs[index] or abs(j - index) <= NEIGHBOURS]
        found = min((j for j in span if business(j)), key=lambda j: abs(j - index), default=None)
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
