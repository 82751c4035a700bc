"""The small interface every search backend implements (STYLE 10).

A backend stores and matches terms; it never analyses text itself. ``index`` prepares documents in
shared code (``sotong.search.prepare``) and hands them to ``index_prepared``, and ``search`` gets
its terms from ``sotong.search.query.parse_query``, so Tantivy and PostgreSQL see the same terms and
one contract suite (``sotong.search.tests.contract``) holds them to the same behaviour.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Iterable

from sotong.search.documents import SearchDocument, SearchQuery, SearchResults
from sotong.search.prepare import PreparedDocument, prepare_many

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

    @abstractmethod
    def count(self) -> int:
        """Number of documents in the index."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every document (before a full rebuild)."""

    def outdated(self) -> bool:
        """Whether the index holds terms of another analysis (``prepare.ANALYSIS_VERSION``) and
        must be rebuilt; an engine that refuses to open such an index says so by raising instead."""
        return False

    def close(self) -> None:  # noqa: B027 - an optional hook, not a duty: most have nothing to release
        """Release writers and files; the default has nothing to release."""
