"""``sotong redecide [--if-stale | --all]``: decide records again under the rules in force.

Run at every start with ``--if-stale``: records decided under other rules (an officer changed a
rule, or a new version changed the decide stage) are decided again, re-published and re-indexed, so
everything published before a rule change is re-scanned, titles included. Records an official
reviewed keep the official's decision. Records whose published files are still copies of
originals (published before public PDFs existed) are published again as public PDFs, their
decisions untouched.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Q
from tqdm import tqdm

from sotong.pipeline.decisions import records_redecide, records_stale
from sotong.pipeline.stages.publish import records_republish_legacy_files
from sotong.records.choices import ReviewState
from sotong.records.models import Record
from sotong.rules.selectors import rules_current

ACTOR = "command:redecide"


class Command(BaseCommand):
    help = "공개 기준에 따라 다시 판단합니다 / decide records again under the rules in force"

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--if-stale", action="store_true", help="only records decided under other rules")
        which.add_argument("--all", action="store_true", help="every record not reviewed by an official")

    def handle(self, *args: Any, **options: Any) -> None:
        self._decide(options)
        if republished := records_republish_legacy_files():
            self.stdout.write(
                f"원본 사본으로 공개된 {republished}건을 공개용 PDF로 바꿨습니다 / "
                f"replaced the published originals of {republished} records with public PDFs"
            )

    def _decide(self, options: dict[str, Any]) -> None:
        if options["all"]:
            where = ~Q(review_state=ReviewState.DONE)
        else:
            where = records_stale(fingerprint=rules_current().fingerprint)
        count = Record.objects.filter(where).count()
        if not count:
            if not options["if_stale"]:
                self.stdout.write("다시 판단할 기록이 없습니다 / nothing to decide again")
            return
        self.stdout.write(f"{count}건을 공개 기준에 따라 다시 판단합니다 / deciding {count} records again…")
        with tqdm(total=count, unit="건", disable=not sys.stderr.isatty()) as bar:
            total = records_redecide(where=where, actor=ACTOR, progress=bar.update)
        self.stdout.write(f"{total}건을 판단했습니다 / decided {total} records")
