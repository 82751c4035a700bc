"""Strict reading of one page of a peer's changes feed, before anything of it is written.

Every field of every item is checked for its type, its length and its vocabulary (grades, grounds
and listings are words of the law and of our decision, not free text); dates must be ISO dates,
links must be absolute and lead to the peer itself. One bad item rejects the whole page: a correct
peer never sends one, so it is a peer to fix, and its cursor must not move past data we could not
read. Keys we do not know are ignored, so that a newer peer may add fields.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sotong.core.disclosure import Grade, Ground
from sotong.federation.errors import PEER_BAD_ITEM, PEER_BAD_PAGE, PEER_CURSOR_LOOP, FederationError
from sotong.pipeline.stages.decide import GRADED, LISTED_ONLY, OUT_OF_SCOPE, PUBLISHED_ELSEWHERE, UNDER_REVIEW

PUBLIC_ID = re.compile(r"([a-z][a-z0-9]{0,31})-[a-z2-7]{26}")
SHA256 = re.compile(r"[0-9a-f]{64}")
GRADES = frozenset({"", *Grade.values})
LISTINGS = frozenset({GRADED, PUBLISHED_ELSEWHERE, LISTED_ONLY, OUT_OF_SCOPE, UNDER_REVIEW})
GROUND_BY_LABEL = {ground.label: ground.value for ground in Ground}
MAX_CURSOR_CHARS = 500
MAX_URL_CHARS = 500
MAX_LIST = 100  # approval steps, files
MAX_FILE_BYTES = 10**12
# Our own columns' lengths (``PublishedRecord``); text fields get generous caps of their own.
TEXT_LIMITS = {
    "title": 1000, "registration_number": 200, "organization": 100, "department": 200,
    "department_path": 1000, "info_type": 100, "retention_period": 20, "task_card": 300,
    "reason": 20_000, "no_opening_reason": 300, "licence": 50, "text": 5_000_000, "category": 200,
}  # fmt: skip
# Absent in older versions of the feed.
OPTIONAL = {"no_opening_reason": "", "origin": "", "category": "", "region": ""}


@dataclass(frozen=True)
class HarvestedItem:
    """One record of a peer's feed, as the peer published it."""

    public_id: str
    title: str
    registration_number: str
    organization: str
    department: str
    department_path: str
    info_type: str
    grade: str
    listing: str
    grounds: tuple[int, ...]
    reason: str
    opens_on: dt.date | None
    no_opening_reason: str
    produced_on: dt.date | None
    retention_period: str
    task_card: str
    original_url: str
    licence: str
    approval_line: tuple[dict[str, str], ...]
    files: tuple[dict[str, Any], ...]  # {name, role, size, sha256, url}: links to the peer
    text: str
    url: str  # the record's page on the peer
    origin: str  # set when the peer itself harvested it elsewhere
    category: str = ""  # the source's own classification (정책연구: 건설 …)
    region: str = ""

    @property
    def instance(self) -> str:
        return self.public_id.partition("-")[0]


@dataclass(frozen=True)
class ChangesPage:
    items: tuple[HarvestedItem, ...]
    next: str
    more: bool


class _Invalid(Exception):
    def __init__(self, field: str, ko: str, en: str) -> None:
        super().__init__(field)
        self.field, self.ko, self.en = field, ko, en


def _get(raw: dict[str, Any], name: str) -> Any:
    if name in raw:
        return raw[name]
    if name in OPTIONAL:
        return OPTIONAL[name]
    raise _Invalid(name, "항목이 없습니다", "missing")


def _text(raw: dict[str, Any], name: str, *, required: bool = False) -> str:
    value = _get(raw, name)
    if not isinstance(value, str):
        raise _Invalid(name, "문자열이 아닙니다", "not a string")
    return _checked_text(value, name, TEXT_LIMITS.get(name, 100), required=required)


def _checked_text(value: str, name: str, max_chars: int, *, required: bool = False) -> str:
    if len(value) > max_chars:
        raise _Invalid(name, f"{max_chars}자를 넘습니다", f"longer than {max_chars} characters")
    if required and not value.strip():
        raise _Invalid(name, "비어 있습니다", "empty")
    if "\x00" in value:  # PostgreSQL refuses it in text
        raise _Invalid(name, "NUL 문자가 있습니다", "contains a NUL character")
    return value


