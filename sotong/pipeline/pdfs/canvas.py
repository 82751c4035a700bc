"""The fpdf2 document every public PDF is written into, and the helpers all producers share.

Its metadata is only the public title and the producer. fpdf2 always writes a creation date, so a
fixed one is set: the same input gives the same bytes, and the file says nothing about when or
where it was made.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

from fpdf import FPDF
from fpdf.enums import TextMode

from . import fonts

PRODUCER = "Sotong"
FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)
# A line box far narrower or wider than its text (a broken font's widths) must not give absurd scales.
_MIN_STRETCH, _MAX_STRETCH = 5.0, 1000.0
_DROPPED = frozenset({"Cc", "Cf", "Cs"})


def new_document(*, title: str, text: str, document: type[FPDF] = FPDF, unit: str = "pt") -> FPDF:
    """An empty document with the Korean font added for drawing *title* and *text*."""
    pdf = document(unit=unit, format="A4")
    pdf.set_title(clean_text(title).replace("\n", " ").strip())
    pdf.set_producer(PRODUCER)
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_auto_page_break(False)
    fonts.add_korean_font(pdf, title + text)
    pdf.set_font(fonts.FAMILY)
    return pdf


def to_bytes(pdf: FPDF) -> bytes:
    return bytes(pdf.output())


def clean_text(text: str) -> str:
    """*text* without control and format characters, which fonts cannot draw; lines and form feeds
    (page breaks) stay, tabs become spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "".join(char for char in text if char in "\n\f" or unicodedata.category(char) not in _DROPPED)


def invisible_line(
    pdf: FPDF, text: str, *, x: float, y: float, width: float, size: float, angle: float
) -> None:
    """Draw *text* with its baseline starting at (*x*, *y*), squeezed or stretched to *width*.

    Nobody sees it; selecting and searching the page image find it near where it is shown.
    """
    text = clean_text(text).replace("\n", " ").replace("\f", " ")
    if not text.strip():
        return
    pdf.set_font_size(max(size, 1.0))
    pdf.set_stretching(100)
    natural = pdf.get_string_width(text)
    if natural > 0 and width > 0:
        pdf.set_stretching(min(max(width / natural * 100, _MIN_STRETCH), _MAX_STRETCH))
    with pdf.local_context(text_mode=TextMode.INVISIBLE):
        if angle:
            with pdf.rotation(angle, x=x, y=y):
                pdf.text(x, y, text)
        else:
            pdf.text(x, y, text)
