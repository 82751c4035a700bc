"""The officers' pages: create a project, edit it, attach task cards (with their record counts) and
records, publish or withdraw it. Officers only, POST with CSRF, every change audited, errors 400 in
Korean and English, a fixed number of queries."""

from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sotong.audit.models import AuditEvent
from sotong.projects.choices import Kind, Status
from sotong.projects.models import Project
from sotong.projects.tests.conftest import TASK_CARD, project, published

pytestmark = pytest.mark.django_db

LIST = "/workbench/projects/"
PAGE = "/workbench/projects/west-tunnel/"
NEW = {
    "slug": "west-tunnel", "name": "서부간선지하도로 민간투자사업", "kind": Kind.CONSTRUCTION,
    "status": Status.ONGOING, "organization": "서울특별시", "department": "방재시설부", "budget": "",
    "budget_note": "", "started_on": "2021-02-10", "ended_on": "", "description": "지하도로 건설",
}  # fmt: skip


def _html(response, status: int = 200) -> str:
    assert response.status_code == status, response.content.decode()[:800]
    return unescape(response.content.decode())


def _actions() -> list[str]:
    return list(
        AuditEvent.objects.filter(target_type="project").order_by("id").values_list("action", flat=True)
    )


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer.user)
    return client


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    project(published=False)
    posts = [(LIST, NEW), (PAGE, NEW), (PAGE + "publish/", {"published": "1"}), (PAGE + "records/", {})]
    responses = [client.get(LIST), client.get(PAGE), *(client.post(url, data) for url, data in posts)]
    for response in responses:
        assert response.status_code == 302 and response["Location"].startswith("/workbench/login/?next=")
    assert not Project.objects.get().published and not _actions()


def test_officials_who_are_not_officers_are_refused(client, official):
    project(published=False)
    client.force_login(official.user)
    assert client.get(LIST).status_code == 403 and client.get(PAGE).status_code == 403
    response = client.post(PAGE + "publish/", {"published": "1"})
    assert response.status_code == 403 and "정보공개 담당자만" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert not Project.objects.get().published and not _actions()


def test_an_officer_creates_a_project_that_stays_unpublished(officer_client):
    response = officer_client.post(LIST, NEW)
    assert response.status_code == 302 and response["Location"] == PAGE
    made = Project.objects.get(slug="west-tunnel")
    assert (made.kind, made.status, made.published, str(made.started_on)) == (
        "construction", "ongoing", False, "2021-02-10",
    )  # fmt: skip
    event = AuditEvent.objects.get(action="project.create")
    assert (event.actor, event.target_id, event.data["name"]) == (
        "user:project-officer", "west-tunnel", "서부간선지하도로 민간투자사업",
    )  # fmt: skip
    html = _html(officer_client.get(PAGE))
    assert (
        "아직 공개되지 않았습니다" in html and "<strong>비공개</strong>입니다" in html and "noindex" in html
    )
    assert officer_client.get("/projects/west-tunnel/").status_code == 404
    listed = _html(officer_client.get(LIST))
    assert (
        'href="/workbench/projects/west-tunnel/"' in listed and 'aria-current="page">사업·정책 관리' in listed
    )


@pytest.mark.parametrize(
    ("change", "korean", "english"),
    [
        ({"slug": "서부 간선"}, "영문 소문자, 숫자, 하이픈", "lower-case letters, digits and hyphens"),
        ({"name": ""}, "사업명을(를) 입력하십시오", "The project name is required"),
        ({"kind": "bridge"}, "구분 'bridge'는 고를 수 없는 값", "'bridge' is not a choice for The kind"),
        ({"budget": "33.9억"}, "원 단위의 0 이상 정수", "whole number of won"),
        ({"budget": "-1"}, "원 단위의 0 이상 정수", "whole number of won"),
        ({"started_on": "2021-02-30"}, "시작일을(를) YYYY-MM-DD", "The start date must be a real date"),
        (
            {"ended_on": "2020-01-01"},
            "종료일(2020-01-01)이 시작일(2021-02-10)보다 앞섭니다",
            "before the start date",
        ),
        ({"name": "가" * 201}, "사업명이(가) 너무 깁니다(최대 200자)", "at most 200 characters"),
    ],
)
def test_a_bad_form_is_400_in_korean_and_english_and_creates_nothing(officer_client, change, korean, english):
    html = _html(officer_client.post(LIST, {**NEW, **change}), status=400)
    assert 'role="alert"' in html and korean in html and english in html
    assert not Project.objects.exists() and not _actions()


def test_an_address_name_in_use_is_refused(officer_client):
    project()
    html = _html(officer_client.post(LIST, NEW), status=400)
    assert (
        "주소 이름 'west-tunnel'는 다른 사업이 이미 씁니다" in html and "is taken by another project" in html
    )
    assert Project.objects.count() == 1


def test_an_officer_edits_the_fields_and_the_change_is_audited(officer_client):
    project(published=False)
    edited = {**NEW, "status": Status.DONE, "budget": "1200000000", "budget_note": "민간투자 총사업비"}
    response = officer_client.post(PAGE, edited)
    assert response.status_code == 302 and response["Location"] == PAGE
    made = Project.objects.get()
    assert (made.status, made.budget, made.budget_note) == ("done", 1_200_000_000, "민간투자 총사업비")
    event = AuditEvent.objects.get(action="project.update")
    assert event.data["changed"]["status"] == ["ongoing", "done"]
    assert event.data["changed"]["budget"] == [None, 1_200_000_000]
    assert "저장했습니다: " in _html(officer_client.get(PAGE))
    officer_client.post(PAGE, edited)  # the same again: nothing written
    assert _actions().count("project.update") == 1
    assert "바뀐 내용이 없습니다" in _html(officer_client.get(PAGE))


