"""Word documents: body paragraphs and table rows, in the order they appear."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from .archive import guard_zip_package
from .base import Converted, Converter, Handles

LABEL = "DOCX"


def convert(path: Path) -> Converted:
    guard_zip_package(path, label=LABEL)
    document = docx.Document(str(path))
    return Converted(text="\n".join(_lines(document.iter_inner_content())))


def _lines(blocks: Iterator[Paragraph | Table]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Table):
            yield from (_row_line(row) for row in block.rows)
        else:
            yield block.text


def _row_line(row: _Row) -> str:
    """One line per row, cells tab-separated; a cell's own line breaks become spaces."""
    return "\t".join(cell.text.replace("\n", " ") for cell in _distinct_cells(row))


def _distinct_cells(row: _Row) -> list[_Cell]:
    """A horizontally merged cell is yielded once per grid column it spans; keep it once."""
    cells: list[_Cell] = []
    for cell in row.cells:
        if not cells or cell is not cells[-1]:
            cells.append(cell)
    return cells


CONVERTER = Converter(
    name="docx",
    handles=Handles(
        extensions=frozenset({"docx"}),
        mime_types=frozenset({"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}),
        score=10,
        magic=(b"PK\x03\x04",),
        members=frozenset({"word/document.xml"}),
    ),
    convert=convert,
)
