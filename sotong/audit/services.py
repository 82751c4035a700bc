"""The one way to write the audit log. Call it inside the service's own ``atomic()`` block."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connections, router, transaction
from django.utils import timezone

from sotong.audit.models import AuditEvent

# (action, target_type, target_id, data): one event of ``audit_record_values``.
EventValues = tuple[str, str, str, dict[str, Any]]


def audit_record(
    *, actor: str, action: str, target_type: str, target_id: str, data: dict[str, Any] | None = None
) -> AuditEvent:
    with transaction.atomic():
        return AuditEvent.objects.create(
            actor=actor, action=action, target_type=target_type, target_id=target_id, data=data or {}
        )


def audit_record_many(events: list[AuditEvent]) -> None:
    """Bulk variant for imports that change thousands of records in one transaction."""
    AuditEvent.objects.bulk_create(events, batch_size=1000)


def audit_record_values(*, actor: str, events: Iterable[EventValues]) -> int:
    """Bulk variant without model instances, for imports of many thousand records: one
    ``executemany`` of plain tuples, one timestamp for the call (the events share a transaction).

    ``bulk_create`` builds an ``AuditEvent`` per row and prepares every value through the field
    (``get_db_prep_save``); on a 100,000-row list import that cost more than SQLite's own insert.
    Here only the timestamp and the JSON go through their field, once and once per row. Returns the
    number of events written. The log stays append-only: this only ever inserts.
    """
    alias = router.db_for_write(AuditEvent)
    connection = connections[alias]
    meta = AuditEvent._meta
    concrete = {f.name: f for f in meta.concrete_fields}
    occurred_at = concrete["occurred_at"].get_db_prep_save(timezone.now(), connection)
    data_field = concrete["data"]
    columns = ("occurred_at", "actor", "action", "target_type", "target_id", "data")
    rows = [
        (occurred_at, actor, action, target_type, target_id, data_field.get_db_prep_save(data, connection))
        for action, target_type, target_id, data in events
    ]
    if not rows:
        return 0
    quote = connection.ops.quote_name
    names = ", ".join(quote(concrete[c].column) for c in columns)
    sql = (  # names from the model, values as parameters
        f"INSERT INTO {quote(meta.db_table)} ({names}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)
