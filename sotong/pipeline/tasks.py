"""The pipeline's Celery tasks (``SOTONG_TASKS=celery``; decision 0009): thin, record ids in.

Delivery is at least once: a task is acknowledged after its work is done, so a worker lost mid-task
means the task runs again elsewhere. That is safe because the runner is idempotent: it marks the
record failed first and succeeded last, extracts only files still stored, decisions replace the
masks, and publication, under a lock on the record, replaces what it wrote before.

A transient error (the database away for a moment, a lock timeout, a deadlock) is retried with
exponential backoff and full jitter. A task that still fails after ``SOTONG_TASK_MAX_RETRIES``, or
fails in a way a retry cannot mend (a bug, a missing record), leaves a dead letter
(``dead_letters.py``); its record stays failed and nothing of it is published. So does a task whose
worker keeps dying under it (out of memory on one huge file), which would otherwise come back
forever: a start is marked in Redis and the mark cleared when the run ends, however it ends; a task
that finds ``SOTONG_TASK_MAX_LOST_RUNS`` marks of runs that never ended is not run again.
"""

from __future__ import annotations

import functools
from typing import Any

import redis
from celery import Task
from celery.utils.serialization import UnpickleableExceptionWrapper
from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections

from config.celery import app
from sotong.pipeline import runner
from sotong.pipeline.dead_letters import dead_letter_record
from sotong.pipeline.queue import PROCESS_TASK, REDECIDE_TASK

TRANSIENT_ERRORS = (OperationalError, InterfaceError)
MARK_KEPT_SECONDS = 7 * 24 * 3600  # a forgotten mark (a task never run again) expires


class PoisonTaskError(RuntimeError):
    """The task's worker died under it again and again: running it once more would only kill another."""


@functools.cache
def _redis(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)


def _unfinished_key(task_id: str) -> str:
    return f"sotong:task-unfinished:{task_id}"


def _start_marked(task_id: str) -> int:
    """Mark a start; returns how many earlier starts of this task never ended (their worker died)."""
    key = _unfinished_key(task_id)
    with _redis(app.conf.broker_url).pipeline() as pipe:
        pipe.incr(key)
        pipe.expire(key, MARK_KEPT_SECONDS)
        starts, _ = pipe.execute()
    return int(starts) - 1


def _start_cleared(task_id: str) -> None:
    _redis(app.conf.broker_url).delete(_unfinished_key(task_id))


def _described(error: BaseException) -> tuple[str, str]:
    """The error's class name and message; Celery hands over an exception it cannot pickle wrapped."""
    if isinstance(error, UnpickleableExceptionWrapper):
        return error.exc_cls_name, error.text or str(error.exc_args)
    return type(error).__name__, str(error)


class PipelineTask(Task):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.request.is_eager:
            return super().__call__(*args, **kwargs)
        task_id = self.request.id
        lost = _start_marked(task_id)
        if lost >= settings.SOTONG_TASK_MAX_LOST_RUNS:
            error = PoisonTaskError(f"its worker died under it {lost} times in a row (out of memory?)")
            self._dead_letter(task_id, kwargs, error, attempts=lost)
            _start_cleared(task_id)
            return None  # acknowledged: the message stops here, the dead letter keeps it
        try:
            return super().__call__(*args, **kwargs)
        finally:  # not reached when the process is killed: the mark stays, the next start counts it
            _start_cleared(task_id)

    def on_failure(self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        self._dead_letter(task_id, kwargs, exc, attempts=self.request.retries + 1)

    def _dead_letter(
        self, task_id: str, kwargs: dict[str, Any], error: BaseException, *, attempts: int
    ) -> None:
        if not self.request.is_eager:  # (an eager test run's connection is the test's transaction)
            close_old_connections()  # the failure may have broken the connection: write with a fresh one
        error_type, message = _described(error)
        dead_letter_record(
            task_id=task_id, task=self.name, kwargs=dict(kwargs), error_type=error_type, error=message,
            attempts=attempts,
        )  # fmt: skip


_OPTIONS: dict[str, Any] = {
    "base": PipelineTask,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": TRANSIENT_ERRORS,
    "max_retries": settings.SOTONG_TASK_MAX_RETRIES,
    "retry_backoff": 2,  # seconds before the first retry, doubled each time
    "retry_backoff_max": settings.SOTONG_TASK_RETRY_BACKOFF_MAX,
    "retry_jitter": True,
}


@app.task(name=PROCESS_TASK, **_OPTIONS)
def record_process(*, record_id: int) -> None:
    runner.record_process(record_id=record_id)


@app.task(name=REDECIDE_TASK, **_OPTIONS)
def record_redecide(*, record_id: int) -> None:
    runner.record_redecide(record_id=record_id)
