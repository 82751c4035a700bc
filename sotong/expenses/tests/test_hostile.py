"""Hostile and broken input: bad rows are reported in Korean and English and skipped, the rest
import; citizens' identifiers in the attendees are stored masked and never reach a page."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sotong.expenses.errors import ExpenseFileError
from sotong.expenses.importer import expense_import
from sotong.expenses.models import ExpenseLine
from sotong.organizations.models import Organization
from sotong.pipeline.detectors.public import PublicContacts

from .conftest import HEADER

pytestmark = pytest.mark.django_db

CITIZEN = "민원인 홍길동(800101-1234567), 010-2345-6789, hong.gildong@gmail.com"
SECRETS = ("800101-1234567", "1234567", "010-2345-6789", "2345-6789", "hong.gildong@gmail.com", "gmail.com")


def _codes(summary):
    return [(row.line, row.code) for row in summary.skipped]


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ({"exec_amount": "12,3a0"}, "expense_row_amount"),
        ({"exec_amount": "-5000"}, "expense_row_amount"),
        ({"exec_amount": ""}, "expense_row_required"),
        ({"exec_dt": "2021-02-30 12:00"}, "expense_row_date"),
        ({"exec_dt": "어제 점심"}, "expense_row_date"),
        ({"exec_month": "13"}, "expense_row_month"),
        ({"exec_yr": "21"}, "expense_row_month"),
        ({"exec_month": "٣"}, "expense_row_month"),  # a digit, but not one a month is written with
        ({"dept_nm_lvl_2": ""}, "expense_row_department_path"),
        ({"nid": ""}, "expense_row_required"),
        ({"payment_method": "카드" * 30}, "expense_row_too_long"),
        ({"exec_purpose": "환불 계좌 주민번호 800101-1234567"}, "expense_row_identifier"),
    ],
)
def test_a_bad_row_is_reported_and_skipped_and_the_rest_import(write_csv, bad, code):
    summary = expense_import(path=write_csv({"nid": "1"}, bad, {"nid": "3"}), actor="test")
    assert _codes(summary) == [(3, code)]
    skipped = summary.skipped[0]
    assert skipped.message_ko and skipped.message_en and skipped.message_ko != skipped.message_en
    assert sorted(ExpenseLine.objects.values_list("source_nid", flat=True)) == ["1", "3"]


def test_amounts_with_thousands_separators_and_won_are_read(write_csv):
    expense_import(path=write_csv({"exec_amount": "1,234,000원"}), actor="test")
    assert ExpenseLine.objects.get().amount == 1234000


def test_a_row_with_too_few_or_too_many_fields_is_skipped(write_csv):
    short = ["2", "제목"]
    long = ["4", *[""] * (len(HEADER) - 1), "덤"]
    summary = expense_import(path=write_csv({"nid": "1"}, short, long), actor="test")
    assert _codes(summary) == [(3, "expense_row_field_count"), (4, "expense_row_field_count")]
    assert ExpenseLine.objects.count() == 1


def test_wrong_columns_reject_the_whole_file_naming_what_is_missing(write_csv):
    header = [name for name in HEADER if name not in ("exec_amount", "target_nm")] + ["금액"]
    with pytest.raises(ExpenseFileError) as caught:
        expense_import(path=write_csv({}, header=header), actor="test")
    assert "target_nm, exec_amount" in caught.value.message_ko
    assert "missing" in caught.value.message_en
    assert ExpenseLine.objects.count() == 0


def test_a_file_that_is_not_utf8_is_rejected(tmp_path):
    path = tmp_path / "cp949.csv"
    path.write_bytes(",".join(HEADER).encode() + "\n정보공개".encode("cp949"))
    with pytest.raises(ExpenseFileError) as caught:
        expense_import(path=path, actor="test")
    assert caught.value.code == "expense_file_not_utf8"


def test_a_file_the_csv_reader_cannot_follow_is_rejected_with_its_line(write_csv):
    with pytest.raises(ExpenseFileError) as caught:
        expense_import(path=write_csv({}, {"exec_purpose": "가" * 200_000}), actor="test")
    assert caught.value.code == "expense_file_malformed" and "3행" in caught.value.message_ko
    assert ExpenseLine.objects.count() == 0


def test_a_byte_order_mark_is_tolerated(write_csv):
    assert expense_import(path=write_csv({}, bom=True), actor="test").created == 1


def test_a_script_url_is_not_kept(write_csv):
    expense_import(path=write_csv({"url": "javascript:alert(1)"}), actor="test")
    assert ExpenseLine.objects.get().source_url == ""


def test_citizens_identifiers_in_the_attendees_are_stored_masked(write_csv):
    summary = expense_import(path=write_csv({"target_nm": CITIZEN}), actor="test")
    line = ExpenseLine.objects.get()
    assert summary.masked == 1 and line.attendees_masked
    assert line.attendees.startswith("민원인 ") and "*" in line.attendees
    assert not any(secret in line.attendees for secret in SECRETS)


def test_officials_work_contacts_stay_visible(write_csv, seoul: Organization):
    contacts = PublicContacts.from_config(seoul.official_contacts)
    expense_import(
        path=write_csv({"target_nm": "정보공개팀장(02-2133-5678) 외 3명"}), actor="test", public=contacts
    )
    line = ExpenseLine.objects.get()
    assert line.attendees == "정보공개팀장(02-2133-5678) 외 3명" and not line.attendees_masked


def test_citizens_identifiers_never_appear_on_any_expense_page(client, write_csv):
    expense_import(path=write_csv({"target_nm": CITIZEN}, {"nid": "2", "exec_amount": "9,9"}), actor="test")
    urls = [
        "/expenses/", "/expenses/?dept=서울시본청&dept=행정국", "/expenses/?month=2021-03",
        "/expenses/?purpose=정보공개", "/expenses/totals/", "/expenses/totals/?year=2021&dept=서울시본청",
        "/expenses/?month=2021-13", "/expenses/?page=99",
    ]  # fmt: skip
    for url in urls:
        page = client.get(url).content.decode()
        assert not any(secret in page for secret in SECRETS), url
    assert "민원인" in client.get("/expenses/").content.decode()


def test_the_command_reports_skipped_rows_and_rejects_a_broken_file(write_csv):
    out = StringIO()
    call_command("import_expenses", str(write_csv({}, {"nid": "2", "exec_amount": "x"})), stdout=out)
    assert (
        "3행 집행금액을 읽을 수 없습니다" in out.getvalue()
        and "line 3: The amount cannot be read" in out.getvalue()
    )
    with pytest.raises(CommandError, match="필수 열이 없습니다"):
        call_command("import_expenses", str(write_csv({}, header=HEADER[:5])), stdout=StringIO())
