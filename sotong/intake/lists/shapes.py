"""From bytes to raw records: the CSV, JSON and XML shapes Seoul published its lists in.

The shape is told from the content, never the file name: ``[`` (or ``{``, to say that it is
not a list) opens JSON, ``<`` opens XML, anything else is CSV. The whole file is parsed here, before any row is normalized, so that a
broken file fails as a whole (``ListFormatError``) instead of after half its rows were imported.
Seoul's files are a few MB at most (a week of 결재문서 is 0.8 MB), so holding one is cheap.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from sotong.intake.lists.errors import (
    LIST_BAD_ENCODING,
    LIST_HOSTILE_XML,
    LIST_MALFORMED,
    LIST_NOT_A_LIST,
    ROW_BAD_VALUE,
    ROW_COLUMN_COUNT,
    ROW_NOT_A_RECORD,
    ListFormatError,
    RowError,
)


@dataclass(frozen=True, slots=True)
class RawRecord:
    line: int  # CSV: the physical line the record starts on; JSON/XML: the 1-based record number
    values: Mapping[str, str | None]  # column name -> text as found; None for JSON null


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...] | None  # None: no record to tell the columns from (an empty array)
    records: list[RawRecord | RowError]


def table_parse(data: bytes) -> Table:
    """Parse a non-empty list file of any shape; raise ``ListFormatError`` if it is none."""
    head = data.removeprefix(codecs.BOM_UTF8).lstrip()[:1]
    if head in (b"[", b"{"):
        return _json_table(_decode(data))
    if head == b"<":
        return _xml_table(data)
    return _csv_table(_decode(data))


def _decode(data: bytes) -> str:
    # Seoul's files are UTF-8 (some with a BOM); a list re-saved in Korean Excel is CP949.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp949")
        except UnicodeDecodeError:
            raise ListFormatError(LIST_BAD_ENCODING, detail=str(utf8_error)) from None
    if "\x00" in text:  # decodes, but is binary (a PDF, a ZIP, UTF-16)
        raise ListFormatError(LIST_BAD_ENCODING, detail="NUL byte")
    return text


def _csv_table(text: str) -> Table:
    lines = _csv_lines(text)
    first = next(lines, None)
    header = tuple(name.strip() for name in first[1]) if first else ()
    records: list[RawRecord | RowError] = []
    for line, cells in lines:
        if len(cells) <= 1 and not "".join(cells).strip():
            continue  # a blank line, not a row
        if len(cells) != len(header):
            found, expected = len(cells), len(header)
            records.append(
                RowError.of(ROW_COLUMN_COUNT, line=line, field=None, found=found, expected=expected)
            )
        else:
            records.append(RawRecord(line=line, values=dict(zip(header, cells, strict=True))))
    return Table(columns=header, records=records)


def _csv_lines(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on: a quoted title may run over two lines."""
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ListFormatError(LIST_MALFORMED, shape="CSV", detail=f"line {reader.line_num}: {exc}") from None


def _json_table(text: str) -> Table:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        detail = f"line {exc.lineno} column {exc.colno}: {exc.msg}"
        raise ListFormatError(LIST_MALFORMED, shape="JSON", detail=detail) from None
    if not isinstance(document, list):
        raise ListFormatError(LIST_NOT_A_LIST, detail=f"the JSON top level is an {_json_type(document)}")
    records = [_json_record(number, item) for number, item in enumerate(document, 1)]
    first = next((item for item in document if isinstance(item, dict)), None)
    if document and first is None:
        raise ListFormatError(LIST_NOT_A_LIST, detail="no item of the JSON array is an object")
    return Table(columns=tuple(first) if first is not None else None, records=records)


def _json_record(number: int, item: object) -> RawRecord | RowError:
    if not isinstance(item, dict):
        return RowError.of(ROW_NOT_A_RECORD, line=number, field=None, found=_json_type(item))
    values: dict[str, str | None] = {}
    for column, value in item.items():
        if value is None or isinstance(value, str):
            values[column] = value
        elif isinstance(value, int | float) and not isinstance(value, bool):
            values[column] = str(value)  # a package_id written as a JSON number
        else:
            return RowError.of(ROW_BAD_VALUE, line=number, field=column, found=_json_type(value))
    return RawRecord(line=number, values=values)


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _xml_table(data: bytes) -> Table:
    try:
        # forbid_dtd: a list never needs a DTD, and refusing every DTD also refuses entity bombs
        # (billion laughs) and external entities (XXE) before expat sees them.
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise ListFormatError(LIST_HOSTILE_XML, detail=type(exc).__name__) from None
    except SafeET.ParseError as exc:
        raise ListFormatError(LIST_MALFORMED, shape="XML", detail=str(exc)) from None
    records: list[RawRecord | RowError] = []
    columns: tuple[str, ...] | None = None
    for number, element in enumerate(root, 1):
        values = {child.tag: "".join(child.itertext()) for child in element}
        columns = columns or (tuple(values) or None)
        records.append(RawRecord(line=number, values=values))
    if columns is None and (records or root.tag != "data"):  # e.g. <error>…</error> from a server
        raise ListFormatError(LIST_NOT_A_LIST, detail=f"no child of <{root.tag}> has fields")
    return Table(columns=columns, records=records)
