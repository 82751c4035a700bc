"""``sotong run``: migrate, load the demo data (fast when already loaded), decide again what the
rules changed, and serve the portal with the embedded scheduler (scheduled opening) running."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from sotong.core.scheduler import Job, Scheduler

OPENING_CHECK_SECONDS = 3600  # withheld records open within the hour their date comes
RULES_CHECK_SECONDS = 300


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
        call_command("redecide", if_stale=True)  # rules or the decide stage changed: re-scan
        call_command("rebuild_index", if_stale=True)
        scheduler = Scheduler(
            [
                Job("publish-due", OPENING_CHECK_SECONDS, lambda: call_command("publish_due", quiet=True)),
                # An officer's rule change in the admin takes effect within minutes, not at the next start.
                Job("redecide", RULES_CHECK_SECONDS, lambda: call_command("redecide", if_stale=True)),
            ]
        )
        scheduler.start()
        self.stdout.write(f"정보소통광장: http://{options['host']}:{ENV.port}/  (Ctrl+C로 종료 / to stop)")
        self.stdout.flush()
        serve(application, host=options["host"], port=ENV.port, threads=8, ident="sotong")
