"""Bulk analysis in a worker process gives exactly the in-process terms, in order, and survives
the worker's death; registration numbers reuse their prefix's analysis without changing a term."""

from __future__ import annotations

import os
import re
import signal

import pytest

from sotong.search.background import BackgroundPreparer
from sotong.search.documents import SearchDocument
from sotong.search.korean import analyse, analyse_many
from sotong.search.prepare import prepare_many

TITLES = [
    "2021년 1월 업무추진비 집행내역 보고",
    "비공개 정보공개 청구 처리 알림",
    "소방행정과 홍길동 출장 안내",
    "분납대상자 명단 통보",
]
NUMBERS = ["교통정책과-2726", "교통정책과-102726", "소방행정과-1424", "02-2133-1234", "ABC-12", "", "1424"]


def _docs(count: int) -> list[SearchDocument]:
    return [
        SearchDocument(
            id=f"doc-{index}",
            title=TITLES[index % len(TITLES)],
            body="정보공개 청구에 대한 결정 통지" if index % 3 == 0 else "",
            registration_number=NUMBERS[index % len(NUMBERS)],
        )
        for index in range(count)
    ]


def test_worker_prepares_the_same_documents_in_order() -> None:
    docs = _docs(30)
    with BackgroundPreparer(max_behind=100) as preparer:
        for start in range(0, len(docs), 7):
            preparer.submit(docs[start : start + 7])
        got = preparer.drain()
        in_worker = preparer.in_worker
    assert got == list(prepare_many(docs))
    assert 0 < in_worker <= len(docs)


def test_a_dead_worker_falls_back_to_in_process_analysis() -> None:
    docs = _docs(12)
    with BackgroundPreparer(max_behind=100) as preparer:
        preparer.submit(docs[:6])
        assert len(preparer.drain()) == 6  # the worker is up
        assert preparer._executor is not None
        for process in list(preparer._executor._processes.values()):
            assert process.pid is not None
            os.kill(process.pid, signal.SIGKILL)
            process.join()
        preparer.submit(docs[6:])
        got = preparer.drain()
        preparer.submit(docs[:3])  # and it goes on in-process
        got += preparer.drain()
    assert got == list(prepare_many(docs[6:] + docs[:3]))


@pytest.mark.parametrize("number", [*NUMBERS, "교통정책과-0007", "정보공개정책과-99", "과-1"])
def test_registration_numbers_from_a_prefix_template_match_kiwi(number: str) -> None:
    first = re.sub(r"\d", "3", number)  # same prefix and digit count: the template is used
    list(prepare_many([SearchDocument(id="a", title="", body="", registration_number=first)]))
    (prepared,) = prepare_many([SearchDocument(id="b", title="", body="", registration_number=number)])
    assert list(prepared.number_terms) == analyse(number) == analyse_many([number])[0]


def test_a_template_is_used_for_the_next_number_of_a_prefix() -> None:
    from sotong.search import prepare

    list(prepare_many([SearchDocument(id="a", title="", body="", registration_number="감사담당관-4321")]))
    assert prepare._numbers.get("감사담당관-8765") == analyse("감사담당관-8765")
    assert prepare._numbers.get("02-2133-1234") is None  # not a prefix and digits: always Kiwi
