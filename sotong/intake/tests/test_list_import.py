import pytest

from sotong.intake.lists.errors import ListFormatError
from sotong.intake.services.lists import list_import
from sotong.organizations.models import Department
from sotong.publication.models import PublishedRecord
from sotong.records.models import Record

pytestmark = pytest.mark.django_db

WEEK = "20210208_20210214_info_list.csv"
OTHER_SHAPES = [
    "20210208_20210214_info_list_part.json",
    "20210208_20210214_info_list_part.xml",
    "20210208_20210214_info_list_part_oldcolumns.csv",
]


@pytest.fixture
def week(seoul, demo_data):
    summary = list_import(path=demo_data / "opengov" / WEEK, organization=seoul, actor="test")
    return summary


def test_the_real_week_lists_every_document_once(week):
    assert (week.rows, week.created, len(week.rejected)) == (3657, 3657, 0)
    assert Record.objects.count() == 3657
    assert PublishedRecord.objects.count() == 3657
    numbered_1424 = Record.objects.filter(registration_number="소방행정과-1424")
    assert numbered_1424.count() == 2
    assert len(set(numbered_1424.values_list("title", flat=True))) == 2


def test_departments_the_chart_lacks_are_created_under_the_headquarters(week, seoul):
    named = set(Record.objects.exclude(department=None).values_list("department__name", flat=True))
    assert len(named) == 331
    created = Department.objects.filter(organization=seoul, from_source=True)
    assert (
        created.count()
        == len(week.new_units)
        == 331 - Department.objects.filter(organization=seoul, from_source=False, name__in=named).count()
    )


def test_importing_the_same_week_in_the_other_shapes_changes_nothing(week, seoul, demo_data):
    before = dict(Record.objects.values_list("public_id", "updated_at"))
    for name in OTHER_SHAPES:
        summary = list_import(path=demo_data / "opengov" / name, organization=seoul, actor="test")
        assert (summary.rows, summary.created, summary.updated, summary.unchanged) == (500, 0, 0, 500)
    assert dict(Record.objects.values_list("public_id", "updated_at")) == before


def test_rows_without_a_grade_are_listed_only_or_published_elsewhere(week):
    published = PublishedRecord.objects.get(registration_number="현장민원과-2711", title="차량운행일지")
    assert published.listing == "published_elsewhere"
    assert published.original_url == "https://opengov.seoul.go.kr/sanction/22233189"
    assert published.body_text == ""
    listed = PublishedRecord.objects.get(registration_number="교통정책과-2726")
    assert (listed.listing, listed.original_url, listed.grade) == ("listed_only", "", "")
    graded = Record.objects.get(source_id="210416453141000")
    assert graded.grade == "부분공개"


def test_a_bad_row_is_reported_and_the_rest_of_the_file_goes_on(seoul, tmp_path):
    path = tmp_path / "list.csv"
    header = "package_id,doc_prdctn_dt,tkcrd_nm,title,src_dept_doc_no,writer,othbc_pd,rspnber_dept_nm,othbc_se,cpyrht,url"
    path.write_text(
        f"{header}\n"
        "1,20210210,민원,좋은 행,총무과-1,홍길동,10년,총무과,,,\n"
        "2,2021-02-10,민원,날짜가 틀린 행,총무과-2,홍길동,10년,총무과,,,\n"
        "3,20210210,민원,,총무과-3,홍길동,10년,총무과,,,\n"
        "4,20210211,민원,또 좋은 행,총무과-4,홍길동,10년,총무과,,,\n",
        encoding="utf-8",
    )
    summary = list_import(path=path, organization=seoul, actor="test")
    assert summary.created == 2
    assert [(e.line, e.field) for e in summary.rejected] == [(3, "doc_prdctn_dt"), (4, "title")]
    assert all(e.message_ko and e.message_en for e in summary.rejected)


@pytest.mark.django_db(transaction=True)
def test_personal_information_in_a_column_published_as_is_refuses_that_row_only(seoul, tmp_path):
    """Category, region, task card and department are published as the source writes them: a row
    with a resident number or phone there is refused, in both languages, and the rest goes on."""
    path = tmp_path / "research.csv"
    header = "nid,title,regist_dt,relm,creat_yr,category,region,isbn,relte_area,writer,doc_prdctn_dt,cpyrht,job_se,url"
    path.write_text(
        f"{header}\n"
        "1,좋은 연구,20151022000009,정책연구자료,2014,복지,서울시전체,,서울시복지재단,윤희숙,20150127,,I,\n"
        "2,지역 칸이 이상한 연구,20151022000009,정책연구자료,2014,복지,900101-1234568,,서울시복지재단,윤희숙,20150127,,I,\n"
        "3,기관 칸이 이상한 연구,20151022000009,정책연구자료,2014,복지,서울시전체,,연락 010-2345-6789,윤희숙,20150127,,I,\n"
        "4,또 좋은 연구,20151022000009,정책연구자료,2014,건강,서울시전체,,보건환경연구원,김미현,20150128,,I,\n",
        encoding="utf-8",
    )
    summary = list_import(path=path, organization=seoul, actor="test")
    assert summary.created == 2
    refused = [(e.line, e.field, e.code) for e in summary.rejected]
    assert refused == [
        (3, "region", "row_personal_in_metadata"),
        (4, "department", "row_personal_in_metadata"),
    ]
    assert all(
        "개인정보" in e.message_ko and "personal information" in e.message_en for e in summary.rejected
    )
    published = PublishedRecord.objects.values_list("title", flat=True)
    assert sorted(published) == ["또 좋은 연구", "좋은 연구"]
    assert not Record.objects.filter(title__contains="이상한").exists()


def test_a_file_that_is_not_a_list_stores_nothing(seoul, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("번호,제목\n1,메모\n", encoding="utf-8")
    with pytest.raises(ListFormatError):
        list_import(path=path, organization=seoul, actor="test")
    assert Record.objects.count() == 0


def test_a_list_without_a_grade_keeps_the_grade_the_system_sent(seoul, tmp_path):
    from sotong.records.services.records import RecordData, record_upsert_many

    pushed = RecordData(
        title="민원 처리 결과", source="push:edms", source_id="77", grade="공개", task_card="민원"
    )
    record_upsert_many(organization=seoul, items=[pushed], actor="test")
    path = tmp_path / "list.csv"
    header = "package_id,doc_prdctn_dt,tkcrd_nm,title,src_dept_doc_no,writer,othbc_pd,rspnber_dept_nm,othbc_se,cpyrht,url"
    path.write_text(
        f"{header}\n77,20210210,,민원 처리 결과,총무과-7,홍길동,10년,총무과,,,\n", encoding="utf-8"
    )
    summary = list_import(path=path, organization=seoul, actor="test")
    record = Record.objects.get(source_id="77")
    assert (summary.updated, record.grade, record.task_card, record.registration_number) == (
        1,
        "공개",
        "민원",
        "총무과-7",
    )
