"""The one way to write the audit log. Call it inside the service's own ``atomic()`` block.

Every event is linked to the one before it (``sotong.audit.chain``). The link is made under a lock on
the chain's head (``AuditChainHead``), held until the caller's transaction ends: writers take turns,
and the ids, the timestamps and the chain all follow the same order. Write the audit event late in a
transaction, so that the lock is held briefly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connections, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper

from sotong.audit.chain import canonical_data, event_hash
from sotong.audit.models import AuditChainHead, AuditEvent
from sotong.core import clock

# (action, target_type, target_id, data): one event of ``audit_record_values``.
EventValues = tuple[str, str, str, dict[str, Any]]

BATCH = "batch"  # target_type of an event that holds many (``audit_record_values``); its action if mixed


def audit_record(
    *, actor: str, action: str, target_type: str, target_id: str, data: dict[str, Any] | None = None
) -> AuditEvent:
    return _append(actor=actor, action=action, target_type=target_type, target_id=target_id, data=data or {})


def audit_record_values(*, actor: str, events: Iterable[EventValues]) -> AuditEvent | None:
    """Many events of one bulk step (a batch of a list import) as ONE chained event, or None if there
    are none: ``data = {"events": [[action, target_type, target_id, data], ...]}`` in the given order.

    Its action is the events' own when they share one, else "batch"; its target "batch", "<n> records".
    One row instead of one per event keeps a 100,000-row import fast and the chain short; the cost is
    that an event inside a batch is found by its batch, not by an index on ``target_id``.
    """
    batch = list(events)
    if not batch:
        return None
    actions = {action for action, _, _, _ in batch}
    target_types = {target_type for _, target_type, _, _ in batch}
    noun = target_types.pop() if len(target_types) == 1 else "event"
    return _append(
        actor=actor,
        action=actions.pop() if len(actions) == 1 else BATCH,
        target_type=BATCH,
        target_id=f"{len(batch)} {noun}{'s' if len(batch) > 1 else ''}",  # "1000 records"
        data={"events": [list(event) for event in batch]},
    )


def _append(*, actor: str, action: str, target_type: str, target_id: str, data: Any) -> AuditEvent:
    alias = router.db_for_write(AuditEvent)
    connection = connections[alias]
    data, data_json = canonical_data(data)  # before the lock: the lock is held until the caller commits
    # No savepoint: a failure here must roll back the caller's whole transaction anyway.
    with transaction.atomic(using=alias, savepoint=False), connection.cursor() as cursor:
        prev_hash = _head_locked(cursor, connection)
        event = AuditEvent(
            occurred_at=clock.now(),  # under the lock, so time never runs backwards along the chain
            actor=actor,
            action=action,
            target_type=target_type,
            target_id=target_id,
            data=data,
            prev_hash=prev_hash,
        )
        event.hash = event_hash(
            prev_hash=prev_hash,
            occurred_at=event.occurred_at,
            actor=actor,
            action=action,
            target_type=target_type,
            target_id=target_id,
            data_json=data_json,
        )
        event.save(using=alias)
        cursor.execute(_head_sql(connection)[1], [event.pk, event.hash])
    return event


# The head is read and moved in plain SQL: through the ORM the two statements cost more than the
# event's own insert (~0.4 ms each; every pipeline step writes an event).
def _head_sql(connection: BaseDatabaseWrapper) -> tuple[str, str]:
    meta, quote = AuditChainHead._meta, connection.ops.quote_name
    table, last_id, hash_ = (quote(n) for n in (meta.db_table, "last_event_id", "hash"))
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""  # SQLite: IMMEDIATE
    return (
        f"SELECT {hash_} FROM {table} WHERE {quote('id')} = 1{lock}",  # noqa: S608  names from the model
        f"UPDATE {table} SET {last_id} = %s, {hash_} = %s WHERE {quote('id')} = 1",  # noqa: S608
    )


def _head_locked(cursor: CursorWrapper, connection: BaseDatabaseWrapper) -> str:
    cursor.execute(_head_sql(connection)[0])
    row = cursor.fetchone()
    if row is None:  # migration 0002 creates the row; a flushed test database lacks it: start afresh
        AuditChainHead.objects.using(connection.alias).bulk_create(
            [AuditChainHead(pk=1)], ignore_conflicts=True
        )
        cursor.execute(_head_sql(connection)[0])
        row = cursor.fetchone()
    return str(row[0])
