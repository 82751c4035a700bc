"""Opening a PDF someone sent, with the checks every producer makes before reading it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pymupdf

from .errors import PDF_CORRUPT, PDF_ENCRYPTED, PDF_TOO_MANY_PAGES, PublicPdfError

MAX_PAGES = 2000
MUPDF_ERRORS = (pymupdf.FileDataError, pymupdf.mupdf.FzErrorBase)


@contextmanager
def opened_pdf(source: bytes) -> Iterator[pymupdf.Document]:
    """*source* as a PyMuPDF document, refused if it is locked, broken, empty or too long."""
    try:
        document = pymupdf.open(stream=source, filetype="pdf")
    except (RuntimeError, ValueError) as exc:  # pymupdf.FileDataError is a RuntimeError
        raise PublicPdfError(PDF_CORRUPT) from exc
    with document:
        if document.needs_pass:
            raise PublicPdfError(PDF_ENCRYPTED)
        if not document.is_pdf or document.page_count == 0:
            raise PublicPdfError(PDF_CORRUPT)
        if document.page_count > MAX_PAGES:
            raise PublicPdfError(PDF_TOO_MANY_PAGES, pages=document.page_count, limit=MAX_PAGES)
        try:
            yield document
        except MUPDF_ERRORS as exc:  # a file that opens can still fail on a broken page
            raise PublicPdfError(PDF_CORRUPT) from exc
