"""Search errors: named bilingual messages that say how to fix the problem (STYLE 8, 11)."""

from __future__ import annotations

from sotong.core.errors import BilingualError, Message


class SearchError(BilingualError):
    """A search request or a search set-up that cannot be served as given."""


UNKNOWN_BACKEND = Message(
    code="search.unknown_backend",
    ko="알 수 없는 검색 백엔드 '{name}'입니다. SOTONG_SEARCH_BACKEND를 {choices} 중 하나로 설정하세요.",
    en="Unknown search backend '{name}'. Set SOTONG_SEARCH_BACKEND to one of {choices}.",
)
UNKNOWN_FILTER = Message(
    code="search.unknown_filter",
    ko="'{name}'(으)로는 거를 수 없습니다. {choices} 중 하나를 쓰세요.",
    en="Cannot filter by '{name}'. Use one of {choices}.",
)
BAD_YEAR_FILTER = Message(
    code="search.bad_year_filter",
    ko="연도 '{value}'는 숫자가 아닙니다. 2024처럼 네 자리 연도를 쓰세요.",
    en="Year '{value}' is not a number. Use a four-digit year such as 2024.",
)
BAD_SORT = Message(
    code="search.bad_sort",
    ko="정렬 '{value}'은(는) 쓸 수 없습니다. relevance(정확도순) 또는 date(최신순)를 쓰세요.",
    en="Cannot sort by '{value}'. Use relevance or date.",
)
BAD_PAGE = Message(
    code="search.bad_page",
    ko="쪽 번호 {page}은(는) 쓸 수 없습니다. 1부터 {max_page} 사이로 지정하세요.",
    en="Page {page} is out of range. Ask for a page from 1 to {max_page}.",
)
BAD_PER_PAGE = Message(
    code="search.bad_per_page",
    ko="한 쪽에 {per_page}건은 쓸 수 없습니다. 1부터 {max_per_page} 사이로 지정하세요.",
    en="{per_page} results per page is out of range. Ask for 1 to {max_per_page}.",
)
INDEX_SCHEMA_MISMATCH = Message(
    code="search.index_schema_mismatch",
    ko="{path}의 검색 색인이 이 버전과 맞지 않습니다. 폴더를 지우고 색인을 다시 만드세요.",
    en="The search index at {path} was built by another version. Delete the folder and rebuild the index.",
)
INDEX_LOCKED = Message(
    code="search.index_locked",
    ko="{path}의 검색 색인을 다른 프로세스가 쓰고 있습니다. 색인 쓰기는 한 프로세스(작업자)에서만 하세요.",
    en="Another process is writing the search index at {path}. Write the index from one process (the worker) only.",
)
POSTGRES_NEEDS_POSTGRESQL = Message(
    code="search.postgres_needs_postgresql",
    ko=(
        "PostgreSQL 검색 백엔드는 데이터베이스가 PostgreSQL일 때만 쓸 수 있습니다(지금 데이터베이스: {vendor}). "
        "DATABASE_URL을 postgres://…로 설정하거나, SOTONG_SEARCH_BACKEND=tantivy로 내장 검색을 쓰세요."
    ),
    en=(
        "The PostgreSQL search backend needs a PostgreSQL database (this one is {vendor}). "
        "Set DATABASE_URL to postgres://…, or set SOTONG_SEARCH_BACKEND=tantivy for the embedded search."
    ),
)
