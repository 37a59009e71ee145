"""Role fits -> the next steps that raise each score most, and a plan that brings one role to its
next bands.

A step gives one requirement full credit. Its score after is the role's score recomputed by the
scoring itself (`score_of`: weighted coverage, caps included) with that step and every step
before it applied, never an estimate. A step is `show` where the resume already meets the
requirement in part (the line that nearly meets it is quoted): the resume should say it better;
it is `learn` where nothing on the resume meets it. A role's job title and a posting's "fits the
role" requirement are no steps: the first comes with the job, the second with the role's own
requirements."""

from __future__ import annotations

import functools
import itertools
import math
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from service.scoring import BANDS, Part, RequirementResult, RoleFit, band_for, capped_score, score_with
from service.signals import LEVELS
from skill_taxonomy import Requirement, Role, Taxonomy
from skill_taxonomy.catalogue import IMPORTANCE_ORDER, ROLE_SIGNAL

SHOW, LEARN = "show", "learn"
NOT_STEPS = ("title", ROLE_SIGNAL)


@dataclass(frozen=True)
class RaisedRole:
    """Another role a step raises: its requirement that the same step meets, and its score after."""

    role: Role
    requirement: Requirement
    score_before: float
    score_after: float


@dataclass(frozen=True)
class Step:
    """One thing to do for a role, and the role's score once it and the steps before it are done."""

    result: RequirementResult  # the requirement as the resume meets it today
    kind: str  # SHOW or LEARN
    score_after: float
    gain: float  # points over the score before the step
    also_raises: tuple[RaisedRole, ...] = ()

    @property
    def requirement(self) -> Requirement:
        return self.result.requirement

    @property
    def band_after(self) -> str:
        return band_for(self.score_after)


@dataclass(frozen=True)
class Goal:
    """The fewest steps that bring a role to a band (`reachable` False: every step there is,
    and the band is still out of reach, the rest of its points coming with the job title)."""

    band: str
    floor: float
    reachable: bool
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Plan:
    """The steps that bring one role to each band above its own: the role the request names, or
    else the one whose next band is nearest."""

    fit: RoleFit
    asked: bool
    goals: tuple[Goal, ...]
    first: RoleFit | None  # the best-fitting role, where it is another
    already_met: tuple[RequirementResult, ...]  # the role's requirements the resume meets in full


def next_steps(fit: RoleFit) -> list[Step]:
    """Every step for the role, each the one that then raises its score most (ties: the larger
    share of the role's postings asking for it, the more important, the requirement id)."""
    return _in_order(fit, _candidates(fit))


def make_plan(fits: Sequence[RoleFit], taxonomy: Taxonomy, target: str | None = None) -> Plan | None:
    """The plan for the role `target` names (one of the fits), or else for the role whose next
    band the fewest steps reach (then the fewer points, then the better fit); None where no role
    has a band left that steps reach."""
    if target is not None:
        fit = next(f for f in fits if f.role.id == target)
    else:
        # a goal has one step per requirement chosen: the next band's are counted, not put in order
        reachable = [
            (len(chosen), floor - f.score, index, f)
            for index, f in enumerate(fits)
            for floor, _ in _bands_above(f)[:1]
            for chosen, reached in [_fewest(f, floor)]
            if reached
        ]
        if not reachable:
            return None
        fit = min(reachable, key=lambda item: item[:3])[3]
    others = [(f, _candidates(f)) for f in fits if f is not fit]
    raised: dict[str, tuple[RaisedRole, ...]] = {}  # a step's requirement -> the other roles it raises (goals share steps)
    goals = tuple(replace(goal, steps=_raising(goal.steps, others, taxonomy, raised)) for goal in _goals(fit))
    first = fits[0] if fits and fits[0] is not fit else None
    met = tuple(r for r in fit.results if r.credit >= 1)
    return Plan(fit, target is not None, goals, first, met)


def steps_to_lead(fits: Sequence[RoleFit], target: str, taxonomy: Taxonomy) -> int | None:
    """How many of the target role's next steps, taken in order (each also meeting what it shares
    with the other roles), bring it to first place; 0 where it leads already, None where all of
    them do not."""
    fit = next(f for f in fits if f.role.id == target)
    others = [f for f in fits if f is not fit]
    granted: dict[str, set[str]] = {f.role.id: set() for f in fits}

    def leads() -> bool:
        scores = sorted((-score_with(f.parts, granted[f.role.id]), f.role.id) for f in fits)
        return scores[0][1] == target

    if leads():
        return 0
    for count, step in enumerate(next_steps(fit), start=1):
        granted[target].add(step.requirement.id)
        for other in others:
            granted[other.role.id] |= {r.requirement.id for r in _shared(step.requirement, other, taxonomy)}
        if leads():
            return count
    return None