def _date(raw: dict[str, Any], name: str) -> dt.date | None:
    value = _get(raw, name)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) != 10:
        raise _Invalid(name, "YYYY-MM-DD 날짜가 아닙니다", "not a YYYY-MM-DD date")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise _Invalid(name, "없는 날짜입니다", "not a real date") from error


def _choice(raw: dict[str, Any], name: str, choices: frozenset[str]) -> str:
    value = _get(raw, name)
    if not isinstance(value, str) or value not in choices:
        shown = ", ".join(sorted(c or '""' for c in choices))
        raise _Invalid(name, f"허용된 값({shown})이 아닙니다", f"not one of {shown}")
    return value


def _grounds(raw: dict[str, Any]) -> tuple[int, ...]:
    value = _get(raw, "grounds")
    if not isinstance(value, list) or len(value) > len(GROUND_BY_LABEL):
        raise _Invalid("grounds", "목록이 아닙니다", "not a list of grounds")
    if not all(isinstance(label, str) and label in GROUND_BY_LABEL for label in value):
        raise _Invalid(
            "grounds", "정보공개법 제9조 제1항 각 호의 이름이 아닙니다", "not a ground of Article 9(1)"
        )
    return tuple(dict.fromkeys(GROUND_BY_LABEL[label] for label in value))


