"""Read any of Seoul's list files into plain rows: the entry point of this package."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from sotong.intake.lists.errors import (
    LIST_EMPTY,
    LIST_UNREADABLE,
    ListFormatError,
    RowError,
)
from sotong.intake.lists.kinds import ListKind, list_kind_detect
from sotong.intake.lists.normalize import row_normalize
from sotong.intake.lists.rows import ListRow
from sotong.intake.lists.shapes import RawRecord, table_parse


def read_list(path: Path) -> Iterator[ListRow | RowError]:
    """The rows of the list at ``path``, good (``ListRow``) or bad (``RowError``), in file order.

    Works out the shape (CSV, JSON, XML) and the kind of list (결재문서 in either column
    generation, 사전정보공표, 업무추진비, 정책연구) from the content, not the name. A problem with
    the file as a whole raises ``ListFormatError`` here, at the call, before any row; a bad row
    comes out as a ``RowError`` in its place and the rows after it still come.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ListFormatError(LIST_UNREADABLE, path=path, reason=exc.strerror or exc) from None
    if not data.strip():
        raise ListFormatError(LIST_EMPTY, path=path)
    table = table_parse(data)
    if table.columns is None:
        return iter(())  # an empty JSON array or XML <data/>: a list with nothing in it
    return _rows(list_kind_detect(table.columns), table.records)


def _rows(kind: ListKind, records: Iterable[RawRecord | RowError]) -> Iterator[ListRow | RowError]:
    for record in records:
        yield row_normalize(kind, record) if isinstance(record, RawRecord) else record
