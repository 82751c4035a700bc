"""The public 업무추진비 pages: list, filters, department tree, totals, empty states, 400s, query counts."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sotong.expenses.importer import expense_import
from sotong.expenses.models import ExpenseLine

pytestmark = pytest.mark.django_db


def _page(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, url
    return response.content.decode()


def _rows(page):
    return re.findall(r"<tr>\s*<td><time", page)


def _links(page, label):
    """The hrefs of links whose text is exactly ``label``."""
    return [
        unescape(href)
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', page)
        if text == label
    ]


def test_the_nav_links_to_the_expense_pages(client, imported):
    assert 'href="/expenses/">업무추진비</a>' in _page(client, "/expenses/totals/")


def test_the_list_shows_the_newest_lines_first_with_formatted_amounts(client, imported):
    page = _page(client, "/expenses/")
    assert "모두 102건" in page and len(_rows(page)) == 20
    newest = ExpenseLine.objects.order_by("-spent_at").first()
    first_row = page[page.index("<tbody>") :][:3000]
    assert newest.spent_at.astimezone().strftime("%Y-%m-%d") in first_row
    assert "217,960원" in _page(client, "/expenses/", {"purpose": "교대직원"})
    assert "서부농협(경기 하남시 서하남로 513)" in page or "서부농협" in _page(
        client, "/expenses/", {"page": 5}
    )


def test_the_list_shows_every_public_column(client, imported):
    page = _page(client, "/expenses/", {"purpose": "교대직원"})
    for text in (
        "2020-09-29 14:00", "사업소 › 상수도사업본부 › 광암아리수정수센터 › 행정관리팀", "서부농협(경기 하남시 서하남로 513)",
        "교대직원(제어실,배출수,정문 근무자) 추석명절 격려물품 구입비 지급", "청경반장 외 28명", "카드", "217,960원",
    ):  # fmt: skip
        assert text in page, text
    masked = _page(client, "/expenses/", {"purpose": "부서운영업무추진비(커피"})
    assert "(개인정보 가림)" in masked and "***" in masked


def test_the_department_tree_narrows_level_by_level_through_links(client, imported):
    top = _page(client, "/expenses/")
    (business,) = _links(top, "사업소")
    second = _page(client, business)
    assert "조건에 맞는 내역 38건" in second
    (water,) = _links(second, "상수도사업본부")
    third = _page(client, water)
    assert "조건에 맞는 내역 17건" in third and 'aria-current="location">상수도사업본부' in third
    (plant,) = _links(third, "광암아리수정수센터")
    assert "조건에 맞는 내역 11건" in _page(client, plant)
    (everything,) = _links(third, "전체 부서")
    assert "모두 102건" in _page(client, everything)


def test_month_and_purpose_filters_combine_with_the_department(client, imported):
    page = _page(client, "/expenses/", {"dept": ["소방재난본부(소방서)", "광진소방서"], "month": "2020-09"})
    assert "조건에 맞는 내역 13건" in page and 'value="2020-09" selected' in page
    assert "조건에 맞는 내역 2건" in _page(client, "/expenses/", {"purpose": "격려물품"})
    assert "조건에 맞는 업무추진비가 없습니다" in _page(client, "/expenses/", {"month": "2019-01"})


def test_pages_keep_the_filters_and_end(client, imported):
    page = _page(client, "/expenses/", {"dept": "소방재난본부(소방서)", "page": 2})
    assert "조건에 맞는 내역 47건" in page and len(_rows(page)) == 20
    (next_page,) = _links(page, "다음")
    last = _page(client, "/expenses/" + next_page)
    assert len(_rows(last)) == 7 and not _links(last, "다음")


def test_the_totals_page_sums_each_department_per_month(client, imported):
    page = _page(client, "/expenses/totals/")
    assert "2020년 부서별 월 업무추진비 합계" in page and '<th scope="col" class="amount">9월</th>' in page
    fire = [
        int(amount)
        for amount in ExpenseLine.objects.filter(dept_level_2="도봉소방서").values_list("amount", flat=True)
    ]
    assert f"{sum(fire):,}원</a><br>26건" in page
    total = sum(ExpenseLine.objects.values_list("amount", flat=True))
    assert f"{total:,}원<br>102건" in page
    (narrow,) = _links(page, "소방재난본부(소방서)")
    assert "도봉소방서" in _page(client, narrow) and "은평병원" not in _page(client, narrow)


def test_a_totals_cell_links_to_the_lines_it_adds_up(client, imported):
    page = _page(client, "/expenses/totals/", {"dept": ["사업소", "은평병원"]})
    (cell,) = re.findall(r'<a href="([^"]+)">[0-9,]+원</a>', page)
    assert "조건에 맞는 내역 4건" in _page(client, unescape(cell))


def test_empty_pages_say_what_to_do(client, db):
    assert "sotong import-expenses" in _page(client, "/expenses/")
    assert "sotong import-expenses" in _page(client, "/expenses/totals/")


def test_a_year_without_lines_says_to_choose_another(client, imported):
    assert "다른 연도나 상위 부서를 고르십시오" in _page(client, "/expenses/totals/", {"year": "2019"})


@pytest.mark.parametrize(
    ("url", "params", "message"),
    [
        ("/expenses/", {"month": "2020-13"}, "연월은 2020-09처럼"),
        ("/expenses/", {"month": "september"}, "연월은 2020-09처럼"),
        ("/expenses/", {"page": "0"}, "없는 쪽입니다"),
        ("/expenses/", {"page": "abc"}, "없는 쪽입니다"),
        ("/expenses/", {"page": "99"}, "없는 쪽입니다"),
        ("/expenses/", {"purpose": "가" * 101}, "목적 검색어는 100자 이내로"),
        ("/expenses/", {"dept": ["가"] * 6}, "부서 경로는 5단계까지"),
        ("/expenses/", {"dept": ""}, "부서 경로는 5단계까지"),
        ("/expenses/totals/", {"year": "20x0"}, "연도는 2020처럼"),
        ("/expenses/totals/", {"dept": "가" * 201}, "부서 경로는 5단계까지"),
    ],
)
def test_bad_filters_get_a_bilingual_400_page(client, imported, url, params, message):
    page = _page(client, url, params, status=400)
    assert message in page and '<span lang="en">' in page and "Traceback" not in page


def test_the_list_page_takes_four_queries(client, imported):
    """Months for the select, the units below the chosen path, the count, the page's lines."""
    for params in (
        {},
        {"dept": ["사업소", "상수도사업본부"], "month": "2020-09", "purpose": "지급", "page": "1"},
    ):
        with CaptureQueriesContext(connection) as queries:
            _page(client, "/expenses/", params)
        assert len(queries) == 4, [query["sql"] for query in queries]


def test_the_totals_page_takes_three_queries(client, imported):
    """The years, the units below the chosen path, the grouped sums."""
    for params in ({}, {"dept": ["사업소"], "year": "2020"}):
        with CaptureQueriesContext(connection) as queries:
            _page(client, "/expenses/totals/", params)
        assert len(queries) == 3, [query["sql"] for query in queries]


def test_a_bad_request_takes_no_query(client, imported):
    with CaptureQueriesContext(connection) as queries:
        _page(client, "/expenses/", {"month": "x"}, status=400)
    assert len(queries) == 0


def test_more_months_get_a_total_column(client, imported, write_csv):
    expense_import(
        path=write_csv({"exec_yr": "2020", "exec_month": "10", "exec_dt": "2020-10-05 12:00"}), actor="test"
    )
    page = _page(client, "/expenses/totals/")
    assert (
        '<th scope="col" class="amount">10월</th>' in page
        and '<th scope="col" class="amount">계</th>' in page
    )
    assert "집행 없음" in page
