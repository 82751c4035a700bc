"""찾아보기: every kind of the service list, the organization tree and the years, one click from there."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sotong.portal.kinds import KINDS
from sotong.publication.models import PublishedRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(seoul) -> None:
    now = timezone.now()
    for number, (organization, kind, year) in enumerate(
        [("서울특별시", "결재문서", 2021), ("서울특별시", "보도자료", 2020), ("종로구", "회의록", 2021)]
    ):
        PublishedRecord.objects.create(
            public_id=f"seoul-browse-{number}", title=f"문서 {number}", organization=organization, info_type=kind,
            produced_on=dt.date(year, 3, 1), grade="공개", listing="graded", published_at=now, updated_at=now,
        )  # fmt: skip


def test_every_kind_of_the_service_list_is_there_with_a_way_in(client, records):
    page = client.get("/browse/").content.decode()
    assert len(KINDS) == 31
    for kind in KINDS:
        assert kind.name in page, kind.name
    assert '<a href="/list/?info_type=%EA%B2%B0%EC%9E%AC%EB%AC%B8%EC%84%9C">결재문서</a>' in page
    assert "1건" in page and "아직 없음" in page  # 주민참여사업 has no records yet: said so
    assert 'href="https://archives.seoul.go.kr/" rel="external">기록관리시스템</a>' in page
    assert 'href="/expenses/">업무추진비</a>' in page and 'href="/proactive/">사전 정보공표</a>' in page
    assert "회의록" in page  # a kind the records carry that the service list does not name


def test_organizations_years_and_their_lists_are_one_click_away(client, records):
    page = client.get("/browse/").content.decode()
    assert "자치구" in page and "투자출연기관" in page and "본청" in page
    assert re.search(
        r'<a href="/list/\?organization=%EC%A2%85%EB%A1%9C%EA%B5%AC">종로구</a> <span class="count">1건', page
    )
    assert "정보공개정책과" in page  # a department under its bureau, from the real chart
    assert '<a href="/list/?year=2021">2021년</a> <span class="count">2건' in page
    following = client.get("/list/", {"year": "2021"}).content.decode()
    assert "문서 0" in following and "문서 2" in following and "문서 1" not in following


def test_browse_counts_are_cached_after_the_first_visit(client, records):
    client.get("/browse/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/browse/")
    assert len(queries) == 2, [q["sql"] for q in queries]  # the organization tree: units, organizations
