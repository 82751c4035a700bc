"""``sotong import-expenses FILE…``: Seoul's 업무추진비 lists (``expense_list`` CSV)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from sotong.core.errors import BilingualError
from sotong.expenses.importer import ExpenseImportSummary, expense_import, public_contacts_of

ACTOR = "command:import-expenses"
SHOWN_SKIPS = 50


class Command(BaseCommand):
    help = "업무추진비 목록을 가져옵니다 / import 업무추진비 (business expense) lists"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--organization", default="서울특별시",
            help="whose officials' work contacts stay visible in the attendees (when it is registered)",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        public = public_contacts_of(options["organization"])
        for path in options["files"]:
            try:
                with transaction.atomic(durable=True):
                    summary = expense_import(path=path, actor=ACTOR, public=public)
            except (BilingualError, OSError) as error:
                raise CommandError(f"{path}: {error}") from error
            self.report(path, summary)

    def report(self, path: Path, summary: ExpenseImportSummary) -> None:
        skipped = len(summary.skipped)
        self.stdout.write(
            f"{path.name}: {summary.rows}행 — 신규 {summary.created}, 갱신 {summary.updated}, "
            f"변경 없음 {summary.unchanged}, 건너뜀 {skipped}, 대상 인원 가림 {summary.masked} / "
            f"rows {summary.rows}: imported {summary.created}, updated {summary.updated}, "
            f"unchanged {summary.unchanged}, skipped {skipped}, attendees masked {summary.masked}"
        )
        for row in summary.skipped[:SHOWN_SKIPS]:
            self.stdout.write(
                self.style.WARNING(f"  {row.line}행 {row.message_ko} / line {row.line}: {row.message_en}")
            )
        if skipped > SHOWN_SKIPS:
            self.stdout.write(f"  … 그 밖에 {skipped - SHOWN_SKIPS}행 / and {skipped - SHOWN_SKIPS} more")
