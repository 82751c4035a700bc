"""The public catalogue: by field and department, each item's cycle, dates and overdue flag in words;
an item's publications with the officials' contacts; helpful empty states; 400s that say why."""

import datetime as dt
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sotong.core.clock import frozen_today
from sotong.proactive.choices import Cycle
from sotong.proactive.importer import proactive_import
from sotong.proactive.models import ProactiveItem
from sotong.proactive.services import item_cycle_set
from sotong.proactive.tests.conftest import CITIZEN_PHONE, CITIZEN_RRN

pytestmark = pytest.mark.django_db

OVERDUE = "공표 기한 지남"


def _item(name: str, department: str = "") -> ProactiveItem:
    items = ProactiveItem.objects.filter(taxonomy__endswith=name)
    return items.get(department=department) if department else items.get()


def _page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.content.decode()[:500]
    return response.content.decode()


def test_the_catalogue_lists_every_item_by_field_with_its_cycle_and_dates(client, imported):
    html = _page(client, "/proactive/")
    assert '<html lang="ko">' in html and 'href="/proactive/"' in html  # the nav link
    for field in ("건강", "공통업무", "안전", "주택도시계획", "행정"):
        assert f">{field}</caption>" in html
    assert "정비사업 전문관리업체 등록현황" in html and "2020-09-01" in html
    assert "항목 15개" in html and html.count("미지정") >= 15
    assert "아직 정하지 않은 항목은 '미지정'" in html  # the page says what "not set" means
    assert "proactive-overdue" not in html  # no cycle set yet: nothing is due


def test_an_item_set_monthly_is_flagged_overdue_in_words_once_its_due_date_passes(client, imported):
    item = _item("정비사업 전문관리업체 등록현황")
    item_cycle_set(item=item, cycle=Cycle.MONTHLY, actor="test")
    assert item.next_due_on == dt.date(2020, 10, 1)
    with frozen_today(dt.date(2020, 10, 1)):
        html = _page(client, "/proactive/")
        assert f'class="proactive-overdue">{OVERDUE}' not in html and "기한 내" in html
    with frozen_today(dt.date(2020, 10, 2)):
        html = _page(client, "/proactive/")
        assert f'<strong class="proactive-overdue">{OVERDUE}</strong> <small>(1일 지남)</small>' in html
        detail = _page(client, f"/proactive/{item.pk}/")
        assert OVERDUE in detail and "2020-10-01" in detail and "매월" in detail


@pytest.mark.parametrize(
    ("cycle", "due", "label"),
    [
        (Cycle.QUARTERLY, "2020-12-24", "분기별"),
        (Cycle.YEARLY, "2021-09-24", "매년"),
        (Cycle.AD_HOC, "없음(수시)", "수시"),
    ],
)
def test_each_cycle_gives_its_next_due_date(client, imported, cycle, due, label):
    item = _item("한강수계관리기금 운용현황")
    item_cycle_set(item=item, cycle=cycle, actor="test")
    with frozen_today(dt.date(2030, 1, 1)):
        html = _page(client, f"/proactive/{item.pk}/")
    assert f"<dd>{label}" in html and due in html
    assert (OVERDUE in html) == (cycle != Cycle.AD_HOC)


def test_filter_links_narrow_by_field_then_department_and_to_overdue_items(client, imported):
    item_cycle_set(item=_item("유형별 민원처리실적"), cycle=Cycle.MONTHLY, actor="test")
    response = client.get("/proactive/")
    fields = {link.label: link for link in response.context["links"]["fields"]}
    assert fields["행정"].count == 5 and fields["안전"].count == 2
    html = _page(client, "/proactive/" + fields["행정"].url)
    assert "항목 5개" in html and "한강" not in html
    departments = {
        link.label: link
        for link in client.get("/proactive/" + fields["행정"].url).context["links"]["departments"]
    }
    assert set(departments) == {"가족담당관", "시민봉사담당관", "인재기획과", "투자창업과", "평가담당관"}
    html = _page(client, "/proactive/" + departments["투자창업과"].url)
    assert "항목 1개" in html and "민간위탁사무 수탁기관 업무추진비 집행내역" in html
    assert "부서: 투자창업과" in html and "분야: 행정" in html  # chosen, each with a link to remove it
    overdue = _page(client, "/proactive/?overdue=1")
    assert "항목 1개" in overdue and "유형별 민원처리실적" in overdue and "상태: 공표 기한 지남" in overdue


