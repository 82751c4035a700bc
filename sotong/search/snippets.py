"""Snippets and highlights, made once in shared code on the ORIGINAL text.

Highlights come from Kiwi's token offsets in the original text, not from morphemes: a search for
공개하여 lights 공개 in 공개된, and a search for 공개 never lights the 공개 inside 비공개. Names and
numbers (the query's bigram words) are lit where their characters appear.

Kiwi is the slow part (~60k characters/s), so it reads as little as possible: the window is
chosen by plain substring search of the query's surface forms, and only the words (어절) of the
window that contain one are analysed, each once per process (a small cache: titles and forms repeat).
A page of 20 hits then costs a few milliseconds instead of ~60 ms for analysing whole windows.

Output is a tuple of plain-text segments ``(text, highlighted)``: templates escape the text as any
other text, and ``segments_to_html`` does the same for code that needs a string. Document text is
never passed through as HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from sotong.search.documents import Segment
from sotong.search.korean import NEGATING_PREFIXES, Term, cached_batch, term_spans_many
from sotong.search.query import ParsedQuery

SNIPPET_CHARS = 160
_LEAD = 30  # characters of context before the first match
_MAX_OCCURRENCES = 200  # per needle; enough to find a good window in a long body
_MAX_TITLE = 500
_ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")
_SPACE = re.compile(r"\s")
_WORD_REACH = 20
_WORD_CACHE_SIZE = 20_000
_word_cache: dict[str, tuple[Term, ...]] = {}


def snippet(text: str, query: ParsedQuery, *, width: int = SNIPPET_CHARS) -> tuple[Segment, ...]:
    return snippets_many([text], query, width=width)[0]


def highlight(text: str, query: ParsedQuery) -> tuple[Segment, ...]:
    """The whole (short) text, e.g. a title, with the query's matches marked."""
    return snippets_many([text[:_MAX_TITLE]], query, width=_MAX_TITLE)[0]


def snippets_many(
    texts: Sequence[str], query: ParsedQuery, *, width: int = SNIPPET_CHARS
) -> list[tuple[Segment, ...]]:
    """One snippet per text; the words to analyse go to Kiwi in one batch."""
    windows = [_window(text, query, width) for text in texts]
    parts = [text[start:end] for text, (start, end) in zip(texts, windows, strict=True)]
    words = [_candidate_words(part, query.needles) for part in parts]
    analysed = _analyse_words({part[a:b] for part, spans in zip(parts, words, strict=True) for a, b in spans})
    wanted = query.match_terms
    results = []
    for text, (start, end), part, spans in zip(texts, windows, parts, words, strict=True):
        marks = [
            (a + term.start, a + term.end)
            for a, b in spans
            for term in analysed[part[a:b]]
            if term.text in wanted
        ]
        marks += _literal_marks(part, query.literal_runs)
        results.append(_framed(_segments(part, marks), start > 0, end < len(text)))
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


def _candidate_words(part: str, needles: Sequence[str]) -> list[tuple[int, int]]:
    """Spans of the words (between spaces, at most ~40 characters) that contain a needle."""
    lowered = _lower(part)
    spans = set()
    for needle in needles:
        position = lowered.find(needle)
        while position >= 0:
            spans.add(_word_around(part, position, position + len(needle)))
            position = lowered.find(needle, position + len(needle))
    return sorted(spans)


def _word_around(part: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not part[start - 1].isspace() and end - start < _WORD_REACH:
        start -= 1
    while end < len(part) and not part[end].isspace() and end - start < 2 * _WORD_REACH:
        end += 1
    return start, end


def _analyse_words(words: set[str]) -> dict[str, tuple[Term, ...]]:
    def analyse(missing: list[str]) -> Iterable[tuple[Term, ...]]:
        return (tuple(terms) for terms in term_spans_many(missing))

    return cached_batch(_word_cache, words, analyse, limit=_WORD_CACHE_SIZE)


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
        space = _SPACE.search(text, start, start + 15)
        start = space.end() if space else start
    if end < len(text):
        spaces = [match.start() for match in _SPACE.finditer(text, max(start, end - 15), end)]
        end = spaces[-1] if spaces else end
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
    for start, end in _merged(part, marks):
        if start > cursor:
            segments.append((part[cursor:start], False))
        segments.append((part[start:end], True))
        cursor = end
    if cursor < len(part):
        segments.append((part[cursor:], False))
    return segments


def _merged(part: str, marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping marks, and marks with only spaces between them (정보 공개), become one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(marks):
        if merged and (start <= merged[-1][1] or part[merged[-1][1] : start].isspace()):
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
