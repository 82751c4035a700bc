"""``sotong import-proactive FILE…``: Seoul's 사전정보공표 list (CSV) into the catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from sotong.core.errors import BilingualError
from sotong.proactive.importer import proactive_import

ACTOR = "command:import-proactive"
SHOWN_PROBLEMS = 50


class Command(BaseCommand):
    help = "사전정보공표 목록(CSV)을 가져옵니다 / import the proactive publication list (CSV)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        for path in options["files"]:
            try:
                with transaction.atomic(durable=True):
                    summary = proactive_import(path=path, actor=ACTOR)
            except BilingualError as error:
                raise CommandError(f"{path}: {error}") from error
            self.stdout.write(f"{path.name}: {summary.describe()}")
            for problem in summary.rejected[:SHOWN_PROBLEMS]:
                column = f" [{problem.field}]" if problem.field else ""
                self.stdout.write(
                    self.style.WARNING(
                        f"  {problem.line}행{column} {problem.message_ko} / {problem.message_en}"
                    )
                )
