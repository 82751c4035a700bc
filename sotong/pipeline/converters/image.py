"""Scanned pages sent as pictures: PNG, JPEG and TIFF (every frame of a multi-page TIFF).

An image has no text layer, so it is always read by OCR, or refused with ``needs_ocr`` when
Tesseract is missing. Every frame's size is checked from the headers before any is decoded.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pymupdf

from . import scans
from .base import Converted, Converter, Handles
from .errors import CORRUPT_FILE, ExtractionError
from .ocr import require_tesseract

# Content first: stored originals have no extension, and MuPDF would otherwise guess by name.
_KINDS = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)


def convert(path: Path, *, environ: Mapping[str, str] | None = None) -> Converted:
    """*environ* is where Tesseract is looked up (``ocr.find_tesseract``); the process's by default."""
    kind = _kind(path)
    try:
        document = pymupdf.open(path, filetype=kind)
    except (RuntimeError, ValueError) as exc:  # pymupdf.FileDataError is a RuntimeError
        raise ExtractionError(CORRUPT_FILE, format=kind.upper()) from exc
    with document:
        for page in document.pages():
            scans.refuse_huge_images(page)
        tesseract = require_tesseract(environ)
        texts = [scans.read_image_page(page, tesseract) for page in document.pages()]
        return Converted(text="\n".join(texts), pages=document.page_count, ocr=True)


def _kind(path: Path) -> str:
    with path.open("rb") as stream:
        head = stream.read(8)
    for magic, kind in _KINDS:
        if head.startswith(magic):
            return kind
    raise ExtractionError(CORRUPT_FILE, format="PNG/JPEG/TIFF")


CONVERTER = Converter(
    name="image",
    handles=Handles(
        extensions=frozenset({"png", "jpg", "jpeg", "jpe", "tif", "tiff"}),
        mime_types=frozenset({"image/png", "image/jpeg", "image/pjpeg", "image/tiff"}),
        score=10,
        magic=tuple(magic for magic, _ in _KINDS),
    ),
    convert=convert,
)
