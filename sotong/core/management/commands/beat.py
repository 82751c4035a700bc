"""``sotong beat``: Celery beat, which sends the periodic jobs of ``scheduler.portal_jobs``
(scheduled opening, re-decision, harvest) to the workers when ``SOTONG_TASKS=celery``. Run exactly
one per instance: a second would send every job twice (harmless, the jobs are idempotent, but
wasted). It keeps the time of each job's last run in the data folder."""

from __future__ import annotations

from django.conf import settings

from sotong.core.management.celery_commands import CeleryCommand


class Command(CeleryCommand):
    help = "Celery beat를 실행합니다 / run Celery beat: the periodic jobs (SOTONG_TASKS=celery)"
    subcommand = "beat"

    def defaults(self) -> list[str]:
        return [*super().defaults(), "--schedule", settings.CELERY_BEAT_SCHEDULE_FILENAME]
