"""Response shapes of the read API: only public fields, named for civic developers."""

from __future__ import annotations

from ninja import Schema


class SearchResultOut(Schema):
    id: str
    title: str
    registration_number: str
    organization: str
    department: str
    info_type: str
    grade: str
    field: str  # 분야
    date: str | None
    snippet: str
    url: str


class SearchOut(Schema):
    total: int
    page: int
    results: list[SearchResultOut]
    facets: dict[str, list[tuple[str, int]]]


class ApprovalStepOut(Schema):
    role: str
    position: str
    name: str


class FileOut(Schema):
    name: str
    role: str
    size: int
    sha256: str
    url: str


class RecordOut(Schema):
    id: str
    title: str
    registration_number: str
    organization: str
    department: str
    department_path: str
    info_type: str
    grade: str
    listing: str
    grounds: list[str]
    reason: str
    opens_on: str | None
    no_opening_reason: str = ""  # why no opening date is given (부분공개/비공개)
    date: str | None
    retention_period: str
    task_card: str
    field: str = ""  # 분야
    category: str = ""  # the source's own classification (정책연구: 건설, 건강 …)
    region: str = ""  # 지역
    original_url: str
    licence: str
    approval_line: list[ApprovalStepOut]
    files: list[FileOut]
    text: str
    url: str
    # Harvested from another Sotong instance: its name and the record's page there ("" for this
    # portal's own records; files of a harvested record link to that instance).
    origin: str = ""
    origin_url: str = ""


class ChangesOut(Schema):
    """A page of the changes feed: ``items`` oldest change first; send ``next`` back as ``since``
    for the following page (``more``) or at the next sync."""

    items: list[RecordOut]
    next: str
    more: bool


class ErrorOut(Schema):
    code: str
    field: str | None
    message_ko: str
    message_en: str
