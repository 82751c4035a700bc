"""Rows of the PostgreSQL backend's table (``sotong.search.models.SearchEntry``) from prepared
documents, and hits back from rows.

The terms come from ``sotong.search.prepare``, already analysed; they go into ``tsvector`` values
written as literals (``'정보':1A '공개':2A,5B``) and cast by PostgreSQL without any text search
configuration, so PostgreSQL never analyses, lowercases or stems a term: it stores ours as they are.

- ``head_terms``: the morphemes of the title (weight A) and the registration number (weight B).
  Small: it stays in the row, where matching and ranking read it cheaply.
- ``body_terms``: the morphemes of the body, without positions (only the GIN index reads them).
- ``body_top``: the body's ``TOP_TERMS`` most frequent morphemes, each with up to ``TOP_TF``
  positions, so that ``ts_rank`` sees how often the body says a word without reading the whole
  body's vector (compressed out of the row, it costs more to read than all the rest of a search).
- ``head_bigrams`` / ``body_bigrams``: the character bigrams and raw alphanumeric tokens of the
  title (A) and number (B), then of the body, each marked with ``BIGRAM_MARK`` so that the one GIN
  index over all four vectors keeps bigrams apart from morphemes (the bigram 공개 of 비공개 is not
  the morpheme 공개). Positions are consecutive within a field (a name or number is matched as a
  phrase of bigrams) and a gap separates the title from the number.

PostgreSQL keeps at most 16,383 positions in a ``tsvector`` (later ones are clamped to the last) and
256 positions per lexeme. Presence survives both limits, so matching a term is exact; a phrase in a
long body is not. When the body's bigrams pass either limit, they are written again in
``bigram_windows``: overlapping slices that each stay within both limits, and a phrase in the body
is then looked for in the windows instead. Windows overlap by ``WINDOW_OVERLAP`` bigrams, so a
phrase of up to that many bigrams (a run of 65 characters) is always whole in one of them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from sotong.search.backends.base import tie_key
from sotong.search.documents import Hit, Segment
from sotong.search.prepare import ANALYSIS_VERSION, PreparedDocument
from sotong.search.similar import candidate_terms, encode_candidates

TITLE, NUMBER, BODY = "A", "B", ""
# ``ts_rank``'s weights of D (the body), C (unused), B (the number) and A (the title): the Tantivy
# backend's field boosts (body 1, number 2, title 3) scaled into ``ts_rank``'s range of 0-1.
RANK_WEIGHTS = "{0.3333, 0, 0.6667, 1.0}"
# Python's ``str.split()`` cuts at U+001F, so no term or bigram (``korean`` splits on whitespace and
# joins what is left) can contain it: marked bigrams never meet a morpheme in the index.
BIGRAM_MARK = "\x1f"
TOP_TERMS = 32
TOP_TF = 4  # ts_rank adds 1, 1/4, 1/9, 1/16 … of a weight per occurrence: little past the 4th
MAX_POSITION = 16383  # PostgreSQL's MAXENTRYPOS - 1
MAX_POSITIONS = 256  # PostgreSQL's MAXNUMPOS: positions kept per lexeme
WINDOW_OVERLAP = 64
# Bump when the stored fields change: rows of another version make ``outdated`` true and the index is
# rebuilt (terms made differently bump ``prepare.ANALYSIS_VERSION`` instead). 2: the field (분야);
# 3: the candidate terms of similar documents.
ROW_VERSION = 3

COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "body",
    "registration_number",
    "organization",
    "department",
    "info_type",
    "year",
    "grade",
    "date",
    "url",
    "sort_key",
    "tie_key",
    "analysis",
    "head_terms",
    "body_terms",
    "body_top",
    "head_bigrams",
    "body_bigrams",
    "bigram_windows",
    "field",
    "row_version",
    "similar_candidates",
)
# Read back to build a hit, in this order.
HIT_COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "body",
    "registration_number",
    "organization",
    "department",
    "info_type",
    "year",
    "grade",
    "date",
    "url",
    "field",
)
_SIGNED = 1 << 63


def lexeme(term: str, weight: str = "") -> str:
    """A term as a quoted ``tsvector``/``tsquery`` lexeme, optionally restricted to one weight."""
    if "'" in term or "\\" in term:
        term = term.replace("\\", "\\\\").replace("'", "''")
    return f"'{term}':{weight}" if weight else f"'{term}'"


def marked(token: str) -> str:
    """A bigram-field token as the index holds it."""
    return BIGRAM_MARK + token


class _Vector:
    """A ``tsvector`` literal built field by field: each token at the next position.

    Written for speed (it runs once per token of every indexed text): positions are gathered per
    token as integers and formatted once per distinct token.
    """

    def __init__(self, *, mark: str = "") -> None:
        self._fields: list[tuple[dict[str, list[int]], str]] = []
        self._next = 1
        self._mark = mark
        self.overflowed = False  # a position was clamped or dropped: phrases are not exact

    def add(self, tokens: Sequence[str], weight: str) -> None:
        places: defaultdict[str, list[int]] = defaultdict(list)
        for position, token in enumerate(tokens, self._next):
            places[token].append(position)
        self._next += len(tokens) + 1  # a gap: no phrase across two fields
        if self._next - 2 > MAX_POSITION or any(len(found) > MAX_POSITIONS for found in places.values()):
            self.overflowed = True
        self._fields.append((places, weight))

    def literal(self) -> str:
        if len(self._fields) == 1:  # one field (the body): nothing to merge
            places, weight = self._fields[0]
            return " ".join(
                f"{lexeme(self._mark + token)}:{_positions(found, weight)}"
                for token, found in places.items()
                if token
            )
        merged: dict[str, list[str]] = {}
        for places, weight in self._fields:
            for token, found in places.items():
                if token:  # prepare never makes an empty one; PostgreSQL would refuse the literal
                    merged.setdefault(token, []).append(_positions(found, weight))
        return " ".join(f"{lexeme(self._mark + token)}:{','.join(parts)}" for token, parts in merged.items())


def _positions(positions: list[int], weight: str) -> str:
    """Positions as a literal has them; PostgreSQL would clamp and cut them the same way."""
    if len(positions) > MAX_POSITIONS:
        positions = positions[:MAX_POSITIONS]
    if positions[-1] > MAX_POSITION:
        positions = [min(position, MAX_POSITION) for position in positions]
    if not weight:
        return ",".join(map(str, positions))
    return ",".join(f"{position}{weight}" for position in positions)


def _lexemes(tokens: Sequence[str]) -> str:
    """A ``tsvector`` literal of the distinct tokens, without positions."""
    return " ".join(lexeme(token) for token in dict.fromkeys(tokens) if token)


def _top(tokens: Sequence[str]) -> str:
    """The most frequent tokens (first seen first among equals), a position per occurrence up to
    ``TOP_TF``: what ``ts_rank`` needs to weigh how often a body says a word."""
    counts = Counter(token for token in tokens if token)
    first = sorted(counts.items(), key=lambda item: -item[1])[:TOP_TERMS]  # stable: first seen first
    return " ".join(
        f"{lexeme(token)}:{','.join(str(p) for p in range(1, min(count, TOP_TF) + 1))}"
        for token, count in first
    )


def _windows(tokens: Sequence[str]) -> list[str]:
    """Overlapping slices of ``tokens``, each within PostgreSQL's limits, as marked literals."""
    windows = []
    start, count = 0, len(tokens)
    while start < count:
        seen: dict[str, int] = {}
        end = start
        while end < count and end - start < MAX_POSITION:
            times = seen.get(tokens[end], 0)
            if times == MAX_POSITIONS:
                break
            seen[tokens[end]] = times + 1
            end += 1
        vector = _Vector(mark=BIGRAM_MARK)
        vector.add(tokens[start:end], BODY)
        windows.append(vector.literal())
        if end >= count:
            break
        # A window holds at least MAX_POSITIONS tokens, so this always moves on.
        start = max(end - WINDOW_OVERLAP, start + 1)
    return windows


