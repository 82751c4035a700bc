"""``sotong import-organizations [FILE]``: the organization chart (default: the demo data's)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from sotong.organizations.services.chart import organization_import_chart


class Command(BaseCommand):
    help = "조직도를 가져옵니다 / import the organization chart"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"] or settings.SOTONG_DEMO_DATA / "seoul-organizations.json"
        with transaction.atomic(durable=True):
            created = organization_import_chart(path=path, actor="command:import-organizations")
        self.stdout.write(f"기관 {created['organizations']}곳, 부서 {created['units']}개 추가 / added")
