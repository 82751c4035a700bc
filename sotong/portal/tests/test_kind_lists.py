"""A kind's list (``/list/?info_type=…``) with its own filters: whatever its records carry — the
producing department or institution, the source's own categories, regions, fields, years — each
value a link with its count; and the organization tree's bureaus and departments as lists."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from sotong.intake.services.lists import list_import
from sotong.publication.models import PublishedRecord

pytestmark = pytest.mark.django_db(transaction=True)
RESEARCH = "정책연구자료"
ROWS = 240  # lines of the real list, read in place: several categories and institutions


@pytest.fixture
def research(seoul, demo_data, tmp_path) -> None:
    real = demo_data / "opengov" / "20200901_20200930_research_list_part.csv"
    lines = real.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    part = Path(tmp_path) / "research_list_part.csv"
    part.write_text("".join(lines[: ROWS + 1]), encoding="utf-8")
    result = list_import(path=part, organization=seoul, actor="test")
    assert not result.rejected


def _choices(page: str) -> dict[str, dict[str, tuple[int, str]]]:
    """{group label: {value: (count, link)}} from the page's 좁혀 보기 section."""
    section = re.search(r'<section class="list-choices".*?</section>', page, re.S)
    assert section, "no choices on the page"
    groups = {}
    for label, items in re.findall(r"<summary>(.*?)</summary>\s*<ul>(.*?)</ul>", section.group(0), re.S):
        groups[label] = {
            value: (int(count.replace(",", "")), unescape(url))
            for url, value, count in re.findall(
                r'<a href="([^"]*)">([^<]*)</a> <span class="count">([\d,]+)건', items
            )
        }
    return groups


def _counts(column: str) -> dict[str, int]:
    rows = PublishedRecord.objects.filter(info_type=RESEARCH).values_list(column).annotate(n=Count("id"))
    return {value: n for value, n in rows if value}


def test_a_kinds_list_offers_its_own_filters_with_true_counts(client, research):
    page = client.get("/list/", {"info_type": RESEARCH}).content.decode()
    groups = _choices(page)
    total = PublishedRecord.objects.filter(info_type=RESEARCH).count()
    assert {label: {v: c for v, (c, _) in values.items()} for label, values in groups.items()} == {
        "생산 부서·기관": _counts("department"),
        "분야": _counts("field"),
        "자료 분류": _counts("category"),
        "지역": {"서울시전체": total},
        "생산 연도": {f"{year}년": n for year, n in _year_counts().items()},
        "기관": {"서울특별시": total},
    }
    assert len(groups["자료 분류"]) > 1 and len(groups["생산 부서·기관"]) > 1


def _year_counts() -> dict[int, int]:
    years: dict[int, int] = {}
    for day in PublishedRecord.objects.filter(info_type=RESEARCH).values_list("produced_on", flat=True):
        years[day.year] = years.get(day.year, 0) + 1
    return years


def test_following_a_choice_narrows_to_that_many_and_drops_the_chosen_group(client, research):
    groups = _choices(client.get("/list/", {"info_type": RESEARCH}).content.decode())
    category, (count, url) = max(groups["자료 분류"].items(), key=lambda item: item[1][0])
    narrowed = client.get("/list/" + url).content.decode()
    assert f"모두 {count:,}건" in narrowed
    assert f"자료 분류: {category}" in narrowed  # shown as a filter in force, removable
    inside = _choices(narrowed)
    assert "자료 분류" not in inside
    # The remaining choices count within the chosen category.
    expected = dict(
        PublishedRecord.objects.filter(info_type=RESEARCH, category=category)
        .values_list("department")
        .annotate(n=Count("id"))
    )
    assert {value: c for value, (c, _) in inside["생산 부서·기관"].items()} == expected
    institution, (count, url) = next(iter(inside["생산 부서·기관"].items()))
    rows = client.get("/list/" + url).context["records"]
    assert {(r.category, r.department) for r in rows} == {(category, institution)}


