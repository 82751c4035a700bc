"""The behaviour every search backend must have (STYLE 10): one suite, run against each engine.

A backend's test module subclasses ``SearchBackendContract`` and provides a ``backend`` fixture
that returns an empty backend; see ``test_tantivy_backend.py``. The tests say what a reader of the
portal expects, in Korean as they would type it, never how an engine does it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from sotong.search import korean
from sotong.search.backends.base import SearchBackend
from sotong.search.documents import FACET_FIELDS, Hit, SearchDocument, SearchQuery, SearchResults
from sotong.search.tests.data import info_list_documents, seed_documents


def make_doc(doc_id: str, title: str, body: str = "", **fields: object) -> SearchDocument:
    defaults: dict[str, object] = {
        "organization": "서울특별시",
        "department": "정보공개정책과",
        "info_type": "결재문서",
        "year": 2024,
        "grade": "공개",
        "date": "2024-03-01",
        "url": f"/records/{doc_id}",
    }
    return SearchDocument(id=doc_id, title=title, body=body, **{**defaults, **fields})  # type: ignore[arg-type]


def ids(results: SearchResults) -> list[str]:
    return [hit.id for hit in results.hits]


def ids_of(hits: list[Hit]) -> list[str]:
    return [hit.id for hit in hits]


def found(backend: SearchBackend, text: str, **query: object) -> list[str]:
    return ids(backend.search(SearchQuery(text=text, per_page=100, **query)))  # type: ignore[arg-type]


class SearchBackendContract:
    @pytest.fixture
    def backend(self) -> Iterator[SearchBackend]:
        raise NotImplementedError("a backend's test module provides an empty backend")

    # --- Korean matching ----------------------------------------------------------------------

    def test_inflected_query_finds_the_plain_word(self, backend: SearchBackend) -> None:
        backend.index(
            [make_doc("a", "회의록", "위원회는 회의 결과를 공개한다."), make_doc("b", "회의록", "안건 없음")]
        )
        assert found(backend, "공개하여") == ["a"]
        assert found(backend, "공개된") == ["a"]

    def test_plain_word_finds_inflected_text(self, backend: SearchBackend) -> None:
        backend.index([make_doc("a", "회의록", "심의 결과를 시민에게 공개하여 투명성을 높였다.")])
        assert found(backend, "공개") == ["a"]
        assert found(backend, "높이다") == ["a"]

    def test_compound_query_finds_the_spaced_parts(self, backend: SearchBackend) -> None:
        backend.index([make_doc("a", "안내", "정보 공개 청구는 누구나 할 수 있습니다.")])
        assert found(backend, "정보공개") == ["a"]

    def test_spaced_query_finds_the_compound(self, backend: SearchBackend) -> None:
        backend.index([make_doc("a", "안내", "정보공개 청구는 누구나 할 수 있습니다.")])
        assert found(backend, "정보 공개") == ["a"]

    def test_compound_written_as_one_word_ranks_above_scattered_parts(self, backend: SearchBackend) -> None:
        backend.index(
            [
                make_doc(
                    "scattered", "안내", "정보를 모아 두었다가 내년에 결과를 공개합니다. 정보 관리 계획."
                ),
                make_doc("compound", "안내", "정보공개 절차를 설명합니다. 관리 계획을 정비했습니다."),
            ]
        )
        assert found(backend, "정보공개") == ["compound", "scattered"]

    def test_withheld_is_not_found_by_disclosed(self, backend: SearchBackend) -> None:
        backend.index(
            [
                make_doc("withheld", "내부 검토", "이 문서는 비공개 대상입니다."),
                make_doc("disclosed", "회의 결과", "이 문서는 공개 대상입니다."),
            ]
        )
        assert found(backend, "공개") == ["disclosed"]
        assert found(backend, "비공개") == ["withheld"]

    def test_withheld_compound_is_not_found_by_disclosed_compound(self, backend: SearchBackend) -> None:
        backend.index([make_doc("w", "검토", "비공개정보에 해당합니다.")])
        assert found(backend, "공개정보") == []
        assert found(backend, "비공개정보") == ["w"]

    def test_two_syllable_word(self, backend: SearchBackend) -> None:
        backend.index(
            [make_doc("a", "시민 참여 예산", "시민이 직접 제안한 사업"), make_doc("b", "예산", "구청 사업")]
        )
        assert found(backend, "시민") == ["a"]

    def test_personal_name(self, backend: SearchBackend) -> None:
        backend.index(
            [
                make_doc("a", "답변서", "담당 주무관 한서윤(02-2133-1234)이 검토하였습니다."),
                make_doc("b", "답변서", "담당 주무관 한서준이 검토하였습니다."),
            ]
        )
        assert found(backend, "한서윤") == ["a"]
        assert found(backend, "서윤") == ["a"]

    def test_document_number_in_the_registration_field(self, backend: SearchBackend) -> None:
        backend.index(
            [
                make_doc("a", "2021년 1월 초과근무내역 수정 보고", registration_number="소방행정과-1424"),
                make_doc("b", "당직 근무명령", registration_number="소방행정과-1267"),
            ]
        )
        assert found(backend, "소방행정과-1424") == ["a"]
        assert found(backend, "1424") == ["a"]
        assert sorted(found(backend, "소방행정과")) == ["a", "b"]

    def test_document_number_quoted_in_the_body(self, backend: SearchBackend) -> None:
        backend.index([make_doc("a", "회신", "관련: 소방행정과-1424(2021.2.10.) 호와 관련입니다.")])
        assert found(backend, "소방행정과-1424") == ["a"]
        assert found(backend, "1424") == ["a"]

    def test_a_word_typed_alone_finds_it_in_titles_however_kiwi_reads_it(
        self, backend: SearchBackend
    ) -> None:
        # Typed alone, 보고 and 알림 read as the verbs 보다 and 알리다; in a title they are nouns, or
        # verbs again at its end. Real titles of Seoul's list of approved documents, one invented.
        backend.index(
            [
                make_doc("end", "공사완료 검사 보고"),
                make_doc("middle", "2021년 상반기 점검 결과 보고"),
                make_doc("meeting", "2021년 국가중요(보안)시설 방호 관련 회의 알림"),
                make_doc("fire", "특정소방대상물 화재발생 알림(공릉2단지아파트)"),
                make_doc("unreported", "미보고 사항 정리"),
                make_doc("other", "예산 편성 지침"),
            ]
        )
        assert sorted(found(backend, "보고")) == ["end", "middle"]
        assert sorted(found(backend, "알림")) == ["fire", "meeting"]
        assert found(backend, "결과 보고") == ["middle"]
        assert found(backend, "회의 알림") == ["meeting"]

    def test_title_followed_by_its_document_number(self, backend: SearchBackend) -> None:
        # Each of these titles was not found this way once: the words read differently when a
        # number follows them (보고/NNG, 대상 + 자, 물품 + 청구) than at the end of the title.
        backend.index(
            [
                make_doc("2256", "공사완료 검사 보고", registration_number="현장민원과-2256"),
                make_doc("2255", "공사완료 검사 보고", registration_number="현장민원과-2255"),
                make_doc(
                    "610",
                    "2020년도 귀속 연말정산 추징금 분납대상자 보고",
                    registration_number="이태원119안전센터-610",
                ),
                make_doc("2617", "디지털 계량기 물품청구", registration_number="현장민원과-2617"),
                make_doc("3189", "수도계량기 폐전처리 안내", registration_number="요금과-3189"),
            ]
        )
        assert found(backend, "공사완료 검사 보고 현장민원과-2256") == ["2256"]
        assert found(backend, "2020년도 귀속 연말정산 추징금 분납대상자 보고 이태원119안전센터-610") == [
            "610"
        ]
        assert found(backend, "디지털 계량기 물품청구 현장민원과-2617") == ["2617"]
        assert found(backend, "수도계량기 폐전처리 안내 요금과-3189") == ["3189"]

    def test_every_word_of_the_query_must_be_found(self, backend: SearchBackend) -> None:
        backend.index([make_doc("a", "시민 참여", "예산 편성"), make_doc("b", "시민 건강", "보건소 운영")])
        assert found(backend, "시민 예산") == ["a"]
        assert found(backend, "시민 예산에 대한") == ["a"]  # 대한 is grammar, not required

    # --- ranking and paging -------------------------------------------------------------------

    def test_title_match_outranks_a_passing_mention(self, backend: SearchBackend) -> None:
        long_body = (
            "서울시는 이번 계획에서 교통, 주거, 환경 분야의 과제를 정리하였다. 예산은 별도로 정한다. " * 3
        )
        backend.index(
            [
                make_doc("mention", "도시 계획 종합 보고", long_body),
                make_doc("title", "예산 편성 지침", "세부 지침"),
            ]
        )
        assert found(backend, "예산") == ["title", "mention"]

    def test_pages_concatenate_to_the_full_list(self, backend: SearchBackend) -> None:
        # Identical texts tie on score: the order among them must not depend on the page, even
        # when the tie group runs far past the page.
        backend.index([make_doc(f"d{n:02}", "주간 업무 보고", "시민 안전 점검 결과") for n in range(47)])
        backend.index([make_doc("best", "주간 업무 보고 업무 보고", "업무 보고")])
        full = found(backend, "업무 보고")
        pages = [
            ids(backend.search(SearchQuery(text="업무 보고", page=page, per_page=10))) for page in range(1, 6)
        ]
        assert len(full) == 48 and full[0] == "best"
        assert [doc_id for page in pages for doc_id in page] == full

    def test_order_of_ties_survives_an_unrelated_commit(self, backend: SearchBackend) -> None:
        backend.index([make_doc(f"d{n:02}", "주간 업무 보고", "점검") for n in range(12)])
        before = found(backend, "업무 보고")
        backend.index([make_doc("other", "예산 편성 지침", "관련 없음")])
        assert found(backend, "업무 보고") == before

    def test_page_past_the_end_is_empty_but_counts_all(self, backend: SearchBackend) -> None:
        backend.index([make_doc("a", "시민 참여"), make_doc("b", "시민 안전")])
        results = backend.search(SearchQuery(text="시민", page=3, per_page=5))
        assert results.hits == [] and results.total == 2

    def test_empty_query_lists_everything_newest_first(self, backend: SearchBackend) -> None:
        backend.index(
            [
                make_doc("old", "첫 문서", date="2021-02-10"),
                make_doc("new", "둘째 문서", date="2024-05-01"),
                make_doc("undated", "날짜 없는 문서", date=None),
                make_doc("mid", "셋째 문서", date="2023-01-01"),
            ]
        )
        results = backend.search(SearchQuery(text="  "))
        assert ids(results) == ["new", "mid", "old", "undated"]
        assert results.total == 4
        assert dict(results.facets["grade"]) == {"공개": 4}

    def test_sorting_by_date_orders_the_same_matches_newest_first(self, backend: SearchBackend) -> None:
        backend.index(
            [
                make_doc("old", "하천 정비 하천 정비 계획", date="2019-03-01"),
                make_doc("new", "하천 정비", body="정비 일정", date="2024-06-01"),
                make_doc("mid", "정비 결과", body="하천 주변", date="2022-01-01"),
                make_doc("undated", "하천 정비 보고", date=None),
                make_doc("other", "도로 포장", date="2025-01-01"),
            ]
        )
        by_score = backend.search(SearchQuery(text="하천 정비", per_page=10))
        by_date = backend.search(SearchQuery(text="하천 정비", per_page=10, sort="date"))
        assert sorted(ids(by_score)) == sorted(ids(by_date))
        assert ids(by_date) == ["new", "mid", "old", "undated"]
        assert by_date.total == by_score.total == 4 and by_date.facets == by_score.facets
        paged = [
            i
            for p in (1, 2)
            for i in ids(backend.search(SearchQuery(text="하천", page=p, per_page=2, sort="date")))
        ]
        assert paged == ["new", "mid", "old", "undated"]

    def test_thesaurus_words_find_each_other(self, backend: SearchBackend) -> None:
        """서울시 and 서울특별시 (one group of ``thesaurus.txt``) find the same documents."""
        backend.index(
            [
                make_doc("long", "서울특별시 정보공개 조례"),
                make_doc("short", "서울시 열린데이터 광장"),
                make_doc("other", "부산시 교통 대책"),
                make_doc("subway", "지하철 9호선 연장"),
            ]
        )
        assert sorted(found(backend, "서울시")) == ["long", "short"]
        assert sorted(found(backend, "서울특별시")) == ["long", "short"]
        assert sorted(found(backend, "서울시의 정보공개")) == ["long"]
        assert found(backend, "도시철도") == ["subway"]

    def test_empty_query_pages_are_stable(self, backend: SearchBackend) -> None:
        backend.index([make_doc(f"d{n:02}", "보고", date="2024-01-01") for n in range(11)])
        full = ids(backend.search(SearchQuery(per_page=100)))
        paged = [i for p in (1, 2, 3) for i in ids(backend.search(SearchQuery(page=p, per_page=4)))]
        assert paged == full and len(set(full)) == 11

    # --- facets and filters -------------------------------------------------------------------

    def _facet_corpus(self, backend: SearchBackend) -> None:
        backend.index(
            [
                make_doc("a", "시민 안전 점검", department="안전총괄과", year=2023, grade="공개"),
                make_doc("b", "시민 안전 교육", department="안전총괄과", year=2024, grade="부분공개"),
                make_doc("c", "시민 건강 조사", department="보건정책과", year=2024, grade="비공개"),
                make_doc("d", "도로 포장 공사", department="도로관리과", year=2024, grade="공개"),
            ]
        )

    def test_facets_count_the_whole_result_set(self, backend: SearchBackend) -> None:
        self._facet_corpus(backend)
        results = backend.search(SearchQuery(text="시민", per_page=1))
        assert len(results.hits) == 1 and results.total == 3
        assert results.facets["department"] == [("안전총괄과", 2), ("보건정책과", 1)]
        assert results.facets["year"] == [("2024", 2), ("2023", 1)]
        assert set(results.facets) == set(FACET_FIELDS)

    def test_filter_narrows_hits_and_facets(self, backend: SearchBackend) -> None:
        self._facet_corpus(backend)
        results = backend.search(SearchQuery(text="시민", filters={"year": "2024"}))
        assert sorted(ids(results)) == ["b", "c"]
        assert results.facets["department"] == [("보건정책과", 1), ("안전총괄과", 1)]
        assert results.facets["grade"] == [("부분공개", 1), ("비공개", 1)]
        both = backend.search(SearchQuery(filters={"department": "안전총괄과", "grade": "공개"}))
        assert ids(both) == ["a"]

    def test_field_is_a_facet_and_a_filter(self, backend: SearchBackend) -> None:
        backend.index(
            [
                make_doc("bus", "버스 노선 조정", field="교통"),
                make_doc("subway", "지하철 노선 연장", field="교통"),
                make_doc("school", "통학 노선 안전 점검", field="안전"),
                make_doc("unfiled", "노선 안내"),  # no field: counted under none
            ]
        )
        results = backend.search(SearchQuery(text="노선"))
        assert results.total == 4 and results.facets["field"] == [("교통", 2), ("안전", 1)]
        narrowed = backend.search(SearchQuery(text="노선", filters={"field": "교통"}))
        assert sorted(ids(narrowed)) == ["bus", "subway"] and narrowed.facets["field"] == [("교통", 2)]
        assert ids(backend.search(SearchQuery(filters={"field": "안전"}))) == ["school"]
        assert backend.search(SearchQuery(filters={"field": "환경"})).total == 0
        assert [hit.field for hit in backend.search(SearchQuery(text="통학")).hits] == ["안전"]

    # --- related documents by text ------------------------------------------------------------

    def _river_corpus(self, backend: SearchBackend) -> None:
        backend.index(
            [
                make_doc("plan", "중랑천 하천 정비 사업 계획", "중랑천 제방 보강과 산책로 조성을 추진한다."),
                make_doc("works", "중랑천 하천 정비 공사 준공", "중랑천 제방 보강을 마쳤다."),
                make_doc("water", "하천 수질 검사 결과", "하천 열 곳의 수질을 검사하였다."),
                make_doc("road", "도로 포장 공사", "노후 도로를 다시 포장하였다."),
                *[make_doc(f"stream{n}", f"하천 관리 현황 {n}", "하천 순찰") for n in range(4)],
            ]
        )

    def test_similar_puts_the_document_sharing_the_most_distinctive_terms_first(
        self, backend: SearchBackend
    ) -> None:
        self._river_corpus(backend)
        related = ids_of(backend.similar("plan", limit=10))
        # works shares 중랑천, 하천정비, 제방, 보강 …; the others only 하천, which six documents have.
        assert related[0] == "works"
        assert set(related) == {"works", "water", "stream0", "stream1", "stream2", "stream3"}
        assert ids_of(backend.similar("plan", limit=2)) == related[:2]

    def test_similar_never_lists_the_document_itself_the_excluded_or_one_sharing_nothing(
        self, backend: SearchBackend
    ) -> None:
        self._river_corpus(backend)
        backend.index(
            [make_doc("copy", "중랑천 하천 정비 사업 계획", "중랑천 제방 보강과 산책로 조성을 추진한다.")]
        )
        related = ids_of(backend.similar("plan", limit=20))
        assert related[0] == "copy" and "plan" not in related and "road" not in related
        assert "works" not in ids_of(backend.similar("plan", limit=20, exclude=["works", "unknown"]))
        assert "plan" in ids_of(backend.similar("copy", limit=20))

    def test_a_document_without_usable_terms_or_not_indexed_has_no_similar(
        self, backend: SearchBackend
    ) -> None:
        self._river_corpus(backend)
        backend.index([make_doc("numbers", "2024", "3 12 2024")])
        assert backend.similar("numbers", limit=5) == []
        assert backend.similar("never-indexed", limit=5) == []

    def test_words_most_documents_have_do_not_make_documents_related(self, backend: SearchBackend) -> None:
        backend.index([make_doc(f"w{n:02}", "주간 업무 보고", "업무 보고") for n in range(60)])
        backend.index([make_doc("target", "업무 보고 체계", ""), make_doc("peer", "보고 체계 개선", "")])
        assert ids_of(backend.similar("target", limit=10)) == ["peer"]

    def test_similar_reads_only_the_text_the_index_holds(self, backend: SearchBackend) -> None:
        self._river_corpus(backend)
        backend.index([make_doc("memo", "회의록", "도로 포장 일정을 논의하였다.")])
        assert ids_of(backend.similar("memo", limit=5)) == ["road"]
        # Published again with the passage masked: what the index no longer holds relates nothing.
        backend.index([make_doc("memo", "회의록", "＊＊ ＊＊ 일정을 논의하였다.")])
        assert backend.similar("memo", limit=5) == []

    def test_similar_analyses_no_text_when_asked(
        self, backend: SearchBackend, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # Kiwi on a title and 2,000 characters took ~38 ms a record page: the terms are chosen when
        # the document is indexed, and kept.
        self._river_corpus(backend)

        def refuse(texts: object) -> object:
            raise AssertionError("text analysed while looking for similar documents")

        monkeypatch.setattr(korean, "_spans_many", refuse)
        assert ids_of(backend.similar("plan", limit=1)) == ["works"]

    def test_similar_hits_carry_the_public_fields(self, backend: SearchBackend) -> None:
        self._river_corpus(backend)
        hit = backend.similar("plan", limit=1)[0]
        assert (hit.id, hit.title, hit.url, hit.grade, hit.date) == (
            "works",
            "중랑천 하천 정비 공사 준공",
            "/records/works",
            "공개",
            "2024-03-01",
        )

    # --- writes -------------------------------------------------------------------------------

    def test_upsert_by_id_does_not_duplicate(self, backend: SearchBackend) -> None:
        backend.index([make_doc("a", "초안 제목", "예산")])
        backend.index([make_doc("a", "확정 제목", "예산")])
        assert backend.count() == 1
        assert found(backend, "확정") == ["a"] and found(backend, "초안") == []

    def test_last_version_wins_inside_one_batch(self, backend: SearchBackend) -> None:
        backend.index([make_doc("a", "초안 제목"), make_doc("a", "확정 제목")])
        assert backend.count() == 1 and found(backend, "확정") == ["a"]

    def test_delete_removes_and_tolerates_unknown_ids(self, backend: SearchBackend) -> None:
        backend.index([make_doc("a", "시민 참여"), make_doc("b", "시민 안전")])
        backend.delete(["a", "never-indexed"])
        assert found(backend, "시민") == ["b"] and backend.count() == 1

    def test_clear_empties_the_index(self, backend: SearchBackend) -> None:
        backend.index([make_doc("a", "시민 참여")])
        backend.clear()
        assert backend.count() == 0 and found(backend, "") == []

    # --- what a hit carries -------------------------------------------------------------------

    def test_hit_carries_the_public_fields_and_a_plain_text_snippet(self, backend: SearchBackend) -> None:
        body = "검토 결과 <script>alert(1)</script> 공개하여 시민에게 알린다."
        backend.index([make_doc("a", "공개 결정 통지", body, registration_number="정보공개정책과-77")])
        hit = backend.search(SearchQuery(text="공개")).hits[0]
        assert (hit.id, hit.title, hit.registration_number) == ("a", "공개 결정 통지", "정보공개정책과-77")
        assert (hit.department, hit.year, hit.date, hit.url) == (
            "정보공개정책과",
            2024,
            "2024-03-01",
            "/records/a",
        )
        assert ("공개", True) in hit.snippet and ("공개", True) in hit.title_segments
        assert "".join(text for text, _ in hit.snippet) == body  # the original text, not morphemes

    # --- real documents -----------------------------------------------------------------------

    def test_real_seed_documents(self, backend: SearchBackend) -> None:
        backend.index(seed_documents())
        assert "it-project-governance-guideline-2018" in found(backend, "정보화사업 거버넌스")[:1]
        assert found(backend, "정보화기획담당관-11644") == ["open-city-governance-2.0-plan-2012"]
        assert backend.search(SearchQuery(text="시민")).total == 5

    def test_real_list_of_approved_documents(self, backend: SearchBackend) -> None:
        backend.index(info_list_documents(limit=300))
        assert found(backend, "소방행정과-1424")[:1] == ["info-210416448007000"]
        assert "info-210416448007000" in found(backend, "김남호")
        assert "info-210416448007000" in found(backend, "초과근무")

    @pytest.mark.slow
    def test_every_title_of_a_real_week_is_found_with_its_number(self, backend: SearchBackend) -> None:
        # What a reader pastes from the list: the title, then the registration number.
        docs = [replace(doc, body="") for doc in info_list_documents()]
        backend.index(docs)
        missing = [
            (doc.title, doc.registration_number)
            for doc in docs
            if doc.id not in found(backend, f"{doc.title} {doc.registration_number}")
        ]
        assert len(docs) == 3657
        assert missing == []
