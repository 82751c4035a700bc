"""The contract suite against Tantivy in a temporary folder, plus what only Tantivy has: a folder."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from sotong.search.backends import get_search_backend
from sotong.search.backends.base import SearchBackend
from sotong.search.backends.tantivy_backend import MARKER, TantivyBackend
from sotong.search.documents import SearchQuery
from sotong.search.errors import INDEX_LOCKED, INDEX_SCHEMA_MISMATCH, SearchError
from sotong.search.tests.contract import SearchBackendContract, found, make_doc


class TestTantivyBackend(SearchBackendContract):
    @pytest.fixture
    def backend(self, tmp_path: Path) -> Iterator[SearchBackend]:
        backend = get_search_backend("tantivy", path=tmp_path / "index")
        yield backend
        backend.close()


def test_index_survives_reopening(tmp_path: Path) -> None:
    first = TantivyBackend(tmp_path)
    first.index([make_doc("a", "시민 참여 예산")])
    first.close()
    assert found(TantivyBackend(tmp_path), "시민") == ["a"]


def test_index_built_by_another_version_is_refused(tmp_path: Path) -> None:
    TantivyBackend(tmp_path).close()
    (tmp_path / MARKER).write_text(json.dumps({"schema": 0, "analysis": 0}))
    with pytest.raises(SearchError) as error:
        TantivyBackend(tmp_path)
    assert error.value.code == INDEX_SCHEMA_MISMATCH.code


def test_second_writer_on_one_folder_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    writer = TantivyBackend(tmp_path)
    writer.index([make_doc("a", "시민")])
    reader = TantivyBackend(tmp_path)
    assert reader.search(SearchQuery(text="시민")).total == 1  # reading needs no lock
    with pytest.raises(SearchError) as error:
        reader.index([make_doc("b", "시민")])
    assert error.value.code == INDEX_LOCKED.code
    writer.close()


def test_failed_batch_leaves_nothing_behind(tmp_path: Path) -> None:
    backend = TantivyBackend(tmp_path)

    def docs_then_failure() -> Iterator[object]:
        yield make_doc("a", "시민")
        raise RuntimeError("source went away")

    with pytest.raises(RuntimeError):
        backend.index(docs_then_failure())  # type: ignore[arg-type]
    backend.index([make_doc("b", "예산")])
    assert backend.count() == 1 and found(backend, "시민") == []


def test_ties_are_ordered_by_id_whatever_the_order_of_indexing(tmp_path: Path) -> None:
    docs = [make_doc(f"d{n:02}", "주간 업무 보고") for n in range(30)]
    forward, backward = TantivyBackend(tmp_path / "f"), TantivyBackend(tmp_path / "b")
    forward.index(docs)
    for doc in reversed(docs):  # one commit (one segment) each
        backward.index([doc])
    assert found(forward, "업무 보고") == found(backward, "업무 보고")
