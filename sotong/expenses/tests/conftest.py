"""Fixtures: the real September 2020 expense list, and small hand-made CSV files for hostile input."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from sotong.expenses.importer import ExpenseImportSummary, expense_import

HEADER = [
    "nid", "title", "url", "dept_nm_lvl_1", "dept_nm_lvl_2", "dept_nm_lvl_3", "dept_nm_lvl_4", "dept_nm_lvl_5",
    "exec_yr", "exec_month", "expense_budget", "expense_execution", "category", "dept_nm_full", "exec_dt",
    "exec_loc", "exec_purpose", "target_nm", "payment_method", "exec_amount",
]  # fmt: skip
GOOD_ROW = {
    "nid": "900001", "title": "2021년 3월 시험 업무추진비", "url": "http://opengov.seoul.go.kr/public/900001",
    "dept_nm_lvl_1": "서울시본청", "dept_nm_lvl_2": "행정국", "dept_nm_lvl_3": "정보공개정책과",
    "dept_nm_lvl_4": "정보공개팀", "dept_nm_lvl_5": "기록연구실", "exec_yr": "2021", "exec_month": "3",
    "expense_budget": "", "expense_execution": "", "category": "", "dept_nm_full": "정보공개정책과",
    "exec_dt": "2021-03-02 12:00", "exec_loc": "시청 구내식당", "exec_purpose": "정보공개 업무 협의",
    "target_nm": "정보공개팀장 외 3명", "payment_method": "카드", "exec_amount": "48000",
}  # fmt: skip

CsvWriter = Callable[..., Path]


@pytest.fixture
def expense_file(demo_data: Path) -> Path:
    return demo_data / "opengov" / "202009_expense_list.csv"


@pytest.fixture
def real_rows(expense_file: Path) -> list[dict[str, str]]:
    with expense_file.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def imported(db: None, expense_file: Path) -> ExpenseImportSummary:
    return expense_import(path=expense_file, actor="test")


@pytest.fixture
def write_csv(tmp_path: Path) -> CsvWriter:
    """``write_csv(row, row, …, header=HEADER, bom=False)``: rows are overrides of ``GOOD_ROW``
    (a list is written as it is, for rows with the wrong number of fields)."""

    def write(*rows: dict[str, str] | list[str], header: list[str] = HEADER, bom: bool = False) -> Path:
        path = tmp_path / "expenses.csv"
        with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            for row in rows:
                writer.writerow(
                    row if isinstance(row, list) else [{**GOOD_ROW, **row}.get(name, "") for name in header]
                )
        return path

    return write