def test_task_cards_are_added_with_their_record_count_and_removed(officer_client):
    project(published=False)
    published("seoul-0001", task_card=TASK_CARD)
    published("seoul-0002", task_card=TASK_CARD)
    assert officer_client.post(PAGE + "task-cards/", {"task_card": TASK_CARD}).status_code == 302
    html = _html(officer_client.get(PAGE))
    assert "지금 공개 목록에서 일치하는 문서: 2건" in html and f'<th scope="row">{TASK_CARD}</th>' in html
    assert "<td>2건</td>" in html
    officer_client.post(PAGE + "task-cards/", {"task_card": "없는 단위과제"})
    assert "이름이 정확한지 확인하십시오" in _html(officer_client.get(PAGE))
    again = _html(officer_client.post(PAGE + "task-cards/", {"task_card": TASK_CARD}), status=400)
    assert "이 사업에 이미 있습니다" in again and "in this project already" in again
    card = Project.objects.get().task_cards.get(name=TASK_CARD)
    assert officer_client.post(f"{PAGE}task-cards/{card.pk}/remove/").status_code == 302
    assert list(Project.objects.get().task_cards.values_list("name", flat=True)) == ["없는 단위과제"]
    assert _actions() == ["project.task_card_add", "project.task_card_add", "project.task_card_remove"]
    assert AuditEvent.objects.filter(action="project.task_card_remove").get().data == {"task_card": TASK_CARD}


def test_records_are_added_by_public_id_or_address_and_removed(officer_client):
    project(published=False)
    published("seoul-0001", title="실정보고 승인 통보")
    officer_client.post(PAGE + "records/", {"public_id": "https://opengov.example/records/seoul-0001/"})
    html = _html(officer_client.get(PAGE))
    assert "문서 seoul-0001을(를) 더했습니다" in html and "실정보고 승인 통보" in html
    unknown = _html(officer_client.post(PAGE + "records/", {"public_id": "seoul-9999"}), status=400)
    assert "공개 문서 번호 'seoul-9999'인 문서가 없습니다" in unknown and "There is no record" in unknown
    twice = _html(officer_client.post(PAGE + "records/", {"public_id": "seoul-0001"}), status=400)
    assert "이 사업에 이미 있습니다" in twice
    chosen = Project.objects.get().chosen_records.get()
    assert officer_client.post(f"{PAGE}records/{chosen.pk}/remove/").status_code == 302
    assert not Project.objects.get().chosen_records.exists()
    assert _actions() == ["project.record_add", "project.record_remove"]


def test_publishing_shows_the_project_to_citizens_and_withdrawing_hides_it(officer_client, client):
    project(published=False)
    officer_client.post(PAGE + "publish/", {"published": "1"})
    assert client.get("/projects/west-tunnel/").status_code == 200
    officer_client.post(PAGE + "publish/", {"published": "1"})  # already: nothing written
    officer_client.post(PAGE + "publish/", {"published": "0"})
    assert client.get("/projects/west-tunnel/").status_code == 404
    assert _actions() == ["project.publish", "project.unpublish"]


def test_every_form_needs_its_csrf_token(officer):
    project(published=False)
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer.user)
    for url, data in [(LIST, NEW), (PAGE, NEW), (PAGE + "publish/", {"published": "1"}),
                      (PAGE + "task-cards/", {"task_card": TASK_CARD})]:  # fmt: skip
        assert client.post(url, data).status_code == 403, url
    assert not Project.objects.get().published and not _actions()


def test_get_on_a_form_url_and_unknown_projects_or_rows_are_refused(officer_client):
    project(published=False)
    assert officer_client.get(PAGE + "publish/").status_code == 405
    assert officer_client.get("/workbench/projects/no-such/").status_code == 404
    assert officer_client.post(PAGE + "task-cards/999/remove/").status_code == 404
    assert officer_client.post(PAGE + "records/999/remove/").status_code == 404


def test_the_list_costs_five_queries_whatever_its_size(officer_client):
    """1 session, 2 user, 3–4 the user's and their groups' permissions (an officer?), 5 the projects
    with their counts of task cards and records."""
    for number in range(5):
        project(f"p{number}", cards=("가", "나"), chosen=("seoul-0001",))
    with CaptureQueriesContext(connection) as queries:
        _html(officer_client.get(LIST))
    assert len(queries) == 5, [q["sql"] for q in queries]


def test_a_project_page_costs_nine_queries_whatever_it_holds(officer_client):
    """1 session, 2 user, 3–4 permissions, 5 the project, 6 its task cards, 7 its chosen records,
    8 the task cards' record counts, 9 the chosen records' published rows."""
    for number in range(10):
        published(f"seoul-{number:04}", task_card=TASK_CARD)
    project(cards=(TASK_CARD, "나"), chosen=tuple(f"seoul-{number:04}" for number in range(10)))
    with CaptureQueriesContext(connection) as queries:
        html = _html(officer_client.get(PAGE))
    assert len(queries) == 9, [q["sql"] for q in queries]
    assert "<td>10건</td>" in html and html.count("/remove/") == 12
