"""The contract suite against the PostgreSQL backend, plus what only it has: a table in the database.

Runs in the PostgreSQL suite (``DATABASE_URL=postgres://…``; ``tests/run_suites.py``): every test
here uses the database (``django_db``), so that suite keeps them. On SQLite the module is skipped,
saying why: the backend refuses to run there (``test_backends.py`` checks that refusal).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import connection
from django.utils import timezone

from sotong.publication.models import PublishedRecord
from sotong.search import indexer
from sotong.search.backends import get_search_backend
from sotong.search.backends.base import SearchBackend
from sotong.search.backends.postgres_backend import PostgresBackend
from sotong.search.backends.postgres_rows import MAX_POSITION, WINDOW_OVERLAP, entry_row
from sotong.search.documents import SearchQuery
from sotong.search.prepare import prepare
from sotong.search.tests.contract import SearchBackendContract, found, make_doc

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason=(
            "PostgreSQL 검색 백엔드는 PostgreSQL에서만 시험합니다. DATABASE_URL=postgres://… 로 실행하세요 "
            "(make test가 SOTONG_TEST_POSTGRES_URL로 실행) / the PostgreSQL search backend is tested on "
            "PostgreSQL only: run with DATABASE_URL=postgres://… (make test does, given SOTONG_TEST_POSTGRES_URL)"
        ),
    ),
]


class TestPostgresBackend(SearchBackendContract):
    @pytest.fixture
    def backend(self, db: None, tmp_path) -> Iterator[SearchBackend]:
        backend = get_search_backend("postgres", path=tmp_path / "unused")
        assert backend.count() == 0
        yield backend
        backend.close()


@pytest.fixture
def backend(db: None) -> PostgresBackend:
    return PostgresBackend()


def test_failed_batch_leaves_nothing_behind(backend: PostgresBackend) -> None:
    def docs_then_failure() -> Iterator[object]:
        yield make_doc("a", "시민")
        raise RuntimeError("source went away")

    with pytest.raises(RuntimeError):
        backend.index(docs_then_failure())  # type: ignore[arg-type]
    backend.index([make_doc("b", "예산")])
    assert backend.count() == 1 and found(backend, "시민") == []


def test_ties_are_ordered_as_the_tantivy_backend_orders_them(backend: PostgresBackend, tmp_path) -> None:
    docs = [make_doc(f"d{n:02}", "주간 업무 보고") for n in range(30)]
    for doc in reversed(docs):
        backend.index([doc])
    tantivy = get_search_backend("tantivy", path=tmp_path / "index")
    tantivy.index(docs)
    assert found(backend, "업무 보고") == found(tantivy, "업무 보고")
    tantivy.close()


def _phrase_in_bigrams(doc_id: str, phrase: str) -> bool:
    """Whether the row's ``body_bigrams`` column alone (without windows) has the phrase."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT body_bigrams @@ %s::tsquery FROM search_entry WHERE id = %s", [phrase, doc_id])
        return bool(cursor.fetchone()[0])


def test_a_name_at_the_end_of_a_long_body_is_found_by_its_bigrams(backend: PostgresBackend) -> None:
    # Past PostgreSQL's 16,383 positions (and 256 per lexeme: 정보 repeats), the body's bigrams
    # are matched in windows. 서윤씨 is not a term of 한서윤씨가: only its bigrams find it.
    filler = "정보 공개 제도의 운영 현황을 점검하였다. " * 1500
    prepared = prepare(make_doc("long", "점검 결과", filler + "담당 주무관 한서윤씨가 검토."))
    assert len(prepared.body_bigrams) > MAX_POSITION
    assert entry_row(prepared)[-1] is not None  # windows were written
    backend.index_prepared([prepared])
    backend.index([make_doc("short", "답변서", "담당 주무관 한서준씨가 검토하였습니다.")])
    assert not _phrase_in_bigrams("long", "'서윤' <-> '윤씨'")  # clamped away
    assert found(backend, "서윤씨") == ["long"]


def test_a_phrase_cut_by_the_end_of_a_window_is_whole_in_the_next(backend: PostgresBackend) -> None:
    # Distinct numbers fill the first window's 16,383 positions but for two: 서윤 is its last
    # bigram and 윤씨 the next window's; windows overlap, so the next one has the phrase whole.
    filler = " ".join(str(number) for number in range(MAX_POSITION - 2))
    backend.index([make_doc("a", "제목", f"{filler} 한서윤씨가 검토")])
    assert found(backend, "서윤씨") == ["a"]
    assert WINDOW_OVERLAP >= 2


