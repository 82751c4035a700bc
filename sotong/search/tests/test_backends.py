"""Choosing a backend, and what a query may ask for."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from sotong.search.backends import get_search_backend
from sotong.search.backends.tantivy_backend import TantivyBackend
from sotong.search.checks import search_backend_check
from sotong.search.documents import SearchQuery
from sotong.search.errors import (
    BAD_PAGE,
    BAD_YEAR_FILTER,
    POSTGRES_NEEDS_POSTGRESQL,
    UNKNOWN_BACKEND,
    UNKNOWN_FILTER,
    SearchError,
)

ON_POSTGRES = connection.vendor == "postgresql"


def test_backend_is_chosen_by_name(tmp_path: Path) -> None:
    assert isinstance(get_search_backend("tantivy", path=tmp_path), TantivyBackend)


def test_unknown_backend_name_says_which_names_exist(tmp_path: Path) -> None:
    with pytest.raises(SearchError) as error:
        get_search_backend("elastic", path=tmp_path)
    assert error.value.code == UNKNOWN_BACKEND.code
    assert "tantivy" in error.value.message_en and "postgres" in error.value.message_en


@pytest.mark.skipif(
    ON_POSTGRES,
    reason="SQLite에서 거절되는지 보는 시험: PostgreSQL에서는 백엔드가 동작합니다 / checks the refusal on SQLite; "
    "on PostgreSQL the backend works (test_postgres_backend.py)",
)
def test_postgres_backend_on_sqlite_is_refused_saying_how_to_fix_it(tmp_path: Path, settings) -> None:
    with pytest.raises(SearchError) as error:
        get_search_backend("postgres", path=tmp_path)
    assert error.value.code == POSTGRES_NEEDS_POSTGRESQL.code
    assert "DATABASE_URL" in error.value.message_ko and "sqlite" in error.value.message_en
    settings.SOTONG_SEARCH_BACKEND = "postgres"
    [problem] = search_backend_check(None)
    assert problem.msg.startswith(error.value.message_ko)


def test_the_configured_backend_passes_the_start_up_check(settings) -> None:
    settings.SOTONG_SEARCH_BACKEND = "tantivy"
    assert search_backend_check(None) == []
    settings.SOTONG_SEARCH_BACKEND = "elastic"
    [problem] = search_backend_check(None)
    assert problem.id == "sotong.search.E001" and "tantivy" in problem.msg


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"page": 0}, BAD_PAGE),
        ({"filters": {"writer": "김남호"}}, UNKNOWN_FILTER),
        ({"filters": {"year": "작년"}}, BAD_YEAR_FILTER),
    ],
)
def test_bad_queries_are_refused_with_a_named_message(query: dict[str, object], message: object) -> None:
    with pytest.raises(SearchError) as error:
        SearchQuery(text="시민", **query)  # type: ignore[arg-type]
    assert error.value.code == message.code  # type: ignore[attr-defined]
