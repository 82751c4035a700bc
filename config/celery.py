"""The Celery app of the scaled-out configuration, ``SOTONG_TASKS=celery`` (decision 0009).

Workers (``sotong worker``) run the pipeline's tasks (``sotong/pipeline/tasks.py``), found among the
installed apps. Beat (``sotong beat``) sends the periodic jobs: its schedule is built from
``sotong.core.scheduler.portal_jobs``, the very list the embedded scheduler of ``sotong run`` runs,
so the two cannot drift. Settings are the ``CELERY_`` names of the Django settings.
"""

from __future__ import annotations

import logging
import os
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from celery import Celery
from django.db import connection

from sotong.core.scheduler import Job, portal_jobs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

PERIODIC_JOB_TASK = "sotong.periodic_job"
log = logging.getLogger(__name__)

app = Celery("sotong")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def beat_schedule(jobs: Sequence[Job]) -> dict[str, dict[str, Any]]:
    """One beat entry per job, sent every ``every_seconds``. A message that waited longer than its
    interval (no worker was up) expires: the next turn runs the job, as the embedded scheduler does."""
    return {
        job.name: {
            "task": PERIODIC_JOB_TASK,
            "schedule": timedelta(seconds=job.every_seconds),
            "args": (job.name,),
            "options": {"expires": job.every_seconds},
        }
        for job in jobs
    }


app.conf.beat_schedule = beat_schedule(portal_jobs())


@contextmanager
def _one_at_a_time(name: str) -> Iterator[bool]:
    """Whether this run may go ahead: on PostgreSQL, a session advisory lock per job, held by the
    run (and released by the database if its worker dies). The embedded scheduler never runs a job
    beside itself; with many workers, a re-decision longer than its five minutes would."""
    if connection.vendor != "postgresql":
        yield True  # SQLite: one process writes anyway
        return
    key = zlib.crc32(f"sotong.periodic_job:{name}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        (locked,) = cursor.fetchone()
    try:
        yield bool(locked)
    finally:
        if locked:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


# Acknowledged on receipt and given hours: a lost run is simply the next turn's, as in the embedded
# scheduler, and a long re-decision must not be handed out again by the visibility timeout.
@app.task(name=PERIODIC_JOB_TASK, acks_late=False, time_limit=6 * 3600, soft_time_limit=6 * 3600 - 60)
def periodic_job(name: str) -> bool:
    """Run the periodic job called ``name`` unless it is still running elsewhere; True if it ran. A
    failure is logged and the job runs at its next turn."""
    job = {job.name: job for job in portal_jobs()}[name]
    with _one_at_a_time(name) as free:
        if not free:
            log.info("periodic job %s is still running elsewhere; skipped this turn", name)
            return False
        job.run()
    return True
