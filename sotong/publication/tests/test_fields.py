"""분야 (field) by department: the bundled table, another table, a broken one, and where it shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db.models import Count

from sotong.publication.fields import FieldMapError, field_names, field_of, field_table
from sotong.publication.models import PublishedRecord
from sotong.publication.services import PublicationData, publication_upsert_many


def test_the_bundled_table_assigns_seouls_ten_fields_by_department() -> None:
    assert len(field_names()) == 10
    assert field_of("교통정책과") == "교통" and field_of("소방행정과") == "안전"
    assert field_of("어르신복지과") == "복지" and field_of("정보공개정책과") == "일반행정"
    # A team whose name says nothing takes the field its path says: a water-supply centre's team.
    assert field_of("행정관리팀", "사업소 > 상수도사업본부 > 광암아리수정수센터 > 행정관리팀") == "환경"


def test_another_table_is_read_and_a_broken_one_refused(tmp_path: Path) -> None:
    table = tmp_path / "fields.txt"
    table.write_text("# 구청의 분야\n민원: 민원, 여권\n기타:\n", encoding="utf-8")
    assert field_of("민원여권과", path=table) == "민원" and field_of("총무과", path=table) == ""
    broken = tmp_path / "broken.txt"
    broken.write_text("교통 도로\n", encoding="utf-8")
    field_table.cache_clear()
    with pytest.raises(FieldMapError) as caught:
        field_table(broken)
    assert "1번째 줄" in caught.value.message_ko and "line 1" in caught.value.message_en


@pytest.mark.django_db
def test_publication_gives_the_source_field_or_the_departments() -> None:
    publication_upsert_many(
        items=[
            PublicationData(public_id="seoul-f1", title="버스 노선 조정", organization="서울특별시",
                            listing="graded", department="버스정책과"),
            PublicationData(public_id="seoul-f2", title="연구 보고서", organization="서울특별시",
                            listing="graded", department="버스정책과", field="복지"),
        ]
    )  # fmt: skip
    fields = dict(PublishedRecord.objects.values_list("public_id", "field"))
    assert fields == {"seoul-f1": "교통", "seoul-f2": "복지"}


@pytest.mark.django_db
def test_the_list_filters_by_field_and_refuses_a_field_that_does_not_exist(client) -> None:
    publication_upsert_many(
        items=[
            PublicationData(public_id=f"seoul-g{n}", title=f"문서 {n}", organization="서울특별시",
                            listing="graded", department=department)
            for n, department in enumerate(["교통정책과", "어르신복지과", "택시물류과"])
        ]
    )  # fmt: skip
    page = client.get("/list/", {"field": "교통"}).content.decode()
    assert "문서 0" in page and "문서 2" in page and "문서 1" not in page and "분야: 교통" in page
    browse = client.get("/browse/").content.decode()
    assert '<a href="/list/?field=%EA%B5%90%ED%86%B5">교통</a> <span class="count">2건' in browse
    response = client.get("/list/", {"field": "우주"})
    assert response.status_code == 400 and "분야가 아닙니다" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_real_research_list_becomes_records_by_field_and_producing_institution(
    seoul, demo_data, client
) -> None:
    """정책연구: 3,617 reports as records of their kind, their field from the list's own category."""
    from sotong.intake.services.lists import list_import

    result = list_import(
        path=demo_data / "opengov" / "20200901_20200930_research_list_part.csv",
        organization=seoul,
        actor="test",
    )
    assert result.rows == 3617 and not result.rejected
    reports = PublishedRecord.objects.filter(info_type="정책연구자료")
    assert reports.count() == 3617
    fields = dict(reports.values_list("field").annotate(n=Count("id")))
    assert (
        fields["도시관리"] == 2019 + 4 and fields["보건"] == 857 and fields["환경"] == 542
    )  # 건설, 건강, 환경
    institutions = dict(reports.values_list("department").annotate(n=Count("id")))
    categories = dict(reports.values_list("category").annotate(n=Count("id")))
    assert categories["건설"] == 2019 and categories["여성가족"] == 85  # the list's own, kept as it says
    assert set(reports.values_list("region", flat=True).distinct()) == {"서울시전체"}
    assert institutions["보건환경연구원"] == 1277 and institutions["서울시여성가족재단"] == 85
    page = client.get("/list/", {"info_type": "정책연구자료", "field": "보건"}).content.decode()
    assert "857건" in page or "모두 857건" in page
