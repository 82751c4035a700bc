"""What ``sotong worker`` and ``sotong beat`` share: they refuse unless ``SOTONG_TASKS=celery``,
then hand over to Celery's own command line, with this instance's settings (database, data folder
and Redis from the environment, as for every ``sotong`` command). Every argument after the command
is Celery's: ``sotong worker --concurrency 4``; ``sotong worker --help`` lists them."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

NOT_CELERY = (
    "SOTONG_TASKS=celery일 때만 실행합니다(지금: {mode}). 웹 프로세스와 작업자 모두에 SOTONG_TASKS=celery와 "
    "REDIS_URL을 설정하십시오 / runs only with SOTONG_TASKS=celery (now: {mode}): set SOTONG_TASKS=celery "
    "and REDIS_URL for the web processes and the workers alike"
)


class CeleryCommand(BaseCommand):
    subcommand = ""

    def defaults(self) -> list[str]:
        return ["--loglevel", "INFO"]

    def run_from_argv(self, argv: list[str]) -> None:
        try:
            self.handle(*argv[2:])
        except CommandError as error:
            self.stderr.write(f"CommandError: {error}")
            sys.exit(1)

    def refusal(self) -> str | None:
        """Why this command must not start with these settings, or None."""
        if settings.SOTONG_TASKS != "celery":
            return NOT_CELERY.format(mode=settings.SOTONG_TASKS)
        return None

    def handle(self, *args: Any, **options: Any) -> None:
        if why := self.refusal():
            raise CommandError(why)
        from config.celery import app

        code = app.start([self.subcommand, *self.defaults(), *args])
        if code:
            raise SystemExit(code)
