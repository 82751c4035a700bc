"""``sotong import-list FILE…``: Seoul's document lists (CSV, JSON, XML) as metadata-only records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from sotong.core.errors import BilingualError
from sotong.intake.services.lists import list_import
from sotong.organizations.models import Organization

ACTOR = "command:import-list"


class Command(BaseCommand):
    help = "문서 목록 파일을 가져옵니다 / import document list files (CSV, JSON, XML)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--organization", default="서울특별시", help="the organization that produced the list"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organization = Organization.objects.filter(name=options["organization"]).first()
        if organization is None:
            raise CommandError(
                f"등록되지 않은 기관입니다: {options['organization']} — 'sotong import-organizations'를 먼저 실행하십시오 / "
                "unknown organization: run 'sotong import-organizations' first"
            )
        for path in options["files"]:
            self._import(path, organization, quiet=options["verbosity"] == 0)

    def _import(self, path: Path, organization: Organization, *, quiet: bool) -> None:
        with tqdm(desc=path.name, unit="행", disable=quiet) as bar:
            try:
                summary = list_import(path=path, organization=organization, actor=ACTOR, progress=bar.update)
            except (BilingualError, OSError) as exc:
                raise CommandError(f"{path}: {exc}") from exc
        self.stdout.write(
            f"{path.name}: {summary.rows}행 — 신규 {summary.created}, 갱신 {summary.updated}, "
            f"변경 없음 {summary.unchanged}, 거부 {len(summary.rejected)} / rows {summary.rows}: "
            f"created {summary.created}, updated {summary.updated}, unchanged {summary.unchanged}, "
            f"rejected {len(summary.rejected)}"
        )
        if summary.new_units:
            self.stdout.write(
                f"  조직도에 없던 부서 {len(summary.new_units)}개를 만들었습니다 / units created"
            )
        for error in summary.rejected[:50]:
            self.stdout.write(
                self.style.WARNING(
                    f"  {error.line}행 [{error.field}] {error.message_ko} / {error.message_en}"
                )
            )
