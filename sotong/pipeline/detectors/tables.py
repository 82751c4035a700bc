"""Table rows as text extraction leaves them: cells separated by tabs, one row a line.

A list of payees or applicants (번호 ⇥ 성명 ⇥ 주민등록번호 ⇥ 주소 ⇥ 연락처 …) prints its personal
information without the label words that prose would put in front of each item, so the row
itself is the context: a row holding a registration number (masked or not) or a mobile number is
about a person, and its other cells are judged as that person's name and address.
"""

from __future__ import annotations

import re

_PERSON_ROW = re.compile(
    r"(?<!\d)\d{6}[ \t-]?[1-8](?:\d{6}|[*xX●○]{6})(?!\d)"
    r"|(?<!\d)(?:\+82[ .-]?1[016789]|01[016789])[ .-]?\d{3,4}[ .-]?\d{4}(?!\d)"
)


def row_bounds(text: str, index: int) -> tuple[int, int]:
    """Start and end (exclusive, before the newline) of the line holding *index*."""
    end = text.find("\n", index)
    return text.rfind("\n", 0, index) + 1, len(text) if end < 0 else end


def is_person_row(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a table row (it has a tab) about a person."""
    return "\t" in text[start:end] and bool(_PERSON_ROW.search(text, start, end))
