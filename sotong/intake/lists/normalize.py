"""One raw record of a known kind -> a ``ListRow``, or the ``RowError`` that says what to fix."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, time

from sotong.core.errors import Message
from sotong.intake.lists.errors import (
    ROW_BAD_DATE,
    ROW_BAD_GRADE,
    ROW_MISSING_REGISTRATION_NUMBER,
    ROW_MISSING_SOURCE_ID,
    ROW_MISSING_TITLE,
    RowError,
)
from sotong.intake.lists.kinds import ListKind
from sotong.intake.lists.rows import GRADES, ListRow
from sotong.intake.lists.shapes import RawRecord

# A line break inside a field (the 정책연구 list has a title broken over two lines) becomes one space;
# other runs of spaces are left alone: they are as Seoul published them.
_LINE_BREAK = re.compile(r"[ \t]*[\r\n]+[ \t]*")
# An original Seoul published has its own page: https://opengov.seoul.go.kr/sanction/22233189.
_ENDS_IN_ID = re.compile(r"/[0-9]+/?\Z")
_DATE = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})(?:([0-9]{2})([0-9]{2})([0-9]{2}))?")
_REQUIRED = {
    "source_id": ROW_MISSING_SOURCE_ID,
    "title": ROW_MISSING_TITLE,
    "registration_number": ROW_MISSING_REGISTRATION_NUMBER,
}

Picked = dict[str, tuple[str, str]]  # field -> (the column it came from, its cleaned text)


class _BadRow(Exception):
    """Stops checking one row at its first problem; becomes that row's ``RowError``."""

    def __init__(self, message: Message, column: str, **fields: object) -> None:
        super().__init__(message.code)
        self.message, self.column, self.fields = message, column, fields


def row_normalize(kind: ListKind, record: RawRecord) -> ListRow | RowError:
    picked = {name: _pick(columns, record.values) for name, columns in kind.fields.items()}
    try:
        _require(kind, picked)
        produced_on = _date(*picked.get("produced_on", ("", "")))
        grade = _grade(*picked.get("grade", ("", "")))
    except _BadRow as bad:
        return RowError.of(bad.message, line=record.line, field=bad.column, **bad.fields)
    text = {name: value for name, (_, value) in picked.items()}
    path = tuple(level for column in kind.path_columns if (level := _clean(record.values.get(column))))
    licence, url = text.get("licence") or None, text.get("url") or None
    return ListRow(
        source_id=text["source_id"],
        produced_on=produced_on,
        task_card=text.get("task_card", ""),
        title=text["title"],
        registration_number=text.get("registration_number", ""),
        writer=text.get("writer", ""),
        retention_period=text.get("retention_period", ""),
        department=path[-1] if path else text.get("department", ""),
        department_path=path,
        grade=grade,
        licence=licence,
        url=url,
        original_published=bool(licence and url and _ENDS_IN_ID.search(url)),
        info_type=kind.info_type,
        category=text.get("category", ""),
        region=text.get("region", ""),
        line=record.line,
    )


def _clean(value: str | None) -> str:
    return _LINE_BREAK.sub(" ", value).strip() if value else ""


def _pick(columns: tuple[str, ...], values: Mapping[str, str | None]) -> tuple[str, str]:
    """The first non-empty value among ``columns``, with the column it came from."""
    for column in columns:
        if text := _clean(values.get(column)):
            return column, text
    return next((column for column in columns if column in values), columns[0]), ""


def _require(kind: ListKind, picked: Picked) -> None:
    for name in kind.required:
        column, value = picked[name]
        if not value:
            raise _BadRow(_REQUIRED[name], column)


def _date(column: str, value: str) -> date | None:
    if not value:
        return None  # not stated: allowed
    match = _DATE.fullmatch(value)
    try:
        if match is None:
            raise ValueError(value)
        year, month, day, hour, minute, second = match.groups()
        if hour is not None:
            time(int(hour), int(minute), int(second))  # a real time of day, or ValueError
        return date(int(year), int(month), int(day))
    except ValueError:
        raise _BadRow(ROW_BAD_DATE, column, value=_short(value)) from None


def _grade(column: str, value: str) -> str | None:
    if not value:
        return None  # the list does not say: the grade is unknown, not 공개
    if value not in GRADES:
        raise _BadRow(ROW_BAD_GRADE, column, value=_short(value))
    return value


def _short(value: str) -> str:
    return value if len(value) <= 40 else value[:39] + "…"
