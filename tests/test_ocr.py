"""Scans and photos read by OCR: the same lines as the text layer would give, the answer says so,
and every limit (on/off, pages, time, pixels) holds."""

from __future__ import annotations

import fcntl
import hashlib
import os
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

import builders
import pytest

from service import create_app
from service.budget import time_budget
from service.documents import OcrLimits, ocr, read_document
from service.documents.ocr import MODEL_FILE, MODEL_SHA256, OCR_MAX_SIDE, image_frames, scanned_pages, tessdata
from service.documents.pdfium import read_pdf_pdfium
from service.exceptions import DocumentTooComplex, DocumentTooLarge, EmptyDocument, UnsupportedMediaType

LIMITS = {"max_bytes": 20 * 1024 * 1024, "max_pages": 30, "max_characters": 200_000}
EXPECTED = ["Experience", "Machine Learning Engineer, Acme Corp (Jan 2020 - Present)", "Education", "Skills"]


def lines(document) -> list[str]:
    return [line.text for line in document.lines]


def test_the_model_loads_with_the_first_scan_not_with_the_engine():
    code = "import sys; from service.engine import make_engine; from service.config import settings; "
    code += "make_engine({**settings(), 'SPACY_MODEL': 'blank:en'}); assert 'tesserocr' not in sys.modules"
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root, env=env)


def test_the_model_is_tessdata_fasts_own():
    assert hashlib.sha256((tessdata() / MODEL_FILE).read_bytes()).hexdigest() == MODEL_SHA256


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_a_scanned_pdf_reads_as_its_text_would(reader):
    document = read_document(builders.scanned_pdf(), pdf_reader=reader, ocr=OcrLimits(), **LIMITS)
    assert document.ocr and any("OCR" in warning for warning in document.warnings)
    assert all(line in lines(document) for line in EXPECTED), lines(document)


@pytest.mark.parametrize(("format", "media_type"), [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("TIFF", "image/tiff")])
def test_images_are_read(format, media_type):
    document = read_document(builders.image_bytes(format=format), ocr=OcrLimits(), **LIMITS)
    assert document.media_type == media_type and document.ocr
    assert all(line in lines(document) for line in EXPECTED), lines(document)


def test_a_sideways_phone_photo_is_turned_upright():
    photo = builders.page_image().rotate(90, expand=True)
    exif = photo.getexif()
    exif[0x0112] = 6  # orientation: stored turned a quarter left, shown turned a quarter right
    document = read_document(builders.image_bytes(photo, "JPEG", exif=exif), ocr=OcrLimits(), **LIMITS)
    assert "Experience" in lines(document)


def test_ocr_off_refuses_as_before():
    with pytest.raises(EmptyDocument, match="OCR is off"):
        read_document(builders.scanned_pdf(), ocr=OcrLimits(enabled=False), **LIMITS)
    with pytest.raises(UnsupportedMediaType):
        read_document(builders.image_bytes(), ocr=None, **LIMITS)


def test_pages_past_the_limit_are_left_out_with_a_warning():
    document = read_document(builders.scanned_pdf(pages=3), ocr=OcrLimits(max_pages=2), **LIMITS)
    assert {line.page for line in document.lines} == {1, 2}
    assert any("1 more scanned pages" in warning for warning in document.warnings)


def test_an_image_bomb_is_refused_before_it_is_decoded():
    with pytest.raises(DocumentTooLarge, match="pixel"):
        read_document(builders.huge_png_header(), ocr=OcrLimits(), **LIMITS)


def test_ocr_has_its_own_time_budget():
    with pytest.raises(DocumentTooComplex, match="OCR"):
        read_document(builders.scanned_pdf(pages=2), ocr=OcrLimits(seconds=0.001), **LIMITS)


def test_the_answer_says_it_was_read_by_ocr():
    client = create_app({"SPACY_MODEL": "blank:en"}).test_client()
    response = client.post("/v1/analyses", data={"resume": (__import__("io").BytesIO(builders.image_bytes()), "photo.png")})
    assert response.status_code == 200, response.get_data(as_text=True)
    answer = response.get_json()
    assert answer["document"]["ocr"] is True and answer["document"]["media_type"] == "image/png"
    assert any("OCR" in warning for warning in answer["warnings"])
    assert any(role["score"] > 0 for role in answer["roles"])
    off = create_app({"SPACY_MODEL": "blank:en", "OCR": False}).test_client()
    response = off.post("/v1/analyses", data={"resume": (__import__("io").BytesIO(builders.image_bytes()), "photo.png")})
    assert response.status_code == 415


def test_one_page_stops_at_the_ocr_budget_too():
    with pytest.raises(DocumentTooComplex, match="OCR"):
        read_document(builders.image_bytes(), ocr=OcrLimits(seconds=0.001), **LIMITS)


def test_a_large_photo_is_read_at_page_resolution_while_decoded():
    frames, left_out = image_frames(builders.page_photo(7000), OcrLimits())
    ((page, image, dpi),) = frames
    assert (page, left_out, image.mode, image.size) == (1, 0, "L", (3500, 3500))  # a JPEG decoded at 1/2
    assert dpi == 100  # the assumed 200 dpi, halved: positions stay where the whole photo puts them
    document = read_document(builders.page_photo(7000), ocr=OcrLimits(), **LIMITS)
    assert all(line in lines(document) for line in EXPECTED), lines(document)


