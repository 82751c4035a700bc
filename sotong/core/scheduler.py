"""The embedded scheduler (DESIGN §5b): periodic jobs in a daemon thread of the web process.

In the embedded default there is no Celery beat; ``sotong run`` starts this with the periodic
management commands of ``portal_jobs`` (scheduled opening, re-decision, harvest of federated peers;
deadlines and exports later). A job that fails is logged and tried again at its next turn; it never
stops the portal.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.management import call_command
from django.db import close_old_connections

log = logging.getLogger(__name__)

OPENING_CHECK_SECONDS = 3600  # withheld records open within the hour their date comes
RULES_CHECK_SECONDS = 300
HARVEST_SECONDS = 600  # districts' and institutions' records reach the city within ten minutes


@dataclass(frozen=True)
class Job:
    name: str
    every_seconds: float
    run: Callable[[], object]


class Scheduler:
    def __init__(
        self,
        jobs: Sequence[Job],
        *,
        clock: Callable[[], float] = time.monotonic,
        housekeeping: Callable[[], None] = close_old_connections,
    ) -> None:
        """``housekeeping`` runs around each job: by default it drops database connections a job
        left broken or too old, as Django does around each request."""
        self.jobs = list(jobs)
        self._clock = clock
        self._housekeeping = housekeeping
        self._next = dict.fromkeys((job.name for job in self.jobs), 0.0)  # every job runs at once first
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_due(self) -> list[str]:
        """Run every job whose time has come; returns their names."""
        ran = []
        for job in self.jobs:
            now = self._clock()
            if now < self._next[job.name]:
                continue
            self._next[job.name] = now + job.every_seconds
            self._housekeeping()
            try:
                job.run()
            except Exception:  # a failing job must not stop the portal; it runs again next turn
                log.exception("scheduled job %s failed", job.name)
            finally:
                self._housekeeping()
            ran.append(job.name)
        return ran

    def start(self, *, tick_seconds: float = 30.0) -> None:
        def loop() -> None:
            while not self._stop.is_set():
                self.run_due()
                self._stop.wait(tick_seconds)

        self._thread = threading.Thread(target=loop, name="sotong-scheduler", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)


def portal_jobs() -> list[Job]:
    """The periodic jobs of ``sotong run``. Commands are called by name: the kernel imports no
    domain app. The harvest does nothing while no peer is enabled (``sotong federation add``)."""
    return [
        Job("publish-due", OPENING_CHECK_SECONDS, lambda: call_command("publish_due", quiet=True)),
        # An officer's rule change in the admin takes effect within minutes, not at the next start.
        Job("redecide", RULES_CHECK_SECONDS, lambda: call_command("redecide", if_stale=True)),
        Job("federation-harvest", HARVEST_SECONDS, lambda: call_command("federation", "harvest", "--quiet")),
    ]
