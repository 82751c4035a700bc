"""The chain over rows that existed before it (migration 0002), and under concurrent writers."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor

from sotong.audit.chain import GENESIS
from sotong.audit.models import AuditChainHead, AuditEvent
from sotong.audit.selectors import audit_chain_verify
from sotong.audit.services import audit_record

BEFORE, AFTER = [("audit", "0001_initial")], [("audit", "0002_hash_chain")]


@pytest.mark.django_db(transaction=True)
def test_migration_hashes_existing_events_in_id_order():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("audit", "AuditEvent")
    for n in range(5):
        old.objects.create(
            actor="old", action="thing.done", target_type="thing", target_id=str(n), data={"n": n}
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    events = list(AuditEvent.objects.all())
    assert [e.target_id for e in events] == ["0", "1", "2", "3", "4"]
    assert events[0].prev_hash == GENESIS
    assert AuditChainHead.objects.get().last_event_id == events[-1].pk
    assert audit_chain_verify().intact
    audit_record(actor="new", action="thing.done", target_type="thing", target_id="5")
    assert audit_chain_verify().events == 6


def test_sqlite_writers_take_the_write_lock_when_their_transaction_begins():
    """On SQLite ``select_for_update`` does nothing: the chain relies on IMMEDIATE transactions
    instead. A deferred one would read the head, then fail with "database is locked" when it writes."""
    settings_dict = connections["default"].settings_dict
    if settings_dict["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite only: PostgreSQL locks the head row (test below)")
    assert settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_do_not_fork_the_chain():
    """Each writer links under the head's lock, so none links to an event another one linked to."""
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's in-memory test database is shared-cache, whose table locks ignore the busy "
            "timeout; SQLite writers are serialized by IMMEDIATE transactions (test above)"
        )
    writers, per_writer = 3, 15
    start = threading.Barrier(writers)
    failures: list[BaseException] = []

    def write(name: str) -> None:
        try:
            start.wait()
            for n in range(per_writer):
                with transaction.atomic():
                    audit_record(actor=name, action="thing.done", target_type="thing", target_id=str(n))
        except BaseException as exc:  # reported below, in the test's own thread
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(f"writer-{i}",)) for i in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    report = audit_chain_verify()
    assert report.intact, report.message_en
    assert report.events == writers * per_writer
