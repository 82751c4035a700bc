"""Feed the search index from the publication layer — and from nothing else.

The index is derived data: ``search_rebuild`` recreates it from the published records at any time.
One backend object per process and index folder, because Kiwi and the Tantivy writer are costly
to open and Tantivy allows one writer per index.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from sotong.publication.models import PublishedRecord
from sotong.publication.selectors import publication_get_many, publication_list
from sotong.search.backends import SearchBackend, get_search_backend
from sotong.search.documents import SearchDocument
from sotong.search.errors import INDEX_SCHEMA_MISMATCH, SearchError

BATCH_SIZE = 2000
_lock = threading.Lock()


@cache
def _backend(name: str, path: Path) -> SearchBackend:
    return get_search_backend(name, path=path)


def search_backend() -> SearchBackend:
    with _lock:
        return _backend(settings.SOTONG_SEARCH_BACKEND, Path(settings.SOTONG_SEARCH_DIR))


def search_document(record: PublishedRecord) -> SearchDocument:
    """Only published fields go in; ``body_text`` is already the public text or empty."""
    return SearchDocument(
        id=record.public_id,
        title=record.title,
        body=record.body_text,
        registration_number=record.registration_number,
        organization=record.organization,
        department=record.department,
        info_type=record.info_type,
        year=record.year,
        grade=record.grade or "목록만 공개",
        date=record.produced_on.isoformat() if record.produced_on else None,
        url=reverse("portal:record", args=[record.public_id]),
    )


def search_index_publications(*, public_ids: Sequence[str]) -> None:
    """(Re)index the given publications; ids no longer published are removed from the index."""
    backend = search_backend()
    for start in range(0, len(public_ids), BATCH_SIZE):
        batch = list(public_ids[start : start + BATCH_SIZE])
        published = publication_get_many(public_ids=batch)
        gone = [public_id for public_id in batch if public_id not in published]
        if gone:
            backend.delete(gone)
        backend.index(search_document(record) for record in published.values())


def _all_publications() -> Iterator[list[PublishedRecord]]:
    records = publication_list().order_by("id")
    last = 0
    while batch := list(records.filter(id__gt=last)[:BATCH_SIZE]):
        yield batch
        last = batch[-1].id


def _fresh_backend() -> SearchBackend:
    """The backend, starting from an empty folder when the index was built by another version."""
    try:
        return search_backend()
    except SearchError as error:
        if error.code != INDEX_SCHEMA_MISMATCH.code:
            raise
    shutil.rmtree(settings.SOTONG_SEARCH_DIR)
    _backend.cache_clear()
    return search_backend()


def search_index_is_stale() -> bool:
    try:
        return search_backend().count() != publication_list().count()
    except SearchError:
        return True


def search_rebuild() -> int:
    backend = _fresh_backend()
    backend.clear()
    total = 0
    for batch in _all_publications():
        backend.index(search_document(record) for record in batch)
        total += len(batch)
    return total
