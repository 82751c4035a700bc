"""``sotong audit verify`` on an intact log, and after rows are changed behind the application's back."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from sotong.audit.models import AuditChainHead, AuditEvent
from sotong.audit.selectors import (
    CHAIN_INTACT,
    EVENT_CHANGED,
    HEAD_MISMATCH,
    LINK_BROKEN,
    audit_chain_verify,
)
from sotong.audit.services import audit_record, audit_record_values

pytestmark = pytest.mark.django_db

TABLE = connection.ops.quote_name(AuditEvent._meta.db_table)
HEAD = connection.ops.quote_name(AuditChainHead._meta.db_table)


@pytest.fixture
def log() -> list[int]:
    """Five events, the third a batch; returns their ids."""
    for n in (1, 2):
        audit_record(actor="test", action="thing.done", target_type="thing", target_id=str(n), data={"n": n})
    audit_record_values(
        actor="test", events=[("record.created", "record", f"r{n}", {"n": n}) for n in range(3)]
    )
    for n in (4, 5):
        audit_record(actor="test", action="thing.done", target_type="thing", target_id=str(n), data={"n": n})
    return list(AuditEvent.objects.values_list("id", flat=True))


def _sql(statement: str, *params: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement.format(table=TABLE, head=HEAD), params)


def _verify() -> str:
    out = StringIO()
    call_command("audit", "verify", stdout=out, verbosity=0)
    return out.getvalue()


def _verify_fails() -> str:
    with pytest.raises(CommandError) as failure:
        _verify()
    assert failure.value.returncode == 1
    return str(failure.value)


def test_verify_passes_on_an_intact_log(log):
    assert "감사 기록 5건, 해시 체인 정상 / 5 audit events, hash chain intact" in _verify()
    report = audit_chain_verify()
    assert (report.intact, report.events, report.problem) == (True, 5, None)


def test_verify_passes_on_an_empty_log():
    assert CHAIN_INTACT.format(count=0)[1] in _verify()


def test_verify_reads_the_log_in_chunks(log):
    seen: list[int] = []
    report = audit_chain_verify(chunk_size=2, progress=seen.append)
    assert report.intact
    assert seen == [2, 4, 5]


def test_verify_fails_after_data_is_updated_in_sql(log):
    _sql("UPDATE {table} SET data = %s WHERE id = %s", '{"n": 99}', log[1])
    message = _verify_fails()
    assert f"#{log[1]}" in message
    assert audit_chain_verify().problem == EVENT_CHANGED


def test_verify_fails_after_a_batch_event_is_updated_in_sql(log):
    _sql("UPDATE {table} SET data = %s WHERE id = %s", '{"events": []}', log[2])
    assert (audit_chain_verify().problem, audit_chain_verify().broken_at) == (EVENT_CHANGED, log[2])


def test_verify_fails_after_actor_is_updated_in_sql(log):
    _sql("UPDATE {table} SET actor = %s WHERE id = %s", "someone-else", log[3])
    assert f"#{log[3]}" in _verify_fails()
    assert audit_chain_verify().problem == EVENT_CHANGED


def test_verify_fails_after_a_middle_event_is_deleted_in_sql(log):
    _sql("DELETE FROM {table} WHERE id = %s", log[2])
    message = _verify_fails()
    report = audit_chain_verify()
    assert (report.problem, report.broken_at, report.events) == (LINK_BROKEN, log[3], 2)
    assert f"#{log[3]}" in message and f"#{log[1]}" in message  # the event after the gap, and before it


def test_verify_fails_after_events_are_reordered_in_sql(log):
    _sql("UPDATE {table} SET id = %s WHERE id = %s", -1, log[1])
    _sql("UPDATE {table} SET id = %s WHERE id = %s", log[1], log[2])
    _sql("UPDATE {table} SET id = %s WHERE id = %s", log[2], -1)
    _verify_fails()
    report = audit_chain_verify()
    assert (report.problem, report.broken_at) == (LINK_BROKEN, log[1])


def test_verify_fails_after_the_last_event_is_deleted_in_sql(log):
    _sql("DELETE FROM {table} WHERE id = %s", log[-1])
    _verify_fails()
    report = audit_chain_verify()
    assert (report.problem, report.broken_at, report.events) == (HEAD_MISMATCH, None, 4)


def test_verify_fails_after_the_head_is_deleted_in_sql(log):
    """A writer then finds no head and starts afresh from GENESIS: the fork shows as a broken link."""
    _sql("DELETE FROM {head}")
    assert audit_chain_verify().problem == HEAD_MISMATCH
    audit_record(actor="test", action="thing.done", target_type="thing", target_id="6")
    report = audit_chain_verify()
    assert (report.problem, report.broken_at) == (LINK_BROKEN, log[-1] + 1)
