"""``sotong worker``: ``celery -A config.celery worker`` for the pipeline's tasks, the same way on any
machine that shares the database, the data folder and Redis (``SOTONG_TASKS=celery``). Gossip and
mingle are off: they only chatter between workers, which share nothing but the queue."""

from __future__ import annotations

from django.conf import settings

from sotong.core.management.celery_commands import CeleryCommand

# Tantivy lets one process at a time write its index, and every worker process publishes and
# indexes (so does the web process, when an official approves): scaled out, the index is PostgreSQL's.
ONE_INDEX_WRITER = (
    "작업자는 SOTONG_SEARCH_BACKEND=postgres와 함께 실행하십시오. 내장 검색 색인(tantivy)은 한 프로세스만 "
    "쓸 수 있어 작업자 여럿이 함께 쓰지 못합니다 / run workers with SOTONG_SEARCH_BACKEND=postgres: the "
    "embedded index (tantivy) has one writing process, and every worker process indexes what it publishes"
)


class Command(CeleryCommand):
    help = "Celery 작업자를 실행합니다 / run a Celery worker for the pipeline (SOTONG_TASKS=celery)"
    subcommand = "worker"

    def defaults(self) -> list[str]:
        return [*super().defaults(), "--without-gossip", "--without-mingle"]

    def refusal(self) -> str | None:
        if why := super().refusal():
            return why
        return ONE_INDEX_WRITER if settings.SOTONG_SEARCH_BACKEND == "tantivy" else None
