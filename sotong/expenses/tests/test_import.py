"""Import of the real September 2020 업무추진비 list: counts, paths, sums, idempotence, the command."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db.models import Count, Sum

from sotong import cli
from sotong.audit.models import AuditEvent
from sotong.expenses.importer import expense_import
from sotong.expenses.models import ExpenseLine
from sotong.expenses.selectors import LEVEL_FIELDS, expense_monthly_totals

pytestmark = pytest.mark.django_db


def test_the_real_file_imports_every_row(imported, real_rows):
    assert (imported.rows, imported.created, imported.skipped) == (102, 102, [])
    assert ExpenseLine.objects.count() == len(real_rows) == 102
    assert ExpenseLine.objects.values("source_nid").distinct().count() == 20


def test_a_line_keeps_its_public_values_and_its_department_path(imported):
    line = ExpenseLine.objects.get(source_nid="21305225", amount=217960)
    assert line.department_path == ("사업소", "상수도사업본부", "광암아리수정수센터", "행정관리팀")
    assert line.spent_at == dt.datetime(2020, 9, 29, 14, 0, tzinfo=ZoneInfo("Asia/Seoul"))
    assert (line.year, line.month, line.payment_method) == (2020, 9, "카드")
    assert line.place == "서부농협(경기 하남시 서하남로 513)"
    assert line.purpose == "교대직원(제어실,배출수,정문 근무자) 추석명절 격려물품 구입비 지급"
    assert line.source_url == "http://opengov.seoul.go.kr/public/21305225"
    assert line.unit_name == "행정관리팀"


def test_the_five_levels_are_read_in_order_with_blanks_only_at_the_end(imported, real_rows):
    for row in real_rows:
        expected = tuple(row[f"dept_nm_lvl_{level}"] for level in range(1, 6) if row[f"dept_nm_lvl_{level}"])
        assert ExpenseLine.objects.filter(source_nid=row["nid"]).first().department_path == expected
    fire = ExpenseLine.objects.filter(dept_level_2="도봉소방서")
    assert fire.count() == 26 and set(fire.values_list("dept_level_3", flat=True)) == {""}


def test_a_five_level_path_is_kept_whole(write_csv):
    expense_import(path=write_csv({}), actor="test")
    assert ExpenseLine.objects.get().department_path == (
        "서울시본청", "행정국", "정보공개정책과", "정보공개팀", "기록연구실",
    )  # fmt: skip


def test_totals_equal_the_files_sums_per_department_and_month(imported, real_rows):
    expected: dict[tuple[tuple[str, ...], int], list[int]] = defaultdict(lambda: [0, 0])
    for row in real_rows:
        path = tuple(row[f"dept_nm_lvl_{level}"] for level in range(1, 6) if row[f"dept_nm_lvl_{level}"])
        expected[(path, int(row["exec_month"]))][0] += int(row["exec_amount"])
        expected[(path, int(row["exec_month"]))][1] += 1
    totals = expense_monthly_totals(department=(), year=2020)
    found = {
        (row.department, month): [cell.amount, cell.lines]
        for row in totals.rows
        for month, cell in row.by_month
    }
    assert found == dict(expected)
    assert (
        totals.total.amount == sum(int(row["exec_amount"]) for row in real_rows) and totals.total.lines == 102
    )
    stored = ExpenseLine.objects.values(*LEVEL_FIELDS).annotate(total=Sum("amount"), lines=Count("id"))
    assert len(stored) == len(totals.rows) == 20


def test_a_second_import_of_the_same_file_changes_nothing(imported, expense_file):
    ids = set(ExpenseLine.objects.values_list("id", flat=True))
    events = AuditEvent.objects.count()
    again = expense_import(path=expense_file, actor="test")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 102)
    assert set(ExpenseLine.objects.values_list("id", flat=True)) == ids
    assert AuditEvent.objects.count() == events  # nothing changed, nothing to audit


def test_a_corrected_file_updates_its_lines_in_place(imported, expense_file, tmp_path):
    corrected = tmp_path / "corrected.csv"
    corrected.write_text(
        expense_file.read_text(encoding="utf-8").replace(",217960", ",217970"), encoding="utf-8"
    )
    line = ExpenseLine.objects.get(amount=217960)
    summary = expense_import(path=corrected, actor="test")
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 101)
    line.refresh_from_db()
    assert line.amount == 217970 and ExpenseLine.objects.count() == 102


def test_two_lines_of_one_page_at_the_same_minute_are_both_kept(write_csv):
    path = write_csv({"exec_amount": "1000"}, {"exec_amount": "2000", "exec_dt": "2021-03-02 12:00:00"})
    assert expense_import(path=path, actor="test").created == 2
    assert expense_import(path=path, actor="test").unchanged == 2
    assert sorted(ExpenseLine.objects.values_list("sequence", "amount")) == [(1, 1000), (2, 2000)]


def test_an_import_writes_one_audit_event(imported):
    event = AuditEvent.objects.get(action="expenses.imported")
    assert event.target_id == "202009_expense_list.csv"
    assert event.data["created"] == 102 and event.data["rows"] == 102


def test_the_command_prints_a_bilingual_summary(db, expense_file):
    out = StringIO()
    call_command("import_expenses", str(expense_file), stdout=out)
    text = out.getvalue()
    assert "102행 — 신규 102, 갱신 0, 변경 없음 0, 건너뜀 0, 대상 인원 가림 1" in text
    assert "imported 102, updated 0, unchanged 0, skipped 0, attendees masked 1" in text


def test_the_command_is_sotong_import_expenses():
    assert cli.ALIASES["import-expenses"] == "import_expenses"


def test_load_demo_also_imports_the_expense_list(db, demo_data: Path, settings, monkeypatch):
    from sotong.intake.management.commands import load_demo

    monkeypatch.setattr(load_demo, "demo_is_loaded", lambda root: True)  # the documents are not the point
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "202009_expense_list.csv: 업무추진비 102행 (신규 102" in out.getvalue()
    assert ExpenseLine.objects.count() == 102
