"""A PDF in which nothing is masked, cleaned of what a reader never sees on the page.

Attachments, scripts, links, annotations, form fields, hidden text, metadata and the private data
of the program that made the file can all carry what was never shown and was never checked. The
catalog and the pages keep only the keys that draw, navigate or describe the structure.
"""

from __future__ import annotations

import pymupdf

from .canvas import PRODUCER, clean_text
from .errors import PDF_CORRUPT, PublicPdfError
from .result import PublicPdf

CATALOG_KEYS = frozenset(
    {
        "Type", "Version", "Pages", "PageLabels", "Names", "Dests", "ViewerPreferences", "PageLayout",
        "PageMode", "Outlines", "Lang", "MarkInfo", "StructTreeRoot", "OCProperties",
    }
)  # fmt: skip
NAMES_KEYS = frozenset({"Dests"})  # not EmbeddedFiles, JavaScript, AP, Pages, Templates, URLS ...
PAGE_KEYS = frozenset(
    {
        "Type", "Parent", "Resources", "Contents", "MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox",
        "Rotate", "Group", "UserUnit", "StructParents", "Tabs",
    }
)  # fmt: skip


def can_copy(document: pymupdf.Document) -> bool:
    """False for a file with layers switched off: their content is neither shown nor extracted, so
    nobody checked it, and any reader can switch them on. Such a file is flattened instead."""
    return all(layer["on"] for layer in document.get_ocgs().values())


def scrubbed_copy(document: pymupdf.Document, *, title: str) -> PublicPdf:
    """*document*'s pages as they are, with only *title* and the producer as metadata."""
    apply_sender_redactions(document)
    try:
        # Hidden text goes without touching the images under it: on a scan with an OCR layer that
        # would blank every word.
        document.scrub(redact_images=pymupdf.mupdf.PDF_REDACT_IMAGE_NONE)
    except ValueError as exc:  # "bad xref": MuPDF asks for a cleaned file, which the sender can make
        raise PublicPdfError(PDF_CORRUPT) from exc
    for page in document.pages():
        for annot in list(page.annots()):
            page.delete_annot(annot)
        for widget in list(page.widgets()):
            page.delete_widget(widget)
    _keep_only_public_keys(document)
    document.set_metadata({"title": clean_text(title).replace("\n", " "), "producer": PRODUCER})
    document.del_xml_metadata()
    page_texts = tuple(page.get_text() for page in document.pages())
    return PublicPdf(document.tobytes(garbage=4, deflate=True), page_texts, "copied")


def apply_sender_redactions(document: pymupdf.Document) -> None:
    """Apply the redaction annotations the sender drew but never applied: the text under them is
    still in the file, though the sender meant it gone."""
    for page in document.pages():
        if any(annot.type[0] == pymupdf.mupdf.PDF_ANNOT_REDACT for annot in page.annots()):
            page.apply_redactions(images=pymupdf.mupdf.PDF_REDACT_IMAGE_PIXELS)


def _keep_only_public_keys(document: pymupdf.Document) -> None:
    mupdf = pymupdf.mupdf
    pdf = mupdf.pdf_document_from_fz_document(document.this)
    catalog = mupdf.pdf_load_object(pdf, document.pdf_catalog())
    _keep_keys(catalog, CATALOG_KEYS)
    names = mupdf.pdf_dict_gets(catalog, "Names")
    if mupdf.pdf_is_dict(names):
        _keep_keys(names, NAMES_KEYS)
    for page in document.pages():
        _keep_keys(mupdf.pdf_load_object(pdf, page.xref), PAGE_KEYS)
    for xref in range(1, document.xref_length()):
        # Private data of the program that made the file: Illustrator keeps its whole document here.
        if document.xref_get_key(xref, "PieceInfo")[0] != "null":
            mupdf.pdf_dict_dels(mupdf.pdf_load_object(pdf, xref), "PieceInfo")


def _keep_keys(dictionary: pymupdf.mupdf.PdfObj, allowed: frozenset[str]) -> None:
    mupdf = pymupdf.mupdf
    keys = [
        mupdf.pdf_to_name(mupdf.pdf_dict_get_key(dictionary, i))
        for i in range(mupdf.pdf_dict_len(dictionary))
    ]
    for key in keys:
        if key not in allowed:
            mupdf.pdf_dict_dels(dictionary, key)
