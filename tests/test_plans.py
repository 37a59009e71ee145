"""Next steps and plans: every step's score after is the role's score recomputed with the step
done (caps included), a plan is the fewest steps to its band, and no step is proposed for what the
resume already meets in full, nor `learn` for what it shows in part."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.plans import LEARN, SHOW, _candidates, _in_order, _meeting, _preference, _Running, make_plan, next_steps, steps_to_lead
from service.profiles import FoundSkill, Profile
from service.scoring import CURRENT, RequirementResult, RoleFit, _sums, band_for, capped_score, score_roles, score_with, tally
from service.signals import LEVELS as SIGNAL_LEVELS
from service.signals import EducationEntry, Evidence, Publication, Signals, TitleLine
from skill_taxonomy import Requirement, Role


def found(skill_id: str, taxonomy, strength: float = 1.0) -> FoundSkill:
    skill = taxonomy.skills[skill_id]
    return FoundSkill(
        skill_id, skill.label, skill.category, 1, ["experience"], [Evidence(f"used {skill.label}", "experience", 1)], "used", strength
    )


def recomputed(fit: RoleFit, done: set[str]) -> float:
    """The score with the `done` requirements met in full, from the fit's parts alone (as a reader
    of the answer would): weighted coverage, then the lowest cap of the requirements still missing
    unless the role's title is the person's current one."""
    results = fit.results  # in the role's order, as the scoring sums them
    credit = {r.requirement.id: 1.0 if r.requirement.id in done else r.credit for r in results}
    possible = sum(r.requirement.weight for r in results)
    score = round(100 * sum(r.requirement.weight * credit[r.requirement.id] for r in results) / possible, 1) if possible else 0.0
    if not any(r.title_kind == CURRENT for r in results):
        caps = [r.requirement.cap for r in results if credit[r.requirement.id] == 0 and r.requirement.cap is not None]
        score = min([score, *[cap for cap in caps if cap < score]])
    return score


SKILLS = [
    "python", "pytorch", "docker", "kubernetes", "sql", "pandas", "mlflow", "airflow", "apache-spark", "gpu", "statistics",
    "ab-testing", "fastapi", "aws", "ci-cd", "cpp", "tableau", "kafka", "snowflake", "etl", "machine-learning", "scikit-learn",
    "deep-learning", "computer-vision", "linear-algebra", "jax", "cuda", "git", "numpy", "research-papers",
]  # fmt: skip
LEVELS = ["bachelor", "master", "doctorate"]
TITLES = ["Machine Learning Engineer", "Data Scientist", "Research Scientist", "Data Engineer", "Applied Scientist", "Research Engineer"]


@st.composite
def profiles(draw, taxonomy) -> Profile:
    skills = draw(st.lists(st.sampled_from(SKILLS), max_size=14, unique=True))
    strengths = draw(st.lists(st.sampled_from([0.25, 0.5, 0.75, 1.0]), min_size=len(skills), max_size=len(skills)))
    education = [
        EducationEntry(level, progress, None, None, None, f"{level} degree", 1)
        for level, progress in draw(st.lists(st.tuples(st.sampled_from(LEVELS), st.booleans()), max_size=2))
    ]
    papers = [
        Publication(f"paper {i}", "NeurIPS" if top else None, 2022, first, top, False, 1, peer_reviewed=reviewed)
        for i, (first, top, reviewed) in enumerate(draw(st.lists(st.tuples(st.booleans(), st.booleans(), st.booleans()), max_size=4)))
    ]
    lines = [TitleLine(f"{title}, Acme", "experience", 1) for title in draw(st.lists(st.sampled_from(TITLES), max_size=1))]
    signals = Signals(
        name="Jane Doe",
        education=education,
        publications=papers,
        deployment=[Evidence("Deployed the model behind an API", "experience", 1)] if draw(st.booleans()) else [],
        applied=[Evidence("Built churn models for our customers", "experience", 1)] if draw(st.booleans()) else [],
        experience_years=draw(st.one_of(st.none(), st.floats(min_value=0, max_value=12).map(lambda y: round(y, 1)))),
        title_lines=lines,
    )
    return Profile([found(s, taxonomy, strength) for s, strength in zip(skills, strengths, strict=True)], signals)


def _fits(profile: Profile, taxonomy) -> list[RoleFit]:
    return score_roles(profile, list(taxonomy.roles.values()), taxonomy)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_steps_score_after_is_the_score_with_it_and_the_steps_before_it_done(taxonomy, data):
    fits = _fits(data.draw(profiles(taxonomy)), taxonomy)
    for fit in fits:
        done: set[str] = set()
        before = fit.score
        for step in next_steps(fit):
            done.add(step.requirement.id)
            assert step.score_after == recomputed(fit, done), (fit.role.id, step.requirement.id)
            assert step.band_after == band_for(step.score_after)
            assert step.gain == round(step.score_after - before, 1) and step.gain >= 0
            before = step.score_after
        plan = make_plan(fits, taxonomy, fit.role.id)
        assert plan is not None and plan.fit is fit
        for goal in plan.goals:
            done = set()
            for step in goal.steps:
                done.add(step.requirement.id)
                assert step.score_after == recomputed(fit, done)
            assert goal.reachable == (recomputed(fit, done) >= goal.floor)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_no_step_for_what_is_met_in_full_and_no_learn_step_for_what_the_resume_shows(taxonomy, data):
    for fit in _fits(data.draw(profiles(taxonomy)), taxonomy):
        steps = next_steps(fit)
        by_id = {r.requirement.id: r for r in [*fit.matched, *fit.missing]}
        for step in steps:
            now = by_id[step.requirement.id]
            assert now.credit < 1
            assert step.kind == (SHOW if now.credit > 0 or now.evidence else LEARN)
            assert step.requirement.signal not in ("title", "role")
        # every requirement not met in full that is worth points is a step, once
        open_ids = {i for i, r in by_id.items() if r.credit < 1 and r.requirement.signal != "title" and r.requirement.weight > 0}
        assert sorted(s.requirement.id for s in steps) == sorted(open_ids)


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_a_goal_is_the_fewest_steps_that_reach_its_band(taxonomy, data):
    fits = _fits(data.draw(profiles(taxonomy)), taxonomy)
    fit = fits[data.draw(st.integers(min_value=0, max_value=len(fits) - 1))]
    plan = make_plan(fits, taxonomy, fit.role.id)
    assert plan is not None
    candidates = [s.requirement.id for s in next_steps(fit)]
    for goal in plan.goals:
        if not goal.reachable:
            assert recomputed(fit, set(candidates)) < goal.floor
            continue
        fewer = len(goal.steps) - 1
        if fewer > 0 and len(candidates) <= 16:
            assert not any(recomputed(fit, set(subset)) >= goal.floor for subset in combinations(candidates, fewer))


CAPPED = Role(
    "capped",
    "Capped role",
    "",
    (
        Requirement("python", "Python", "must", 3.0, "r", "Name Python.", any_of=("python",), n_of=1),
        Requirement("pytorch", "PyTorch", "must", 3.0, "r", "Name PyTorch.", any_of=("pytorch",), n_of=1),
        Requirement("sql", "SQL", "nice", 1.0, "r", "Name SQL.", any_of=("sql",), n_of=1),
        Requirement("applied", "ML applied", "must", 1.0, "r", "Show a model at work.", signal="applied", minimum=1, cap=40.0),
    ),
)


def test_the_step_that_lifts_a_cap_comes_first_where_it_raises_the_score_most(taxonomy):
    profile = Profile([found("python", taxonomy), found("pytorch", taxonomy, 0.5)], Signals(name="Jane Doe"))
    fit = score_roles(profile, [CAPPED], taxonomy)[0]
    assert fit.score == 40.0
    steps = next_steps(fit)
    assert [(s.requirement.id, s.kind, s.score_after, s.gain) for s in steps] == [
        ("applied", LEARN, 68.8, 28.8),  # 5.5 of 8 points once the cap is gone
        ("pytorch", SHOW, 87.5, 18.7),
        ("sql", LEARN, 100.0, 12.5),
    ]
    assert steps[1].result.evidence[0].text == "used PyTorch"  # the line that nearly meets it
    # to good (50) and strong (75) the capping step is needed; to good it is enough, to strong
    # PyTorch shown in full is worth more than SQL
    plan = make_plan([fit], taxonomy, "capped")
    assert plan is not None and [(g.band, [s.requirement.id for s in g.steps]) for g in plan.goals] == [
        ("good", ["applied"]),
        ("strong", ["applied", "pytorch"]),
    ]


def test_a_role_held_by_its_current_title_has_no_cap_to_lift(taxonomy):
    titled = Role(
        "capped",
        "Capped role",
        "",
        (*CAPPED.requirements, Requirement("title", "Title", "important", 2.0, "r", "a", signal="title")),
        ("Widget Engineer",),
    )
    profile = Profile(
        [found("python", taxonomy)], Signals(name="Jane Doe", title_lines=[TitleLine("Widget Engineer, Acme", "experience", 1)])
    )
    fit = score_roles(profile, [titled], taxonomy)[0]
    assert fit.capped_by is None and fit.score == 50.0
    plan = make_plan([fit], taxonomy, "capped")
    assert plan is not None
    (strong,) = plan.goals
    assert [s.requirement.id for s in strong.steps] == ["pytorch"] and strong.steps[0].score_after == 80.0


def test_without_a_target_the_plan_is_for_the_role_nearest_its_next_band(taxonomy):
    near = Role("near", "Near", "", CAPPED.requirements[:3])  # python met: 3 of 7, 42.9; one step to good
    far = Role("far", "Far", "", (CAPPED.requirements[2], *CAPPED.requirements[:2][::-1]))
    profile = Profile([found("python", taxonomy), found("sql", taxonomy)], Signals(name="Jane Doe"))
    fits = score_roles(profile, [near, far], taxonomy)
    plan = make_plan(fits, taxonomy)
    assert plan is not None and not plan.asked
    # both reach good in one step; "far" and "near" have the same requirements: the better fit first
    assert plan.fit is fits[0]
    assert plan.first is None and {r.requirement.id for r in plan.already_met} == {"python", "sql"}


def test_a_shared_step_raises_the_other_roles_too(taxonomy):
    # A data scientist moving to ML engineering: deployment counts for the applied scientist role
    # too, Python for every role that asks for it.
    profile = Profile([found(s, taxonomy) for s in ("pandas", "scikit-learn", "sql", "statistics")], Signals(name="Jane Doe"))
    fits = _fits(profile, taxonomy)
    plan = make_plan(fits, taxonomy, "ml-engineer")
    assert plan is not None and plan.first is not None and plan.first.role.id != "ml-engineer"
    steps = {s.requirement.id: s for goal in plan.goals for s in goal.steps}
    by_role = {fit.role.id: fit for fit in fits}
    for step in steps.values():
        for raised in step.also_raises:
            other = by_role[raised.role.id]
            assert raised.score_before == other.score and raised.score_after == recomputed(other, {raised.requirement.id})
    deployment = steps["deployment"]
    assert {r.role.id for r in deployment.also_raises} == {"applied-scientist"}
    assert {r.role.id for r in steps["python"].also_raises} >= {"data-engineer", "applied-scientist", "research-engineer"}


def test_steps_to_lead_count_the_steps_that_bring_a_role_first(taxonomy):
    profile = Profile([found(s, taxonomy) for s in ("pandas", "scikit-learn", "sql", "statistics", "python")], Signals(name="Jane Doe"))
    fits = _fits(profile, taxonomy)
    assert steps_to_lead(fits, fits[0].role.id, taxonomy) == 0
    count = steps_to_lead(fits, "ml-engineer", taxonomy)
    assert count is not None and count > 0
    steps = next_steps(next(f for f in fits if f.role.id == "ml-engineer"))
    assert steps[count - 1].score_after > next(f.score for f in fits if f.role.id == fits[0].role.id)


@pytest.mark.parametrize(
    "role_id", ["data-engineer", "data-scientist", "applied-scientist", "ml-engineer", "research-scientist", "research-engineer"]
)
def test_an_empty_resume_has_a_plan_for_every_built_in_role(taxonomy, role_id):
    fits = _fits(Profile([], Signals(name=None)), taxonomy)
    plan = make_plan(fits, taxonomy, role_id)
    assert plan is not None and [g.band for g in plan.goals] == ["partial", "good", "strong"]
    assert all(step.kind == LEARN for goal in plan.goals for step in goal.steps)


def steps_as_chosen_one_by_one(fit: RoleFit, chosen) -> list[tuple[str, float]]:
    """The steps as first written: each time, every candidate's points added to the running sum
    and held to the lowest cap of the others still missing; the best, ties by preference."""
    parts = {requirement: (weight, credit, cap) for requirement, weight, credit, cap in fit.parts}
    possible = sum(weight for weight, _, _ in parts.values())
    earned = sum(weight * credit for weight, credit, _ in parts.values())
    caps = {requirement: cap for requirement, (_, credit, cap) in parts.items() if credit == 0 and cap is not None}

    def gain(result) -> float:
        return parts[result.requirement.id][0] * (1 - parts[result.requirement.id][1])

    def key(result, earned: float, lowest: list[tuple[float, str]]):
        others = [cap for cap, requirement in lowest if requirement != result.requirement.id][:1]
        return (-capped_score(earned + gain(result), possible, others), *_preference(result))

    remaining, done, steps = list(chosen), set(), []
    while remaining:
        lowest = sorted((cap, requirement) for requirement, cap in caps.items())
        result = min(remaining, key=lambda r, earned=earned, lowest=lowest: key(r, earned, lowest))
        remaining.remove(result)
        done.add(result.requirement.id)
        earned += gain(result)
        caps.pop(result.requirement.id, None)
        steps.append((result.requirement.id, score_with(fit.parts, done)))
    return steps


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_steps_in_the_order_of_the_definition(taxonomy, data):
    for fit in _fits(data.draw(profiles(taxonomy)), taxonomy):
        candidates = _candidates(fit)
        subset = data.draw(st.lists(st.sampled_from(candidates), unique_by=id)) if candidates else []
        for chosen in (candidates, subset):
            assert [(s.requirement.id, s.score_after) for s in _in_order(fit, chosen)] == steps_as_chosen_one_by_one(fit, chosen)


@st.composite
def tallied_fits(draw) -> RoleFit:
    """A role of few weights and caps (so that candidates often tie) and how far each of its
    requirements is met."""
    size = draw(st.integers(min_value=1, max_value=12))
    requirements = tuple(
        Requirement(
            f"r{i}",
            f"R{i}",
            draw(st.sampled_from(["must", "important", "nice"])),
            draw(st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0, 3.0])),
            "r",
            "a",
            any_of=(f"s{i}",),
            n_of=1,
            cap=draw(st.sampled_from([None, None, 20.0, 40.0, 40.0, 60.0])),
            asked_by=draw(st.sampled_from([None, 0.25, 0.5])),
        )
        for i in range(size)
    )
    results = [RequirementResult(r, draw(st.sampled_from([0.0, 0.0, 0.25, 0.5, 1 / 3, 1.0]))) for r in requirements]
    return tally(Role("drawn", "Drawn", "", requirements), results)


@settings(max_examples=300, deadline=None)
@given(fit=tallied_fits(), data=st.data())
def test_steps_of_tied_and_capped_candidates_in_the_order_of_the_definition(fit, data):
    candidates = _candidates(fit)
    subset = data.draw(st.lists(st.sampled_from(candidates), unique_by=id)) if candidates else []
    for chosen in (candidates, subset):
        assert [(s.requirement.id, s.score_after) for s in _in_order(fit, chosen)] == steps_as_chosen_one_by_one(fit, chosen)


def meets_as_written(req: Requirement, other: Requirement, taxonomy) -> bool:
    """Whether meeting `req` meets `other` too, skill by skill of those `req` lists."""
    if req.signal or other.signal:
        if req.signal != other.signal:
            return False
        if req.signal == "degree":
            return SIGNAL_LEVELS[str(req.minimum)] >= SIGNAL_LEVELS[str(other.minimum)]
        return req.signal == "deployment" or float(req.minimum or 1) >= float(other.minimum or 1)
    if req.n_of != 1 or other.n_of != 1:
        return False
    for listed in req.any_of:
        ancestors = taxonomy.ancestors.get(listed)
        if listed in other.any_of if ancestors is None else not ancestors.isdisjoint(other.any_of):
            return True
    return False


def test_what_a_step_meets_too_is_what_each_of_its_skills_meets(taxonomy):
    requirements = [r for role in taxonomy.roles.values() for r in role.requirements if r.signal not in ("title", "role")]
    unknown = Requirement("unknown", "Unknown", "nice", 1.0, "r", "a", any_of=("not-a-skill", "python"), n_of=1)
    requirements += [unknown, replace(unknown, id="unknown-only", any_of=("not-a-skill",))]
    met = 0
    for req in requirements:
        meets = _meeting(req, taxonomy)
        for other in requirements:
            assert meets(other) == meets_as_written(req, other, taxonomy), (req.id, other.id)
            met += meets(other)
    assert 0 < met < len(requirements) ** 2


# parts of any kind the sums meet: a requirement twice, weights and credits of awkward sums,
# credits of -0.0 and of an int, caps of an int or a float of the same value
PARTS = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c", "d", "e"]),
        st.sampled_from([0.0, 0.1, 0.2, 0.3, 1.0, 1.5, 2.0, 3.0, 1e-17, 7]),
        st.sampled_from([0, 0.0, -0.0, 0.1, 0.25, 1 / 3, 0.7, 1.0]),
        st.sampled_from([None, None, 20.0, 20, 40, 40.0, 33.3]),
    ),
    max_size=14,
)


@settings(max_examples=500, deadline=None)
@given(parts=PARTS, granted=st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), max_size=8))
def test_a_running_score_is_the_score_with_what_is_granted_so_far(parts, granted):
    running = _Running(parts)
    assert repr(running.grant()) == repr(score_with(parts))
    assert repr(running.sums()) == repr(_sums(parts, (), ""))
    for count in range(1, len(granted) + 1):
        assert repr(running.grant(granted[count - 1])) == repr(score_with(parts, set(granted[:count])))
        assert repr(running.sums()) == repr(_sums(parts, set(granted[:count]), ""))
    fresh = _Running(parts)
    assert repr(fresh.grant(*granted)) == repr(score_with(parts, set(granted)))
