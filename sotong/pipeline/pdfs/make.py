"""One file's public PDF, end to end: produce it, check it, sign it, draw its previews.

How it is produced depends on what the original is (``converter``, the extraction's name for it):
- a PDF we received: true redaction of the masked spans, every page flattened to an image with an
  invisible text layer of what remains; with nothing masked, a scrubbed copy, flattened after all
  when the checker finds its fonts map more than they draw;
- a scan image with nothing masked: its pixels re-encoded, the OCR text as an invisible layer (a
  masked scan cannot be redacted by text search, so it goes to a person);
- everything else (HWP, HWPX, DOCX, XLSX, text): the already masked text, rendered.
The checker reads the result back before it is signed: any masked string found anywhere, or a font
mapping characters it never draws, raises ``PublicPdfError`` and nothing is published.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import pymupdf

from sotong.pipeline.pdfs.check import pdf_check
from sotong.pipeline.pdfs.errors import PUBLIC_PDF_CHECK_FAILED, REDACTION_UNSAFE, PublicPdfError
from sotong.pipeline.pdfs.images import image_pdf
from sotong.pipeline.pdfs.previews import pdf_previews
from sotong.pipeline.pdfs.redact import pdf_redact
from sotong.pipeline.pdfs.render import text_pdf
from sotong.pipeline.pdfs.result import PublicPdf
from sotong.seal.keys import SigningIdentity
from sotong.seal.sign import pdf_sign

# Bump when what this module produces changes: every public PDF is made again.
MAKE_VERSION = 1


@dataclass(frozen=True)
class SealedPdf:
    content: bytes  # signed
    sha256: str
    method: str
    page_texts: tuple[str, ...]
    previews: tuple[bytes, ...]  # PNG per page


def public_pdf_key(
    *, source_sha256: str, converter: str, text: str, masked: Sequence[str], title: str
) -> str:
    """What a public PDF is made from: an unchanged key means the stored one still holds."""
    digest = hashlib.sha256(f"v{MAKE_VERSION}\0{source_sha256}\0{converter}\0{title}\0".encode())
    digest.update(text.encode())
    for quote in sorted(set(masked)):
        digest.update(b"\0" + quote.encode())
    return digest.hexdigest()


def _produce(source: bytes, *, converter: str, text: str, masked: Sequence[str], title: str) -> PublicPdf:
    base = converter.removesuffix("+ocr")
    if base == "pdf":
        return pdf_redact(source, masked=masked, title=title)
    if base == "image":
        if masked:
            raise PublicPdfError(REDACTION_UNSAFE)
        return image_pdf(source, text=text, title=title)
    content = text_pdf(text, title=title)
    with pymupdf.open(stream=content, filetype="pdf") as document:
        page_texts = tuple(page.get_text() for page in document)
    return PublicPdf(content=content, page_texts=page_texts, method="rendered")


def public_pdf_make(
    source: bytes,
    *,
    converter: str,
    text: str,
    masked: Sequence[str],
    title: str,
    identity: SigningIdentity,
) -> SealedPdf:
    """``text`` is the file's public (masked) text; ``masked`` every string the public must not see."""
    produced = _produce(source, converter=converter, text=text, masked=masked, title=title)
    problems = pdf_check(produced.content, masked=masked)
    if problems and produced.method == "copied":
        produced = pdf_redact(source, masked=masked, title=title, flatten=True)
        problems = pdf_check(produced.content, masked=masked)
    if problems:
        raise PublicPdfError(PUBLIC_PDF_CHECK_FAILED, where=", ".join(sorted({p.where for p in problems})))
    signed = pdf_sign(produced.content, identity)
    return SealedPdf(
        content=signed,
        sha256=hashlib.sha256(signed).hexdigest(),
        method=produced.method,
        page_texts=produced.page_texts,
        previews=tuple(pdf_previews(signed)),
    )
