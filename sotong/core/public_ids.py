"""Public ids: stable forever, unique across Sotong instances, never the database key.

Other instances harvest our records by these ids, so an id must not change when the database is
rebuilt: where the source gives its own document id, the public id is derived from it
(a UUIDv5 over instance, organization and source id); otherwise it is random.
"""

from __future__ import annotations

import base64
import uuid

_NAMESPACE = uuid.UUID("6d0f4f4e-51a7-4c0b-9a53-736f746f6e67")  # fixed forever: "sotong"


def _encode(value: uuid.UUID) -> str:
    return base64.b32encode(value.bytes).decode("ascii").rstrip("=").lower()


def public_id_for_source(*, instance: str, organization: str, source_id: str) -> str:
    derived = uuid.uuid5(_NAMESPACE, f"{instance}\x1f{organization}\x1f{source_id}")
    return f"{instance}-{_encode(derived)}"


def new_public_id(*, instance: str) -> str:
    return f"{instance}-{_encode(uuid.uuid4())}"