def entry_row(prepared: PreparedDocument) -> tuple[Any, ...]:
    """The values of ``COLUMNS`` for one prepared document."""
    doc = prepared.doc
    head_terms, head_bigrams = _Vector(), _Vector(mark=BIGRAM_MARK)
    head_terms.add(prepared.title_terms, TITLE)
    head_terms.add(prepared.number_terms, NUMBER)
    head_bigrams.add(prepared.title_bigrams, TITLE)
    head_bigrams.add(prepared.number_bigrams, NUMBER)
    body_bigrams = _Vector(mark=BIGRAM_MARK)
    body_bigrams.add(prepared.body_bigrams, BODY)
    windows = _windows(prepared.body_bigrams) if body_bigrams.overflowed else None
    return (
        doc.id,
        doc.title,
        doc.body,
        doc.registration_number,
        doc.organization,
        doc.department,
        doc.info_type,
        doc.year,
        doc.grade,
        doc.date,
        doc.url,
        # "\x1f" sorts below every printable character: an undated document goes last, newest first.
        f"{doc.date or ''}\x1f{doc.id}",
        signed_tie_key(doc.id),
        ANALYSIS_VERSION,
        head_terms.literal(),
        _lexemes(prepared.body_terms),
        _top(prepared.body_terms),
        head_bigrams.literal(),
        body_bigrams.literal(),
        windows,
        doc.field,
        ROW_VERSION,
        encode_candidates(candidate_terms(prepared.title_terms, prepared.body_terms)),
    )


def signed_tie_key(doc_id: str) -> int:
    """``tie_key`` moved into PostgreSQL's signed ``bigint``, keeping its order."""
    return tie_key(doc_id) - _SIGNED


def to_hit(row: Sequence[Any], score: float, snippet: tuple[Segment, ...], title: tuple[Segment, ...]) -> Hit:
    """A hit from the values of ``HIT_COLUMNS``."""
    doc_id, title_text, _body, number, organization, department, info_type, year, grade, date, url, area = row
    return Hit(
        id=doc_id,
        score=score,
        title=title_text,
        snippet=snippet,
        title_segments=title,
        registration_number=number or "",
        organization=organization or "",
        department=department or "",
        info_type=info_type or "",
        year=year,
        grade=grade or "",
        date=date or None,
        url=url or "",
        field=area or "",
    )
