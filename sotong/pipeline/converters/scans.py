"""Pages that are pictures of text: telling them apart, and turning them into images for OCR.

Both PDF pages and image files arrive here as PyMuPDF pages (MuPDF opens PNG, JPEG and TIFF as
documents, one page per TIFF frame), so one set of rules covers both.
"""

from __future__ import annotations

import math

import pymupdf

from .errors import IMAGE_TOO_LARGE, ExtractionError
from .ocr import Tesseract

OCR_DPI = 300
# One page image held in memory at once: an A4 page is 8.7 million pixels at 300 dpi and an A3
# page 70 million at 600 dpi. Image headers give their size before anything is decoded, so a
# small file that declares a huge picture (a decompression bomb) is refused without decoding it.
MAX_PIXELS = 100_000_000
# A page with fewer characters than this has no real text layer: a scanner's stamp or a page
# number ("- 3 -") is often all there is on a scan.
MIN_TEXT_CHARS = 20
# Images must cover this share of the page, so a blank page with a small logo is not a "scan".
MIN_IMAGE_COVER = 0.25
_POINTS_PER_INCH = 72


def is_scan(page: pymupdf.Page, text: str) -> bool:
    """True for a page with (almost) no extractable text whose area is mostly images."""
    if _text_chars(text) >= MIN_TEXT_CHARS:
        return False
    return _image_cover(page) >= MIN_IMAGE_COVER


def read_pdf_page(page: pymupdf.Page, tesseract: Tesseract) -> str:
    """OCR a PDF page rendered at 300 dpi, or less for a page too big to render at that."""
    refuse_huge_images(page)
    inches = (page.rect.width / _POINTS_PER_INCH) * (page.rect.height / _POINTS_PER_INCH)
    dpi = min(OCR_DPI, int(math.sqrt(MAX_PIXELS / max(inches, 1e-6))))
    pixmap = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    return tesseract.read(pixmap.tobytes("pgm"), dpi=dpi)


def read_image_page(page: pymupdf.Page, tesseract: Tesseract) -> str:
    """OCR an image file's page at its own pixel size; resampling would only lose detail.

    Call ``refuse_huge_images`` first: this decodes the whole picture.
    """
    (info,) = page.get_image_info()
    zoom = pymupdf.Matrix(info["width"] / page.rect.width, info["height"] / page.rect.height)
    pixmap = page.get_pixmap(matrix=zoom, colorspace=pymupdf.csGRAY, alpha=False)
    # Files without a resolution say 72 or 96 dpi; Tesseract's guesses are worse below 70.
    return tesseract.read(pixmap.tobytes("pgm"), dpi=max(int(info["xres"]), 70))


def _text_chars(text: str) -> int:
    # U+FFFD is what MuPDF gives for glyphs it cannot map to characters: not readable text.
    return sum(1 for char in text if not char.isspace() and char != "\ufffd")


def _image_cover(page: pymupdf.Page) -> float:
    # Areas, not intersections: image boxes are unrotated and ``page.rect`` is rotated, and an
    # area is the same either way. Overlapping or off-page images may overcount; a scan is ~1.
    area = page.rect.get_area()
    images = sum(pymupdf.Rect(info["bbox"]).get_area() for info in page.get_image_info())
    return images / area if area > 0 else 0.0


def refuse_huge_images(page: pymupdf.Page) -> None:
    """Raise before anything is decoded if an image on *page* is too big to hold in memory."""
    for info in page.get_image_info():
        if info["width"] * info["height"] > MAX_PIXELS:
            raise ExtractionError(IMAGE_TOO_LARGE, limit_mp=MAX_PIXELS // 1_000_000)