def test_region_and_institution_filters_select_exactly_their_records(client, research):
    institution = next(iter(_counts("department")))
    page = client.get("/list/", {"info_type": RESEARCH, "department": institution, "region": "서울시전체"})
    expected = PublishedRecord.objects.filter(info_type=RESEARCH, department=institution).count()
    assert f"모두 {expected:,}건" in page.content.decode()
    assert client.get("/list/", {"region": "종로구"}).context["records"] == []


def test_a_kinds_list_takes_one_more_query_once_then_none(client, research):
    """1. the page, 2. the count, 3. the choices (one grouped pass), then kept five minutes."""
    params = {"info_type": RESEARCH, "year": "2014"}
    with CaptureQueriesContext(connection) as first:
        client.get("/list/", params)
    with CaptureQueriesContext(connection) as second:
        client.get("/list/", params)
    assert (len(first), len(second)) == (3, 2), [q["sql"] for q in first]


def test_an_overlong_filter_is_refused_in_both_languages(client, research):
    response = client.get("/list/", {"department": "가" * 201})
    assert response.status_code == 400
    text = response.content.decode()
    assert "200자를 넘을 수 없습니다" in text and "cannot be longer than 200 characters" in text


def test_bureaus_and_departments_of_the_tree_open_their_lists(client, research):
    from sotong.publication.models import PublishedRecord as Published

    browse = client.get("/browse/").content.decode()
    link = re.search(
        r'<a href="(/list/\?organization=[^"]*&amp;department=[^"]*)">정보공개정책과</a>', browse
    )
    assert link, "the department is not a link to its list"
    target = unescape(link.group(1))
    Published.objects.filter(info_type=RESEARCH).update(department="정보공개정책과")
    page = client.get(target).content.decode()
    total = Published.objects.filter(info_type=RESEARCH).count()
    assert f"모두 {total:,}건" in page and "생산 부서·기관: 정보공개정책과" in page
    assert re.search(r'<a href="/list/\?organization=[^"]*&amp;department=[^"]*">[^<]*실</a>', browse)


def test_a_record_page_links_its_kind_department_category_and_region_to_their_lists(client, research):
    record = PublishedRecord.objects.filter(info_type=RESEARCH).exclude(category="").first()
    page = client.get(f"/records/{record.public_id}/").content.decode()
    links = {
        text: unescape(url) for url, text in re.findall(r'<dd><a href="(/list/\?[^"]*)">([^<]*)</a>', page)
    }
    expected = {
        RESEARCH: {"info_type": RESEARCH},
        record.department: {"organization": record.organization, "department": record.department},
        record.category: {"info_type": RESEARCH, "category": record.category},
        record.region: {"info_type": RESEARCH, "region": record.region},
    }
    for text, wanted in expected.items():
        response = client.get(links[text])
        assert response.context["count"].value == PublishedRecord.objects.filter(**wanted).count(), text
        assert all(
            getattr(row, name) == value
            for row in response.context["records"]
            for name, value in wanted.items()
        ), text


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="표본 집계(TABLESAMPLE)는 PostgreSQL에서만 씁니다 / sampled counts (TABLESAMPLE) are PostgreSQL's only",
)
def test_over_the_count_cap_postgresql_counts_the_choices_on_a_sample(client, research, monkeypatch):
    """At 10M records a kind's grouped pass takes 19 s; over the cap the choices come from a sample
    of the table's pages, scaled up, and the page says they are estimates."""
    from sotong.publication import listing

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE publication_publishedrecord")  # reltuples, which sizes the sample
    monkeypatch.setattr(listing, "COUNT_CAP", 10)
    monkeypatch.setattr(listing, "SAMPLED_ROWS", 100)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/list/", {"info_type": RESEARCH})
    assert any("TABLESAMPLE SYSTEM" in query["sql"] for query in queries)
    page = response.content.decode()
    assert "표본으로 세어 어림한 값" in page
    real = _counts("department")
    for group in response.context["choices"]:
        for choice in group.choices:
            assert f"약 {choice.count:,}건" in page
            if group.name == "department":
                assert choice.value in real  # a sample finds only values that exist
    monkeypatch.setattr(listing, "COUNT_CAP", 10_000)
    exact = client.get("/list/", {"info_type": RESEARCH})
    assert "표본으로" not in exact.content.decode() and not exact.context["choices_estimated"]