def test_the_largest_png_is_reduced_by_a_whole_factor():
    side = builders.largest_image_side(OcrLimits().max_image_pixels)
    ((_, image, dpi),) = image_frames(builders.page_photo(side, "PNG"), OcrLimits())[0]
    assert image.mode == "L" and image.size == (-(-side // 3),) * 2 and max(image.size) <= OCR_MAX_SIDE
    assert dpi == pytest.approx(200 * image.width / side)


def test_a_large_sideways_photo_is_reduced_and_turned_upright():
    photo = builders.page_image(dpi=400).rotate(90, expand=True)  # 4400 x 3400 as stored
    exif = photo.getexif()
    exif[0x0112] = 6
    ((_, image, _),) = image_frames(builders.image_bytes(photo, "JPEG", exif=exif), OcrLimits())[0]
    assert image.size == (1700, 2200)
    document = read_document(builders.image_bytes(photo, "JPEG", exif=exif), ocr=OcrLimits(), **LIMITS)
    assert all(line in lines(document) for line in EXPECTED), lines(document)


def test_large_tiff_pages_are_reduced_whatever_their_mode():
    page = builders.page_image(dpi=400)  # 3400 x 4400
    data = builders.image_bytes(page.convert("1"), "TIFF", save_all=True, append_images=[page, page.convert("P")])
    frames, _ = image_frames(data, OcrLimits())
    assert [(image.mode, image.size) for _, image, _ in frames] == [("L", (1700, 2200))] * 3


def test_a_poster_sized_scanned_page_renders_within_the_pages_resolution():
    data = builders.scanned_pdf(page_format=(30 * 72, 30 * 72))  # 30 inches square: 6000 pixels at 200 dpi
    document = read_pdf_pdfium(data, 30, 200_000)
    ((_, image, dpi),), _ = scanned_pages(data, document, OcrLimits())
    assert max(image.size) <= OCR_MAX_SIDE and image.mode == "L"
    assert dpi == pytest.approx((OCR_MAX_SIDE - 1) / 30)
    ((_, letter, letter_dpi),), _ = scanned_pages(builders.scanned_pdf(), read_pdf_pdfium(builders.scanned_pdf(), 30, 200_000), OcrLimits())
    assert letter.size == (1700, 2200) and letter_dpi == 200  # a page of paper size: as before


@pytest.fixture()
def lock_folder(monkeypatch, tmp_path):
    """Large decodes locked in a folder of the test's own, and 'large' from 10 MB: a colour page
    (1700 x 2200, 5 bytes a pixel) is large, a gray one (2 bytes a pixel) is not."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(ocr, "LARGE_DECODE_BYTES", 10_000_000)
    return tmp_path


@contextmanager
def another_process_decoding(folder):
    """The lock held as another worker holds it while it decodes its large image."""
    with open(folder / ocr.LOCK_FILE, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        yield


def lock_is_free(folder) -> bool:
    with open(folder / ocr.LOCK_FILE, "a") as probe:
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def colour_page(format: str = "PNG", **options) -> bytes:
    return builders.image_bytes(builders.page_image().convert("RGB"), format, **options)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(colour_page(), id="colour PNG"),
        pytest.param(colour_page("JPEG", progressive=True), id="progressive JPEG"),
        pytest.param(colour_page("TIFF", save_all=True, append_images=[builders.page_image()]), id="TIFF of two pages"),
    ],
)
def test_a_large_decode_waits_for_another_processs(lock_folder, data):
    with another_process_decoding(lock_folder):
        reading = threading.Thread(target=image_frames, args=(data, OcrLimits()))
        reading.start()
        reading.join(timeout=1.0)
        assert reading.is_alive()  # waits for the lock
    reading.join(timeout=60)
    assert not reading.is_alive()
    assert lock_is_free(lock_folder)  # and lets it go once read


def test_small_images_and_baseline_jpegs_do_not_wait(lock_folder):
    with another_process_decoding(lock_folder):
        for data in (builders.image_bytes(), colour_page("JPEG")):
            assert len(image_frames(data, OcrLimits())[0]) == 1


@pytest.mark.parametrize("thread", [False, True], ids=["alarm", "timer thread"])
def test_the_time_budget_ends_a_wait_for_the_lock_and_leaves_it_free(lock_folder, thread):
    errors = []

    def read() -> None:
        try:
            with time_budget(0.5):
                image_frames(colour_page(), OcrLimits())
        except DocumentTooComplex as error:
            errors.append(error)

    with another_process_decoding(lock_folder):
        if thread:  # a threaded server's or a Dask worker's budget
            reading = threading.Thread(target=read)
            reading.start()
            reading.join(timeout=10)
            assert not reading.is_alive()
        else:  # a sync gunicorn worker's
            read()
    assert len(errors) == 1
    assert lock_is_free(lock_folder)


def test_without_a_writable_temporary_folder_large_images_are_read_unlocked(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    monkeypatch.setattr(ocr, "LARGE_DECODE_BYTES", 10_000_000)
    ((_, image, _),) = image_frames(colour_page(), OcrLimits())[0]
    assert image.size == (1700, 2200)