def test_terms_with_quotes_and_backslashes_are_stored_as_they_are(backend: PostgresBackend) -> None:
    backend.index([make_doc("q", "it's a\\b test", registration_number="O'Neil-12")])
    assert found(backend, "it's") == ["q"]
    assert found(backend, "a\\b") == ["q"]
    assert found(backend, "O'Neil-12") == ["q"]


def test_an_index_of_another_analysis_is_outdated(backend: PostgresBackend) -> None:
    backend.index([make_doc("a", "시민 참여")])
    assert not backend.outdated()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE search_entry SET analysis = analysis - 1")
    assert backend.outdated()
    backend.clear()
    assert not backend.outdated() and backend.count() == 0


def test_rows_of_an_earlier_row_version_make_the_index_outdated(backend: PostgresBackend) -> None:
    backend.index([make_doc("a", "시민 참여", field="교통")])
    assert not backend.outdated()
    with connection.cursor() as cursor:  # as migrations 0002 and 0003 leave the rows they find
        cursor.execute(
            "UPDATE search_entry SET row_version = row_version - 1, field = '', similar_candidates = ''"
        )
    assert backend.outdated()
    backend.index([make_doc("a", "시민 참여", field="교통")])
    assert not backend.outdated() and backend.search(SearchQuery(filters={"field": "교통"})).total == 1


def test_a_search_leaves_the_callers_transaction_settings_as_they_were(backend: PostgresBackend) -> None:
    # The test runs inside a transaction, as a search inside a request's or a job's would.
    backend.index([make_doc("a", "시민 참여")])

    def current() -> tuple[str, ...]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), current_setting('jit'), current_setting('work_mem')"
            )
            return tuple(cursor.fetchone())

    before = current()
    assert found(backend, "시민") == ["a"] and found(backend, "") == ["a"]
    assert current() == before


def test_a_query_of_grammar_words_only_takes_the_bigram_route(backend: PostgresBackend) -> None:
    backend.index([make_doc("a", "대한 민국"), make_doc("b", "시민")])
    assert found(backend, "대한") == ["a"]


# --- the Django side: indexer, rebuild and the read API on the postgres backend -----------------


def _published(public_id: str, title: str, body: str, *, day: dt.date) -> PublishedRecord:
    now = timezone.now()
    return PublishedRecord.objects.create(
        public_id=public_id,
        title=title,
        registration_number=f"정보공개정책과-{day.day}",
        organization="서울특별시",
        department="정보공개정책과",
        info_type="결재문서",
        produced_on=day,
        grade="공개",
        listing="graded",
        body_text=body,
        published_at=now,
        updated_at=now,
    )


@pytest.fixture
def on_postgres(settings) -> Iterator[None]:
    settings.SOTONG_SEARCH_BACKEND = "postgres"
    yield
    indexer._backend.cache_clear()


def test_the_indexer_uses_the_postgres_backend_when_settings_say_so(on_postgres: None) -> None:
    assert isinstance(indexer.search_backend(), PostgresBackend)


def test_read_api_searches_the_postgres_backend(on_postgres: None, client) -> None:
    _published("seoul-a", "시민 참여 예산 보고", "시민이 제안한 사업을 공개합니다.", day=dt.date(2024, 3, 1))
    _published("seoul-b", "도로 포장 공사", "구청 도로 공사 계획", day=dt.date(2024, 4, 1))
    indexer.search_index_publications(public_ids=["seoul-a", "seoul-b", "seoul-gone"])
    body = client.get("/api/v1/search", {"q": "시민 참여"}).json()
    assert body["total"] == 1
    assert body["results"][0]["id"] == "seoul-a"
    assert "공개" in body["results"][0]["snippet"]
    assert body["facets"]["year"] == [["2024", 1]]
    listing = client.get("/api/v1/search", {"q": ""}).json()
    assert [hit["id"] for hit in listing["results"]] == ["seoul-b", "seoul-a"]


def test_stale_index_is_noticed_and_rebuilt_from_the_publication_layer(on_postgres: None) -> None:
    _published("seoul-a", "시민 참여 예산 보고", "", day=dt.date(2024, 3, 1))
    _published("seoul-b", "도로 포장 공사", "", day=dt.date(2024, 4, 1))
    assert indexer.search_index_is_stale()  # nothing indexed yet
    assert indexer.search_rebuild() == 2
    assert not indexer.search_index_is_stale()
    PublishedRecord.objects.filter(public_id="seoul-b").delete()
    assert indexer.search_index_is_stale()
    assert indexer.search_rebuild() == 1
    assert indexer.search_backend().search(SearchQuery(text="도로")).total == 0
