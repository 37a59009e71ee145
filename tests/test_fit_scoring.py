"""scripts/fit_scoring.py: the scoring it fits is the service's, the fit moves weight to what
tells a role's holders apart, cross-validation never scores a CV with numbers fitted on it, and
what it writes loads as a taxonomy file."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from service.analysis import Limits, analyze
from skill_taxonomy import load_taxonomy
from skill_taxonomy.fitted import parse_fitted

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
sys.path.insert(0, str(SCRIPTS))
_spec = importlib.util.spec_from_file_location("fit_scoring", SCRIPTS / "fit_scoring.py")
assert _spec is not None and _spec.loader is not None
fit_scoring = importlib.util.module_from_spec(_spec)
sys.modules["fit_scoring"] = fit_scoring  # dataclasses look their module up
_spec.loader.exec_module(fit_scoring)

ROLES = ("applied-scientist", "data-engineer", "data-scientist", "ml-engineer", "research-engineer", "research-scientist")


@pytest.fixture(scope="module")
def unfitted():
    return load_taxonomy(fitted=False)


def synthetic_cases(unfitted, n_per_role: int = 8) -> list:
    """Each role's holders hold its title and half of its other requirements; everyone meets
    every role's Python-like requirement (the first skill requirement after the title)."""
    cases = []
    for role in ROLES:
        for k in range(n_per_role):
            credits: dict[str, dict[str, float]] = {}
            for other in ROLES:
                reqs = unfitted.roles[other].requirements
                row = {req.id: 0.0 for req in reqs}
                row[reqs[1].id] = 1.0  # common to everyone
                if other == role:
                    row["title"] = 1.0 if k % 4 else 0.0
                    for req in reqs[2::2]:
                        row[req.id] = 0.9
                credits[other] = row
            cases.append(fit_scoring.Case(f"synthetic/{role}-{k}", role, [], credits, {}))
    return cases


def test_the_scores_it_fits_are_the_services(blank_nlp, unfitted):
    texts = [
        "Jane Roe\nExperience\nApplied Scientist, Example (2021 - Present)\nBuilt ranking models with PyTorch in Python for shoppers.",
        "Jane Roe\nExperience\nData Engineer, Example (2019 - Present)\nBuilt Spark and Airflow pipelines into Snowflake with SQL.",
        "Jane Roe\nEducation\nPhD in Computer Science, Example University, 2019\nPublications\nJ. Roe. Deep nets. NeurIPS 2020.",
        # a title held before, and two current jobs (the second's title beside the current one)
        "Jane Roe\nExperience\nProduct Manager, Example (2022 - Present)\nData Scientist, Sample (2018 - 2021)\nBuilt churn models in Python.",
        "Jane Roe\nExperience\nResearch Engineer, Example (2021 - Present)\nTrained LLMs.\nML Engineer, Sample (2020 - Present)\nServed models.",
        # a cap that the current title lifts, and one that holds
        "Jane Roe\nExperience\nApplied Scientist, Example Lab (2021 - Present)\nWrote papers with PyTorch on NLP.",
        "Jane Roe\nExperience\nResearcher, Example Lab (2021 - Present)\nWrote papers with PyTorch on NLP. Master of Science, 2020.",
    ]
    cases = [
        fit_scoring.case_of(f"t/{i}", "ml-engineer", [], analyze(text, nlp=blank_nlp, taxonomy=taxonomy, limits=Limits(seconds=0)).roles)
        for taxonomy in (unfitted, load_taxonomy())
        for i, text in enumerate(texts)
    ]
    n = len(texts)
    kinds = {kind for case in cases for credits in case.credits.values() for kind in [credits.get("title")]}
    assert {fit_scoring.EARLIER, fit_scoring.CONCURRENT, 1.0} <= kinds
    for taxonomy, part in ((unfitted, cases[:n]), (load_taxonomy(), cases[n:])):
        arrays = fit_scoring.role_arrays(taxonomy, part)
        titles = fit_scoring.TitleCredits(taxonomy.earlier_title_credit, taxonomy.concurrent_title_credit)
        numbers = fit_scoring.Numbers([a.prior for a in arrays], titles, [a.caps for a in arrays])
        assert fit_scoring.case_scores(arrays, numbers, np.arange(len(part))) == [c.scores for c in part]