def _origin_of(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


def _url(
    value: Any, name: str, *, peer: tuple[str, str, int | None] | None, allow_empty: bool = False
) -> str:
    """An absolute http(s) link; with ``peer``, one that leads to the peer itself (a peer may not
    send our readers elsewhere for its files and pages)."""
    if allow_empty and value == "":
        return ""
    if not isinstance(value, str) or len(value) > MAX_URL_CHARS:
        raise _Invalid(name, "주소 문자열이 아닙니다", "not an address")
    try:
        parts = urlsplit(value)
        port_ok = parts.port is None or parts.port > 0
    except ValueError as error:
        raise _Invalid(name, "주소가 아닙니다", "not an address") from error
    if parts.scheme not in {"http", "https"} or not parts.hostname or "@" in parts.netloc or not port_ok:
        raise _Invalid(name, "http(s) 절대 주소가 아닙니다", "not an absolute http(s) address")
    if any(ord(c) < 33 for c in value):
        raise _Invalid(name, "주소에 공백이나 제어 문자가 있습니다", "contains spaces or control characters")
    if peer is not None and _origin_of(value) != peer:
        raise _Invalid(name, "연계 기관의 주소가 아닙니다", "does not lead to the peer")
    return value


def _approval_line(raw: dict[str, Any]) -> tuple[dict[str, str], ...]:
    value = _get(raw, "approval_line")
    if not isinstance(value, list) or len(value) > MAX_LIST:
        raise _Invalid(
            "approval_line", f"{MAX_LIST}개 이하의 목록이 아닙니다", f"not a list of at most {MAX_LIST}"
        )
    steps = []
    for step in value:
        if not isinstance(step, dict) or not all(
            isinstance(step.get(k), str) for k in ("role", "position", "name")
        ):
            raise _Invalid(
                "approval_line",
                "role·position·name 문자열이 아닙니다",
                "steps need role, position, name strings",
            )
        steps.append({k: _checked_text(step[k], "approval_line", 100) for k in ("role", "position", "name")})
    return tuple(steps)


def _file(value: Any, peer: tuple[str, str, int | None]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Invalid("files", "파일 항목이 객체가 아닙니다", "a file is not an object")
    name, role, size, sha256 = (value.get(k) for k in ("name", "role", "size", "sha256"))
    if not isinstance(name, str) or not isinstance(role, str):
        raise _Invalid("files", "name·role이 문자열이 아닙니다", "name and role must be strings")
    if type(size) is not int or not 0 <= size <= MAX_FILE_BYTES:
        raise _Invalid("files", "size가 0 이상의 정수가 아닙니다", "size is not a non-negative integer")
    if not isinstance(sha256, str) or not SHA256.fullmatch(sha256):
        raise _Invalid("files", "sha256이 16진수 64자가 아닙니다", "sha256 is not 64 hex digits")
    return {
        "name": _checked_text(name, "files", 255, required=True), "role": _checked_text(role, "files", 20),
        "size": size, "sha256": sha256, "url": _url(value.get("url"), "files", peer=peer),
    }  # fmt: skip


def _files(raw: dict[str, Any], peer: tuple[str, str, int | None]) -> tuple[dict[str, Any], ...]:
    value = _get(raw, "files")
    if not isinstance(value, list) or len(value) > MAX_LIST:
        raise _Invalid("files", f"{MAX_LIST}개 이하의 목록이 아닙니다", f"not a list of at most {MAX_LIST}")
    return tuple(_file(file, peer) for file in value)


def _fields(raw: dict[str, Any], public_id: str, peer: tuple[str, str, int | None]) -> HarvestedItem:
    text: Callable[[str], str] = lambda name: _text(raw, name)  # noqa: E731 - a table reads better
    return HarvestedItem(
        public_id=public_id, title=_text(raw, "title", required=True),
        registration_number=text("registration_number"),
        organization=_text(raw, "organization", required=True), department=text("department"),
        department_path=text("department_path"), info_type=text("info_type"),
        grade=_choice(raw, "grade", GRADES), listing=_choice(raw, "listing", LISTINGS),
        grounds=_grounds(raw), reason=text("reason"), opens_on=_date(raw, "opens_on"),
        no_opening_reason=text("no_opening_reason"), produced_on=_date(raw, "date"),
        retention_period=text("retention_period"), task_card=text("task_card"),
        original_url=_url(_get(raw, "original_url"), "original_url", peer=None, allow_empty=True),
        licence=text("licence"), approval_line=_approval_line(raw), files=_files(raw, peer),
        text=text("text"), url=_url(_get(raw, "url"), "url", peer=peer), origin=text("origin"),
        category=text("category"), region=text("region"),
    )  # fmt: skip


def _item(raw: Any, index: int, peer: tuple[str, str, int | None]) -> HarvestedItem:
    public_id = raw.get("id") if isinstance(raw, dict) else None
    shown_id = public_id[:64] if isinstance(public_id, str) else "?"
    try:
        if not isinstance(raw, dict):
            raise _Invalid("-", "문서 항목이 객체가 아닙니다", "the item is not an object")
        if not isinstance(public_id, str) or not PUBLIC_ID.fullmatch(public_id):
            raise _Invalid(
                "id", "<기관>-<base32 26자> 형태가 아닙니다", "not <instance>-<26 base32 characters>"
            )
        return _fields(raw, public_id, peer)
    except _Invalid as bad:
        raise FederationError(
            PEER_BAD_ITEM,
            field=bad.field,
            index=index,
            public_id=shown_id,
            detail_ko=bad.ko,
            detail_en=bad.en,
        ) from None


def _bad_page(ko: str, en: str) -> FederationError:
    return FederationError(PEER_BAD_PAGE, detail_ko=ko, detail_en=en)


def page_read(data: Any, *, sent: str, limit: int, base_url: str) -> ChangesPage:
    """The page, every item checked; raises ``FederationError`` for anything a correct peer would
    not send, including a cursor that does not move on."""
    if not isinstance(data, dict):
        raise _bad_page("JSON 객체가 아닙니다", "not a JSON object")
    items, cursor, more = data.get("items"), data.get("next"), data.get("more")
    if not isinstance(items, list) or len(items) > limit:
        raise _bad_page(
            f"items가 {limit}건 이하의 목록이 아닙니다", f"items is not a list of at most {limit}"
        )
    if not isinstance(cursor, str) or len(cursor) > MAX_CURSOR_CHARS:
        raise _bad_page(
            f"next가 {MAX_CURSOR_CHARS}자 이하의 문자열이 아닙니다",
            f"next is not a string of at most {MAX_CURSOR_CHARS} characters",
        )
    if not isinstance(more, bool):
        raise _bad_page("more가 true/false가 아닙니다", "more is not true/false")
    peer = _origin_of(base_url)
    read = tuple(_item(raw, index, peer) for index, raw in enumerate(items, start=1))
    if len({item.public_id for item in read}) != len(read):
        raise _bad_page("같은 문서가 한 쪽에 두 번 있습니다", "the same record appears twice on one page")
    if (more and not read) or ((read or more) and cursor == sent):
        raise FederationError(PEER_CURSOR_LOOP)
    return ChangesPage(items=read, next=cursor, more=more)
