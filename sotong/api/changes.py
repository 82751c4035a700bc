"""The changes feed (``GET /api/v1/changes``): its limits, and its cursor, opaque to clients and
validated on the way back in.

A cursor names the last record a client has seen by its place in the feed's order,
(``updated_at``, ``id``). It is base64url of ``1|<updated_at, ISO-8601 UTC>|<id>``: the leading
version lets the form change later without breaking harvesters, which store it and send it back
unchanged. Nothing in it is secret (both values are public order keys); it is opaque only so that
clients do not build cursors themselves.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re

from sotong.core.errors import BilingualError, Message

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
# Records stamped this recently are held back (``publication_changes``): long enough for a
# publishing transaction to commit after stamping, short enough not to delay a harvest.
SETTLE = dt.timedelta(seconds=5)
MAX_CURSOR_CHARS = 200
_ALPHABET = re.compile(r"[A-Za-z0-9_-]+")

BAD_CURSOR = Message(
    "cursor_invalid",
    "since 커서가 올바르지 않습니다. 처음부터 받으려면 since를 비우고, 이어 받으려면 직전 응답의 next를 그대로 보내십시오.",
    "The since cursor is not valid. Leave since empty to start from the beginning, or send the "
    "previous answer's next unchanged.",
)

BAD_LIMIT = Message(
    "limit_invalid",
    "limit은 1부터 {max_limit}까지입니다(받은 값 {limit}). 더 받으려면 응답의 next로 이어 받으십시오.",
    "limit must be from 1 to {max_limit} (got {limit}). To get more, continue with the answer's next.",
)


class ChangesError(BilingualError):
    """A request for changes this portal cannot answer: a cursor it did not make, a bad limit."""


def limit_check(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise ChangesError(BAD_LIMIT, field="limit", limit=limit, max_limit=MAX_LIMIT)
    return limit


def cursor_encode(*, updated_at: dt.datetime, record_id: int) -> str:
    stamp = updated_at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return base64.urlsafe_b64encode(f"1|{stamp}|{record_id}".encode()).decode("ascii").rstrip("=")


def cursor_decode(cursor: str) -> tuple[dt.datetime, int] | None:
    """``None`` for the empty cursor (from the beginning); raises ``ChangesError`` for anything else
    that ``cursor_encode`` could not have made."""
    if not cursor:
        return None
    if len(cursor) > MAX_CURSOR_CHARS or not _ALPHABET.fullmatch(cursor):
        raise ChangesError(BAD_CURSOR, field="since")
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("utf-8")
        version, stamp_text, id_text = text.split("|")
        stamp = dt.datetime.fromisoformat(stamp_text)
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise ChangesError(BAD_CURSOR, field="since") from error
    if version != "1" or stamp.tzinfo is None or not id_text.isascii() or not id_text.isdigit():
        raise ChangesError(BAD_CURSOR, field="since")
    return stamp, int(id_text)
