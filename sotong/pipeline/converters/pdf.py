"""PDF text layers, and OCR for the pages that have none (scans).

Only scanned pages go to OCR: a mixed PDF keeps the exact text of its text pages, and a text PDF
never needs Tesseract at all. When a scan cannot be read because Tesseract is missing, the whole
file is refused (``needs_ocr``) rather than published with its scanned pages silently blank.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pymupdf

from . import scans
from .base import Converted, Converter, Handles
from .errors import CORRUPT_FILE, ENCRYPTED_FILE, ExtractionError
from .ocr import require_tesseract

LABEL = "PDF"


def convert(path: Path, *, environ: Mapping[str, str] | None = None) -> Converted:
    """*environ* is where Tesseract is looked up (``ocr.find_tesseract``); the process's by default."""
    with pymupdf.open(path, filetype="pdf") as document:
        if document.needs_pass:
            raise ExtractionError(ENCRYPTED_FILE, format=LABEL)
        texts = [page.get_text() for page in document]
        scanned = [
            page.number for page, text in zip(document, texts, strict=True) if scans.is_scan(page, text)
        ]
        if scanned:
            tesseract = require_tesseract(environ)
            for number in scanned:
                texts[number] = scans.read_pdf_page(document[number], tesseract)
        text = "\n".join(texts)
        # MuPDF silently rebuilds a truncated file; if nothing readable came back, the file
        # is broken rather than blank, and saying so is more useful than an empty record.
        if document.is_repaired and not text.strip():
            raise ExtractionError(CORRUPT_FILE, format=LABEL)
        return Converted(text=text, pages=document.page_count, ocr=bool(scanned))


CONVERTER = Converter(
    name="pdf",
    handles=Handles(
        extensions=frozenset({"pdf"}),
        mime_types=frozenset({"application/pdf"}),
        score=10,
        magic=(b"%PDF-",),
    ),
    convert=convert,
)
