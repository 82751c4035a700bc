"""The search entry points the portal and the read API share (STYLE 3)."""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping

from sotong.search.documents import FACET_FIELDS, RELEVANCE, Hit, SearchQuery, SearchResults
from sotong.search.errors import SearchError
from sotong.search.indexer import search_backend

MAX_QUERY_CHARS = 200
SIMILAR_SHOWN = 5
logger = logging.getLogger(__name__)


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


def similar_records(
    *, public_id: str, exclude: Collection[str] = (), limit: int = SIMILAR_SHOWN
) -> list[Hit]:
    """Published records most alike in text to ``public_id`` as the index holds it (its published,
    masked title and body), best first, without ``exclude`` (those the page already lists).

    A record page lists them as a help, so an index that cannot answer now (being rebuilt after an
    upgrade, say) leaves the list empty rather than failing the page; the failure is logged.
    """
    try:
        return search_backend().similar(public_id, limit=limit, exclude=exclude)
    except SearchError:
        logger.warning("similar records of %s: the search index cannot answer", public_id, exc_info=True)
        return []
