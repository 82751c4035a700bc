"""Import Seoul's 사전정보공표 list: each row a publication of a catalogue item.

Idempotent by ``nid``: a row seen again updates its publication (or leaves it alone when nothing
changed), never adds a second one. An item is found or created by its taxonomy path and department;
a new item's cycle is "not set" until an officer sets it. Bad rows are reported and skipped; the
rest of the file goes on. One transaction and one audit event per file (it is a few hundred rows).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from sotong.audit.services import audit_record
from sotong.proactive.errors import RowProblem
from sotong.proactive.models import ProactiveItem, ProactivePublication
from sotong.proactive.rows import PublicationRow, read_publication_rows
from sotong.proactive.services import item_dates_refresh

ItemKey = tuple[str, str]  # (taxonomy, department)
PUBLICATION_FIELDS = ("title", "registered_at", "writer", "telno", "licence", "url")


@dataclass
class ProactiveImportSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    items_created: int = 0
    masked: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (nid, columns)
    rejected: list[RowProblem] = field(default_factory=list)

    def describe(self) -> str:
        return (
            f"{self.rows}행 — 신규 {self.created}, 갱신 {self.updated}, 변경 없음 {self.unchanged}, "
            f"거부 {len(self.rejected)}, 개인정보 가림 {len(self.masked)}, 새 항목 {self.items_created} / "
            f"rows {self.rows}: created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
            f"rejected {len(self.rejected)}, masked {len(self.masked)}, new items {self.items_created}"
        )


def proactive_import(*, path: Path, actor: str) -> ProactiveImportSummary:
    """Read, check and store the list at ``path``; a problem with the whole file raises before any write."""
    rows = list(read_publication_rows(path))
    summary = ProactiveImportSummary(rows=len(rows))
    with transaction.atomic():
        items = _Items(summary)
        known = ProactivePublication.objects.select_related("item").in_bulk(
            [row.nid for row in rows if isinstance(row, PublicationRow)], field_name="nid"
        )
        touched: dict[int, ProactiveItem] = {}
        for row in rows:
            if isinstance(row, RowProblem):
                summary.rejected.append(row)
                continue
            if row.masked_columns:
                summary.masked.append((row.nid, row.masked_columns))
            item = items.get(row)
            for changed in _publication_upsert(row, item, known, summary):
                touched[changed.pk] = changed
        for item in touched.values():
            item_dates_refresh(item=item)
        audit_record(
            actor=actor, action="proactive.imported", target_type="file", target_id=path.name,
            data=_audit_data(summary),
        )  # fmt: skip
    return summary


class _Items:
    """Items by (taxonomy, department), each read or created once per import."""

    def __init__(self, summary: ProactiveImportSummary) -> None:
        self._summary = summary
        self._items: dict[ItemKey, ProactiveItem] = {}

    def get(self, row: PublicationRow) -> ProactiveItem:
        key = (row.taxonomy, row.department)
        if key not in self._items:
            item, created = ProactiveItem.objects.get_or_create(
                taxonomy=row.taxonomy, department=row.department, defaults={"field": row.field}
            )
            self._summary.items_created += created
            self._items[key] = item
        return self._items[key]


def _publication_upsert(
    row: PublicationRow,
    item: ProactiveItem,
    known: dict[str, ProactivePublication],
    summary: ProactiveImportSummary,
) -> list[ProactiveItem]:
    """Create or update the row's publication; the items whose dates may have changed."""
    values = {name: getattr(row, name) for name in PUBLICATION_FIELDS}
    publication = known.get(row.nid)
    if publication is None:
        known[row.nid] = ProactivePublication.objects.create(nid=row.nid, item=item, **values)
        summary.created += 1
        return [item]
    previous_item = publication.item
    if previous_item.pk == item.pk and all(getattr(publication, k) == v for k, v in values.items()):
        summary.unchanged += 1
        return []
    for name, value in values.items():
        setattr(publication, name, value)
    publication.item = item
    publication.save()
    summary.updated += 1
    return [item, previous_item]


def _audit_data(summary: ProactiveImportSummary) -> dict[str, object]:
    """Counts, and where something was masked (columns, never the text)."""
    return {
        "rows": summary.rows, "created": summary.created, "updated": summary.updated,
        "unchanged": summary.unchanged, "items_created": summary.items_created,
        "rejected": [[problem.line, problem.code] for problem in summary.rejected],
        "masked": [[nid, list(columns)] for nid, columns in summary.masked],
    }  # fmt: skip
