"""The officers' list: overdue first, a form per item to set the cycle; officers only, CSRF, audited."""

import datetime as dt
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sotong.audit.models import AuditEvent
from sotong.core.clock import frozen_today
from sotong.proactive.choices import Cycle
from sotong.proactive.models import ProactiveItem
from sotong.proactive.services import item_cycle_set

pytestmark = pytest.mark.django_db

LIST = "/workbench/proactive/"


def _item(name: str) -> ProactiveItem:
    return ProactiveItem.objects.get(taxonomy__endswith=name)


def _cycle_url(item: ProactiveItem) -> str:
    return f"/workbench/proactive/{item.pk}/cycle/"


def test_anonymous_visitors_are_sent_to_the_login_page(client, imported):
    item = _item("유형별 민원처리실적")
    for response in (client.get(LIST), client.post(_cycle_url(item), {"cycle": Cycle.MONTHLY})):
        assert response.status_code == 302 and response["Location"].startswith("/workbench/login/?next=")
    assert _item("유형별 민원처리실적").cycle == Cycle.NOT_SET


def test_officials_who_are_not_officers_are_refused(client, imported, official):
    item = _item("유형별 민원처리실적")
    client.force_login(official.user)
    assert client.get(LIST).status_code == 403
    response = client.post(_cycle_url(item), {"cycle": Cycle.MONTHLY})
    assert response.status_code == 403 and "정보공개 담당자만" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert _item("유형별 민원처리실적").cycle == Cycle.NOT_SET


def test_the_list_shows_overdue_items_first_then_those_without_a_cycle(client, imported, officer):
    item_cycle_set(item=_item("동물등록제 현황"), cycle=Cycle.YEARLY, actor="test")  # due 2021-09-21
    item_cycle_set(item=_item("지역보건의료계획"), cycle=Cycle.AD_HOC, actor="test")
    item_cycle_set(item=_item("유형별 민원처리실적"), cycle=Cycle.MONTHLY, actor="test")  # due 2020-10-02
    client.force_login(officer.user)
    with frozen_today(dt.date(2021, 1, 1)):
        html = client.get(LIST).content.decode()
    order = [
        html.index(name)
        for name in (
            "유형별 민원처리실적",
            "정비사업 전문관리업체 등록현황",
            "동물등록제 현황",
            "지역보건의료계획",
        )
    ]
    assert order == sorted(order)  # overdue, not set, due later, ad hoc
    assert "공표 기한 지남 1개 · 주기 미지정 12개" in html
    assert html.index("공표 기한 지남</strong>") < html.index("정비사업 전문관리업체 등록현황")
    assert '<label for="cycle-' in html and 'name="csrfmiddlewaretoken"' in html and "noindex" in html


def test_an_officer_sets_a_cycle_and_the_due_date_follows_with_an_audit_event(client, imported, officer):
    item = _item("정비사업 전문관리업체 등록현황")
    client.force_login(officer.user)
    response = client.post(_cycle_url(item), {"cycle": Cycle.QUARTERLY})
    assert response.status_code == 302 and response["Location"] == f"{LIST}#item-{item.pk}"
    item.refresh_from_db()
    assert (item.cycle, item.next_due_on) == (Cycle.QUARTERLY, dt.date(2020, 12, 1))
    event = AuditEvent.objects.get(action="proactive.cycle_set")
    assert (event.actor, event.target_id) == ("user:proactive-officer", str(item.pk))
    assert (event.data["from"], event.data["to"]) == ("not_set", "quarterly")
    html = client.get(LIST).content.decode()
    assert "공표 주기를 분기별(으)로 정했습니다. 다음 공표 예정일: 2020-12-01." in html


def test_setting_the_same_cycle_again_writes_nothing(client, imported, officer):
    item = _item("정비사업 전문관리업체 등록현황")
    item_cycle_set(item=item, cycle=Cycle.MONTHLY, actor="test")
    client.force_login(officer.user)
    client.post(_cycle_url(item), {"cycle": Cycle.MONTHLY})
    assert AuditEvent.objects.filter(action="proactive.cycle_set").count() == 1
    assert "이미 매월입니다" in client.get(LIST).content.decode()


def test_an_unknown_cycle_is_400_in_korean_and_english_and_changes_nothing(client, imported, officer):
    item = _item("정비사업 전문관리업체 등록현황")
    client.force_login(officer.user)
    response = client.post(_cycle_url(item), {"cycle": "weekly"})
    html = unescape(response.content.decode())
    assert response.status_code == 400
    assert "공표 주기 'weekly'는 쓸 수 없습니다" in html and "is not a publication cycle" in html
    assert _item("정비사업 전문관리업체 등록현황").cycle == Cycle.NOT_SET
    assert not AuditEvent.objects.filter(action="proactive.cycle_set").exists()


def test_the_form_needs_its_csrf_token(imported, officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer.user)
    item = _item("정비사업 전문관리업체 등록현황")
    assert client.post(_cycle_url(item), {"cycle": Cycle.MONTHLY}).status_code == 403
    assert _item("정비사업 전문관리업체 등록현황").cycle == Cycle.NOT_SET


def test_get_on_the_form_url_and_unknown_items_are_refused(client, imported, officer):
    client.force_login(officer.user)
    assert client.get(_cycle_url(_item("정비사업 전문관리업체 등록현황"))).status_code == 405
    assert client.post("/workbench/proactive/999999/cycle/", {"cycle": Cycle.MONTHLY}).status_code == 404


def test_the_list_costs_seven_queries_whatever_its_size(client, imported, officer):
    """1 session, 2 user, 3–4 the user's and their groups' permissions (an officer?), 5 counts
    (total, overdue, not set), 6 count for the pager, 7 the page of items."""
    client.force_login(officer.user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    assert len(queries) == 7, [q["sql"] for q in queries]


def test_an_empty_list_says_how_to_import_one(client, officer):
    client.force_login(officer.user)
    assert "sotong import-proactive" in client.get(LIST).content.decode()
