"""Snippets and highlights, made once in shared code on the ORIGINAL text.

Highlights come from Kiwi's token offsets in the original text, not from morphemes: a search for
공개하여 lights 공개 in 공개된, and a search for 공개 never lights the 공개 inside 비공개. Names and
numbers (the query's bigram words) are lit where their characters appear.

Only the chosen window is analysed (~160 characters per hit), never the whole body: a page of 20
hits costs about one Kiwi call of 4,000 characters (~30 ms on one core), whatever the documents'
length. The window is chosen cheaply first, by plain substring search of the query's surface forms.

Output is a tuple of plain-text segments ``(text, highlighted)``: templates escape the text as any
other text, and ``segments_to_html`` does the same for code that needs a string. Document text is
never passed through as HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from sotong.search.documents import Segment
from sotong.search.korean import NEGATING_PREFIXES, term_spans_many
from sotong.search.query import ParsedQuery

SNIPPET_CHARS = 160
_LEAD = 30  # characters of context before the first match
_MAX_OCCURRENCES = 200  # per needle; enough to find a good window in a long body
_MAX_TITLE = 500
_ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")


def snippet(text: str, query: ParsedQuery, *, width: int = SNIPPET_CHARS) -> tuple[Segment, ...]:
    return snippets_many([text], query, width=width)[0]


def highlight(text: str, query: ParsedQuery) -> tuple[Segment, ...]:
    """The whole (short) text, e.g. a title, with the query's matches marked."""
    return snippets_many([text[:_MAX_TITLE]], query, width=_MAX_TITLE)[0]


def snippets_many(
    texts: Sequence[str], query: ParsedQuery, *, width: int = SNIPPET_CHARS
) -> list[tuple[Segment, ...]]:
    """One snippet per text, with one Kiwi batch over all the windows."""
    windows = [_window(text, query, width) for text in texts]
    spans = term_spans_many([text[start:end] for text, (start, end) in zip(texts, windows, strict=True)])
    wanted = query.match_terms
    results = []
    for text, (start, end), terms in zip(texts, windows, spans, strict=True):
        part = text[start:end]
        marks = [(t.start, t.end) for t in terms if t.text in wanted]
        marks += _literal_marks(part, query.literal_runs)
        segments = _segments(part, marks)
        results.append(_framed(segments, start > 0, end < len(text)))
    return results


def segments_to_html(segments: Sequence[Segment]) -> str:
    """HTML for code that cannot use the template loop; every character of text is escaped."""
    return "".join(
        f"<mark>{html.escape(text)}</mark>" if marked else html.escape(text) for text, marked in segments
    )


def _window(text: str, query: ParsedQuery, width: int) -> tuple[int, int]:
    if len(text) <= width:
        return 0, len(text)
    hits = _occurrences(_lower(text), query.needles)
    start = _best_start(hits, width)
    start = max(0, start - _LEAD) if hits else 0
    end = min(len(text), start + width)
    start, end = _snap(text, start, end)
    return start, end


def _lower(text: str) -> str:
    lowered = text.lower()
    # A few characters lower into two (İ → i̇); keep offsets by lowering those one by one.
    return (
        lowered
        if len(lowered) == len(text)
        else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    )


def _occurrences(lowered: str, needles: Sequence[str]) -> list[tuple[int, int]]:
    """(position, needle index) of each needle, skipping 공개 right after a negating prefix."""
    found = []
    for index, needle in enumerate(needles):
        position = lowered.find(needle)
        count = 0
        while position >= 0 and count < _MAX_OCCURRENCES:
            if position == 0 or lowered[position - 1] not in NEGATING_PREFIXES:
                found.append((position, index))
                count += 1
            position = lowered.find(needle, position + len(needle))
    return sorted(found)


def _best_start(hits: list[tuple[int, int]], width: int) -> int:
    """Start of the window with the most distinct needles, then the most matches, earliest first."""
    best, best_score, right = 0, (-1, -1), 0
    for left, (position, _) in enumerate(hits):
        right = max(right, left)
        while right + 1 < len(hits) and hits[right + 1][0] < position + width - _LEAD:
            right += 1
        inside = hits[left : right + 1]
        score = (len({needle for _, needle in inside}), len(inside))
        if score > best_score:
            best, best_score = position, score
    return best


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Move the edges to the nearest space so that the window does not cut a word in half."""
    if start > 0:
        space = text.find(" ", start, start + 15)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", end - 15, end)
        end = space if space > start else end
    return start, end


def _literal_marks(part: str, runs: Sequence[str]) -> list[tuple[int, int]]:
    lowered = _lower(part)
    marks = []
    for run in runs:
        position = lowered.find(run)
        while position >= 0:
            marks.append((position, position + len(run)))
            position = lowered.find(run, position + len(run))
    return marks


def _segments(part: str, marks: list[tuple[int, int]]) -> list[Segment]:
    segments: list[Segment] = []
    cursor = 0
    for start, end in _merged(marks):
        if start > cursor:
            segments.append((part[cursor:start], False))
        segments.append((part[start:end], True))
        cursor = end
    if cursor < len(part):
        segments.append((part[cursor:], False))
    return segments


def _merged(marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(marks):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _framed(segments: list[Segment], cut_before: bool, cut_after: bool) -> tuple[Segment, ...]:
    """Collapse line breaks and runs of spaces (extracted text is full of them); mark the cuts."""
    tidy = [(_SPACES.sub(" ", text), marked) for text, marked in segments]
    if tidy and not tidy[0][1]:
        tidy[0] = (tidy[0][0].lstrip(), False)
    if tidy and not tidy[-1][1]:
        tidy[-1] = (tidy[-1][0].rstrip(), False)
    tidy = [(text, marked) for text, marked in tidy if text]
    if cut_before:
        tidy.insert(0, (_ELLIPSIS, False))
    if cut_after:
        tidy.append((_ELLIPSIS, False))
    return tuple(tidy)
