"""Public PDFs of scans sent as pictures (PNG, JPEG, TIFF) in which nothing is masked.

The pixels are decoded and encoded again, so nothing else in the file (EXIF with the camera,
place and time, XMP, comments, thumbnails) reaches the output. The OCR text lies invisibly over
each page so that the scan can be searched and selected.
"""

from __future__ import annotations

import io

import pymupdf
from fpdf import FPDF
from PIL import Image

from .canvas import clean_text, invisible_line, new_document, to_bytes
from .errors import IMAGE_TOO_LARGE, IMAGE_UNREADABLE, PDF_TOO_MANY_PAGES, PublicPdfError
from .flatten import add_picture_page, grey_if_neutral
from .result import PublicPdf
from .source import MAX_PAGES, MUPDF_ERRORS

# One frame decoded at a time; the size comes from the header, so a bomb is refused undecoded.
MAX_PIXELS = 100_000_000
DEFAULT_DPI = 200
# MuPDF reports 96 dpi for a file that gives none, and 72 or 96 is what programs write when they
# do not know; a scan is never that coarse.
MIN_TRUSTED_DPI = 100
JPEG_QUALITY = 85
_KINDS = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
_MARGIN = 18.0  # points between the invisible text and the page edge
_MAX_TEXT_SIZE = 10.0


def image_pdf(source: bytes, *, text: str, title: str) -> PublicPdf:
    """One page per frame at the image's resolution, with *text* (split at form feeds, one part
    per page; else all on the first page) invisibly on top."""
    kind = next((kind for magic, kind in _KINDS if source.startswith(magic)), None)
    if kind is None:
        raise PublicPdfError(IMAGE_UNREADABLE)
    try:
        document = pymupdf.open(stream=source, filetype=kind)
    except (RuntimeError, ValueError) as exc:  # pymupdf.FileDataError is a RuntimeError
        raise PublicPdfError(IMAGE_UNREADABLE) from exc
    with document:
        if document.page_count == 0:
            raise PublicPdfError(IMAGE_UNREADABLE)
        if document.page_count > MAX_PAGES:
            raise PublicPdfError(PDF_TOO_MANY_PAGES, pages=document.page_count, limit=MAX_PAGES)
        infos = [_image_info(page) for page in document.pages()]
        texts = _page_texts(clean_text(text), document.page_count)
        pdf = new_document(title=title, text="".join(texts))
        for page, info, page_text in zip(document.pages(), infos, texts, strict=True):
            dpi = _dpi(info)
            width, height = info["width"] * 72 / dpi[0], info["height"] * 72 / dpi[1]
            add_picture_page(pdf, _pixels(page, info, jpeg=kind == "jpeg"), width=width, height=height)
            _text_layer(pdf, page_text, width=width, height=height)
        return PublicPdf(to_bytes(pdf), tuple(texts), "image")


def _image_info(page: pymupdf.Page) -> dict:
    try:
        (info,) = page.get_image_info()
    except ValueError as exc:
        raise PublicPdfError(IMAGE_UNREADABLE) from exc
    if info["width"] <= 0 or info["height"] <= 0:
        raise PublicPdfError(IMAGE_UNREADABLE)
    if info["width"] * info["height"] > MAX_PIXELS:
        raise PublicPdfError(IMAGE_TOO_LARGE, limit_mp=MAX_PIXELS // 1_000_000)
    return info


def _dpi(info: dict) -> tuple[float, float]:
    xres, yres = info.get("xres") or 0, info.get("yres") or 0
    if xres < MIN_TRUSTED_DPI or yres < MIN_TRUSTED_DPI:
        return DEFAULT_DPI, DEFAULT_DPI
    return float(xres), float(yres)


def _pixels(page: pymupdf.Page, info: dict, *, jpeg: bool) -> Image.Image | io.BytesIO:
    """The frame's own pixels, newly encoded: JPEG stays JPEG, the rest is stored losslessly."""
    zoom = pymupdf.Matrix(info["width"] / page.rect.width, info["height"] / page.rect.height)
    try:
        pixmap = page.get_pixmap(matrix=zoom, colorspace=pymupdf.csRGB, alpha=False)
    except (*MUPDF_ERRORS, RuntimeError, ValueError) as exc:
        raise PublicPdfError(IMAGE_UNREADABLE) from exc
    if jpeg:
        return io.BytesIO(pixmap.tobytes("jpeg", jpg_quality=JPEG_QUALITY))
    return grey_if_neutral(Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples))


def _page_texts(text: str, pages: int) -> list[str]:
    parts = text.split("\f")
    if len(parts) > pages:
        parts = [*parts[: pages - 1], "\n".join(parts[pages - 1 :])]
    return parts + [""] * (pages - len(parts))


def _text_layer(pdf: FPDF, text: str, *, width: float, height: float) -> None:
    """The lines top to bottom, small enough that all of them fit on the page."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return
    margin = min(_MARGIN, width / 10, height / 10)
    step = min(_MAX_TEXT_SIZE * 1.2, (height - 2 * margin) / len(lines))
    room = width - 2 * margin
    for number, line in enumerate(lines, start=1):
        pdf.set_font_size(step / 1.2)
        pdf.set_stretching(100)
        fitted = min(pdf.get_string_width(line), room)
        invisible_line(
            pdf, line, x=margin, y=margin + number * step, width=fitted, size=step / 1.2, angle=0.0
        )
