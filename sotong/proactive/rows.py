"""Read Seoul's 사전정보공표 list (CSV) into validated rows, masking what the detectors find.

Columns: ``nid, category, title, writer, dept_nm, regist_dt, taxonomy, telno, cpyrht, url``.

- ``writer`` (담당자) and ``telno`` (전화) are officials' work contacts, public by law (정책실명제):
  declared public, stored as received and never scanned (the phone detector would mask every one).
  They are also passed to the detectors as the row's public contacts, so the same official's name
  or phone inside the title stays readable.
- ``title``, ``taxonomy``, ``category`` and ``dept_nm`` are free text: they go through the personal
  information detectors and come out masked (``국***어린이집``) where something is found.
- ``nid``, ``regist_dt``, ``cpyrht`` and ``url`` are checked for shape.

A bad row becomes a ``RowProblem`` in its place; the rows after it still come.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sotong.pipeline.detectors.engine import detect, mask_text
from sotong.pipeline.detectors.public import PublicContacts, phone_digits
from sotong.proactive.errors import (
    FILE_MISSING_COLUMNS,
    FILE_NOT_UTF8,
    FILE_UNREADABLE,
    ROW_BAD_DATE,
    ROW_BAD_NID,
    ROW_BAD_URL,
    ROW_COLUMN_COUNT,
    ROW_MISSING_VALUE,
    ROW_TOO_LONG,
    ProactiveFileError,
    RowProblem,
)

if TYPE_CHECKING:
    import _csv

COLUMNS = ("nid", "category", "title", "writer", "dept_nm", "regist_dt", "taxonomy", "telno", "cpyrht", "url")
REQUIRED = ("nid", "category", "title", "dept_nm", "regist_dt", "taxonomy")
SCANNED = ("title", "taxonomy", "category", "dept_nm")  # free text: detectors, masked where found
# The models' max_length of each column's field (writer and telno, declared public, are only measured).
LIMITS = {"nid": 30, "category": 100, "title": 500, "writer": 100, "dept_nm": 200, "taxonomy": 500,
          "telno": 50, "cpyrht": 100, "url": 500}  # fmt: skip
SOURCE_TIMEZONE = ZoneInfo("Asia/Seoul")  # regist_dt is Seoul's wall-clock time
DATE_FORMATS = ("%Y%m%d%H%M%S", "%Y%m%d")
MIN_PHONE_DIGITS = 9  # the shortest whole Korean number with its area code: 02-123-4567


@dataclass(frozen=True, slots=True)
class PublicationRow:
    line: int
    nid: str
    field: str
    department: str
    taxonomy: str
    title: str
    registered_at: dt.datetime
    writer: str
    telno: str
    licence: str
    url: str
    masked_columns: tuple[str, ...]  # where the detectors found something (the values are masked)


def read_publication_rows(path: Path) -> Iterator[PublicationRow | RowProblem]:
    """The rows of the list at ``path`` in file order; the file's problems raise before any row."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise ProactiveFileError(FILE_UNREADABLE, path=path, reason=error.strerror or error) from None
    except UnicodeDecodeError as error:
        raise ProactiveFileError(FILE_NOT_UTF8, detail=f"byte {error.start}") from None
    reader = csv.reader(io.StringIO(text))
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise ProactiveFileError(
            FILE_MISSING_COLUMNS, missing=", ".join(missing), expected=", ".join(COLUMNS)
        )
    return _rows(reader, header)


def _rows(reader: _csv._reader, header: list[str]) -> Iterator[PublicationRow | RowProblem]:
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        line = reader.line_num
        if len(cells) != len(header):
            yield RowProblem.of(
                ROW_COLUMN_COUNT, line=line, field=None, found=len(cells), expected=len(header)
            )
            continue
        yield publication_row(dict(zip(header, (cell.strip() for cell in cells), strict=True)), line=line)


def publication_row(values: dict[str, str], *, line: int) -> PublicationRow | RowProblem:
    """One row checked and masked, or what is wrong with it."""
    problem = _shape_problem(values, line=line)
    if problem is not None:
        return problem
    registered_at = _registered_at(values["regist_dt"])
    if registered_at is None:
        return RowProblem.of(ROW_BAD_DATE, line=line, field="regist_dt", value=values["regist_dt"])
    masked = {column: _masked(values[column], _public_contacts(values)) for column in SCANNED}
    return PublicationRow(
        line=line, nid=values["nid"], field=masked["category"], department=masked["dept_nm"],
        taxonomy=masked["taxonomy"], title=masked["title"], registered_at=registered_at,
        writer=values["writer"], telno=values["telno"], licence=values["cpyrht"], url=values["url"],
        masked_columns=tuple(column for column in SCANNED if masked[column] != values[column]),
    )  # fmt: skip


def _shape_problem(values: dict[str, str], *, line: int) -> RowProblem | None:
    for column in REQUIRED:
        if not values[column]:
            return RowProblem.of(ROW_MISSING_VALUE, line=line, field=column)
    for column, limit in LIMITS.items():
        if len(values[column]) > limit:
            return RowProblem.of(
                ROW_TOO_LONG, line=line, field=column, length=len(values[column]), limit=limit
            )
    if not values["nid"].isascii() or not values["nid"].isdigit():
        return RowProblem.of(ROW_BAD_NID, line=line, field="nid", value=values["nid"])
    if values["url"] and not values["url"].lower().startswith(("http://", "https://")):
        return RowProblem.of(ROW_BAD_URL, line=line, field="url", value=values["url"])
    return None


def _public_contacts(values: dict[str, str]) -> PublicContacts:
    """The row's official: their name, and their phone when it is a whole number (the detectors match
    phones by prefix, so a stub like "010" would make every mobile number public)."""
    phone = values["telno"]
    phones = (phone,) if len(phone_digits(phone)) >= MIN_PHONE_DIGITS else ()
    return PublicContacts(phone_prefixes=phones, names=frozenset({values["writer"]} - {""}))


def _registered_at(value: str) -> dt.datetime | None:
    if not (value.isascii() and value.isdigit() and len(value) in (8, 14)):
        return None  # strptime alone would read "2020091" as 1 September
    for date_format in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, date_format).replace(tzinfo=SOURCE_TIMEZONE)
        except ValueError:
            continue
    return None


def _masked(value: str, public: PublicContacts) -> str:
    findings = detect(value, public=public)
    return mask_text(value, [(finding.start, finding.end) for finding in findings]) if findings else value
