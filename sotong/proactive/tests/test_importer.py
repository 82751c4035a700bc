"""The real list comes in as items and publications, once; bad rows are reported and skipped;
officials' contacts are kept as they are, a citizen's identifiers in the free text are masked."""

import datetime as dt

import pytest

from sotong.audit.models import AuditEvent
from sotong.proactive.choices import Cycle
from sotong.proactive.errors import ProactiveFileError
from sotong.proactive.importer import proactive_import
from sotong.proactive.models import ProactiveItem, ProactivePublication
from sotong.proactive.tests.conftest import CITIZEN_PHONE, CITIZEN_RRN

pytestmark = pytest.mark.django_db


def test_the_real_list_becomes_items_and_their_publications(imported):
    assert (imported.rows, imported.created, imported.rejected, imported.masked) == (22, 22, [], [])
    assert imported.items_created == ProactiveItem.objects.count() == 15  # (path, department) pairs
    assert ProactivePublication.objects.count() == 22
    fund = ProactiveItem.objects.get(
        department="물순환정책과", taxonomy__endswith="한강수계관리기금 운용현황"
    )
    assert fund.name == "한강수계관리기금 운용현황" and fund.field == "안전"
    assert fund.path == ["안전", "하천수질관리", "한강수계관리기금 운용현황"]
    assert fund.publications.count() == 6
    assert fund.last_published_on == dt.date(2020, 9, 24)
    assert (fund.cycle, fund.next_due_on) == (Cycle.NOT_SET, None)  # until an officer sets it


def test_one_path_published_by_five_departments_is_five_items(imported):
    items = ProactiveItem.objects.filter(taxonomy__endswith="시립대학교 총장, 처장의 업무추진비")
    assert sorted(items.values_list("department", flat=True)) == [
        "기획과", "서울시립대학교 교무과", "서울시립대학교 연구지원과", "입학관리과", "총무과",
    ]  # fmt: skip


def test_officials_work_contacts_are_kept_as_they_are(imported):
    publication = ProactivePublication.objects.get(nid="21096709")
    assert (publication.writer, publication.telno) == ("김예원", "02-2133-7197")
    assert ProactivePublication.objects.get(nid="21148675").telno == "026490-6153"  # odd, but theirs
    assert publication.licence == "CC BY-NC-ND"
    assert publication.url == "https://opengov.seoul.go.kr/public/21096709"
    assert publication.title == "정비사업전문관리업자 현황(2020.8월 기준)"
    assert publication.registered_at == dt.datetime(2020, 9, 1, 5, 54, 17, tzinfo=dt.UTC)  # 14:54:17 in Seoul


def test_importing_the_same_list_again_changes_nothing(imported, public_list):
    again = proactive_import(path=public_list, actor="test")
    assert (again.created, again.updated, again.unchanged, again.items_created) == (0, 0, 22, 0)
    assert ProactivePublication.objects.count() == 22 and ProactiveItem.objects.count() == 15


def test_a_changed_row_updates_its_publication_and_moves_the_dates(write_list):
    proactive_import(path=write_list({"nid": "7"}), actor="test")
    summary = proactive_import(
        path=write_list({"nid": "7", "title": "고친 제목", "regist_dt": "20201005"}), actor="test"
    )
    assert (summary.created, summary.updated) == (0, 1)
    publication = ProactivePublication.objects.get(nid="7")
    assert publication.title == "고친 제목"
    assert publication.item.last_published_on == dt.date(2020, 10, 5)


def test_a_citizens_identifiers_in_free_text_are_masked_and_the_officials_own_are_not(write_list):
    path = write_list(
        {"nid": "1", "title": f"민원인 {CITIZEN_RRN} 연락처 {CITIZEN_PHONE} 처리 결과 (문의 02-2133-7908)"},
        {"nid": "2", "taxonomy": f"행정ㆍ기타>민원>{CITIZEN_PHONE}>처리 결과"},
    )
    summary = proactive_import(path=path, actor="test")
    assert summary.masked == [("1", ("title",)), ("2", ("taxonomy",))]
    title = ProactivePublication.objects.get(nid="1").title
    assert CITIZEN_RRN not in title and CITIZEN_PHONE not in title and "**************" in title
    assert "02-2133-7908" in title  # the row's official's work phone, declared public
    assert not ProactiveItem.objects.filter(taxonomy__contains=CITIZEN_PHONE).exists()
    event = AuditEvent.objects.get(action="proactive.imported")
    assert event.data["masked"] == [["1", ["title"]], ["2", ["taxonomy"]]]
    assert CITIZEN_RRN not in str(event.data) and CITIZEN_PHONE not in str(event.data)


def test_a_stub_in_the_phone_column_makes_no_citizens_number_public(write_list):
    proactive_import(path=write_list({"telno": "010", "title": f"회신 {CITIZEN_PHONE}"}), actor="test")
    assert CITIZEN_PHONE not in ProactivePublication.objects.get().title


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"regist_dt": "20201341"}, "regist_dt", "proactive_row_bad_date"),
        ({"regist_dt": "2020091"}, "regist_dt", "proactive_row_bad_date"),
        ({"title": "  "}, "title", "proactive_row_missing_value"),
        ({"nid": "21-1"}, "nid", "proactive_row_bad_nid"),
        ({"url": "javascript:alert(1)"}, "url", "proactive_row_bad_url"),
        ({"telno": "0" * 51}, "telno", "proactive_row_too_long"),
    ],
)
def test_a_bad_row_is_reported_in_korean_and_english_and_skipped(write_list, change, field, code):
    summary = proactive_import(
        path=write_list({"nid": "1"}, {"nid": "2", **change}, {"nid": "3"}), actor="test"
    )
    (problem,) = summary.rejected
    assert (problem.line, problem.field, problem.code) == (3, field, code)
    assert problem.message_ko and problem.message_en and problem.message_ko != problem.message_en
    assert sorted(ProactivePublication.objects.values_list("nid", flat=True)) == ["1", "3"]


def test_a_row_with_too_few_columns_is_skipped(tmp_path, write_list):
    path = write_list({"nid": "1"})
    path.write_text(path.read_text() + "2,행정,제목만\n", encoding="utf-8")
    (problem,) = proactive_import(path=path, actor="test").rejected
    assert problem.code == "proactive_row_column_count" and "열이 3개" in problem.message_ko


def test_a_byte_order_mark_is_tolerated(write_list):
    assert proactive_import(path=write_list({"nid": "1"}, bom=True), actor="test").created == 1


def test_a_file_that_is_not_utf8_is_refused_before_any_row(tmp_path):
    path = tmp_path / "cp949.csv"
    path.write_bytes("nid,category,title\n1,행정,제목\n".encode("cp949"))
    with pytest.raises(ProactiveFileError) as error:
        proactive_import(path=path, actor="test")
    assert error.value.code == "proactive_file_not_utf8" and "UTF-8" in error.value.message_ko


def test_a_file_without_the_lists_columns_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("package_id,title\n1,제목\n", encoding="utf-8")
    with pytest.raises(ProactiveFileError) as error:
        proactive_import(path=path, actor="test")
    assert error.value.code == "proactive_file_missing_columns" and "taxonomy" in error.value.message_en
    assert not ProactivePublication.objects.exists()


def test_each_import_writes_one_audit_event_with_its_counts(imported):
    event = AuditEvent.objects.get(action="proactive.imported")
    assert (event.target_type, event.target_id) == ("file", "20200901_20200930_public_list.csv")
    assert event.data["created"] == 22 and event.data["rejected"] == []