def test_the_fit_moves_weight_to_what_tells_holders_apart(unfitted):
    cases = synthetic_cases(unfitted)
    arrays = fit_scoring.role_arrays(unfitted, cases)
    numbers = fit_scoring.fit(arrays, cases, np.arange(len(cases)), pull=0.01)
    for a, weights in zip(arrays, numbers.weights, strict=True):
        share = weights / weights.sum()
        prior = a.prior / a.prior.sum()
        common = a.ids.index(a.role.requirements[1].id)
        assert share[common] < prior[common]  # met by everyone: says nothing of the role
        # met by holders and no one else: the title (most holders) and every other requirement from the third
        own = [a.title, *range(2, len(a.ids), 2)]
        assert share[own].sum() > prior[own].sum()
        assert (weights > 0).all()
    scores = fit_scoring.case_scores(arrays, numbers, np.arange(len(cases)))
    figures = fit_scoring.figures(cases, scores)
    assert figures["ranking"]["hit_at_1"] == 1.0
    assert all(row["auc"] == 1.0 for row in figures["separation"].values())


def test_a_stronger_pull_keeps_the_weights_nearer_todays(unfitted):
    cases = synthetic_cases(unfitted, 4)
    arrays = fit_scoring.role_arrays(unfitted, cases)
    rows = np.arange(len(cases))

    def distance(pull: float) -> float:
        numbers = fit_scoring.fit(arrays, cases, rows, pull)
        return sum(
            float(np.abs(np.log(w / w.sum()) - np.log(a.prior / a.prior.sum())).sum()) for a, w in zip(arrays, numbers.weights, strict=True)
        )

    assert distance(10.0) < distance(0.01)


def test_folds_are_stratified_and_cover_every_case_once(unfitted):
    cases = synthetic_cases(unfitted, 5)
    folds = fit_scoring.folds_of(cases, 5)
    flat = sorted(int(i) for fold in folds for i in fold)
    assert flat == list(range(len(cases)))
    for fold in folds:
        assert sorted(cases[i].expected for i in fold) == sorted(ROLES)
    assert [f.tolist() for f in folds] == [f.tolist() for f in fit_scoring.folds_of(cases, 5)]


def test_cross_validation_scores_every_case_with_numbers_fitted_without_it(unfitted, monkeypatch):
    cases = synthetic_cases(unfitted, 3)
    arrays = fit_scoring.role_arrays(unfitted, cases)
    trained: list[set[int]] = []
    real_fit = fit_scoring.fit

    def recording_fit(arrays, cases, rows, pull):
        trained.append({int(i) for i in rows})
        return real_fit(arrays, cases, rows, pull)

    monkeypatch.setattr(fit_scoring, "STEPS", 20)
    monkeypatch.setattr(fit_scoring, "PULLS", (0.1,))
    monkeypatch.setattr(fit_scoring, "fit", recording_fit)
    monkeypatch.setattr(fit_scoring, "case_scores", _recording_scores(trained, fit_scoring.case_scores))
    scores, pulls = fit_scoring.cross_validate(arrays, cases, k=3)
    assert pulls == [0.1, 0.1, 0.1]
    assert all(s for s in scores)


def _recording_scores(trained: list[set[int]], real):
    def scores(arrays, numbers, rows):
        # the last fit before scoring is the outer fold's: the rows scored are none of its rows
        assert not trained[-1] & {int(i) for i in rows}
        return real(arrays, numbers, rows)

    return scores


def test_what_it_writes_loads_as_the_taxonomys_fitted_file(tmp_path, unfitted):
    cases = synthetic_cases(unfitted, 3)
    arrays = fit_scoring.role_arrays(unfitted, cases)
    monkey_steps = fit_scoring.STEPS
    fit_scoring.STEPS = 30
    try:
        numbers = fit_scoring.fit(arrays, cases, np.arange(len(cases)), 0.1)
    finally:
        fit_scoring.STEPS = monkey_steps
    figures = fit_scoring.figures(cases, fit_scoring.case_scores(arrays, numbers, np.arange(len(cases))))
    measured = {"pull": 0.1, "figures": {"cross_validated": fit_scoring._summary(figures)}}
    path = tmp_path / "fitted.yaml"
    fit_scoring.write_fitted(fit_scoring.fitted_document(arrays, cases, numbers, measured), path)
    problems: list[str] = []
    data = yaml.safe_load(path.read_text())
    source = parse_fitted(data, unfitted.roles, path.name, problems)
    assert problems == [] and source is not None and source.roles == frozenset(ROLES)
    assert data["caps"]["applied-scientist"]["applied"] > 0