def test_an_item_page_shows_its_publications_with_the_officials_contacts(client, imported):
    item = _item("한강수계관리기금 운용현황")
    html = _page(client, f"/proactive/{item.pk}/")
    assert "<h1>한강수계관리기금 운용현황</h1>" in html and "물순환정책과" in html
    assert "공표 내역 6건" in html and html.count("백현지") == 6 and html.count("02-2133-3767") == 6
    assert html.index("2020년 한강수계관리기금") < html.index("2015년 한강수계관리기금")  # newest first
    assert 'href="https://opengov.seoul.go.kr/public/21264510"' in html and "CC BY-NC-ND" in html
    assert '<th scope="col">담당자</th>' in html and "<caption" in html
    assert "정보공개 담당자가 아직 공표 주기를 정하지 않아" in html


def test_a_citizens_identifiers_in_a_title_are_masked_on_every_page(client, officer, write_list):
    path = write_list(
        {"nid": "1", "title": f"민원인 {CITIZEN_RRN} ({CITIZEN_PHONE}) 처리 결과"},
        {"nid": "2", "taxonomy": f"행정ㆍ기타>민원>{CITIZEN_RRN} 처리"},
    )
    proactive_import(path=path, actor="test")
    urls = ["/proactive/", "/proactive/?field=행정", "/proactive/?department=시민봉사담당관"]
    urls += [f"/proactive/{item.pk}/" for item in ProactiveItem.objects.all()]
    client.force_login(officer.user)
    urls += ["/workbench/proactive/"]
    pages = [_page(client, url) for url in urls]
    assert any("민원인 **************" in page for page in pages)
    for url, page in zip(urls, pages, strict=True):
        assert CITIZEN_RRN not in page and CITIZEN_PHONE not in page, url
        assert "1234567" not in page and "98765432" not in page.replace("-", ""), url


def test_the_catalogue_costs_three_queries_whatever_its_size(client, imported):
    """1 facets (items counted by field and department, all and overdue), 2 count, 3 the page of items."""
    item_cycle_set(item=_item("유형별 민원처리실적"), cycle=Cycle.MONTHLY, actor="test")
    with CaptureQueriesContext(connection) as queries:
        _page(client, "/proactive/?field=행정&overdue=1")
    assert len(queries) == 3, [q["sql"] for q in queries]


def test_an_item_page_costs_two_queries_whatever_its_publications(client, imported):
    """1 the item, 2 its publications."""
    item = _item("한강수계관리기금 운용현황")
    with CaptureQueriesContext(connection) as queries:
        _page(client, f"/proactive/{item.pk}/")
    assert len(queries) == 2, [q["sql"] for q in queries]


def test_an_empty_catalogue_says_so_and_where_else_to_look(client):
    html = _page(client, "/proactive/")
    assert "아직 등록된 사전정보공표 항목이 없습니다" in html and 'href="/list/"' in html


def test_a_filter_that_matches_nothing_offers_the_whole_catalogue(client, imported):
    html = _page(client, "/proactive/?department=없는과")
    assert "이 조건에 맞는 항목이 없습니다" in html and "모든 항목 보기" in html


@pytest.mark.parametrize(
    ("query", "korean", "english"),
    [
        ("page=abc", "쪽 번호 'abc'", "page number"),
        ("page=2", "1부터 1 사이", "from 1 to 1"),
        ("page=0", "쪽 번호 '0'", "page number"),
        ("overdue=yes", "overdue=1", "overdue items only"),
        ("field=" + "가" * 201, "분야·부서 링크", "longer than 200"),
    ],
)
def test_bad_parameters_get_400_with_a_korean_and_english_message(client, imported, query, korean, english):
    html = unescape(_page(client, f"/proactive/?{query}", status=400))
    assert 'role="alert"' in html and korean in html and english in html


def test_an_unknown_item_is_404(client, imported):
    assert client.get("/proactive/999999/").status_code == 404
