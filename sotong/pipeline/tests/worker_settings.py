"""Settings of the Celery workers that ``test_celery_workers.py`` starts (their DJANGO_SETTINGS_MODULE).

The base settings, with the database, data folder and Redis given through the environment as an
operator would, and these changes for tests:

- a visibility timeout of seconds (``SOTONG_TEST_VISIBILITY_TIMEOUT``, 6 by default), swept every
  second, so that the task of a killed worker comes back in seconds instead of an hour, and that of
  a killed pool process within a second;
- two retries, after at most a second; ``SOTONG_TEST_MAX_LOST_RUNS`` deaths before a task is given up
  (many by default: a short visibility timeout hands a slow task out twice, which looks like one);
- hooks in each pool process, read at every task from files in the folder ``SOTONG_TEST_HOOKS``
  (so a test changes them while the worker runs): ``slow`` (seconds) sleeps inside the publication
  transaction, after its rows are written and before the commit, the window a test kills in; ``fail``
  makes publication raise a database ``OperationalError`` (``transient``) or the process kill
  itself when a task starts (``die``, as the out-of-memory killer would). Each publication adds
  "<pid> <record id>" to ``trace``.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

from celery.signals import worker_process_init

from config.settings.base import *  # noqa: F403

VISIBILITY_TIMEOUT = int(os.environ.get("SOTONG_TEST_VISIBILITY_TIMEOUT", "6"))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": VISIBILITY_TIMEOUT,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
CELERY_WORKER_LOST_WAIT = 1  # how long a worker waits for a dead pool process's result: none comes
SOTONG_TASK_MAX_RETRIES = 2
SOTONG_TASK_RETRY_BACKOFF_MAX = 1
SOTONG_TASK_MAX_LOST_RUNS = int(os.environ.get("SOTONG_TEST_MAX_LOST_RUNS", "50"))


def _hook(name: str) -> str:
    path = Path(os.environ.get("SOTONG_TEST_HOOKS", "/nonexistent")) / name
    return path.read_text().strip() if path.exists() else ""


@worker_process_init.connect
def _arm_test_hooks(**_: Any) -> None:
    from django.db import OperationalError

    from sotong.pipeline import runner

    process, publish = runner.record_process, runner.records_publish

    def test_process(*, record_id: int) -> Any:
        if _hook("fail") == "die":
            os.kill(os.getpid(), signal.SIGKILL)
        return process(record_id=record_id)

    def test_publish(*, records: Any) -> list[str]:
        trace = Path(os.environ["SOTONG_TEST_HOOKS"]) / "trace"
        with trace.open("a", encoding="utf-8") as out:
            out.writelines(f"{os.getpid()} {record.pk}\n" for record in records)
        if _hook("fail") == "transient":
            raise OperationalError("test: the database went away")
        changed = publish(records=records)
        time.sleep(float(_hook("slow") or 0))  # rows written, not committed: a kill now must leave nothing
        return changed

    runner.record_process = test_process
    runner.records_publish = test_publish
