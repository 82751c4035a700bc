"""One row of Seoul's ``expense_list`` CSV, checked and turned into plain values (no Django).

Every problem raises ``ExpenseRowError`` naming the column, so the importer reports the row and
skips it. Times are Korean time, as Seoul publishes them, whatever the server's zone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sotong.core.errors import Message
from sotong.expenses.errors import (
    ROW_AMOUNT,
    ROW_DATE,
    ROW_DEPARTMENT_PATH,
    ROW_FIELD_COUNT,
    ROW_MONTH,
    ROW_REQUIRED,
    ROW_TOO_LONG,
    ExpenseRowError,
)
from sotong.expenses.models import DEPARTMENT_LEVELS, DEPARTMENT_NAME_MAX

SOURCE_TIME_ZONE = ZoneInfo("Asia/Seoul")
LEVEL_COLUMNS = tuple(f"dept_nm_lvl_{level}" for level in range(1, DEPARTMENT_LEVELS + 1))
REQUIRED_COLUMNS = (
    "nid", *LEVEL_COLUMNS, "exec_yr", "exec_month", "exec_dt", "exec_loc", "exec_purpose", "target_nm",
    "payment_method", "exec_amount",
)  # fmt: skip
LABELS = {
    "nid": "공개번호(nid)",
    "exec_yr": "집행연도(exec_yr)",
    "exec_month": "집행월(exec_month)",
    "exec_dt": "집행일시(exec_dt)",
    "exec_loc": "집행장소(exec_loc)",
    "exec_purpose": "집행목적(exec_purpose)",
    "target_nm": "대상인원(target_nm)",
    "payment_method": "결제방법(payment_method)",
    "exec_amount": "집행금액(exec_amount)",
    "dept_nm_full": "집행부서(dept_nm_full)",
    **{column: f"부서 {level}단계({column})" for level, column in enumerate(LEVEL_COLUMNS, start=1)},
}
TEXT_MAX = 2000
LIMITS = {
    "nid": 30,
    "payment_method": 50,
    "dept_nm_full": DEPARTMENT_NAME_MAX,
    **dict.fromkeys(LEVEL_COLUMNS, DEPARTMENT_NAME_MAX),
}
DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d")
_SPACES = re.compile(r"\s+")
_AMOUNT = re.compile(r"[0-9]{1,15}")
_YEAR = re.compile(r"[0-9]{4}")
_MONTH = re.compile(r"[0-9]{1,2}")


@dataclass(frozen=True)
class ExpenseRow:
    """The public values of one line, before the attendees are masked."""

    source_nid: str
    spent_at: dt.datetime
    source_url: str
    department_path: tuple[str, ...]
    unit_name: str
    year: int
    month: int
    place: str
    purpose: str
    attendees: str  # as the source wrote it: the importer masks it before anything is stored
    payment_method: str
    amount: int


def row_parse(values: Mapping[str | None, object]) -> ExpenseRow:
    """Check one ``csv.DictReader`` row; raise ``ExpenseRowError`` for the first problem."""
    if None in values or any(values.get(column) is None for column in REQUIRED_COLUMNS):
        raise ExpenseRowError(ROW_FIELD_COUNT)
    text = {column: _text(values, column) for column in (*REQUIRED_COLUMNS, "url", "dept_nm_full")}
    for column in ("nid", "dept_nm_lvl_1", "exec_yr", "exec_month", "exec_dt", "exec_amount"):
        if not text[column]:
            raise ExpenseRowError(ROW_REQUIRED, field=LABELS[column])
    for column, limit in {
        **LIMITS,
        "exec_loc": TEXT_MAX,
        "exec_purpose": TEXT_MAX,
        "target_nm": TEXT_MAX,
    }.items():
        if len(text[column]) > limit:
            raise ExpenseRowError(ROW_TOO_LONG, field=LABELS[column], limit=limit)
    year, month = _year_month(text["exec_yr"], text["exec_month"])
    return ExpenseRow(
        source_nid=text["nid"],
        spent_at=_spent_at(text["exec_dt"]),
        source_url=text["url"]
        if text["url"].startswith(("https://", "http://")) and len(text["url"]) <= 500
        else "",
        department_path=_department_path([text[column] for column in LEVEL_COLUMNS]),
        unit_name=_SPACES.sub(" ", text["dept_nm_full"]),
        year=year,
        month=month,
        place=text["exec_loc"],
        purpose=text["exec_purpose"],
        attendees=text["target_nm"],
        payment_method=text["payment_method"],
        amount=_amount(text["exec_amount"]),
    )


def _text(values: Mapping[str | None, object], column: str) -> str:
    value = values.get(column)
    return value.strip() if isinstance(value, str) else ""


def _fail(message: Message, column: str, value: str) -> ExpenseRowError:
    return ExpenseRowError(message, field=LABELS[column], value=value[:40])


def _amount(value: str) -> int:
    digits = value.replace(",", "").removesuffix("원").strip()
    if not _AMOUNT.fullmatch(digits):
        raise _fail(ROW_AMOUNT, "exec_amount", value)
    return int(digits)


def _spent_at(value: str) -> dt.datetime:
    for date_format in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, date_format).replace(tzinfo=SOURCE_TIME_ZONE)
        except ValueError:
            continue
    raise _fail(ROW_DATE, "exec_dt", value)


def _year_month(year: str, month: str) -> tuple[int, int]:
    if not (_YEAR.fullmatch(year) and _MONTH.fullmatch(month) and 1 <= int(month) <= 12):
        raise _fail(ROW_MONTH, "exec_month", f"{year}-{month}")
    return int(year), int(month)


def _department_path(levels: list[str]) -> tuple[str, ...]:
    names = [_SPACES.sub(" ", name) for name in levels]
    filled = [name for name in names if name]
    if names[: len(filled)] != filled:
        raise ExpenseRowError(ROW_DEPARTMENT_PATH, field="dept_nm_lvl_1…5")
    return tuple(filled)
