"""정보목록 pages by cursor: every record once, in one order, both ways, filtered, counted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sotong.publication import listing
from sotong.publication.listing import (
    ListCursorError,
    ListFilters,
    ListPosition,
    publication_list_count,
    publication_page,
)
from sotong.publication.models import PublishedRecord

pytestmark = pytest.mark.django_db

ORGANIZATIONS = ("서울특별시", "종로구")
KINDS = ("결재문서", "회의록")


@pytest.fixture
def records() -> list[PublishedRecord]:
    """23 records: days repeat (ties broken by id), two years, four undated."""
    now = timezone.now()
    made = []
    for number in range(23):
        day = None if number % 6 == 5 else dt.date(2020 + number % 2, 1 + number % 3, 1 + number % 4)
        made.append(
            PublishedRecord.objects.create(
                public_id=f"seoul-list-{number}",
                title=f"문서 {number}",
                organization=ORGANIZATIONS[number % 2],
                info_type=KINDS[number % 3 == 0],
                produced_on=day,
                grade="공개",
                listing="graded",
                published_at=now,
                updated_at=now,
            )
        )
    return made


def expected_order(records: list[PublishedRecord]) -> list[int]:
    dated = sorted((r for r in records if r.produced_on), key=lambda r: (r.produced_on, r.id), reverse=True)
    undated = sorted((r for r in records if not r.produced_on), key=lambda r: r.id, reverse=True)
    return [r.id for r in dated + undated]


def walk_older(filters: ListFilters, size: int) -> list[list[int]]:
    pages, after = [], None
    while True:
        page = publication_page(filters=filters, size=size, after=after)
        pages.append([r.id for r in page.records])
        if page.older is None:
            return pages
        after = page.older


def test_pages_hold_every_record_once_newest_first_undated_last(records):
    pages = walk_older(ListFilters(), size=5)
    assert [len(p) for p in pages] == [5, 5, 5, 5, 3]
    assert [i for page in pages for i in page] == expected_order(records)


def test_going_back_gives_the_same_pages(records):
    size = 5
    forward = walk_older(ListFilters(), size)
    last = publication_page(
        filters=ListFilters(), size=size, after=ListPosition.parse(_token(forward[-2][-1]))
    )
    backward = [[r.id for r in last.records]]
    page = last
    while page.newer is not None:
        page = publication_page(filters=ListFilters(), size=size, before=page.newer)
        backward.insert(0, [r.id for r in page.records])
    assert backward == forward


def _token(record_id: int) -> str:
    record = PublishedRecord.objects.get(id=record_id)
    return ListPosition(record.produced_on, record.id).token()


def test_the_first_page_has_no_newer_link_and_the_last_no_older(records):
    first = publication_page(filters=ListFilters(), size=50)
    assert first.newer is None and first.older is None and len(first.records) == 23


def test_filters_keep_the_order_and_only_matching_records(records):
    for filters, keep in (
        (ListFilters(organization="종로구"), lambda r: r.organization == "종로구"),
        (ListFilters(info_type="회의록"), lambda r: r.info_type == "회의록"),
        (ListFilters(year=2021), lambda r: r.produced_on is not None and r.produced_on.year == 2021),
        (
            ListFilters(organization="서울특별시", year=2020),
            lambda r: (
                r.organization == "서울특별시" and r.produced_on is not None and r.produced_on.year == 2020
            ),
        ),
    ):
        pages = walk_older(filters, size=3)
        assert [i for page in pages for i in page] == expected_order([r for r in records if keep(r)]), filters
        assert publication_list_count(filters).value == sum(map(keep, records))


def test_counts_are_exact_up_to_the_cap_then_a_floor(records, monkeypatch):
    assert publication_list_count(ListFilters()) == listing.ListCount(23, at_least=False, estimated=False)
    monkeypatch.setattr(listing, "COUNT_CAP", 5)
    filtered = publication_list_count(ListFilters(organization="서울특별시"))
    assert (filtered.value, filtered.at_least) == (5, True)
    whole = publication_list_count(ListFilters())
    if connection.vendor == "postgresql":  # the planner's estimate, once the table is analysed
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE publication_publishedrecord")
        whole = publication_list_count(ListFilters())
        assert whole.estimated and whole.value == 23
    else:
        assert whole == listing.ListCount(23, at_least=False, estimated=False)


def test_a_page_deep_in_the_list_takes_one_query_for_the_records(records):
    after = ListPosition.parse(_token(expected_order(records)[7]))
    with CaptureQueriesContext(connection) as queries:
        page = publication_page(filters=ListFilters(), size=5, after=after)
    assert [r.id for r in page.records] == expected_order(records)[8:13]
    assert len(queries) == 1


@pytest.mark.parametrize(
    "token", ["", "2020-01-01", "2020-13-01.5", "x.5", "2020-01-01.-5", "-.1e3", "1" * 30]
)
def test_positions_no_page_wrote_are_refused(token):
    with pytest.raises(ListCursorError):
        ListPosition.parse(token)
