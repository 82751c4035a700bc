"""The hash that links each audit event to the one before it. Plain functions, no database.

``hash = sha256(prev_hash + canonical JSON of [occurred_at, actor, action, target_type, target_id,
data])``, hex. ``occurred_at`` is ISO-8601 in UTC with microseconds (``2026-12-04T12:00:00.000000+00:00``);
canonical JSON sorts keys, keeps Korean as it is (``ensure_ascii=False``) and has no spaces. The first
event links to ``GENESIS``. This definition must never change: every stored hash depends on it, and
migration 0002 hashed the rows that existed before the chain with this very function.

The data is hashed as it will read back from the database, so that ``sotong audit verify`` can
recompute it on SQLite and PostgreSQL alike. Sorting keys absorbs jsonb's reordering; the one other
change jsonb makes that a JSON round trip does not undo is to numbers. It stores them as ``numeric``
and prints them without an exponent: Python writes the float ``1e16`` as ``1e+16``, jsonb gives
back ``10000000000000000``, which Python reads as an int; and ``-0.0`` comes back as ``0.0``.
``canonical_data`` turns such numbers into what jsonb will return before anything is hashed or stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

GENESIS = "0" * 64

# Python prints a float with an exponent only from 1e16 up (then it is a whole number) or below 1e-4
# (jsonb's plain digits read back as the same float); "-0.0" is the other float jsonb changes.
_JSONB_CHANGES = ("e+", "-0.0")


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _as_jsonb_returns(token: str) -> float | int:
    if "e+" in token:
        return int(Decimal(token))  # exact decimal digits, as jsonb prints them (not the binary value)
    return float(token) + 0.0  # -0.0 + 0.0 is 0.0


def canonical_data(data: Any) -> tuple[Any, str]:
    """``data`` as the database will return it, and its canonical JSON (computed once: batch events
    of a 100,000-row import hold ~10 MB). Tuples become lists and keys strings, as after any round trip."""
    try:
        text = canonical_json(data)
    except TypeError:  # keys of mixed types cannot be sorted: as strings, as the database will keep them
        data = json.loads(json.dumps(data, allow_nan=False))
        text = canonical_json(data)
    if any(marker in text for marker in _JSONB_CHANGES):  # rare; a false alarm costs one more pass
        data = json.loads(text, parse_float=_as_jsonb_returns)
        text = canonical_json(data)
    return data, text


def timestamp_text(occurred_at: dt.datetime) -> str:
    return occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def event_hash(
    *,
    prev_hash: str,
    occurred_at: dt.datetime,
    actor: str,
    action: str,
    target_type: str,
    target_id: str,
    data_json: str,
) -> str:
    """``data_json`` is ``canonical_data``'s text, spliced in so a large batch is not serialized twice."""
    head = canonical_json([timestamp_text(occurred_at), actor, action, target_type, target_id])
    payload = f"{head[:-1]},{data_json}]"
    return hashlib.sha256((prev_hash + payload).encode()).hexdigest()
