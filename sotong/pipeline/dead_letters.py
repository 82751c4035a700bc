"""Dead letters: writing one when a pipeline task fails for good, listing them, sending one again.

A dead letter is written by the worker that gave up (``tasks.PipelineTask.on_failure``) or by the
web process that could not reach the broker (``queue``); an officer sends it again from the
workbench. Each is one transaction with its audit event. The error's message is kept for officers,
who see originals anyway; it is cut short, and it is never published.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from sotong.audit.services import audit_record
from sotong.core import clock
from sotong.pipeline.models import DeadLetter
from sotong.pipeline.queue import PROCESS_TASK, pipeline_resend
from sotong.records.choices import RecordState
from sotong.records.models import Record

log = logging.getLogger(__name__)

ACTOR = "pipeline"
ERROR_LIMIT = 2000


def dead_letter_record(
    *, task_id: str, task: str, kwargs: dict[str, Any], error_type: str, error: str, attempts: int
) -> DeadLetter:
    """Keep a task that failed for good. Reporting the same task again updates its one row."""
    record_id = kwargs.get("record_id")
    record = Record.objects.filter(pk=record_id).first() if isinstance(record_id, int) else None
    with transaction.atomic():
        letter, _ = DeadLetter.objects.update_or_create(
            task_id=task_id,
            defaults={
                "task": task, "record": record, "kwargs": kwargs, "error_type": error_type[:200],
                "error": error[:ERROR_LIMIT], "attempts": attempts, "failed_at": clock.now(),
                "retried_at": None, "retried_by": "",
            },
        )  # fmt: skip
        audit_record(
            actor=ACTOR, action="task.dead_lettered", target_type="record" if record else "task",
            target_id=record.public_id if record else task_id,
            data={"task": task, "error_type": error_type[:200], "attempts": attempts, "dead_letter": letter.pk},
        )  # fmt: skip
    log.error(
        "task %s %s failed for good after %d attempt(s): %s: %s", task, kwargs, attempts, error_type, error
    )
    return letter


def dead_letters_open() -> QuerySet[DeadLetter]:
    """Dead letters nobody has sent again yet, newest first, with their records."""
    return (
        DeadLetter.objects.filter(retried_at__isnull=True)
        .select_related("record", "record__organization")
        .order_by("-failed_at", "-id")
    )


def dead_letter_retry(*, dead_letter: DeadLetter, actor: str) -> None:
    """Send the task again (after the caller's transaction commits, when workers run it). A task
    that fails again leaves a new dead letter."""
    with transaction.atomic():
        dead_letter.retried_at, dead_letter.retried_by = clock.now(), actor
        dead_letter.save(update_fields=["retried_at", "retried_by"])
        record = dead_letter.record
        if record is not None and dead_letter.task == PROCESS_TASK:
            record.state = RecordState.QUEUED
            record.save(update_fields=["state", "updated_at"])
        audit_record(
            actor=actor, action="task.retried", target_type="record" if record else "task",
            target_id=record.public_id if record else dead_letter.task_id,
            data={"task": dead_letter.task, "dead_letter": dead_letter.pk},
        )  # fmt: skip
        pipeline_resend(task=dead_letter.task, kwargs=dead_letter.kwargs)
