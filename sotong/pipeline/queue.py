"""Hand records to the pipeline: inline in the embedded default, as Celery tasks when scaled out.

``SOTONG_TASKS=inline`` (the default) runs the work in the caller's process, as before. With
``SOTONG_TASKS=celery`` each record becomes one task carrying its id only, sent once the caller's
transaction commits, so that a worker never looks for a record it cannot see yet (decision 0009).
A task that cannot be sent (Redis unreachable) is not lost: it becomes a dead letter that officers
send again from the workbench.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

log = logging.getLogger(__name__)

INLINE, CELERY = "inline", "celery"
PROCESS_TASK = "sotong.pipeline.record_process"  # extract, decide, publish
REDECIDE_TASK = "sotong.pipeline.record_redecide"  # decide and publish again, without extracting


def tasks_mode() -> str:
    mode = settings.SOTONG_TASKS
    if mode not in (INLINE, CELERY):
        raise ImproperlyConfigured(
            f"SOTONG_TASKS는 inline 또는 celery여야 합니다: {mode!r} / "
            f"SOTONG_TASKS must be inline or celery, not {mode!r}"
        )
    return str(mode)


def pipeline_enqueue(*, record_ids: Sequence[int]) -> None:
    for record_id in record_ids:
        pipeline_resend(task=PROCESS_TASK, kwargs={"record_id": record_id})


def pipeline_redecide(*, record_ids: Sequence[int]) -> None:
    """Decide and publish again without extracting (the source changed metadata or marks only)."""
    for record_id in record_ids:
        pipeline_resend(task=REDECIDE_TASK, kwargs={"record_id": record_id})


def pipeline_resend(*, task: str, kwargs: dict[str, Any]) -> None:
    """Run ``task`` now (inline) or send it to the workers after the transaction commits (celery)."""
    if tasks_mode() == INLINE:
        from sotong.pipeline import runner  # the runner loads converters; import late

        inline = {PROCESS_TASK: runner.record_process, REDECIDE_TASK: runner.record_redecide}
        inline[task](**kwargs)
        return
    transaction.on_commit(lambda: _send(task, kwargs))


def _send(task: str, kwargs: dict[str, Any]) -> None:
    from config.celery import app  # only the scaled-out web process needs Celery
    from sotong.pipeline.dead_letters import dead_letter_record  # which imports this module

    task_id = str(uuid.uuid4())
    try:
        app.send_task(task, kwargs=kwargs, task_id=task_id)
    except Exception as error:  # any failure to send would lose the record: keep it for an officer
        log.exception("could not send %s %s to the workers", task, kwargs)
        dead_letter_record(
            task_id=task_id,
            task=task,
            kwargs=kwargs,
            error_type=type(error).__name__,
            error=str(error),
            attempts=0,
        )
