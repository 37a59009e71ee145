"""Scans and photos read by OCR: the same lines as the text layer would give, the answer says so,
and every limit (on/off, pages, time, pixels) holds."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import builders
import pytest

from service import create_app
from service.documents import OcrLimits, read_document
from service.documents.ocr import MODEL_FILE, MODEL_SHA256, tessdata
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
