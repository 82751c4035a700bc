"""``sotong publish-due``: open every withheld record whose opening date has come.

The embedded scheduler (``sotong run``) does this every hour; this command does it by hand or from
cron. The record is decided again with the withholding lifted: it is published as 공개, or as
부분공개 with any personal information still masked.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sotong.pipeline.decisions import records_open_due


class Command(BaseCommand):
    help = "공개 예정일이 된 기록을 공개합니다 / publish withheld records whose opening date has come"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        opened = records_open_due(actor="command:publish-due")
        if opened or not options["quiet"]:
            self.stdout.write(
                f"공개 예정일이 된 기록 {opened}건을 공개했습니다 / opened {opened} records due"
            )
