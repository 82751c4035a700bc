"""The small interface every search backend implements (STYLE 10).

A backend stores and matches terms; it never analyses text itself. ``index`` prepares documents in
shared code (``sotong.search.prepare``) and hands them to ``index_prepared``, and ``search`` gets
its terms from ``sotong.search.query.parse_query``, so Tantivy and PostgreSQL see the same terms and
one contract suite (``sotong.search.tests.contract``) holds them to the same behaviour.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Sequence

from sotong.search.documents import Hit, SearchDocument, SearchQuery, SearchResults
from sotong.search.prepare import PreparedDocument, prepare_many
from sotong.search.similar import WeightedTerm, common_limit, distinctive_terms

__all__ = ["PreparedDocument", "SearchBackend", "tie_key"]


def tie_key(doc_id: str) -> int:
    """A fixed 64-bit function of the id: the same order for equal scores in every process.

    Every backend breaks ties of score by this key, then by the id, so that pages are stable and
    the engines agree on the order of equal hits.
    """
    return int.from_bytes(hashlib.blake2b(doc_id.encode(), digest_size=8).digest(), "big")


class SearchBackend(ABC):
    """Upsert, delete and search public documents by their stable public id."""

    name: str

    def index(self, docs: Iterable[SearchDocument]) -> None:
        """Add or replace documents (by id); visible to searches when this returns."""
        self.index_prepared(prepare_many(docs))

    @abstractmethod
    def index_prepared(self, docs: Iterable[PreparedDocument]) -> None:
        """``index`` for documents already analysed (benchmarks, re-indexing from a dump)."""

    @abstractmethod
    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents by id; unknown ids are ignored (deleting twice is not an error)."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """A page of hits, best first (newest first when the text is empty), and facet counts."""

    def similar(self, doc_id: str, *, limit: int, exclude: Collection[str] = ()) -> list[Hit]:
        """Documents that share the most distinctive terms with ``doc_id`` as the index holds it,
        best first, never ``doc_id`` itself nor ``exclude``; empty when ``doc_id`` is not indexed
        or has no term worth looking for (``sotong.search.similar`` says which terms and why)."""
        candidates = self.similar_candidates(doc_id)
        if not candidates:
            return []
        total = self.approximate_count()
        frequencies = self.term_frequencies(list(candidates), cap=common_limit(total))
        terms = distinctive_terms(candidates, frequencies, total=total)
        if not terms:
            return []
        return self.similar_to(doc_id, terms, limit=limit, exclude=exclude)

    @abstractmethod
    def similar_candidates(self, doc_id: str) -> dict[str, float]:
        """The candidate terms stored with ``doc_id`` (``similar.candidate_terms``, made when it was
        indexed), heaviest first; empty when it is not indexed."""

    @abstractmethod
    def term_frequencies(self, terms: Sequence[str], *, cap: int) -> dict[str, int]:
        """How many documents have each term in their title or body, counting at most ``cap`` + 1."""

    @abstractmethod
    def similar_to(
        self, doc_id: str, terms: Sequence[WeightedTerm], *, limit: int, exclude: Collection[str]
    ) -> list[Hit]:
        """Documents with any of ``terms`` in their title or body, by the sum of the weights of the
        terms they have (three times in the title, once in the body), then by ``tie_key``; never
        ``doc_id`` nor ``exclude``. Hits carry the title and the body's opening, not a snippet."""

    @abstractmethod
    def count(self) -> int:
        """Number of documents in the index."""

    def approximate_count(self) -> int:
        """About the number of documents: enough to weigh terms by how rare they are (``similar``)."""
        return self.count()

    @abstractmethod
    def clear(self) -> None:
        """Remove every document (before a full rebuild)."""

    def outdated(self) -> bool:
        """Whether the index holds terms of another analysis (``prepare.ANALYSIS_VERSION``) or
        documents stored without a field added since, and must be rebuilt; an engine that refuses
        to open such an index (Tantivy: its schema version) says so by raising instead."""
        return False

    def close(self) -> None:  # noqa: B027 - an optional hook, not a duty: most have nothing to release
        """Release writers and files; the default has nothing to release."""
