"""``sotong load-demo``: the organization chart, the seed and demo documents, the real lists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sotong.expenses.demo import expense_demo_load
from sotong.intake.services.demo import demo_is_loaded, demo_load
from sotong.proactive.demo import proactive_demo_load
from sotong.projects.demo import projects_demo_load


class Command(BaseCommand):
    help = "데모 데이터를 불러옵니다 / load the demo data from SOTONG_DEMO_DATA"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="load even if already loaded")

    def handle(self, *args: Any, **options: Any) -> None:
        root = Path(settings.SOTONG_DEMO_DATA)
        if not root.is_dir():
            raise CommandError(
                f"데모 데이터 폴더가 없습니다: {root}. SOTONG_DEMO_DATA를 설정하십시오 / "
                f"demo data folder not found: {root}; set SOTONG_DEMO_DATA"
            )
        if not options["force"] and demo_is_loaded(root):
            self.stdout.write("데모 데이터가 이미 들어 있습니다 / demo data already loaded")
        else:
            self.stdout.write(f"데모 데이터를 불러옵니다 / loading demo data from {root}")
            demo_load(root=root, say=self.stdout.write)
        expense_demo_load(root=root, say=self.stdout.write)  # idempotent and quick: every run
        proactive_demo_load(root=root, say=self.stdout.write)  # the same
        projects_demo_load(root=root, say=self.stdout.write)  # after the documents and lists: it finds them
