"""``sotong run``: migrate, load the demo data (fast when already loaded), carry on what a crash
interrupted, decide again what the rules changed, and serve the portal with the embedded scheduler (``scheduler.portal_jobs``) running."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from sotong.core.scheduler import Scheduler, portal_jobs


class Command(BaseCommand):
    help = "포털을 실행합니다 / migrate, load the demo data and serve on 127.0.0.1:PORT"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-demo", action="store_true", help="do not load the demo data")
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve  # type: ignore[import-untyped,unused-ignore]

        from config.env import ENV
        from config.wsgi import application

        call_command("migrate", verbosity=0)
        if not options["no_demo"]:
            call_command("load_demo")
        call_command("resume")  # records a crash left half-way through the pipeline
        call_command("redecide", if_stale=True)  # rules or the decide stage changed: re-scan
        call_command("rebuild_index", if_stale=True)
        if settings.SOTONG_TASKS == "celery":  # scaled out: beat sends the same jobs (config/celery.py)
            self.stdout.write("주기 작업은 Celery beat가 실행합니다 / periodic jobs run on Celery beat")
        else:
            Scheduler(portal_jobs()).start()
        self.stdout.write(f"정보소통광장: http://{options['host']}:{ENV.port}/  (Ctrl+C로 종료 / to stop)")
        self.stdout.flush()
        serve(application, host=options["host"], port=ENV.port, threads=8, ident="sotong")
