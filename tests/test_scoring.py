"""Scoring: explainable arithmetic, bands, determinism and monotonicity."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service import scoring
from service.profiles import FoundSkill, Profile
from service.scoring import band_for, reads_as, score_roles
from service.signals import EducationEntry, Evidence, Publication, Signals, TitleLine
from service.titles import title_keys
from skill_taxonomy import Requirement, Role


def profile(skill_ids, taxonomy, strength=1.0, **signals) -> Profile:
    skills = [
        FoundSkill(
            s,
            taxonomy.skills[s].label,
            taxonomy.skills[s].category,
            1,
            ["experience"],
            [Evidence(f"used {s}", "experience", 1)],
            "used",
            strength,
        )
        for s in skill_ids
    ]
    return Profile(skills, Signals(name="Jane Doe", **signals))


ROLE = Role(
    "toy",
    "Toy role",
    "",
    (
        Requirement("python", "Python", "must", 3.0, "r", "a", any_of=("python",), n_of=1),
        Requirement("frameworks", "Two frameworks", "important", 2.0, "r", "a", any_of=("pytorch", "tensorflow", "jax"), n_of=2),
        Requirement("dl", "Any DL framework", "important", 2.0, "r", "a", any_of=("deep-learning-framework",), n_of=1),
        Requirement("years", "Four years", "nice", 1.0, "r", "a", signal="experience_years", minimum=4),
        Requirement("phd", "PhD", "must", 4.0, "r", "a", signal="degree", minimum="doctorate"),
    ),
)


def test_score_is_recomputable_from_the_parts(taxonomy):
    p = profile(
        ["python", "pytorch"],
        taxonomy,
        experience_years=2.0,
        education=[EducationEntry("doctorate", True, None, None, None, "PhD student", 1)],
    )
    fit = score_roles(p, [ROLE], taxonomy)[0]
    credits = {r.requirement.id: r.credit for r in fit.matched}
    # python 1, frameworks 1 of 2, dl (PyTorch is a deep-learning framework) 1, years 2/4, PhD in progress 0.75
    assert credits == {"python": 1.0, "frameworks": 0.5, "dl": 1.0, "years": 0.5, "phd": 0.75}
    earned = 3 * 1 + 2 * 0.5 + 2 * 1 + 1 * 0.5 + 4 * 0.75
    assert fit.possible == 12.0 and fit.earned == earned
    assert fit.score == round(100 * earned / 12, 1) and fit.band == "strong"
    assert sum(r.earned for r in fit.matched) == fit.earned
    assert fit.missing == []


def test_missing_requirements_most_important_first(taxonomy):
    fit = score_roles(profile([], taxonomy), [ROLE], taxonomy)[0]
    assert [r.requirement.id for r in fit.missing] == ["phd", "python", "dl", "frameworks", "years"]
    assert fit.score == 0.0 and fit.band == "weak"


def test_bands():
    assert [band_for(s) for s in (100, 75, 74.9, 50, 49.9, 25, 24.9, 0)] == [
        "strong",
        "strong",
        "good",
        "good",
        "partial",
        "partial",
        "weak",
        "weak",
    ]


def test_roles_sorted_best_first_ties_by_id(taxonomy):
    other = Role("another", "Another", "", ROLE.requirements)
    fits = score_roles(profile(["python"], taxonomy), [ROLE, other], taxonomy)
    assert [f.role.id for f in fits] == ["another", "toy"]


def test_signal_requirements(taxonomy):
    pubs = [Publication("p", "NeurIPS", 2020, True, True, False, 1), Publication("q", None, 2021, False, False, False, 1)]
    p = profile([], taxonomy, publications=pubs, deployment=[Evidence("Deployed on Kubernetes", "experience", 1)])
    research = taxonomy.roles["research-scientist"]
    fit = score_roles(p, [research], taxonomy)[0]
    credits = {r.requirement.id: r.credit for r in fit.matched}
    assert credits["first-author"] == 1.0
    assert credits["publications"] == round(2 / 3, 4)
    deployed = next(r for r in score_roles(p, [taxonomy.roles["ml-engineer"]], taxonomy)[0].matched if r.requirement.signal == "deployment")
    assert deployed.credit == 1.0 and deployed.evidence == [Evidence("Deployed on Kubernetes", "experience", 1)]


skill_sets = st.lists(
    st.sampled_from(
        sorted(
            {
                s
                for role in ("ml-engineer", "data-scientist", "research-engineer", "data-engineer")
                for s in [
                    "python",
                    "pytorch",
                    "docker",
                    "kubernetes",
                    "sql",
                    "pandas",
                    "mlflow",
                    "airflow",
                    "apache-spark",
                    "gpu",
                    "deepspeed",
                    "statistics",
                    "ab-testing",
                    "fastapi",
                    "aws",
                    "ci-cd",
                    "go",
                    "cpp",
                    "tableau",
                    "kafka",
                    "snowflake",
                    "etl",
                    "machine-learning",
                ]
            }
        )
    ),
    max_size=12,
    unique=True,
)


@settings(max_examples=60, deadline=None)
@given(base=skill_sets, extra=skill_sets)
def test_monotone_adding_skills_never_lowers_a_score(taxonomy, base, extra):
    roles = list(taxonomy.roles.values())
    before = {f.role.id: f.score for f in score_roles(profile(base, taxonomy), roles, taxonomy)}
    after = {f.role.id: f.score for f in score_roles(profile(sorted(set(base) | set(extra)), taxonomy), roles, taxonomy)}
    assert all(after[role] >= before[role] for role in before)


@settings(max_examples=30, deadline=None)
@given(skills=skill_sets, years=st.one_of(st.none(), st.floats(min_value=0, max_value=40)))
def test_deterministic_same_profile_same_answer(taxonomy, skills, years):
    roles = list(taxonomy.roles.values())
    first = score_roles(profile(skills, taxonomy, experience_years=years), roles, taxonomy)
    second = score_roles(copy.deepcopy(profile(list(reversed(skills)), taxonomy, experience_years=years)), roles, taxonomy)
    assert [(f.role.id, f.score, [r.requirement.id for r in f.missing]) for f in first] == [
        (f.role.id, f.score, [r.requirement.id for r in f.missing]) for f in second
    ]


@pytest.mark.parametrize(
    ("line", "held"),
    [
        ("Senior Data Scientist - Acme (2019 - Present)", True),
        ("Acme Corp | Lead Data Scientists", True),
        ("Worked as a Data Analyst at Initech", True),
        ("I am a data scientist at a bank", True),
        ("Oracle DBA", True),
        ("Collaborated with data scientists on churn models", False),
        ("Aspiring data scientist looking for roles", False),
    ],
)
def test_job_titles_count_only_as_titles(taxonomy, line, held):
    role = taxonomy.roles["data-scientist"] if "DBA" not in line else taxonomy.roles["data-engineer"]
    p = profile([], taxonomy, title_lines=[TitleLine(line, "experience", 1)])
    fit = score_roles(p, [role], taxonomy)[0]
    assert any(r.requirement.id == "title" for r in fit.matched) is held


def test_how_a_skill_is_named_sets_its_credit(taxonomy):
    listed = score_roles(profile(["python", "pytorch"], taxonomy, strength=0.75), [ROLE], taxonomy)[0]
    credits = {r.requirement.id: r.credit for r in listed.matched}
    assert credits["python"] == 0.75 and credits["frameworks"] == 0.375 and credits["dl"] == 0.75


def test_partly_met_requirements_carry_their_advice(blank_nlp, taxonomy):
    from service.analysis import Limits, analyze

    role = Role(
        ROLE.id, ROLE.title, "", tuple(replace(r, reason=f"{r.label} counts.", advice=f"Show {r.label}.") for r in ROLE.requirements)
    )
    resume = "Jane Doe\nExperience\nData Scientist, Acme (2015 - 2020)\nBuilt PyTorch models in Python."
    answer = analyze(resume, nlp=blank_nlp, taxonomy=taxonomy, limits=Limits(seconds=0), custom_roles=[role]).as_dict()
    fit = next(r for r in answer["roles"] if r["id"] == "toy")
    credits = {r["id"]: r["credit"] for r in fit["matched"]}
    assert credits["years"] == 1.0 and credits["python"] < 1 and credits["frameworks"] < 1
    # a partly met requirement says how to close the rest; a fully met one needs no advice
    assert {r["id"]: r.get("advice") for r in fit["matched"]} == {
        r["id"]: (f"Show {r['label']}." if r["credit"] < 1 else None) for r in fit["matched"]
    }
    assert [(r["id"], r["reason"], r["advice"]) for r in fit["missing"]] == [("phd", "PhD counts.", "Show PhD.")]


def test_skill_strength_levels():
    from service.profiles import skill_strength

    assert skill_strength(["listed", "used"], used_lines=2) == ("used", 1.0)
    assert skill_strength(["used"], used_lines=1) == ("used", 0.9)
    assert skill_strength(["weak", "listed"], used_lines=0) == ("listed", 0.75)
    assert skill_strength(["weak"], used_lines=0) == ("weak", 0.5)


CAPPED = Role(
    "capped",
    "Capped role",
    "",
    (
        Requirement("python", "Python", "must", 3.0, "r", "a", any_of=("python",), n_of=1),
        Requirement("pytorch", "PyTorch", "must", 3.0, "r", "a", any_of=("pytorch",), n_of=1),
        Requirement("applied", "ML applied", "must", 1.0, "r", "a", signal="applied", minimum=1, cap=40.0),
    ),
)


def test_a_missing_requirement_with_a_cap_holds_the_score_to_it(taxonomy):
    # Python and PyTorch earn 6 of 7 points (85.7), but without the capping requirement the role
    # is held at 40; the answer says which requirement holds it.
    fit = score_roles(profile(["python", "pytorch"], taxonomy), [CAPPED], taxonomy)[0]
    assert round(100 * fit.earned / fit.possible, 1) == 85.7
    assert fit.score == 40.0 and fit.band == "partial"
    assert fit.capped_by is not None and fit.capped_by.requirement.id == "applied"
    # under the cap the score is plain coverage, and nothing is said of a cap
    low = score_roles(profile([], taxonomy), [CAPPED], taxonomy)[0]
    assert low.score == 0.0 and low.capped_by is None
    # met, the cap is gone
    applied = [Evidence("Built churn models for our customers.", "experience", 1)]
    met = score_roles(profile(["python", "pytorch"], taxonomy, applied=applied), [CAPPED], taxonomy)[0]
    assert met.score == 100.0 and met.capped_by is None


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(["engineer", "scientist", "data", "ml", "c++", "dev.ops", "research", "lead", " ", "-"]), max_size=8))
def test_a_line_holds_a_title_key_as_a_substring(taxonomy, words):
    line = " ".join(words)
    for titles in [role.titles for role in taxonomy.roles.values()] + [("C++ Dev.Ops",)]:
        keys = {title.split()[-1].lower() for title in titles}
        assert (title_keys(titles).search(line) is not None) == any(key in line for key in keys)


@pytest.mark.parametrize("title", ["Senior Data Scientist, Acme (2021 - present)", "Research Engineer at Acme, 2022 - now", "Barista"])
def test_the_callers_reading_scores_as_reading_again(taxonomy, title):
    p = profile(["python", "pytorch"], taxonomy, title_lines=[TitleLine(title, "experience", 1, recent=True)])
    built_in = list(taxonomy.roles.values())
    reading = reads_as(p, built_in, taxonomy.lexicon.seniority)
    summary = lambda fits: [(f.role.id, f.score, [(r.requirement.id, r.credit, r.title_kind) for r in f.results]) for f in fits]  # noqa: E731
    assert summary(score_roles(p, built_in, taxonomy, reading)) == summary(score_roles(p, built_in, taxonomy))
    # a role of the request's own is read again with the taxonomy's: its title may be the one the line holds
    own = replace(taxonomy.roles["data-scientist"], id="own-data-scientist")
    assert summary(score_roles(p, [own], taxonomy, reading)) == summary(score_roles(p, [own], taxonomy))


def every_title_text(lines, roles):
    """Every title line as `_title_in` reads it, none left out."""
    return [(line, text, text.lower()) for line in lines for text in [scoring.DOTTED_PHD.sub("PhD", line.text)]]


UNTITLED = Role("untitled", "Untitled role", "", (Requirement("title", "Title", "important", 2.0, "r", "a", signal="title"),))
FRAGMENTS = [
    *["Senior", "Lead", "Data", "Machine Learning", "ML", "Research", "Applied", "Software", "Principal", "Ph.D.", "PhD", "Ph. D."],
    *["Scientist", "Engineer", "Analyst", "Intern", "Student", "Developer", "scientists", "ENGINEER", "Acme", "Barista"],
    *[",", "-", "|", "(AI)", "2021 - present", "as a", "at", "Manager", "Postdoc", "candidate"],
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(data=st.data(), untitled=st.booleans())
def test_title_lines_without_a_title_word_are_left_out_of_no_answer(taxonomy, data, untitled):
    roles = [*taxonomy.roles.values(), *([UNTITLED] if untitled else [])]
    fragments = st.sampled_from([*FRAGMENTS, *(title for role in roles for title in role.titles)])
    lines = data.draw(st.lists(st.tuples(st.lists(fragments, min_size=1, max_size=7), st.booleans(), st.booleans()), max_size=5))
    signals = {
        "title_lines": [TitleLine(" ".join(words), "experience" if job else "header", 1, recent=recent) for words, recent, job in lines]
    }
    p = profile(["python"], taxonomy, **signals)
    # a posting asking for a built-in role reads the title lines for that role too
    posting = [
        Role("posting", "Posting", "", (Requirement("fits", "Fits", "must", 1.0, "r", "a", signal="role", minimum=role.id),), ("Barista",))
        for role in roles[:1]
    ]

    def answers():
        return score_roles(p, roles, taxonomy), score_roles(p, posting, taxonomy), reads_as(p, roles, taxonomy.lexicon.seniority)

    fast = answers()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scoring, "_title_texts", every_title_text)
        assert fast == answers()


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from([*FRAGMENTS, "Ph.", "D", "D.", "Ph.D", "Ph .D", "Ph.\tD", "ph.d.", "Ph.\u00a0D"]), max_size=6))
def test_a_title_line_reads_as_every_line_is_read(taxonomy, words):
    lines = [TitleLine(separator.join(words), "experience", 1) for separator in (" ", "")]
    everything = [UNTITLED, *taxonomy.roles.values()]  # a role without titles: no line is left out
    assert [text for _, text, _ in scoring._title_texts(lines, everything)] == [text for _, text, _ in every_title_text(lines, everything)]


def title_results(fits):
    return [(f.role.id, f.score, [(r.requirement.id, r.credit, r.title_kind, r.evidence) for r in f.results]) for f in fits]


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_what_one_reading_of_the_title_lines_found_answers_the_next_as_reading_afresh(taxonomy, data):
    roles = list(taxonomy.roles.values())
    fragments = st.sampled_from([*FRAGMENTS, *(title for role in roles for title in role.titles)])
    lines = data.draw(st.lists(st.lists(fragments, min_size=1, max_size=6), min_size=1, max_size=4))
    # each line in lower case too: a qualifier then reads as one by the seniority words alone
    texts = [text for words in lines for text in (" ".join(words), " ".join(words).lower())]
    signals = Signals(name=None, title_lines=[TitleLine(text, "experience", 1, recent=True) for text in texts])
    shared = Profile([], signals)
    # readings of the same lines for other roles and other seniority words, one after another
    for _ in range(3):
        chosen = data.draw(st.lists(st.sampled_from(roles), min_size=1, max_size=4, unique_by=lambda role: role.id))
        seniority = data.draw(st.sampled_from([taxonomy.lexicon.seniority, "senior|lead", "junior|data"]))
        fresh = Profile([], signals)
        assert reads_as(shared, chosen, seniority) == reads_as(fresh, chosen, seniority)
        assert title_results(score_roles(shared, chosen, taxonomy)) == title_results(score_roles(Profile([], signals), chosen, taxonomy))


def test_a_title_line_is_read_again_for_other_seniority_words_and_in_other_case(taxonomy):
    roles = list(taxonomy.roles.values())
    junior = Signals(name=None, title_lines=[TitleLine("junior data scientist", "experience", 1, recent=True)])
    shared = Profile([], junior)
    assert reads_as(shared, roles, "senior") is None  # "junior" qualifies no title then
    again = reads_as(shared, roles, taxonomy.lexicon.seniority)
    assert again is not None and again == reads_as(Profile([], junior), roles, taxonomy.lexicon.seniority)
    # "Acme" qualifies the title where it is capitalised, so the highlight starts on it: what was
    # found in one line answers nothing of the same line in other case
    found: dict = {}
    for text in ("Acme data scientist", "acme data scientist"):
        alone = Signals(name=None, title_lines=[TitleLine(text, "experience", 1, recent=True)])
        sharing = Profile([], alone)
        sharing.titles_found = found
        assert reads_as(sharing, roles, taxonomy.lexicon.seniority) == reads_as(Profile([], alone), roles, taxonomy.lexicon.seniority)


def plain_evaluate(req, taxonomy, resume):
    """`_evaluate` of a skill requirement as it reads without its shortcuts: every listed skill
    looked up, every skill of the profile weighed for evidence."""
    profile, members = resume.profile, resume.members
    by_listed, best = {}, {}
    for listed in dict.fromkeys(req.any_of):
        for skill in members.get(listed, []):
            by_listed.setdefault(listed, []).append(skill.id)
            best[listed] = max(best.get(listed, 0.0), skill.strength)
    matched = sorted({skill_id for ids in by_listed.values() for skill_id in ids})
    top = sorted(best.values(), reverse=True)[: req.n_of]
    credit = min(sum(top) / req.n_of, 1.0) if req.n_of else 0.0
    evidence = [e for skill in profile.skills if skill.id in matched for e in skill.evidence[:1]]
    labels = [taxonomy.skills[skill_id].label for skill_id in matched]
    detail = f"{len(by_listed)} of {req.n_of} needed: {', '.join(labels)}" if req.n_of > 1 else ", ".join(labels)
    return scoring.RequirementResult(req, round(credit, 4), matched, evidence[: scoring.MAX_REQUIREMENT_EVIDENCE], detail)


@settings(max_examples=100, deadline=None)
@given(skills=skill_sets, strength=st.sampled_from([1.0, 0.75, 0.5]))
def test_skill_requirements_are_met_as_every_listed_skill_would_meet_them(taxonomy, skills, strength):
    roles = [*taxonomy.roles.values(), ROLE]
    fast = score_roles(profile(skills, taxonomy, strength), roles, taxonomy)
    evaluate = scoring._evaluate
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scoring, "_evaluate", lambda req, t, r: evaluate(req, t, r) if req.signal else plain_evaluate(req, t, r))
        plain = score_roles(profile(skills, taxonomy, strength), roles, taxonomy)
    assert [(f.role.id, f.results) for f in fast] == [(f.role.id, f.results) for f in plain]


@settings(max_examples=300, deadline=None)
@given(score=st.one_of(st.floats(min_value=-10, max_value=110), st.sampled_from([0, 25, 50, 75, -0.0, 24.99999999999, float("nan")])))
def test_a_score_falls_in_the_first_band_whose_floor_it_reaches(score):
    first = next((name for floor, name in scoring.BANDS if score >= floor), None)
    if first is None:
        with pytest.raises(StopIteration):
            band_for(score)
    else:
        assert band_for(score) == first
