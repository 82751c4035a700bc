"""Rebuilding a redacted PDF from pictures of its pages and the text left on them.

Only two things cross from the source into the new file: each page's pixels, rendered after the
redaction, and the text still on the page, drawn invisibly over the picture so that it can be
selected and searched. Fonts, objects, metadata, forms, scripts and anything else a PDF can carry
stay behind.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pymupdf
from fpdf import FPDF
from PIL import Image, ImageChops

from .canvas import invisible_line, new_document, to_bytes
from .locate import TEXT_FLAGS

RASTER_DPI = 150
# One page picture in memory at a time: A4 at 150 dpi is 2.2 million pixels, A0 33 million.
MAX_RASTER_PIXELS = 40_000_000
JPEG_QUALITY = 80
# Pages mostly covered by pictures (photos, scans) are smaller as JPEG; text and line art stay
# sharp as lossless (Flate) pixels, which also compress best for them.
PHOTO_COVER = 0.25
_POINTS_PER_INCH = 72


@dataclass(frozen=True)
class _Line:
    text: str
    x: float
    y: float
    width: float
    size: float
    angle: float


def flattened_pdf(document: pymupdf.Document, *, title: str) -> bytes:
    """A new PDF of *document*'s pages as pictures, each with its remaining text invisible on top."""
    pages = [(page.rect, list(_lines(page))) for page in document.pages()]
    text = "".join(line.text for _, lines in pages for line in lines)
    pdf = new_document(title=title, text=text)
    for page, (rect, lines) in zip(document.pages(), pages, strict=True):
        add_picture_page(pdf, _picture(page), width=rect.width, height=rect.height)
        for line in lines:
            invisible_line(
                pdf, line.text, x=line.x, y=line.y, width=line.width, size=line.size, angle=line.angle
            )
    return to_bytes(pdf)


def add_picture_page(pdf: FPDF, picture: Image.Image | io.BytesIO, *, width: float, height: float) -> None:
    pdf.add_page(format=(width, height))
    pdf.image(picture, x=0, y=0, w=width, h=height)


def _picture(page: pymupdf.Page) -> Image.Image | io.BytesIO:
    inches = (page.rect.width / _POINTS_PER_INCH) * (page.rect.height / _POINTS_PER_INCH)
    dpi = min(RASTER_DPI, int(math.sqrt(MAX_RASTER_PIXELS / max(inches, 1e-6))))
    pixmap = page.get_pixmap(dpi=max(dpi, 1), alpha=False)
    if _image_cover(page) >= PHOTO_COVER:
        return io.BytesIO(pixmap.tobytes("jpeg", jpg_quality=JPEG_QUALITY))
    return grey_if_neutral(Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples))


def grey_if_neutral(picture: Image.Image) -> Image.Image:
    """*picture* in one channel if it has no colour: a third the pixels to store."""
    red, green, blue = picture.split()
    if ImageChops.difference(red, green).getbbox() or ImageChops.difference(green, blue).getbbox():
        return picture
    return red


def _image_cover(page: pymupdf.Page) -> float:
    area = page.rect.get_area()
    images = sum(pymupdf.Rect(info["bbox"]).get_area() for info in page.get_image_info())
    return images / area if area > 0 else 0.0


def _lines(page: pymupdf.Page) -> Iterator[_Line]:
    """The page's text lines in the coordinates of the page as shown (rotation applied)."""
    layout: dict[str, Any] = page.get_text("dict", flags=TEXT_FLAGS)
    rotation = page.rotation_matrix
    for block in layout["blocks"]:
        for line in block.get("lines", ()):
            spans = line["spans"]
            text = "".join(span["text"] for span in spans)
            bbox = pymupdf.Rect(line["bbox"]) * rotation
            if not text.strip() or not spans or not bbox.intersects(page.rect):
                continue
            origin = pymupdf.Point(spans[0]["origin"])
            start = origin * rotation
            ahead = (origin + pymupdf.Point(line["dir"])) * rotation - start
            horizontal = abs(ahead.x) >= abs(ahead.y)
            yield _Line(
                text=text,
                x=start.x,
                y=start.y,
                width=bbox.width if horizontal else bbox.height,
                size=max(span["size"] for span in spans),
                angle=math.degrees(math.atan2(-ahead.y, ahead.x)),
            )
