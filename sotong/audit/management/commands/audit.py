"""``sotong audit verify``: check the audit log's hash chain from the first event to the head."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from sotong.audit.models import AuditEvent
from sotong.audit.selectors import CHUNK_SIZE, audit_chain_verify


class Command(BaseCommand):
    help = "감사 기록 / the audit log: 'verify' checks its hash chain (exit 1 at the first break)"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="recompute every hash and check every link and the head")
        verify.add_argument(
            "--chunk-size", type=int, default=CHUNK_SIZE, help="events read at a time (memory bound)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["verbosity"] == 0
        total = None if quiet else AuditEvent.objects.count()  # for the progress bar only
        with tqdm(total=total, desc="감사 기록 / audit log", unit="건", disable=quiet) as bar:
            report = audit_chain_verify(
                chunk_size=options["chunk_size"], progress=lambda done: bar.update(done - bar.n)
            )
        if not report.intact:
            raise CommandError(f"{report.message_ko} / {report.message_en}", returncode=1)
        self.stdout.write(self.style.SUCCESS(f"{report.message_ko} / {report.message_en}"))
