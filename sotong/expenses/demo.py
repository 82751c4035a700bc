"""The demo's 업무추진비: every ``opengov/*_expense_list*.csv`` of the demo data (``sotong load-demo``).

Quick and idempotent (an unchanged file changes nothing), so it runs at every start.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from sotong.expenses.importer import expense_import, public_contacts_of
from sotong.organizations.services.chart import HEADQUARTERS_NAME

ACTOR = "command:load-demo"
EXPENSE_PATTERN = "*_expense_list*.csv"


def expense_demo_load(*, root: Path, say: Callable[[str], None]) -> None:
    public = public_contacts_of(HEADQUARTERS_NAME)
    for path in sorted((root / "opengov").glob(EXPENSE_PATTERN)):
        with transaction.atomic(durable=True):
            summary = expense_import(path=path, actor=ACTOR, public=public)
        say(
            f"{path.name}: 업무추진비 {summary.rows}행 (신규 {summary.created}, 갱신 {summary.updated}, "
            f"변경 없음 {summary.unchanged}, 건너뜀 {len(summary.skipped)})"
        )
