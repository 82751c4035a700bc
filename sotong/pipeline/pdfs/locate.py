"""Finding every place a masked passage is drawn on a page, and showing afterwards that it is gone.

Passages are matched character by character in the page's text layer, ignoring whitespace, case
and compatibility forms (NFKC: full-width digits, ligatures), so that a passage wrapped over two
lines ("홍길" / "동") or set in full-width digits is found as well; each character found brings its
own box. MuPDF's own search adds what it finds on top. A page whose text cannot be read in full is
refused rather than searched, and after the redaction the page's text must hold no passage.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

import pymupdf

from .errors import REDACTION_UNSAFE, PublicPdfError

# Without TEXT_CID_FOR_UNKNOWN_UNICODE: a glyph with no known character reads as U+FFFD, not as a
# made-up code, so that unreadable text is noticed.
TEXT_FLAGS = pymupdf.TEXT_PRESERVE_LIGATURES | pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
# A page with fewer characters has no real text layer: a scanner's stamp or a page number is often
# all there is on a scan (as in converters/scans.py).
MIN_TEXT_CHARS = 20
UNREADABLE = "\ufffd"
# Box edges grow by this much (points), as anti-aliasing draws a little beyond a glyph's box.
PADDING = 0.5

Char = tuple[str, pymupdf.Rect, tuple[int, int]]  # normalised text, box, (block, line)


def normalise(text: str) -> str:
    """*text* as passages are compared: compatibility forms folded, case folded, no whitespace."""
    return "".join(_fold(char) for char in text)


def refuse_unsearchable(page: pymupdf.Page, *, number: int) -> None:
    """Raise unless *page*'s text layer can be searched for every passage.

    A page with unreadable characters, or a scanned image with (almost) no text, may show a masked
    passage that no search can find.
    """
    text = page.get_text(flags=TEXT_FLAGS)
    if UNREADABLE in text:
        raise PublicPdfError(REDACTION_UNSAFE, field=f"page {number}")
    readable = sum(1 for char in text if not char.isspace())
    if readable < MIN_TEXT_CHARS and page.get_image_info():
        raise PublicPdfError(REDACTION_UNSAFE, field=f"page {number}")


def mask_rects(page: pymupdf.Page, masked: Sequence[str], *, number: int) -> list[pymupdf.Rect]:
    """One box per line of every occurrence of every passage on *page*, in page coordinates."""
    chars = list(_chars(page))
    folded = "".join(text for text, _, _ in chars)
    owner = [index for index, (text, _, _) in enumerate(chars) for _ in text]
    rects: list[pymupdf.Rect] = []
    for passage in {normalise(text) for text in masked} - {""}:
        start = folded.find(passage)
        while start >= 0:
            found = sorted({owner[at] for at in range(start, start + len(passage))})
            rects.extend(_line_boxes([chars[index] for index in found], number=number))
            start = folded.find(passage, start + 1)
    for text in masked:
        if text.strip():
            rects.extend(pymupdf.Rect(hit) for hit in page.search_for(text))
    return rects


def refuse_leftovers(page: pymupdf.Page, masked: Sequence[str], *, number: int) -> None:
    """Raise if a passage can still be read on *page* after the redaction."""
    folded = normalise(page.get_text(flags=TEXT_FLAGS))
    if any(passage and passage in folded for passage in map(normalise, masked)):
        raise PublicPdfError(REDACTION_UNSAFE, field=f"page {number}")


def _fold(char: str) -> str:
    if char.isspace():
        return ""
    return "".join(part for part in unicodedata.normalize("NFKC", char).casefold() if not part.isspace())


def _chars(page: pymupdf.Page) -> Iterator[Char]:
    layout: dict[str, Any] = page.get_text("rawdict", flags=TEXT_FLAGS)
    for block_number, block in enumerate(layout["blocks"]):
        for line_number, line in enumerate(block.get("lines", ())):
            for span in line["spans"]:
                for char in span["chars"]:
                    text = _fold(char["c"])
                    if text:
                        yield text, pymupdf.Rect(char["bbox"]), (block_number, line_number)


def _line_boxes(chars: list[Char], *, number: int) -> list[pymupdf.Rect]:
    """The union of the characters' boxes on each line; a character without a usable box cannot be
    covered, so the page is refused."""
    lines: dict[tuple[int, int], pymupdf.Rect] = {}
    for _, box, line in chars:
        if box.is_empty or box.is_infinite:
            raise PublicPdfError(REDACTION_UNSAFE, field=f"page {number}")
        lines[line] = lines[line] | box if line in lines else pymupdf.Rect(box)
    return [
        pymupdf.Rect(box.x0 - PADDING, box.y0 - PADDING, box.x1 + PADDING, box.y1 + PADDING)
        for box in lines.values()
    ]
