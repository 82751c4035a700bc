"""분야 (field) of a record, assigned from its department by a configurable table (``fields.txt``).

Seoul browses its documents by ten fields (교통, 안전, 환경 …); its lists do not say a document's
field, so the publication layer gives every record the field of its department, by keyword, when the
source does not. An agency edits the table (``SOTONG_FIELD_MAP``) without touching code; records
published before a change keep their field until they are published again.
"""

from __future__ import annotations

import functools
from pathlib import Path

from sotong.core.errors import BilingualError, Message

DEFAULT_PATH = Path(__file__).with_name("fields.txt")
FALLBACK = "일반행정"

FIELD_MAP_BAD = Message(
    code="publication.field_map_bad",
    ko="분야 배정표 {path}: {problem}",
    en="Field table {path}: {problem_en}",
)


class FieldMapError(BilingualError):
    """A field table that cannot be used as written."""


@functools.cache
def field_table(path: Path = DEFAULT_PATH) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(field, keywords) in the file's order."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FieldMapError(
            FIELD_MAP_BAD,
            path=path,
            problem=f"읽을 수 없습니다({type(error).__name__})",
            problem_en="cannot be read",
        ) from error
    table = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, colon, words = line.partition(":")
        if not colon or not name.strip():
            raise FieldMapError(
                FIELD_MAP_BAD, path=path, problem=f"{number}번째 줄에 '분야: 낱말, …'이 아닙니다",
                problem_en=f"line {number} is not 'field: keyword, …'",
            )  # fmt: skip
        table.append((name.strip(), tuple(word.strip() for word in words.split(",") if word.strip())))
    return tuple(table)


def field_map_path() -> Path:
    """The table this deployment uses (``SOTONG_FIELD_MAP``), else the bundled one."""
    from django.conf import settings

    return Path(settings.SOTONG_FIELD_MAP) if settings.SOTONG_FIELD_MAP else DEFAULT_PATH


def field_names(path: Path = DEFAULT_PATH) -> tuple[str, ...]:
    return tuple(name for name, _ in field_table(path))


def field_of(department: str, department_path: str = "", *, path: Path = DEFAULT_PATH) -> str:
    """The field of a department: the first field with a keyword in its name, else in its path."""
    for place in (department, department_path):
        for name, keywords in field_table(path):
            if place and any(keyword in place for keyword in keywords):
                return name
    return FALLBACK if FALLBACK in field_names(path) else ""
