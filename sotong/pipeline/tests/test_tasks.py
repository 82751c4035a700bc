"""The pipeline's tasks and queue without workers: what runs in the calling process, on both databases.

Tasks are run here with Celery's ``apply`` (in this process, retries included, waits skipped); the
same tasks on real workers and Redis are in ``test_celery_workers.py``.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, connection

from config.celery import PERIODIC_JOB_TASK, app, beat_schedule, periodic_job
from sotong.audit.models import AuditEvent
from sotong.core.scheduler import portal_jobs
from sotong.intake.services.folders import folder_ingest
from sotong.pipeline import runner, tasks
from sotong.pipeline.models import DeadLetter
from sotong.pipeline.queue import PROCESS_TASK, pipeline_enqueue
from sotong.publication.models import PublishedFile, PublishedPage, PublishedRecord
from sotong.records.models import Mask, Record

pytestmark = pytest.mark.django_db(transaction=True)

RRN = "900101-1234568"


def _ingest(folder: Path) -> Record:
    (folder / "plan.txt").write_text(f"하천 정비 계획 본문. 신청인 {RRN}", encoding="utf-8")
    (folder / "annex.txt").write_text("하천 정비 첨부 예산표", encoding="utf-8")
    document = {"title": "하천 정비 계획", "organization": "서울특별시", "department": "주택정책과",
                "registration_number": "주택정책과-8001", "disclosure": "공개",
                "files": [{"name": "plan.txt"}, {"name": "annex.txt", "role": "attachment"}]}  # fmt: skip
    (folder / "metadata.json").write_text(json.dumps({"documents": [document]}), encoding="utf-8")
    (accepted,) = folder_ingest(folder=folder, actor="test").accepted
    return Record.objects.get(pk=accepted.record.pk)


def _publication() -> tuple[object, ...]:
    published = PublishedRecord.objects.get()
    files = [(f.name, f.size, f.pages.count()) for f in PublishedFile.objects.filter(record=published)]
    masks = sorted(Mask.objects.values_list("kind", "start", "end", "state"))
    return published.pk, published.title, published.body_text, published.grade, files, masks


def test_running_the_process_task_twice_gives_the_same_publication(seoul, tmp_path) -> None:
    record = _ingest(tmp_path)  # processed inline once
    first = _publication()
    tasks.record_process.apply(kwargs={"record_id": record.pk})
    tasks.record_process.apply(kwargs={"record_id": record.pk})
    assert _publication() == first
    assert PublishedFile.objects.count() == 2
    assert (
        PublishedPage.objects.values("file_id", "number").distinct().count() == PublishedPage.objects.count()
    )
    record.refresh_from_db()
    assert record.state == "extracted" and not DeadLetter.objects.exists()


def test_a_task_for_a_missing_record_becomes_a_dead_letter_at_once(db) -> None:
    tasks.record_process.apply(kwargs={"record_id": 987654321}, task_id="missing-1")
    letter = DeadLetter.objects.get()
    assert (letter.task_id, letter.task, letter.record) == ("missing-1", PROCESS_TASK, None)
    assert (letter.error_type, letter.attempts, letter.kwargs) == (
        "DoesNotExist",
        1,
        {"record_id": 987654321},
    )
    event = AuditEvent.objects.get(action="task.dead_lettered")
    assert event.target_id == "missing-1" and event.data["attempts"] == 1


def test_a_transient_error_is_retried_then_dead_lettered_and_nothing_is_published(
    seoul, tmp_path, monkeypatch, settings
) -> None:
    record = _ingest(tmp_path)
    PublishedRecord.objects.all().delete()

    def database_away(*, records: object) -> list[str]:
        raise OperationalError("the database went away")

    monkeypatch.setattr(runner, "records_publish", database_away)
    tasks.record_process.apply(kwargs={"record_id": record.pk})
    letter = DeadLetter.objects.get()
    assert letter.record == record and letter.error_type == "OperationalError"
    assert letter.attempts == settings.SOTONG_TASK_MAX_RETRIES + 1
    record.refresh_from_db()
    assert record.state == "failed" and not PublishedRecord.objects.exists()


def test_reporting_the_same_task_again_keeps_one_dead_letter(db) -> None:
    for _ in range(2):
        tasks.record_process.apply(kwargs={"record_id": 987654321}, task_id="same-task")
    assert DeadLetter.objects.count() == 1


def test_an_unknown_tasks_mode_is_refused_in_both_languages(settings) -> None:
    settings.SOTONG_TASKS = "queue"
    with pytest.raises(ImproperlyConfigured, match=r"inline 또는 celery.*must be inline or celery"):
        pipeline_enqueue(record_ids=[1])


@pytest.fixture
def sent(settings, monkeypatch) -> list[tuple[str, dict[str, object]]]:
    """Tasks this process hands to Celery, caught before they reach a broker."""
    calls: list[tuple[str, dict[str, object]]] = []
    settings.SOTONG_TASKS = "celery"
    monkeypatch.setattr(app, "send_task", lambda name, kwargs, task_id: calls.append((name, kwargs)))
    return calls


def test_with_celery_an_ingested_record_is_sent_once_with_its_id_only(seoul, tmp_path, sent) -> None:
    record = _ingest(tmp_path)
    assert sent == [(PROCESS_TASK, {"record_id": record.pk})]
    assert record.state == "queued" and not PublishedRecord.objects.exists()


def test_with_celery_nothing_is_sent_before_the_transaction_commits(sent) -> None:
    from django.db import transaction

    with transaction.atomic():
        pipeline_enqueue(record_ids=[7])
        assert sent == []  # a worker must not look for a record it cannot see yet
    assert sent == [(PROCESS_TASK, {"record_id": 7})]


@pytest.fixture
def unreachable_broker() -> Iterator[None]:
    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:9/0"  # the discard port: nothing listens there
    app.close()
    yield
    app.conf.broker_url = previous
    app.close()


def test_a_task_that_cannot_be_sent_is_kept_as_a_dead_letter(
    seoul, tmp_path, settings, unreachable_broker
) -> None:
    settings.SOTONG_TASKS = "celery"
    record = _ingest(tmp_path)
    letter = DeadLetter.objects.get()
    assert (letter.record, letter.task, letter.attempts) == (record, PROCESS_TASK, 0)
    assert record.state == "queued"


def test_beat_sends_exactly_the_jobs_of_the_embedded_scheduler() -> None:
    schedule = app.conf.beat_schedule
    assert schedule == beat_schedule(portal_jobs())
    assert {name: entry["schedule"].total_seconds() for name, entry in schedule.items()} == {
        job.name: job.every_seconds for job in portal_jobs()
    }
    assert {entry["task"] for entry in schedule.values()} == {PERIODIC_JOB_TASK}


def test_a_periodic_job_runs_the_embedded_schedulers_job_of_that_name(seoul, capsys) -> None:
    assert periodic_job("publish-due") is True  # the same command the embedded scheduler calls
    with pytest.raises(KeyError):
        periodic_job("no-such-job")


def test_a_periodic_job_still_running_elsewhere_is_skipped_this_turn(seoul, settings) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL 전용(권고 잠금) / advisory locks are PostgreSQL's; SQLite has one writer")
    db = settings.DATABASES["default"]
    key = zlib.crc32(b"sotong.periodic_job:publish-due")
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, dbname=db["NAME"], user=db["USER"],
        password=db["PASSWORD"], autocommit=True,
    ) as elsewhere:  # fmt: skip
        elsewhere.execute("SELECT pg_advisory_lock(%s)", [key])
        assert periodic_job("publish-due") is False
        elsewhere.execute("SELECT pg_advisory_unlock(%s)", [key])  # the other run ends
        assert periodic_job("publish-due") is True
