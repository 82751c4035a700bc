"""``sotong ingest PATH``: take in a folder of documents described by its metadata.json."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from sotong.intake.errors import ManifestErrors
from sotong.intake.services.folders import folder_ingest, folder_manifests, folders_with_manifest

ACTOR = "command:ingest"
OUTCOME_LABELS = {"created": "신규 등록", "updated": "갱신", "unchanged": "변경 없음"}


class Command(BaseCommand):
    help = "폴더의 문서를 등록합니다(metadata.json 필요) / take in a folder of documents with metadata.json"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="folder with metadata.json (or folders of such folders)")

    def handle(self, *args: Any, **options: Any) -> None:
        root: Path = options["path"]
        if not root.is_dir():
            raise CommandError(f"폴더가 아닙니다 / not a folder: {root}")
        folders = list(folders_with_manifest(root)) or [root]
        accepted = rejected = 0
        for folder in folders:
            try:
                total = len(folder_manifests(folder))
            except ManifestErrors as exc:
                raise CommandError("\n".join(str(e) for e in exc.errors)) from exc
            with tqdm(total=total, desc=folder.name, unit="건", disable=options["verbosity"] == 0) as bar:
                summary = folder_ingest(folder=folder, actor=ACTOR, progress=lambda _label: bar.update(1))
            accepted += len(summary.accepted)
            rejected += len(summary.rejected)
            for result in summary.accepted:
                verb = OUTCOME_LABELS[result.outcome]
                self.stdout.write(f"  ✓ {verb}  {result.record.public_id}  {result.record.title}")
            for rejection in summary.rejected:
                self.stdout.write(self.style.ERROR(f"  ✗ 거부 / rejected  {rejection.item}"))
                for error in rejection.errors:
                    self.stdout.write(f"      - [{error.field or '-'}] {error.message_ko}")
                    self.stdout.write(f"        {error.message_en}")
        self.stdout.write(f"접수 {accepted}건, 거부 {rejected}건 / accepted {accepted}, rejected {rejected}")
