"""The workbench in Korean and English (decision 0011, addendum): every page type of the officials'
side answers in English when the browser asks or the official chose it with the header's switch,
and in Korean by default; what stays Korean on an English page is data the test planted or a
bilingual error message; switching languages adds no query."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html import unescape

import pytest
from django.utils import translation

from sotong.pipeline.models import DeadLetter
from sotong.pipeline.queue import PROCESS_TASK
from sotong.proactive.models import ProactiveItem
from sotong.projects.tests.conftest import TASK_CARD, project, published
from sotong.records.choices import ApprovalRole
from sotong.records.models import Record
from sotong.records.tests.factories import ApprovalStepFactory
from sotong.workbench.errors import NOT_OFFICIAL, OFFICERS_ONLY
from sotong.workbench.tests.factories import extracted_file, published_record

pytestmark = pytest.mark.django_db

HANGUL_RUN = re.compile(r"[가-힣][가-힣0-9·\-]*")
FORM_VALUE = re.compile(r'value="[^"]*"')  # what a form sends (a grade's code), not what it shows
SWITCH = '<form class="language" action="/i18n/setlang/" method="post">'


@dataclass(frozen=True)
class Page:
    path: str
    english: str  # a heading or sentence of the page in English
    korean: str
    who: str = "officer"  # officer, official or anonymous
    status: int = 200


@pytest.fixture(autouse=True)
def korean_after_each_test():
    """An English request leaves English active in this thread; later tests render outside requests."""
    yield
    translation.deactivate()


@pytest.fixture
def planted(housing, official) -> dict[str, object]:
    """One record of each workbench state, a dead letter, a catalogue item and a project, with the
    Korean data the pages may show as it is."""
    pending = published_record(
        text="하천 정비 계획 연락처 010-2345-6789", organization=housing.organization, department=housing,
        grade="", title="하천 정비 계획 검토본",
    )  # fmt: skip
    pending.files.update(original_name="정비본.txt")  # not 본문.txt: 본문 is a word of the page too
    extracted_file(pending, "둘째 파일 010-9876-5432", name="정비첨부.txt", order=1)
    ApprovalStepFactory(record=pending, role=ApprovalRole.APPROVAL, position="과장", name="홍길순")
    withheld = published_record(
        text="감사 진행 중 자료", organization=housing.organization, department=housing, grade="비공개",
        grounds=[5], reason="감사 진행 중", opens_on=dt.date(2031, 1, 1), title="하천 감사 자료",
    )  # fmt: skip
    DeadLetter.objects.create(
        task_id="t-1", task=PROCESS_TASK, record=pending, kwargs={"record_id": pending.pk},
        error_type="OperationalError", error="server closed the connection", attempts=6,
        failed_at="2026-12-01T09:00:00+09:00",
    )  # fmt: skip
    item = ProactiveItem.objects.create(
        taxonomy="행정>민원처리실적", field="행정", department="시민봉사담당관", cycle="monthly",
        last_published_on=dt.date(2020, 9, 2), next_due_on=dt.date(2020, 10, 2),
    )  # fmt: skip
    published("seoul-p0001", title="하천 정비 사업 보고")
    project(cards=("하천정비 단위과제",), chosen=("seoul-p0001", "seoul-p0002"))
    records = [pending, withheld]
    data: list[str] = [item.taxonomy, item.field, item.department, "하천 정비 사업 보고", "하천정비 단위과제"]
    data += ["서부간선지하도로 민간투자사업", "서울특별시", "방재시설부", "정비첨부.txt", "둘째 파일"]
    for record in records:
        data += [record.title, record.organization.name, record.reason, record.decided_reason, record.grade]
        data += [record.registration_number, *record.department.path()]
        data += [file.text for file in record.files.all()] + [f.original_name for f in record.files.all()]
    data += [TASK_CARD]  # the task card form's example: a real name, Korean in every language
    data += ["과장", "홍길순", NOT_OFFICIAL.ko, OFFICERS_ONLY.ko, "한국어"]  # the way back, named in Korean
    return {"pending": pending, "withheld": withheld, "data": data}


def _pages(planted: dict[str, object]) -> list[Page]:
    pending = planted["pending"]
    assert isinstance(pending, Record)
    return [
        Page("/workbench/", "<h1>Awaiting review</h1>", "<h1>검토 대기</h1>"),
        Page(f"/workbench/records/{pending.public_id}/", "Review done: approve for publication", "검토 완료·공개 승인"),
        Page("/workbench/withheld/", "Own-motion review: records decided closed", "직권심의: 비공개로 결정된 기록물"),
        Page("/workbench/dead-letters/", "<h1>Failed tasks</h1>", "<h1>처리 실패 작업</h1>"),
        Page("/workbench/proactive/", "<h1>Proactive publication: cycles</h1>", "<h1>사전정보공표 관리</h1>"),
        Page("/workbench/projects/", "<h2 id=\"create-h\">Create a project</h2>", "새 사업 만들기"),
        Page("/workbench/projects/west-tunnel/", "Unit tasks followed", "따르는 단위과제"),
        Page("/workbench/login/", "<h1>Log in to the workbench</h1>", "<h1>업무 화면 로그인</h1>", "anonymous"),
        Page("/workbench/records/no-such-record/", "<h1>Not found</h1>", "<h1>찾을 수 없습니다</h1>", status=404),
        Page("/workbench/withheld/", "<h1>Not allowed</h1>", "<h1>권한이 없습니다</h1>", "official", 403),
    ]  # fmt: skip


def _get(client, planted, page: Page, **headers: str) -> str:
    client.logout()
    if page.who != "anonymous":
        client.force_login(planted[page.who].user)
    response = client.get(page.path, headers=headers)
    assert response.status_code == page.status, page.path
    return unescape(response.content.decode())


@pytest.fixture
def clients(planted, officer, official):
    planted.update(officer=officer, official=official)
    return planted


def test_every_workbench_page_type_answers_in_english_when_the_browser_asks(client, clients):
    for page in _pages(clients):
        html = _get(client, clients, page, accept_language="en-US,en;q=0.9")
        assert '<html lang="en">' in html and page.english in html, page.path
        assert ">Skip to content</a>" in html and " · Sotong workbench</title>" in html, page.path
        assert SWITCH in html and 'name="language" value="ko" lang="ko">' in html, page.path


def test_english_workbench_pages_keep_no_korean_but_the_planted_data_and_bilingual_errors(client, clients):
    data = clients["data"]
    for page in _pages(clients):
        html = FORM_VALUE.sub("", _get(client, clients, page, accept_language="en"))
        korean = {run for run in HANGUL_RUN.findall(html) if not any(run in text for text in data if text)}
        assert not korean, (page.path, korean)


def test_korean_is_the_workbench_default_with_the_switch_on_every_page(client, clients):
    for page in _pages(clients):
        for headers in ({}, {"accept_language": "ko-KR,ko;q=0.9,en;q=0.5"}, {"accept_language": "fr-FR"}):
            html = _get(client, clients, page, **headers)
            assert '<html lang="ko">' in html and page.korean in html, (page.path, headers)
            assert SWITCH in html and 'name="language" value="en" lang="en">' in html, page.path


def test_the_switch_keeps_english_for_the_official_whatever_the_browser_asks(client, clients):
    client.force_login(clients["officer"].user)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/workbench/withheld/"})
    assert response.status_code == 302 and response["Location"] == "/workbench/withheld/"
    html = client.get("/workbench/withheld/", headers={"accept_language": "ko"}).content.decode()
    assert '<html lang="en">' in html and "Records decided closed" in html
    client.post("/i18n/setlang/", {"language": "ko", "next": "/workbench/"})
    assert (
        "<h1>검토 대기</h1>" in client.get("/workbench/", headers={"accept_language": "en"}).content.decode()
    )


def test_bilingual_errors_stay_bilingual_and_vocabulary_is_translated_in_english(client, clients):
    client.force_login(clients["official"].user)
    html = client.get("/workbench/withheld/", headers={"accept_language": "en"}).content.decode()
    assert f"{OFFICERS_ONLY.ko} / {OFFICERS_ONLY.en}" in html
    client.force_login(clients["officer"].user)
    pending, withheld = clients["pending"], clients["withheld"]
    html = client.get(
        f"/workbench/records/{pending.public_id}/", headers={"accept_language": "en"}
    ).content.decode()
    assert (
        "Phone number" in html and "Awaiting review" in html and "Approved" in html
    )  # mask kind, states, role
    html = client.get(
        f"/workbench/records/{withheld.public_id}/", headers={"accept_language": "en"}
    ).content.decode()
    assert "Item 5:" in html and ">Closed</span>" in html  # ground and grade


def test_messages_after_an_action_follow_the_language(client, clients):
    client.force_login(clients["officer"].user)
    pending = clients["pending"]
    response = client.post(
        f"/workbench/records/{pending.public_id}/masks/", {"target": "title", "quote": "하천", "occurrence": 0},
        headers={"accept_language": "en"}, follow=True,
    )  # fmt: skip
    assert "Masked 1 place. To publish, press" in response.content.decode()


def test_an_english_queue_costs_the_same_queries_as_the_korean_one(
    client, clients, django_assert_num_queries
):
    """As ``test_pages.test_queue_queries_do_not_grow_with_the_number_of_records``: the language comes
    from the header or the cookie, never the database."""
    client.force_login(clients["official"].user)
    with django_assert_num_queries(8):
        assert (
            "Awaiting review" in client.get("/workbench/", headers={"accept_language": "en"}).content.decode()
        )
