"""Benchmark: making public PDFs — produce, check, sign, preview — on real texts.

Inputs, read in place from ``../shared/data`` (``SOTONG_DEMO_DATA``):

1. **Rendered**: the five seed documents (real Seoul plans, 8–60 kB of text each), masked by the
   detectors as the pipeline would, then ``public_pdf_make`` with converter ``txt``.
2. **Redacted**: a received PDF per seed document (its first ``--pages`` pages of text drawn with
   PyMuPDF), with an RRN and a mobile number planted on every page and masked: the true-redaction
   and flattening path.
3. **Copied**: the same received PDFs with nothing masked (scrub, check; flattened when the fonts fail).

A received PDF the redaction refuses (a glyph without a character, U+FFFD, on a page with masks:
one seed text holds mojibake) is counted as refused, not timed. For each it prints documents, pages, seconds per document and per page, split into produce + check
(``public_pdf_make`` minus sign and previews, measured apart) and signing and previews. It prints
figures and asserts nothing. No database: it calls the plain functions. Usage::

    .venv/bin/python bench/public_pdfs.py            # --pages 3 --repeat 1
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sotong.pipeline.detectors import PublicContacts, detect, mask_text  # noqa: E402
from sotong.pipeline.pdfs.check import pdf_check  # noqa: E402
from sotong.pipeline.pdfs.errors import PublicPdfError  # noqa: E402
from sotong.pipeline.pdfs.make import public_pdf_make  # noqa: E402
from sotong.pipeline.pdfs.previews import pdf_previews  # noqa: E402
from sotong.pipeline.pdfs.redact import pdf_redact  # noqa: E402
from sotong.pipeline.pdfs.render import text_pdf  # noqa: E402
from sotong.seal.keys import signing_identity_ensure  # noqa: E402
from sotong.seal.sign import pdf_sign  # noqa: E402

DATA = Path(os.environ.get("SOTONG_DEMO_DATA", REPO.parent / "shared" / "data"))
PLANTED = "신청인 주민등록번호 900101-1234568, 연락처 010-4821-7730"
PLANTED_IDS = ["900101-1234568", "010-4821-7730"]


def _seed_texts() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((DATA / "seed-documents").glob("*.txt"))]


def _received_pdf(text: str, pages: int) -> bytes:
    """A PDF as an agency's system might send it: lines of Korean text, a planted identifier per page."""
    document = pymupdf.open()
    font = pymupdf.Font("cjk")
    # Tabs and other controls would be drawn as glyphs without a character (U+FFFD), which the
    # redaction rightly refuses: an agency's PDF has none.
    lines = ["".join(c for c in line if c.isprintable()) for line in text.splitlines() if line.strip()]
    for number in range(pages):
        page = document.new_page()
        page.insert_font(fontname="F0", fontbuffer=font.buffer)
        body = [PLANTED, *lines[number * 40 : number * 40 + 40]]
        for row, line in enumerate(body):
            page.insert_text((50, 60 + row * 18), line[:45], fontname="F0", fontsize=10)
    document.subset_fonts()
    return document.tobytes(garbage=4, deflate=True)


def _masked(text: str) -> tuple[str, list[str]]:
    findings = detect(text, public=PublicContacts.from_config({}, names=()))
    spans = [(f.start, f.end) for f in findings if f.kind != "person_name"]
    return mask_text(text, spans), sorted({text[s:e] for s, e in spans})


def _row(label: str, seconds: list[float], pages: list[int]) -> str:
    total, total_pages = sum(seconds), sum(pages)
    return (
        f"{label:<34} docs {len(seconds):>3}  pages {total_pages:>4}  "
        f"s/doc median {statistics.median(seconds):6.3f}  s/page {total / max(total_pages, 1):6.3f}"
    )


def main() -> None:
    logging.getLogger("fpdf").setLevel(logging.ERROR)  # it lists every character a font lacks
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3, help="pages per received PDF")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    keys = Path(tempfile.mkdtemp(prefix="sotong-bench-keys-"))
    identity = signing_identity_ensure(
        keys / "key.pem", keys / "cert.pem", common_name="bench", organization="bench"
    )
    seeds = _seed_texts()
    text_pdf("워밍업", title="워밍업")  # the font cache is made once per machine, not per document

    rows: dict[str, tuple[list[float], list[int]]] = {}

    refused: dict[str, int] = {}

    def measure(label: str, run: object, page_count: int) -> None:
        start = time.perf_counter()
        try:
            run()  # type: ignore[operator]
        except PublicPdfError as error:  # counted and shown: a refusal is a result, not a crash
            refused[f"{label}: {error.code}"] = refused.get(f"{label}: {error.code}", 0) + 1
            return
        rows.setdefault(label, ([], []))[0].append(time.perf_counter() - start)
        rows[label][1].append(page_count)

    for _ in range(args.repeat):
        for name, text in seeds:
            public_text, masked = _masked(text)
            title = name
            rendered = text_pdf(public_text, title=title)
            pages = pymupdf.open(stream=rendered, filetype="pdf").page_count
            measure("rendered: produce", lambda t=public_text, n=title: text_pdf(t, title=n), pages)
            measure("rendered: check", lambda r=rendered, m=masked: pdf_check(r, masked=m), pages)
            measure("rendered: sign", lambda r=rendered: pdf_sign(r, identity), pages)
            measure("rendered: previews (96 dpi)", lambda r=rendered: pdf_previews(r), pages)
            measure(
                "rendered: whole public_pdf_make",
                lambda t=public_text, m=masked, n=title: public_pdf_make(
                    t.encode(), converter="txt", text=t, masked=m, title=n, identity=identity
                ),
                pages,
            )
            received = _received_pdf(text, args.pages)
            try:
                redacted = pdf_redact(received, masked=PLANTED_IDS, title=title).content
            except PublicPdfError:
                redacted = b""
            measure(
                "redacted: produce (redact+flatten)",
                lambda r=received, n=title: pdf_redact(r, masked=PLANTED_IDS, title=n),
                args.pages,
            )
            if redacted:
                measure("redacted: check", lambda r=redacted: pdf_check(r, masked=PLANTED_IDS), args.pages)
            for label, masked in (("redacted", PLANTED_IDS), ("copied", [])):
                measure(
                    f"{label}: whole public_pdf_make",
                    lambda r=received, n=title, m=masked: public_pdf_make(
                        r, converter="pdf", text="", masked=m, title=n, identity=identity
                    ),
                    args.pages,
                )
    print(f"public PDFs: {len(seeds)} seed documents × {args.repeat}, received PDFs of {args.pages} pages")
    for label, (seconds, pages) in rows.items():
        print(_row(label, seconds, pages))
    for label, count in refused.items():
        print(f"refused {label}: {count}")


if __name__ == "__main__":
    main()
