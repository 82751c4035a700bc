"""What every backend does with a page of hits once it has their stored title and body.

Highlights and snippets are made in shared code on the original text (``sotong.search.snippets``),
so both engines show the same snippet for the same document and query.
"""

from __future__ import annotations

from collections.abc import Sequence

from sotong.search.documents import Segment
from sotong.search.query import ParsedQuery
from sotong.search.snippets import SNIPPET_CHARS, snippets_many

# Titles are short; a title is highlighted whole up to this many characters.
TITLE_WIDTH = 500


def page_segments(
    titles: Sequence[str], bodies: Sequence[str], parsed: ParsedQuery
) -> tuple[list[tuple[Segment, ...]], list[tuple[Segment, ...]]]:
    """The highlighted title and the snippet of each hit; the body's opening for an empty query."""
    if parsed.is_empty:
        return [((title, False),) if title else () for title in titles], [lead(body) for body in bodies]
    return snippets_many(list(titles), parsed, width=TITLE_WIDTH), snippets_many(list(bodies), parsed)


def lead(body: str) -> tuple[Segment, ...]:
    text = " ".join(body[: SNIPPET_CHARS * 2].split())
    if not text:
        return ()
    cut = len(text) > SNIPPET_CHARS or len(body) > SNIPPET_CHARS * 2
    return ((text[:SNIPPET_CHARS] + ("…" if cut else ""), False),)
