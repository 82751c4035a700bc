"""The embedded search backend: a Tantivy index in a folder, over our pre-analysed terms.

Writes: one writer per backend instance, created on the first write (web processes that only
search never take Tantivy's writer lock); each ``index``/``delete``/``clear`` call is one commit,
after which the searcher is reloaded, so the call's changes are visible when it returns. Upsert is
delete-by-id then add, in the same commit; Tantivy applies deletes to documents added before them,
so an id repeated inside one batch keeps its last version.

Facet counts: one terms aggregation per search over the fast fields (``Searcher.aggregate``),
over every document that matches, not a search per facet value (hundreds of departments) nor a
read of stored documents. Fast fields are columnar, so the cost grows with the number of matches,
not their size. Measured on the 2-core development box, all five facets: ~1.5 ms for 6,400 matches
of 7,300 documents; 6-11 ms for 88,000-92,000 matches of 100,000 (the query is evaluated again
inside the aggregation, which is most of that).

Paging: hits are ordered by score, and documents with exactly the same score (frequent: BM25 on
short, similar titles) by a fixed hash of their id kept in a fast field, then by the id itself,
so the order does not depend on segments, merges or the process, and page 2 after a commit still
continues page 1. A page reaches past its end to the last document tied with its last hit, so that
a tie group is never cut at a different place on the next page.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

import tantivy
from tantivy import Order, Query

from sotong.search.backends.base import SearchBackend
from sotong.search.backends.hits import page_segments
from sotong.search.backends.tantivy_query import similar_query, term_in_text, text_query, with_filters
from sotong.search.backends.tantivy_schema import (
    ANALYSIS_VERSION,
    SCHEMA_VERSION,
    SIMILAR_CANDIDATES,
    SORT_KEY,
    TIE_KEY,
    build_schema,
    stored_text,
    to_document,
    to_hit,
)
from sotong.search.documents import FACET_FIELDS, NEWEST, Hit, SearchQuery, SearchResults
from sotong.search.errors import INDEX_LOCKED, INDEX_SCHEMA_MISMATCH, SearchError
from sotong.search.prepare import PreparedDocument
from sotong.search.query import ParsedQuery, parse_query
from sotong.search.similar import WeightedTerm, decode_candidates

MARKER = "sotong-search.json"
WRITER_HEAP_BYTES = 64_000_000
# Distinct values counted per facet. Departments are the longest list (a few hundred per body).
FACET_SIZE = 1000
TIE_SLACK = 32

_Ranked = tuple[float, tantivy.DocAddress]


class TantivyBackend(SearchBackend):
    name = "tantivy"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.schema = build_schema()
        self._index = _open_index(self.path, self.schema)
        self._writer: tantivy.IndexWriter | None = None
        self._lock = threading.Lock()

    # --- writes -------------------------------------------------------------------------------

    def index_prepared(self, docs: Iterable[PreparedDocument]) -> None:
        with self._lock:
            writer = self._get_writer()
            try:
                for prepared in docs:
                    writer.delete_documents_by_term("id", prepared.doc.id)
                    writer.add_document(to_document(prepared))
            except BaseException:
                writer.rollback()  # nothing half-written may ride along with the next commit
                raise
            self._commit(writer)

    def delete(self, ids: Iterable[str]) -> None:
        with self._lock:
            writer = self._get_writer()
            for doc_id in ids:
                writer.delete_documents_by_term("id", doc_id)
            self._commit(writer)

    def clear(self) -> None:
        with self._lock:
            writer = self._get_writer()
            writer.delete_all_documents()
            self._commit(writer)

    def close(self) -> None:
        with self._lock:
            if self._writer is not None:
                self._writer.wait_merging_threads()
                self._writer = None

    def _get_writer(self) -> tantivy.IndexWriter:
        if self._writer is None:
            try:
                self._writer = self._index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=1)
            except ValueError as error:
                if "lock" in str(error).lower():
                    raise SearchError(INDEX_LOCKED, path=self.path) from error
                raise
        return self._writer

    def _commit(self, writer: tantivy.IndexWriter) -> None:
        writer.commit()
        self._index.reload()

    # --- reads --------------------------------------------------------------------------------

    def count(self) -> int:
        return int(self._index.searcher().num_docs)

    def search(self, query: SearchQuery) -> SearchResults:
        searcher = self._index.searcher()  # one snapshot for the page, its ties and its facets
        parsed = parse_query(query.text)
        base = Query.all_query() if parsed.is_empty else text_query(self.schema, parsed)
        matching = with_filters(self.schema, base, query.filters)
        if parsed.is_empty or query.sort == NEWEST:
            result = searcher.search(
                matching, limit=query.per_page, offset=query.offset, order_by_field=SORT_KEY, order=Order.Desc
            )
            total, page = _count(result), [(0.0, address) for _, address in result.hits]
        else:
            total, page = _ranked_page(searcher, matching, query.offset, query.per_page)
        return SearchResults(
            total=total,
            hits=_hits(searcher, page, parsed),
            facets=_facets(searcher, matching),
        )

    def similar_candidates(self, doc_id: str) -> dict[str, float]:
        searcher = self._index.searcher()
        found = searcher.search(Query.term_query(self.schema, "id", doc_id), limit=1, count=False).hits
        if not found:
            return {}
        return decode_candidates(stored_text(searcher.doc(found[0][1]).to_dict(), SIMILAR_CANDIDATES))

    def term_frequencies(self, terms: Sequence[str], *, cap: int) -> dict[str, int]:
        # Counting every match costs Tantivy little (a posting list or two), so no cap is needed.
        searcher = self._index.searcher()
        return {term: _count(searcher.search(term_in_text(self.schema, term), limit=1)) for term in terms}

    def similar_to(
        self, doc_id: str, terms: Sequence[WeightedTerm], *, limit: int, exclude: Collection[str]
    ) -> list[Hit]:
        searcher = self._index.searcher()
        query = similar_query(self.schema, terms, {doc_id, *exclude})
        _, page = _ranked_page(searcher, query, 0, limit)
        return _hits(searcher, page, parse_query(""))


def _open_index(path: Path, schema: tantivy.Schema) -> tantivy.Index:
    path.mkdir(parents=True, exist_ok=True)
    marker = path / MARKER
    expected = {"schema": SCHEMA_VERSION, "analysis": ANALYSIS_VERSION}
    existed = tantivy.Index.exists(str(path))
    if existed and (not marker.exists() or json.loads(marker.read_text()) != expected):
        raise SearchError(INDEX_SCHEMA_MISMATCH, path=path)
    try:
        index = tantivy.Index(schema, path=str(path), reuse=True)
    except ValueError as error:
        if "schema" in str(error).lower():
            raise SearchError(INDEX_SCHEMA_MISMATCH, path=path) from error
        raise
    if not existed:
        marker.write_text(json.dumps(expected))
    return index


def _ranked_page(
    searcher: tantivy.Searcher, query: Query, offset: int, limit: int
) -> tuple[int, list[_Ranked]]:
    wanted = offset + limit
    # A few hits more than the page: the tie group at its end is then nearly always complete
    # without a second search (a top-k collection costs about the same for k = 20 or 52).
    fetched = wanted + TIE_SLACK
    result = searcher.search(query, limit=fetched)
    hits: list[_Ranked] = list(result.hits)
    if len(hits) > wanted:
        boundary = hits[wanted - 1][0]
        hits = hits[:wanted] + [hit for hit in hits[wanted:] if hit[0] == boundary]
        if len(hits) == fetched:
            hits += _rest_of_tie(searcher, query, boundary, fetched)
    return _count(result), _order_ties(searcher, hits)[offset:wanted]


def _count(result: tantivy.SearchResult) -> int:
    # ``count`` is there whenever ``search`` was asked to count (the default); the stub omits it.
    return int(getattr(result, "count", 0) or 0)


def _rest_of_tie(searcher: tantivy.Searcher, query: Query, score: float, start: int) -> list[_Ranked]:
    """Hits after ``start`` with the same score as the hit before it (usually none)."""
    tied: list[_Ranked] = []
    batch = 64
    while True:
        more = searcher.search(query, limit=batch, offset=start, count=False).hits
        same = [hit for hit in more if hit[0] == score]
        tied += same
        if len(same) < len(more) or len(more) < batch:
            return tied
        start, batch = start + batch, batch * 2


def _order_ties(searcher: tantivy.Searcher, hits: list[_Ranked]) -> list[_Ranked]:
    """Best score first; equal scores by the hash of the id (a fast field), then by the id."""
    if len({score for score, _ in hits}) == len(hits):
        return hits
    keys = searcher.fast_field_values(TIE_KEY, [address for _, address in hits])
    ties: dict[Any, int] = {}
    for key in keys:
        ties[key] = ties.get(key, 0) + 1

    def order(item: tuple[_Ranked, Any]) -> tuple[float, int, str]:
        (score, address), key = item
        # Two ids with the same 64-bit hash are all but impossible; if it happens, read the ids.
        doc_id = searcher.doc(address).get_first("id") if ties[key] > 1 else ""
        return (-score, int(key or 0), str(doc_id))

    return [hit for hit, _ in sorted(zip(hits, keys, strict=True), key=order)]


def _hits(searcher: tantivy.Searcher, page: list[_Ranked], parsed: ParsedQuery) -> list[Hit]:
    stored = [searcher.doc(address).to_dict() for _, address in page]
    title_segments, snippets = page_segments(
        [stored_text(doc, "title") for doc in stored], [stored_text(doc, "body") for doc in stored], parsed
    )
    return [
        to_hit(doc, score, snippet, title_segs)
        for doc, (score, _), snippet, title_segs in zip(stored, page, snippets, title_segments, strict=True)
    ]


def _facets(searcher: tantivy.Searcher, query: Query) -> dict[str, list[tuple[str, int]]]:
    spec = {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in FACET_FIELDS}
    result = searcher.aggregate(query, spec)
    facets: dict[str, list[tuple[str, int]]] = {}
    for name in FACET_FIELDS:
        buckets = result.get(name, {}).get("buckets", [])
        pairs = [(_facet_key(bucket["key"]), int(bucket["doc_count"])) for bucket in buckets]
        facets[name] = sorted(pairs, key=lambda pair: (-pair[1], pair[0]))
    return facets


def _facet_key(key: object) -> str:
    return str(int(key)) if isinstance(key, float) else str(key)