def _candidates(fit: RoleFit) -> list[RequirementResult]:
    """The requirements a step can raise: not met in full, worth points or holding a cap."""
    return [
        r
        for r in fit.results
        if r.credit < 1 and r.requirement.signal not in NOT_STEPS and (r.requirement.weight > 0 or r.requirement.cap is not None)
    ]


def _kind(result: RequirementResult) -> str:
    return SHOW if result.credit > 0 or result.evidence else LEARN


def _preference(result: RequirementResult) -> tuple[float, int, str]:
    """Between steps worth the same: the larger share of postings, the more important, the id."""
    req = result.requirement
    return (-(req.asked_by or 0.0), IMPORTANCE_ORDER[req.importance], req.id)


def _in_order(fit: RoleFit, chosen: Sequence[RequirementResult]) -> list[Step]:
    """The chosen requirements as steps, each the one that then raises the score most. The
    choice adds each candidate's points to a running sum; the score after a step is then the
    scoring's own sum (`score_with`, run on as `_Running`) with it and the steps before it done."""
    parts = {requirement: (weight, credit, cap) for requirement, weight, credit, cap in fit.parts}
    possible = sum(weight for weight, _, _ in parts.values())
    earned = sum(weight * credit for weight, credit, _ in parts.values())
    caps = {requirement: cap for requirement, (_, credit, cap) in parts.items() if credit == 0 and cap is not None}

    # each candidate's points and its place among steps worth the same (then its place among
    # the chosen), worked out once; most points first, the order `_best` reads them in
    candidates = sorted(
        (
            _Candidate(
                result,
                result.requirement.id,
                parts[result.requirement.id][0] * (1 - parts[result.requirement.id][1]),
                (*_preference(result), place),
            )
            for place, result in enumerate(chosen)
        ),
        key=lambda candidate: -candidate.gain,
    )
    steps: list[Step] = []
    running = _Running(fit.parts)
    before = fit.score
    while candidates:
        lowest = sorted((cap, requirement) for requirement, cap in caps.items())[:2]
        best = _best(candidates, earned, possible, lowest)
        candidates = [c for c in candidates if c is not best]
        earned += best.gain
        caps.pop(best.requirement, None)
        after = running.grant(best.requirement)
        steps.append(Step(best.result, _kind(best.result), after, round(after - before, 1)))
        before = after
    return steps


class _Candidate(NamedTuple):
    """A requirement a step can meet, its points, and its place among steps worth the same."""

    result: RequirementResult
    requirement: str
    gain: float
    preference: tuple[float, int, str, int]  # `_preference`, then the place among the chosen


def _best(by_gain: Sequence[_Candidate], earned: float, possible: float, lowest: list[tuple[float, str]]) -> _Candidate:
    """The candidate (most points first in `by_gain`) that raises the score most, the first by
    preference of those worth the same: its points added to the running sum, held to the lowest
    cap of the others (the lowest cap, or the second lowest where its own is the lowest).

    Every candidate but the one holding the lowest cap is held to the same cap, so their scores
    fall with their points: the ones worth the most lead them."""
    first_cap, first_requirement = lowest[0] if lowest else (None, None)
    second_cap = lowest[1][0] if len(lowest) > 1 else None

    # the candidate holding the lowest cap first (where one does), then the others while they score as much
    held = [c for c in by_gain if c.requirement == first_requirement] if first_requirement is not None else []
    others = (c for c in by_gain if c.requirement != first_requirement)
    top, ties = -math.inf, list[_Candidate]()
    for candidate in itertools.chain(held, others):
        holds = candidate.requirement == first_requirement
        cap = second_cap if holds else first_cap
        score = capped_score(earned + candidate.gain, possible, () if cap is None else (cap,))
        if score > top:
            top, ties = score, [candidate]
        elif score == top:
            ties.append(candidate)
        elif not holds:
            break  # the others after it, held to the same cap with fewer points, score less still
    return min(ties, key=lambda c: c.preference)


def _bands_above(fit: RoleFit) -> list[tuple[float, str]]:
    """The bands above the role's own, lowest first."""
    return [(floor, name) for floor, name in sorted(BANDS) if floor > fit.score]


def _goals(fit: RoleFit) -> list[Goal]:
    """For every band above the role's own, lowest first, the fewest steps that reach it."""
    return [_goal(fit, name, floor) for floor, name in _bands_above(fit)]


def _goal(fit: RoleFit, band: str, floor: float) -> Goal:
    chosen, reachable = _fewest(fit, floor)
    return Goal(band, floor, reachable, tuple(_in_order(fit, chosen)))


