"""Import Seoul's 업무추진비 list (``expense_list`` CSV) into published expense lines.

Place and purpose are public by the disclosure rules for these expenses and are stored as they are;
the attendees text goes through the personal-information detectors and only its masked form is
stored. A row whose public columns hold an identifier that is never public (a resident registration
or card number …) is skipped, not masked, so that nothing the rules call public is quietly altered.
The only module of this app that may use the detectors (import-linter contract in pyproject.toml).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from sotong.audit.services import audit_record
from sotong.core import clock
from sotong.core.errors import BilingualError
from sotong.expenses.errors import (
    FILE_COLUMNS_MISSING,
    FILE_MALFORMED,
    FILE_NOT_UTF8,
    ROW_IDENTIFIER_IN_PUBLIC_TEXT,
    ExpenseFileError,
    ExpenseRowError,
)
from sotong.expenses.models import DEPARTMENT_LEVELS, ExpenseLine
from sotong.expenses.rows import LABELS, REQUIRED_COLUMNS, ExpenseRow, row_parse
from sotong.organizations.models import Organization
from sotong.pipeline.detectors.engine import detect, mask_text
from sotong.pipeline.detectors.public import PublicContacts

# Identifiers no disclosure rule makes public, looked for in the public columns (names and
# addresses are not: a place's address and an official's title are what these columns are for).
NEVER_PUBLIC_KINDS = frozenset(
    {"rrn", "foreigner_rrn", "passport", "driver_licence", "health_insurance", "card", "bank_account"}
)
STORED_FIELDS = (
    "source_url", "dept_level_1", "dept_level_2", "dept_level_3", "dept_level_4", "dept_level_5", "unit_name",
    "year", "month", "place", "purpose", "attendees", "attendees_masked", "payment_method", "amount",
)  # fmt: skip
BATCH_SIZE = 500
LineKey = tuple[str, dt.datetime, int]  # (source_nid, spent_at, sequence)


@dataclass(frozen=True)
class SkippedRow:
    line: int
    code: str
    message_ko: str
    message_en: str


@dataclass
class ExpenseImportSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    masked: int = 0  # imported lines whose attendees text had personal information masked
    skipped: list[SkippedRow] = field(default_factory=list)


def expense_import(*, path: Path, actor: str, public: PublicContacts | None = None) -> ExpenseImportSummary:
    """Import one file; a re-import of the same file updates lines instead of adding them again.

    ``public`` names the officials' work contacts the detectors leave visible (정책실명제); without
    it every contact found in the attendees is masked. File-level problems raise ``ExpenseFileError``.
    """
    summary = ExpenseImportSummary()
    lines = _lines_read(path, public or PublicContacts(), summary)
    summary.masked = sum(line.attendees_masked for line in lines.values())
    with transaction.atomic():
        _lines_save(lines, summary)
        if summary.created or summary.updated:
            skipped = Counter(row.code for row in summary.skipped)
            audit_record(
                actor=actor, action="expenses.imported", target_type="expense_file", target_id=path.name,
                data={"rows": summary.rows, "created": summary.created, "updated": summary.updated,
                      "masked": summary.masked, "skipped": dict(skipped)},
            )  # fmt: skip
    return summary


def public_contacts_of(organization_name: str) -> PublicContacts:
    """The organization's officials' work contacts; none when it is not registered, so all are masked."""
    organization = Organization.objects.filter(name=organization_name).first()
    return PublicContacts.from_config(organization.official_contacts if organization else {})


def _rows(path: Path) -> csv.DictReader[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ExpenseFileError(FILE_NOT_UTF8) from error
    reader = csv.DictReader(io.StringIO(text, newline=""))
    reader.fieldnames = [name.strip() for name in reader.fieldnames or ()]
    missing = [column for column in REQUIRED_COLUMNS if column not in reader.fieldnames]
    if missing:
        raise ExpenseFileError(FILE_COLUMNS_MISSING, columns=", ".join(missing))
    return reader


def _lines_read(
    path: Path, public: PublicContacts, summary: ExpenseImportSummary
) -> dict[LineKey, ExpenseLine]:
    """Unsaved lines by key: the page, the minute, and how many of the page's rows came at that minute."""
    lines: dict[LineKey, ExpenseLine] = {}
    seen: Counter[tuple[str, dt.datetime]] = Counter()
    reader = _rows(path)
    try:
        for values in reader:
            summary.rows += 1
            try:
                row = row_parse(values)
                seen[(row.source_nid, row.spent_at)] += 1  # before the check: a fixed row keeps its place
                _public_text_check(row)
            except BilingualError as error:
                summary.skipped.append(
                    SkippedRow(reader.line_num, error.code, error.message_ko, error.message_en)
                )
                continue
            sequence = seen[(row.source_nid, row.spent_at)]
            lines[(row.source_nid, row.spent_at, sequence)] = _line(row, sequence, public)
    except csv.Error as error:
        raise ExpenseFileError(FILE_MALFORMED, line=reader.line_num + 1) from error
    return lines


def _public_text_check(row: ExpenseRow) -> None:
    for column, text in (("exec_loc", row.place), ("exec_purpose", row.purpose)):
        if any(finding.kind in NEVER_PUBLIC_KINDS for finding in detect(text)):
            raise ExpenseRowError(ROW_IDENTIFIER_IN_PUBLIC_TEXT, field=LABELS[column])


def _line(row: ExpenseRow, sequence: int, public: PublicContacts) -> ExpenseLine:
    findings = detect(row.attendees, public=public)
    levels = row.department_path + ("",) * (DEPARTMENT_LEVELS - len(row.department_path))
    return ExpenseLine(
        source_nid=row.source_nid, spent_at=row.spent_at, sequence=sequence, source_url=row.source_url,
        dept_level_1=levels[0], dept_level_2=levels[1], dept_level_3=levels[2], dept_level_4=levels[3],
        dept_level_5=levels[4], unit_name=row.unit_name, year=row.year, month=row.month, place=row.place,
        purpose=row.purpose, attendees=mask_text(row.attendees, [(f.start, f.end) for f in findings]),
        attendees_masked=bool(findings), payment_method=row.payment_method, amount=row.amount,
    )  # fmt: skip


def _lines_save(lines: dict[LineKey, ExpenseLine], summary: ExpenseImportSummary) -> None:
    nids = {nid for nid, _, _ in lines}
    stored = {
        (line.source_nid, line.spent_at, line.sequence): line
        for line in ExpenseLine.objects.filter(source_nid__in=nids)
    }
    new, changed = [], []
    now = clock.now()
    for key, line in lines.items():
        old = stored.get(key)
        if old is None:
            new.append(line)
        elif any(getattr(old, name) != getattr(line, name) for name in STORED_FIELDS):
            for name in STORED_FIELDS:
                setattr(old, name, getattr(line, name))
            old.updated_at = now
            changed.append(old)
    ExpenseLine.objects.bulk_create(new, batch_size=BATCH_SIZE)
    ExpenseLine.objects.bulk_update(changed, [*STORED_FIELDS, "updated_at"], batch_size=BATCH_SIZE)
    summary.created, summary.updated = len(new), len(changed)
    summary.unchanged = len(lines) - len(new) - len(changed)
