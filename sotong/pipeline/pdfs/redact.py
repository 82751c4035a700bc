"""Public copies of PDFs: scrubbed when nothing in them is masked, redacted and flattened otherwise.

A redacted page is never published as PDF objects: hidden text, fonts whose maps list the removed
characters, form values and metadata could all keep what the black box hides. The page is redacted
with MuPDF, checked, then rebuilt from its picture and the text left on it (``flatten.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import pymupdf

from . import locate
from .flatten import flattened_pdf
from .result import PublicPdf
from .scrub import apply_sender_redactions, can_copy, scrubbed_copy
from .source import opened_pdf

BLACK = (0.0, 0.0, 0.0)


def pdf_redact(source: bytes, *, masked: Sequence[str], title: str, flatten: bool = False) -> PublicPdf:
    """*source* with every occurrence of every *masked* passage blacked out, or ``PublicPdfError``.

    With nothing masked (and *flatten* false) the result is a scrubbed copy of the source, unless
    it has hidden layers; else every page is redacted, checked and flattened. *title* is the
    record's public (masked) title.
    """
    passages = [text for text in masked if locate.normalise(text)]
    with opened_pdf(source) as document:
        if not passages and not flatten and can_copy(document):
            return scrubbed_copy(document, title=title)
        _settle_annotations(document)
        for number, page in enumerate(document.pages(), start=1):
            _redact_page(page, passages, number=number)
        page_texts = tuple(page.get_text() for page in document.pages())
        return PublicPdf(flattened_pdf(document, title=title), page_texts, "flattened")


def _redact_page(page: pymupdf.Page, passages: Sequence[str], *, number: int) -> None:
    if not passages:
        return
    locate.refuse_unsearchable(page, number=number)
    rects = locate.mask_rects(page, passages, number=number)
    if rects:
        for rect in rects:
            page.add_redact_annot(rect, fill=BLACK)
        page.apply_redactions(images=pymupdf.mupdf.PDF_REDACT_IMAGE_PIXELS)
    locate.refuse_leftovers(page, passages, number=number)


def _settle_annotations(document: pymupdf.Document) -> None:
    """Apply the redactions the sender left unapplied, then make the other annotations and form
    fields part of the page, so that their text is searched and redacted like the rest."""
    apply_sender_redactions(document)
    document.bake(annots=True, widgets=True)
