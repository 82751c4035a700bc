"""PDF text layers. Scanned pages without a text layer yield no text; OCR is a later concern."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from .base import Converted, Converter, Handles
from .errors import CORRUPT_FILE, ENCRYPTED_FILE, ExtractionError

LABEL = "PDF"


def convert(path: Path) -> Converted:
    with pymupdf.open(path, filetype="pdf") as document:
        if document.needs_pass:
            raise ExtractionError(ENCRYPTED_FILE, format=LABEL)
        text = "\n".join(page.get_text() for page in document)
        # MuPDF silently rebuilds a truncated file; if nothing readable came back, the file
        # is broken rather than blank, and saying so is more useful than an empty record.
        if document.is_repaired and not text.strip():
            raise ExtractionError(CORRUPT_FILE, format=LABEL)
        return Converted(text=text, pages=document.page_count)


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
