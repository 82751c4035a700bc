"""The one search entry point the portal and the read API share (STYLE 3)."""

from __future__ import annotations

from collections.abc import Mapping

from sotong.search.documents import FACET_FIELDS, RELEVANCE, SearchQuery, SearchResults
from sotong.search.indexer import search_backend

MAX_QUERY_CHARS = 200


def search_records(
    *,
    text: str,
    page: int = 1,
    per_page: int = 20,
    filters: Mapping[str, str] | None = None,
    sort: str = RELEVANCE,
) -> SearchResults:
    """Search the published records. Raises ``SearchError`` (bilingual) for a bad page, filter or sort."""
    chosen = {name: value for name, value in (filters or {}).items() if value and name in FACET_FIELDS}
    query = SearchQuery(
        text=text.strip()[:MAX_QUERY_CHARS],
        page=page,
        per_page=per_page,
        filters=chosen,
        sort=sort or RELEVANCE,
    )
    return search_backend().search(query)
