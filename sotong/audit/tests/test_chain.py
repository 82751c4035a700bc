import datetime as dt
import hashlib
from typing import Any

import pytest

from sotong.audit.chain import GENESIS, canonical_data, canonical_json, event_hash
from sotong.audit.models import AppendOnlyError, AuditChainHead, AuditEvent
from sotong.audit.services import audit_record, audit_record_values

pytestmark = pytest.mark.django_db


def _record(n: int = 1, **data):
    return audit_record(actor="test", action="thing.done", target_type="thing", target_id=str(n), data=data)


def _recomputed(event: AuditEvent) -> str:
    return event_hash(
        prev_hash=event.prev_hash,
        occurred_at=event.occurred_at,
        actor=event.actor,
        action=event.action,
        target_type=event.target_type,
        target_id=event.target_id,
        data_json=canonical_json(event.data),
    )


def test_hash_is_sha256_of_prev_hash_and_canonical_json():
    """The definition, spelt out once independently of the code: it must never change."""
    at = dt.datetime(2026, 12, 4, 21, 0, 0, 5, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    data = {"제목": "소방차", "a": [1, 2.5]}
    payload = '["2026-12-04T12:00:00.000005+00:00","u","x.y","t","7",{"a":[1,2.5],"제목":"소방차"}]'
    expected = hashlib.sha256((GENESIS + payload).encode()).hexdigest()
    got = event_hash(
        prev_hash=GENESIS,
        occurred_at=at,
        actor="u",
        action="x.y",
        target_type="t",
        target_id="7",
        data_json=canonical_data(data)[1],
    )
    assert got == expected == "65c24af51c639ff7084f73d2b2f89313d416f54681c5dda91ffcc2641e3ceb77"


def test_single_and_batch_events_link_each_to_the_one_before():
    first = _record(1)
    batch = audit_record_values(actor="test", events=[("record.created", "record", "r1", {"source": "list"})])
    last = _record(2)
    assert batch is not None
    assert first.prev_hash == GENESIS
    assert batch.prev_hash == first.hash
    assert last.prev_hash == batch.hash
    assert len({first.hash, batch.hash, last.hash}) == 3


def test_batch_event_holds_its_events_in_order():
    events = [
        ("record.created", "record", "r1", {"source": "list", "source_id": "A1"}),
        ("record.updated", "record", "r2", {"source": "list", "source_id": "A2"}),
        ("record.created", "record", "r3", {}),
    ]
    batch = audit_record_values(actor="command:import-list", events=events)
    stored = AuditEvent.objects.get()
    assert (stored.action, stored.target_type, stored.target_id) == ("batch", "batch", "3 records")
    assert stored.actor == "command:import-list"
    assert stored.data == {"events": [list(e) for e in events]}
    assert batch is not None and stored.hash == batch.hash


def test_batch_of_one_action_is_named_after_it():
    audit_record_values(actor="test", events=[("record.decided", "record", "r1", {"grade": "공개"})])
    stored = AuditEvent.objects.get()
    assert (stored.action, stored.target_id) == ("record.decided", "1 record")


def test_no_events_write_no_batch():
    assert audit_record_values(actor="test", events=[]) is None
    assert not AuditEvent.objects.exists()


def test_head_is_the_last_event():
    _record(1)
    last = audit_record_values(actor="test", events=[("a", "b", "c", {})] * 2)
    assert last is not None
    head = AuditChainHead.objects.get()
    assert (head.last_event_id, head.hash) == (last.pk, last.hash)
    assert AuditEvent.objects.last() == last


def test_hashes_are_stable_across_a_round_trip_from_the_database():
    """jsonb (PostgreSQL) reorders keys and rewrites some numbers; the hash must still recompute."""
    data: dict[Any, Any] = {
        "z": 1,
        "a": {"나중": ["한글", '\n\t"quoted"'], "먼저": None},
        "tuple": (1, 2),
        "floats": [0.1, 2.5, 1e-7, 1e16, 1.2345678901234567e20, -0.0, 1e15],
        "big": 2**70,
        "flags": [True, False],
        7: "int key",
    }
    written = _record(1, **{str(k): v for k, v in data.items()})
    batch = audit_record_values(actor="test", events=[("x", "y", "z", data)])
    for event in (written, batch):
        assert event is not None
        stored = AuditEvent.objects.get(pk=event.pk)
        assert stored.hash == event.hash == _recomputed(stored)
        assert stored.occurred_at == event.occurred_at
        assert canonical_json(stored.data) == canonical_json(event.data)


def test_numbers_are_stored_as_jsonb_would_return_them():
    value, _ = canonical_data({"x": [1e16, -0.0, 1.2345678901234567e20, 1e-7]})
    assert value == {"x": [10**16, 0.0, 123456789012345670000, 1e-7]}
    assert str(value["x"][1]) == "0.0"


def test_event_outside_the_services_is_refused():
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.create(
            occurred_at=dt.datetime.now(tz=dt.UTC), actor="x", action="y", target_type="z", target_id="1"
        )
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_create([AuditEvent(actor="x")])
    assert not AuditEvent.objects.exists()
