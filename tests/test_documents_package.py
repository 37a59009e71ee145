"""The documents package: one format or concern per module, each short, and the pdfminer guard
applied only while pdfplumber reads, never on import."""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import builders
import pdfminer.pdftypes

import service.documents
from service.documents import read_document

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "service" / "documents"
MAX_MODULE_LINES = 400
LIMITS = {"max_bytes": 10 * 1024 * 1024, "max_pages": 30, "max_characters": 200_000}


def test_no_module_of_the_service_is_long():
    modules = sorted((ROOT / "service").rglob("*.py"))
    assert len(list(PACKAGE.glob("*.py"))) > 1
    lengths = {str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines()) for path in modules}
    assert {name: length for name, length in lengths.items() if length > MAX_MODULE_LINES} == {}


def test_importing_the_package_leaves_pdfminer_unpatched():
    # A fresh interpreter: in this one, other tests may already have imported everything.
    code = (
        "import zlib, pdfminer.pdftypes\n"
        "import service.documents\n"
        "assert pdfminer.pdftypes.zlib is zlib, pdfminer.pdftypes.zlib\n"
        "assert pdfminer.pdftypes.decompress_corrupted.__module__ == 'pdfminer.pdftypes'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_pdfminer_is_unpatched_after_pdfplumber_reads():
    document = read_document(builders.one_column_pdf(), pdf_reader="pdfplumber", **LIMITS)
    assert document.lines
    assert pdfminer.pdftypes.zlib is zlib
    assert pdfminer.pdftypes.decompress_corrupted.__module__ == "pdfminer.pdftypes"


def test_the_package_exports_what_other_modules_import():
    for name in service.documents.__all__:
        assert getattr(service.documents, name) is not None, name
    assert {"Document", "Line", "read_document", "sniff_media_type", "clean_text", "PDF", "DOCX", "TEXT", "MARKDOWN"} <= set(
        service.documents.__all__
    )
