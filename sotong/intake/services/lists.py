"""Bulk import of Seoul's document lists as metadata-only records.

Rows are read by ``sotong.intake.lists`` (every shape and column generation), then upserted in
batches: one transaction per batch, in which each new or changed row is decided (its title scanned
for personal information, masked where found) before it is written, then published. A bad row is reported and skipped;
the rest of the file goes on.

Search indexing overlaps the database writes: each batch's changed publications go, as search
documents built from what was just written, to a worker process for Kiwi analysis
(``sotong.search.background``) while the next batches are written; the prepared documents are
indexed here every ``INDEX_BATCH_SIZE`` (one Tantivy commit each) and at the end. A list of fewer
than ``BATCH_SIZE`` changed rows is analysed in-process (a worker costs ~1 s to start). Measured
on the 2-core box (100,000 new rows): see docs/benchmarks.md, "List import".
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.db import transaction

from sotong.intake.lists.errors import ROW_PERSONAL_IN_METADATA, RowError
from sotong.intake.lists.readers import read_list
from sotong.intake.lists.rows import ListRow
from sotong.organizations.models import Organization
from sotong.organizations.services.units import UnitResolver
from sotong.pipeline.decisions import (
    DECISION_FIELDS,
    PublicContacts,
    decisions_save,
    public_contacts,
    records_decide_in_memory,
    unmasked_kinds,
)
from sotong.pipeline.stages.decide import Decision, DecisionRules
from sotong.pipeline.stages.publish import PUBLISHED_AS_IS, records_publish_many
from sotong.records.models import Record
from sotong.records.services.info_types import InfoTypeResolver
from sotong.records.services.records import RecordData, record_upsert_many
from sotong.rules.selectors import rules_current
from sotong.search.background import BackgroundPreparer
from sotong.search.indexer import search_document, search_index_prepared
from sotong.search.prepare import PreparedDocument

BATCH_SIZE = 1000
INDEX_BATCH_SIZE = 10_000  # one search-index commit per this many changed records
LIST_SOURCE = "list"


@dataclass
class ListImportSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RowError] = field(default_factory=list)
    new_units: list[str] = field(default_factory=list)
    analysed_in_worker: int = 0  # documents the search analysis worker prepared (the rest: here)


def _batches(items: Iterable[ListRow | RowError], size: int) -> Iterator[list[ListRow | RowError]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class _RowMapper:
    def __init__(self, organization: Organization, actor: str) -> None:
        self.units = UnitResolver(organization)
        self.info_types = InfoTypeResolver(actor=actor)

    def __call__(self, row: ListRow) -> RecordData:
        department = (
            self.units.by_path(row.department_path)
            if row.department_path
            else self.units.by_name(row.department)
        )
        return RecordData(
            title=row.title,
            source=LIST_SOURCE,
            source_id=row.source_id,
            registration_number=row.registration_number,
            department=department,
            info_type=self.info_types.get(row.info_type),
            produced_on=row.produced_on,
            retention_period=row.retention_period,
            task_card=row.task_card,
            writer=row.writer,
            category=row.category,
            region=row.region,
            grade=row.grade or "",
            original_url=row.url if row.original_published and row.url else "",
            licence=row.licence if row.original_published and row.licence else "",
        )


def _personal_in_metadata(row: ListRow, public: PublicContacts, min_confidence: float) -> RowError | None:
    """A row whose metadata published as is (and the department's path) shows personal information."""
    for column in PUBLISHED_AS_IS:
        values = (getattr(row, column), *(row.department_path if column == "department" else ()))
        for value in filter(None, values):
            kinds = unmasked_kinds(value, public=public, cleared=(), min_confidence=min_confidence)
            if kinds:
                return RowError.of(
                    ROW_PERSONAL_IN_METADATA, line=row.line, field=column, kinds=", ".join(sorted(set(kinds)))
                )
    return None


def _decide_into(decided: list[tuple[Record, Decision]], rules: DecisionRules, records: list[Record]) -> None:
    decided.extend(records_decide_in_memory(records, rules=rules))


def list_import(
    *,
    path: Path,
    organization: Organization,
    actor: str,
    progress: Callable[[int], object] | None = None,
) -> ListImportSummary:
    """Import one list file. File-level problems raise ``ListFormatError`` before anything is stored."""
    summary = ListImportSummary()
    mapper = _RowMapper(organization, actor)
    rules = rules_current()
    public = public_contacts(organization)
    with BackgroundPreparer(start_after=BATCH_SIZE) as preparer:
        ready: list[PreparedDocument] = []
        for batch in _batches(read_list(path), BATCH_SIZE):
            rows = [item for item in batch if isinstance(item, ListRow)]
            summary.rejected += [item for item in batch if isinstance(item, RowError)]
            refused = {id(row): _personal_in_metadata(row, public, rules.min_confidence) for row in rows}
            summary.rejected += [error for error in refused.values() if error is not None]
            rows = [row for row in rows if refused[id(row)] is None]
            with transaction.atomic():  # one commit per batch: records, decisions, audit and publications
                decided: list[tuple[Record, Decision]] = []
                result = record_upsert_many(
                    organization=organization, items=[mapper(r) for r in rows], actor=actor, keep_known=True,
                    before_write=functools.partial(_decide_into, decided, rules), also_update=DECISION_FIELDS,
                )  # fmt: skip
                decisions_save(decided, actor=actor)
                changed = records_publish_many(records=result.created + result.updated)
            preparer.submit([search_document(item) for item in changed])
            ready += preparer.ready()
            if len(ready) >= INDEX_BATCH_SIZE:
                search_index_prepared(ready)
                ready = []
            summary.rows += len(batch)
            summary.created += len(result.created)
            summary.updated += len(result.updated)
            summary.unchanged += len(result.unchanged)
            if progress is not None:
                progress(len(batch))
        ready += preparer.drain()
        if ready:
            search_index_prepared(ready)
        summary.analysed_in_worker = preparer.in_worker
    summary.new_units = [unit.name for unit in mapper.units.created]
    return summary
