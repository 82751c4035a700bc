"""``sotong restore ARCHIVE``: restore a backup into an empty instance, migrate, rebuild the search
index and check the audit chain."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, connections
from django.db.utils import DatabaseError

from sotong.core.backup import BackupError, restore_files
from sotong.core.management.commands.backup import instance_counts, instance_layout


def _database_empty() -> bool:
    try:
        return not any(instance_counts().values())
    except DatabaseError:  # no tables yet: a fresh database
        return True


class Command(BaseCommand):
    help = "백업을 빈 인스턴스에 복원합니다 / restore a backup into an empty instance"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args: Any, archive: Path, **options: Any) -> None:
        layout = instance_layout()
        empty = _database_empty()
        connections.close_all()  # SQLite: the file is replaced underneath
        try:
            manifest = restore_files(layout, archive, database_empty=empty)
        except BackupError as error:
            raise CommandError(str(error)) from error
        connection.close()
        call_command("migrate", verbosity=0)  # a backup of an older version is brought up to date
        call_command("rebuild_index")
        call_command("audit", "verify", stdout=self.stdout)
        counts, expected = instance_counts(), manifest["counts"]
        if counts != expected:
            raise CommandError(
                f"복원한 수가 백업과 다릅니다 / restored counts differ: {counts} != {expected}"
            )
        self.stdout.write(
            f"복원했습니다 / restored: 기록 {counts['records']}건, 공개 {counts['published']}건 "
            f"(백업 시각 / backed up at {manifest['created_at']})"
        )
