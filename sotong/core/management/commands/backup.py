"""``sotong backup ARCHIVE``: the database, the stores and the signing key in one .tar.gz."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from sotong.core.backup import BackupError, Layout, backup_write


def instance_layout() -> Layout:
    return Layout(
        data_dir=Path(settings.SOTONG_DATA_DIR),
        folders={
            "originals": Path(settings.SOTONG_ORIGINALS_DIR),
            "rendered": Path(settings.SOTONG_RENDERED_DIR),
            "public": Path(settings.SOTONG_PUBLIC_DIR),
            "keys": Path(settings.SOTONG_SIGNING_KEY).parent,
        },
        database=dict(connection.settings_dict),
    )


def instance_counts() -> dict[str, int]:
    """How much the instance holds (looked up by name: the kernel imports no domain app)."""
    names = {
        "records": "records.Record",
        "published": "publication.PublishedRecord",
        "audit": "audit.AuditEvent",
    }
    return {key: apps.get_model(label).objects.count() for key, label in names.items()}


class Command(BaseCommand):
    help = "백업 파일을 만듭니다 / write a backup archive (database, stores, signing key)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="e.g. sotong-2026-12-04.tar.gz")

    def handle(self, *args: Any, archive: Path, **options: Any) -> None:
        try:
            manifest = backup_write(instance_layout(), archive, counts=instance_counts())
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = manifest["counts"]
        self.stdout.write(
            f"백업했습니다 / backed up: {archive} — 기록 {counts['records']}건, 공개 {counts['published']}건, "
            f"감사 기록 {counts['audit']}건 / records, published, audit events"
        )
