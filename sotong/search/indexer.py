"""Feed the search index from the publication layer — and from nothing else.

The index is derived data: ``search_rebuild`` recreates it from the published records at any time.
One backend object per process and index folder, because Kiwi and the Tantivy writer are costly
to open and Tantivy allows one writer per index.

Bulk paths (``list_import``) build the documents from the ``PublicationData`` they have just
written (``search_document_for``: the same fields, so the same document as a read-back would give)
and analyse them in a worker process (``sotong.search.background``); ``search_index_prepared``
then writes them, one Tantivy commit per call.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

from django.conf import settings
from django.urls import get_script_prefix, reverse

from sotong.publication.models import PublishedRecord
from sotong.publication.selectors import publication_get_many, publication_list
from sotong.publication.services import PublicationData, assigned_field
from sotong.search.backends import SearchBackend, get_search_backend
from sotong.search.documents import SearchDocument
from sotong.search.errors import INDEX_SCHEMA_MISMATCH, SearchError
from sotong.search.prepare import PreparedDocument

BATCH_SIZE = 2000
_lock = threading.Lock()


@cache
def _backend(name: str, path: Path) -> SearchBackend:
    return get_search_backend(name, path=path)


def search_backend() -> SearchBackend:
    with _lock:
        return _backend(settings.SOTONG_SEARCH_BACKEND, Path(settings.SOTONG_SEARCH_DIR))


_PLAIN_ID = re.compile(r"[A-Za-z0-9_-]+")
_ID_MARK = "sotong0search0id0mark"


@cache
def _record_url_parts(script_prefix: str) -> tuple[str, str]:
    head, tail = reverse("portal:record", args=[_ID_MARK]).split(_ID_MARK)
    return head, tail


def record_url(public_id: str) -> str:
    """``reverse("portal:record", …)``, without its cost (~15 µs, 1.5 s per 100,000 documents) for
    ids made only of letters, digits, ``-`` and ``_`` (every public id), which it would not quote."""
    if not _PLAIN_ID.fullmatch(public_id):
        return reverse("portal:record", args=[public_id])
    head, tail = _record_url_parts(get_script_prefix())
    return f"{head}{public_id}{tail}"


def search_document(record: PublishedRecord | PublicationData) -> SearchDocument:
    """Only published fields go in; ``body_text`` is already the public text or empty.

    From a stored ``PublishedRecord``, or from the ``PublicationData`` that was just written (bulk
    paths: no read-back); both carry the same fields.
    """
    produced_on = record.produced_on
    return SearchDocument(
        id=record.public_id,
        title=record.title,
        body=record.body_text,
        registration_number=record.registration_number,
        organization=record.organization,
        department=record.department,
        info_type=record.info_type,
        year=produced_on.year if produced_on else None,
        grade=record.grade or "목록만 공개",
        date=produced_on.isoformat() if produced_on else None,
        url=record_url(record.public_id),
        field=_field(record),
    )


def _field(record: PublishedRecord | PublicationData) -> str:
    """The record's 분야: stored on a ``PublishedRecord``; for ``PublicationData`` (bulk paths), the
    one publication has just given it."""
    return record.field if isinstance(record, PublishedRecord) else assigned_field(record)


def search_index_prepared(docs: Iterable[PreparedDocument]) -> None:
    """Index documents already analysed (``sotong.search.background``): one commit."""
    search_backend().index_prepared(docs)


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
    """Whether the index lacks published records, holds others, or holds another analysis' terms.

    Counting is enough for every path that writes publications (each indexes what it wrote, on
    commit); a crash between the two, or an index cleared or restored from an old backup, shows
    as a different count.
    """
    try:
        backend = search_backend()
        return backend.count() != publication_list().count() or backend.outdated()
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
