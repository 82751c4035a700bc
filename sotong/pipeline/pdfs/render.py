"""Typeset a record's public (already masked) text as an A4 PDF.

Used for files whose public form is text only (HWP, DOCX, XLSX with masks): nothing of the
original file reaches the output, only the characters given here.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import Align, WrapMode, XPos, YPos

from . import fonts
from .canvas import clean_text, new_document, to_bytes

MARGIN = 56.7  # 20 mm, in points
TITLE_SIZE = 15.0
BODY_SIZE = 10.5
LINE_HEIGHT = BODY_SIZE * 1.6
FOOTER_SIZE = 9.0


class _NumberedPages(FPDF):
    def footer(self) -> None:
        self.set_y(-MARGIN * 0.75)
        self.set_font(fonts.FAMILY, size=FOOTER_SIZE)
        self.set_stretching(100)
        self.cell(0, FOOTER_SIZE, f"- {self.page_no()} -", align="C")


def text_pdf(text: str, *, title: str) -> bytes:
    """The title as a heading and the text below, wrapped, with page numbers; a form feed starts
    a new page. The same text and title always give the same bytes."""
    pdf = new_document(title=title, text=text, document=_NumberedPages)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.add_page()
    heading = clean_text(title).replace("\n", " ").replace("\f", " ").strip()
    if heading:
        pdf.set_font(fonts.FAMILY, size=TITLE_SIZE)
        _paragraph(pdf, heading, TITLE_SIZE * 1.4)
        pdf.ln(BODY_SIZE)
    pdf.set_font(fonts.FAMILY, size=BODY_SIZE)
    for number, page_text in enumerate(clean_text(text).split("\f")):
        if number:
            pdf.add_page()
        for paragraph in page_text.rstrip("\n").split("\n"):
            _paragraph(pdf, paragraph, LINE_HEIGHT)
    return to_bytes(pdf)


def _paragraph(pdf: FPDF, paragraph: str, height: float) -> None:
    """Wrap at spaces, as Korean is read (by 어절), unless a word is wider than the line: long
    unbroken runs (numbers, addresses, run-together Korean) then wrap at any character."""
    width = pdf.w - pdf.l_margin - pdf.r_margin
    # No glyph is wider than 1.6 em, so shorter words need no measuring.
    shortest = width / (pdf.font_size * 1.6)
    fits = all(len(word) < shortest or pdf.get_string_width(word) <= width for word in paragraph.split())
    mode = WrapMode.WORD if fits else WrapMode.CHAR
    pdf.multi_cell(
        width, height, paragraph, align=Align.L, wrapmode=mode, new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