def _fewest(fit: RoleFit, floor: float) -> tuple[list[RequirementResult], bool]:
    """The fewest steps to `floor`, and whether they reach it: every missing requirement whose
    cap lies below it (while one is missing the score stays at its cap), then the steps worth
    most, as coverage adds up."""
    candidates = _candidates(fit)
    caps = {requirement: cap for requirement, _, credit, cap in fit.parts if credit == 0 and cap is not None}
    chosen = [r for r in candidates if caps.get(r.requirement.id, floor) < floor]
    worth = lambda r: (-r.requirement.weight * (1 - r.credit), *_preference(r))  # noqa: E731
    rest = sorted((r for r in candidates if r not in chosen), key=worth)
    running = _Running(fit.parts)
    score = running.grant(*(r.requirement.id for r in chosen))
    while score < floor and rest:
        chosen.append(rest.pop(0))
        score = running.grant(chosen[-1].requirement.id)
    return chosen, score >= floor


class _Running:
    """`score_with` of a role's parts as requirements are granted one after another: the same
    sums in the same order (each part's points, as earned or in full, added from the first part
    on; the caps of the parts still missing, in their order), without weighing every part
    against the granted ones again at each step."""

    __slots__ = ("_places", "_points", "_possible", "_caps")

    def __init__(self, parts: Sequence[Part]) -> None:
        self._places: dict[str, list[tuple[int, float]]] = {}  # requirement -> its parts' places and weights
        for index, (requirement, weight, _, _) in enumerate(parts):
            self._places.setdefault(requirement, []).append((index, weight))
        self._points = [weight * credit for _, weight, credit, _ in parts]
        possible = 0.0
        for _, weight, _, _ in parts:
            possible += weight
        self._possible = possible
        self._caps = {index: cap for index, (_, _, credit, cap) in enumerate(parts) if credit == 0 and cap is not None}

    def grant(self, *requirements: str) -> float:
        """The score with these requirements, and every one granted before, met in full."""
        for requirement in requirements:
            for index, weight in self._places.get(requirement, ()):
                self._points[index] = weight * 1.0
                self._caps.pop(index, None)
        return capped_score(*self.sums())

    def sums(self) -> tuple[float, float, list[float]]:
        """What the parts earn and could earn, and the caps of those still missing (`_sums`)."""
        return functools.reduce(operator.add, self._points, 0.0), self._possible, list(self._caps.values())


def _raising(
    steps: Iterable[Step],
    others: Sequence[tuple[RoleFit, list[RequirementResult]]],
    taxonomy: Taxonomy,
    raised: dict[str, tuple[RaisedRole, ...]],
) -> tuple[Step, ...]:
    """The steps, each with the other roles (with their `_candidates`) it raises on its own;
    `raised` keeps what each requirement raises, for the next goal's steps."""
    out = []
    for step in steps:
        req = step.requirement
        if req.id not in raised:
            also, meets = [], _meeting(req, taxonomy)
            for other, candidates in others:
                shared = next((r for r in candidates if meets(r.requirement)), None)
                if shared is not None:
                    after = score_with(other.parts, (), shared.requirement.id)
                    if after > other.score:
                        also.append(RaisedRole(other.role, shared.requirement, other.score, after))
            raised[req.id] = tuple(also)
        out.append(replace(step, also_raises=raised[req.id]))
    return tuple(out)


def _shared(req: Requirement, other: RoleFit, taxonomy: Taxonomy) -> list[RequirementResult]:
    """The other role's requirements, not yet met in full, that meeting `req` meets too."""
    meets = _meeting(req, taxonomy)
    return [r for r in _candidates(other) if meets(r.requirement)]


def _meeting(req: Requirement, taxonomy: Taxonomy) -> Callable[[Requirement], bool]:
    """Whether meeting `req` meets another requirement too: the same signal at the same or a
    lower minimum, or a skill (or group) that `req` lists and the other accepts (each met by one
    skill); what `req` names is worked out once, for all the requirements it is held against."""
    if req.signal:
        return lambda other: other.signal == req.signal and _at_least(req, other)
    if req.n_of != 1:
        return lambda other: False
    # the skills the step names and the groups above them: one of them the other requirement
    # lists (a skill without ancestors counts as itself only)
    reach = frozenset().union(*(taxonomy.ancestors.get(listed, (listed,)) for listed in req.any_of))
    return lambda other: not other.signal and other.n_of == 1 and not reach.isdisjoint(other.any_of)


def _at_least(req: Requirement, other: Requirement) -> bool:
    """Whether a signal's requirement asks for as much as another of the same signal, or more."""
    if req.signal == "degree":
        return LEVELS[str(req.minimum)] >= LEVELS[str(other.minimum)]
    if req.signal == "deployment":
        return True
    return float(req.minimum or 1) >= float(other.minimum or 1)
