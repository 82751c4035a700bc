"""``sotong extract FILE``: print the text of any supported file (TXT, PDF, DOCX, XLSX, HWP, HWPX)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sotong.pipeline.extract_cli import main as extract_main


class Command(BaseCommand):
    help = "파일의 텍스트를 출력합니다 / print the text of a file"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--mime-type", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        argv = [options["file"]] + (["--mime-type", options["mime_type"]] if options["mime_type"] else [])
        if code := extract_main(argv):
            sys.exit(code)
