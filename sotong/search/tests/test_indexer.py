"""The Django side of search: the index is fed from publications and can always be rebuilt."""

import json

import pytest

from sotong.intake.services.folders import folder_ingest
from sotong.search import indexer
from sotong.search.backends.tantivy_backend import MARKER
from sotong.search.indexer import search_backend, search_index_is_stale, search_rebuild
from sotong.search.selectors import search_records

pytestmark = pytest.mark.django_db(transaction=True)


def test_published_records_are_indexed_on_commit_and_rebuild_restores_a_lost_index(
    seoul, demo_data, settings
):
    folder_ingest(folder=demo_data / "demo-withheld", actor="test")
    assert search_records(text="청년주택").total == 1
    assert not search_index_is_stale()
    search_backend().clear()
    assert search_index_is_stale() and search_records(text="청년주택").total == 0
    assert search_rebuild() == 2
    assert search_records(text="청년주택").total == 1


def test_an_index_built_before_the_field_facet_is_stale_and_rebuilt_with_it(seoul, demo_data, settings):
    settings.SOTONG_SEARCH_BACKEND = "tantivy"  # its marker file; for PostgreSQL see test_postgres_backend
    folder_ingest(folder=demo_data / "demo-withheld", actor="test")
    marker = settings.SOTONG_SEARCH_DIR / MARKER
    marker.write_text(json.dumps({**json.loads(marker.read_text()), "schema": 2}))  # no field facet
    indexer._backend.cache_clear()  # as a new process would open it
    assert search_index_is_stale()
    assert search_rebuild() == 2 and not search_index_is_stale()
    fields = dict(search_records(text="").facets["field"])
    assert sum(fields.values()) == 2 and all(fields)


def test_rebuild_replaces_an_index_built_by_another_version(seoul, demo_data, settings):
    folder_ingest(folder=demo_data / "demo-withheld", actor="test")
    (settings.SOTONG_SEARCH_DIR / MARKER).write_text('{"schema": -1}')
    indexer._backend.cache_clear()  # as a new process would open it
    assert search_index_is_stale()
    assert search_rebuild() == 2
