"""``sotong resume``: carry on the records a crash left half-way (run at every start by ``sotong run``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sotong.pipeline.recovery import records_resume


class Command(BaseCommand):
    help = "중단된 처리를 이어서 합니다 / carry on records a crash left half-way through the pipeline"

    def handle(self, *args: Any, **options: Any) -> None:
        if count := records_resume():
            self.stdout.write(
                f"중단된 기록 {count}건을 다시 처리했습니다 / resumed {count} interrupted records"
            )
