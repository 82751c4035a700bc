"""Excel workbooks: each sheet's name, then its non-empty rows with cells tab-separated.

Formulas are read as their last saved values (``data_only``): citizens read the numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import openpyxl

from .archive import guard_zip_package
from .base import Converted, Converter, Handles

LABEL = "XLSX"


def convert(path: Path) -> Converted:
    guard_zip_package(path, label=LABEL)
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = [
            _sheet_text(sheet.title, sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets
        ]
    finally:
        workbook.close()  # read-only mode keeps the file open until closed
    return Converted(text="\n\n".join(sheets))


def _sheet_text(title: str, rows: Iterable[tuple[object, ...]]) -> str:
    return "\n".join([title, *_row_lines(rows)])


def _row_lines(rows: Iterable[tuple[object, ...]]) -> Iterator[str]:
    for row in rows:
        cells = ["" if value is None else str(value) for value in row]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            yield "\t".join(cells)


CONVERTER = Converter(
    name="xlsx",
    handles=Handles(
        extensions=frozenset({"xlsx"}),
        mime_types=frozenset({"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
        score=10,
        magic=(b"PK\x03\x04",),
        members=frozenset({"xl/workbook.xml"}),
    ),
    convert=convert,
)
