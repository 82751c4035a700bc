"""Which terms make a document findable as "similar", in shared code, so both backends agree.

A record's related documents by text are the documents that share its most distinctive terms. The
terms come from the document as the index holds it (its published, already masked title and the
opening of its published body: ``SearchBackend.similar`` reads them back from the index), analysed
by the same Kiwi term preparation as the index (``korean.analyse_many``), so a term can only match
terms the index has, and text that was never published cannot take part.

Worked example: 「2024년 하천 정비 사업 추진 계획」 gives the candidates 하천, 정비, 하천정비, 사업,
정비사업, 추진, 계획 … (numbers and one-syllable terms say nothing of a subject and are left out).
Counted in the index, 하천정비 is in 3 documents, 사업 in 40 % of them: 사업 is dropped as too common,
하천정비 weighs most. The backend then looks for documents with any of the kept terms, each
counting its ``idf`` (three times in a title, once in a body), so the document that shares the
most, and the rarest, terms comes first. The score is the same sum on both engines (not BM25), so
Tantivy and PostgreSQL order the same documents the same way (ties by ``tie_key``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from sotong.search.korean import analyse_many

# Only the opening of a body is read: it says what the document is about, and Kiwi's time grows
# with the text (a 2,000-character body takes a few milliseconds).
BODY_CHARS = 2000
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


def candidate_terms(title: str, body: str) -> dict[str, float]:
    """Content terms of the title and the body's opening, each with its weight in this document,
    heaviest first (equal weights in order of first appearance), at most ``CANDIDATES``."""
    title_terms, body_terms = analyse_many([title, body[:BODY_CHARS]])
    weights: dict[str, float] = {}
    for term in title_terms:
        if _usable(term):
            weights[term] = TITLE_WEIGHT
    mentions: dict[str, int] = {}
    for term in body_terms:
        if _usable(term):
            mentions[term] = mentions.get(term, 0) + 1
    for term, count in mentions.items():
        weights[term] = weights.get(term, 0.0) + min(count, BODY_MENTIONS)
    ranked = sorted(weights.items(), key=lambda item: -item[1])  # stable: first seen first
    return dict(ranked[:CANDIDATES])


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
