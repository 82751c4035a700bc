"""Which terms make a document findable as "similar", in shared code, so both backends agree.

A record's related documents by text are the documents that share its most distinctive terms. The
candidates are chosen when the document is indexed, from the terms the index is built from
(``prepare``: its published, already masked title and the opening of its published body), and kept
in the index beside it; ``SearchBackend.similar`` reads them back. So only text the index holds can
take part, and a record page analyses nothing: Kiwi on a title and 2,000 characters of body took
~38 ms a page (measured at 100,000 records), more than the rest of the page.

Worked example: 「2024년 하천 정비 사업 추진 계획」 gives the candidates 하천, 정비, 하천정비, 사업,
정비사업, 추진, 계획 … (numbers and one-syllable terms say nothing of a subject and are left out).
Counted in the index, 하천정비 is in 3 documents, 사업 in 40 % of them: 사업 is dropped as too common,
하천정비 weighs most. The backend then looks for documents with any of the kept terms, each
counting its ``idf`` (three times in a title, once in a body), so the document that shares the
most, and the rarest, terms comes first. The score is the same sum on both engines (not BM25), so
Tantivy and PostgreSQL order the same documents the same way (ties by ``tie_key``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# Only the opening of a body counts (about its first 2,000 characters): it says what the document
# is about, where a long body's later pages drift to annexes and tables.
BODY_TERMS = 400
# A title term counts as much as three mentions in the body, as title matches outrank body ones.
TITLE_WEIGHT = 3.0
BODY_MENTIONS = 3  # mentions of a term in the body counted at most: repetition is not subject
CANDIDATES = 24  # terms whose document frequency is asked for
TERMS = 12  # terms searched for
# A term in more than this share of the index (and in more than ``COMMON_FLOOR`` documents: in a
# small index every term is in a large share) is too common to say what a document is about, and
# would make the search match most of the index.
COMMON_SHARE = 0.05
COMMON_FLOOR = 50
_NUMBER = re.compile(r"[\d\W_]+")


@dataclass(frozen=True, slots=True)
class WeightedTerm:
    """A term to look for and what each document having it gains (before the field's weight)."""

    term: str
    weight: float


def candidate_terms(title_terms: Sequence[str], body_terms: Sequence[str]) -> dict[str, float]:
    """Content terms of the title and the body's opening (terms as ``prepare`` makes them), each with
    its weight in this document, heaviest first (equal weights in order of first appearance), at
    most ``CANDIDATES``."""
    weights: dict[str, float] = {}
    for term in title_terms:
        if _usable(term):
            weights[term] = TITLE_WEIGHT
    mentions: dict[str, int] = {}
    for term in body_terms[:BODY_TERMS]:
        if _usable(term):
            mentions[term] = mentions.get(term, 0) + 1
    for term, count in mentions.items():
        weights[term] = weights.get(term, 0.0) + min(count, BODY_MENTIONS)
    ranked = sorted(weights.items(), key=lambda item: -item[1])  # stable: first seen first
    return dict(ranked[:CANDIDATES])


def encode_candidates(candidates: Mapping[str, float]) -> str:
    """Candidates as the index stores them (a JSON list of [term, weight], heaviest first)."""
    return json.dumps([[term, weight] for term, weight in candidates.items()], ensure_ascii=False)


def decode_candidates(stored: str) -> dict[str, float]:
    """``encode_candidates`` read back; nothing stored (an empty text) is no candidate."""
    return {str(term): float(weight) for term, weight in json.loads(stored)} if stored else {}


def common_limit(total: int) -> int:
    """The number of documents above which a term is too common to search for."""
    return max(COMMON_FLOOR, int(total * COMMON_SHARE))


def distinctive_terms(
    candidates: Mapping[str, float], frequencies: Mapping[str, int], *, total: int
) -> list[WeightedTerm]:
    """The ``TERMS`` candidates that best tell the document apart, each weighted by its ``idf``.

    ``frequencies`` counts the documents of the index that have each term, the document itself
    included (a count above ``common_limit`` may stop there): a term only the document has finds
    nothing, a term most documents have finds everything, and both are left out.
    """
    limit = common_limit(total)
    kept = [
        (term, weight, idf(frequencies[term], total))
        for term, weight in candidates.items()
        if 1 < frequencies.get(term, 0) <= limit
    ]
    kept.sort(key=lambda item: -item[1] * item[2])
    return [WeightedTerm(term, term_idf) for term, _, term_idf in kept[:TERMS]]


def idf(frequency: int, total: int) -> float:
    """BM25's inverse document frequency: rarer terms weigh more; always above zero."""
    return math.log(1.0 + (total - frequency + 0.5) / (frequency + 0.5))


def _usable(term: str) -> bool:
    """A term that can say what a document is about: two characters or more, not only a number."""
    return len(term) >= 2 and not _NUMBER.fullmatch(term)
