"""Choosing a backend, and what a query may ask for."""

from __future__ import annotations

from pathlib import Path

import pytest

from sotong.search.backends import get_search_backend
from sotong.search.backends.tantivy_backend import TantivyBackend
from sotong.search.documents import SearchQuery
from sotong.search.errors import BAD_PAGE, BAD_YEAR_FILTER, UNKNOWN_BACKEND, UNKNOWN_FILTER, SearchError


def test_backend_is_chosen_by_name(tmp_path: Path) -> None:
    assert isinstance(get_search_backend("tantivy", path=tmp_path), TantivyBackend)


def test_unknown_backend_name_says_which_names_exist(tmp_path: Path) -> None:
    with pytest.raises(SearchError) as error:
        get_search_backend("elastic", path=tmp_path)
    assert error.value.code == UNKNOWN_BACKEND.code
    assert "tantivy" in error.value.message_en


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
