"""Writes into the publication layer. Called by the pipeline's publish stage (our records) and by
the federation harvester (other instances' records, with their origin; decision 0008)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections, models, router, transaction

from sotong.core import clock
from sotong.core.files import FileStore, StoredFile
from sotong.publication.fields import field_map_path, field_of
from sotong.publication.models import PublishedFile, PublishedPage, PublishedRecord


@dataclass(frozen=True)
class PublicFileData:
    name: str
    role: str
    mime_type: str
    source: Path  # where the publish stage found the public PDF; copied, never linked
    source_format: str = ""  # the original's extension
    previews: tuple[Path, ...] = ()  # a PNG per page
    page_texts: tuple[str, ...] = ()  # the public text per page


@dataclass(frozen=True)
class PublicationData:
    """Exactly what may be shown. The publish stage decides; this layer only stores."""

    public_id: str
    title: str
    organization: str
    listing: str
    registration_number: str = ""
    department: str = ""
    department_path: str = ""
    info_type: str = ""
    produced_on: dt.date | None = None
    retention_period: str = ""
    task_card: str = ""
    grade: str = ""
    grounds: tuple[int, ...] = ()
    reason: str = ""
    opens_on: dt.date | None = None
    no_opening_reason: str = ""
    original_url: str = ""
    licence: str = ""
    approval_line: tuple[dict[str, str], ...] = ()
    body_text: str = ""
    files: tuple[PublicFileData, ...] = field(default_factory=tuple)
    # Set only by the federation harvester: the peer's name, the record's page there and its files
    # as links to the peer ({name, role, size, sha256, url}); never copied into the public store.
    origin: str = ""
    origin_url: str = ""
    origin_files: tuple[dict[str, Any], ...] = ()
    # The source's own classification (정책연구's 건설, 건강 …) and region, as it names them.
    category: str = ""
    region: str = ""
    # 분야 as the source gives it; empty: assigned from the department (``fields.py``). Last: the
    # name would hide ``dataclasses.field`` from the attributes after it.
    field: str = ""


_FIELDS = [
    "title", "registration_number", "organization", "department", "department_path", "info_type", "field",
    "category", "region",
    "produced_on", "retention_period", "task_card", "grade", "listing", "grounds", "reason",
    "opens_on", "no_opening_reason", "original_url", "licence", "approval_line", "body_text",
    "origin", "origin_url", "origin_files",
]  # fmt: skip


def public_store() -> FileStore:
    return FileStore(settings.SOTONG_PUBLIC_DIR)


def assigned_field(data: PublicationData) -> str:
    """The 분야 a publication gets: the source's, else its department's (``fields.py``)."""
    return data.field or field_of(data.department, data.department_path, path=field_map_path())


def _values(data: PublicationData) -> dict[str, Any]:
    values = {name: getattr(data, name) for name in _FIELDS}
    values["field"] = assigned_field(data)
    values["grounds"] = list(data.grounds)
    values["approval_line"] = list(data.approval_line)
    values["origin_files"] = list(data.origin_files)
    return values


def _replace_files(record: PublishedRecord, files: Sequence[PublicFileData]) -> None:
    """Replace the record's public files and their page previews; a blob no publication references
    any more is deleted, so a file that stopped being public does not linger in the public store."""
    store = public_store()
    old_files = set(record.files.values_list("sha256", flat=True))
    old_pages = set(PublishedPage.objects.filter(file__record=record).values_list("image_sha256", flat=True))
    record.files.all().delete()
    pages = []
    for order, item in enumerate(files):
        stored = _copy_in(store, item.source)
        file = PublishedFile.objects.create(
            record=record, order=order, name=item.name, role=item.role, mime_type=item.mime_type,
            size=stored.size, sha256=stored.sha256, source_format=item.source_format,
        )  # fmt: skip
        texts = list(item.page_texts) + [""] * (len(item.previews) - len(item.page_texts))
        pages += [
            PublishedPage(file=file, number=number, image_sha256=_copy_in(store, path).sha256, text=text)
            for number, (path, text) in enumerate(zip(item.previews, texts, strict=False), start=1)
        ]
    PublishedPage.objects.bulk_create(pages)
    still_used = set(PublishedFile.objects.filter(sha256__in=old_files).values_list("sha256", flat=True))
    still_used |= set(
        PublishedPage.objects.filter(image_sha256__in=old_pages).values_list("image_sha256", flat=True)
    )
    for sha256 in (old_files | old_pages) - still_used:
        store.path(sha256).unlink(missing_ok=True)


def _copy_in(store: FileStore, source: Path) -> StoredFile:
    with source.open("rb") as stream:
        return store.put(stream)


def _converter(field: Any, connection: Any) -> Callable[[Any], Any]:
    """What ``field.get_db_prep_save`` does to a value, without its generic path where that is
    safe: strings as they are, dates through the backend's adapter, the empty JSON list (nearly
    every list import's grounds and approval line) encoded once; the rest through the field.
    (``records.services.records`` has the same for records; public code may not import it.)"""
    prep = functools.partial(field.get_db_prep_save, connection=connection)
    if isinstance(field, models.CharField | models.TextField):
        return lambda value: value if value is None or type(value) is str else prep(value)
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        adapt = connection.ops.adapt_datefield_value
        return lambda value: adapt(value) if type(value) is dt.date else prep(value)
    if isinstance(field, models.JSONField):
        empty = prep([])
        return lambda value: empty if value == [] else prep(value)
    return prep


def _insert_new(items: Sequence[PublicationData], now: dt.datetime) -> None:
    """``bulk_create`` of new publications without building a model per row: one ``executemany``
    of tuples made from the ``PublicationData``, each value through ``_converter`` (the values
    ``bulk_create`` would store). Publications with files need their new key: the caller keeps
    ``bulk_create`` for them. On a list import this cut the publication layer's cost by about two
    thirds: Django's per-value preparation cost more than SQLite's insert.
    """
    if not items:
        return
    alias = router.db_for_write(PublishedRecord)
    connection = connections[alias]
    meta = PublishedRecord._meta
    concrete = {f.name: f for f in meta.concrete_fields}
    fields = [concrete[name] for name in ("public_id", *_FIELDS)]
    converters = [_converter(f, connection) for f in fields]
    stamp = concrete["published_at"].get_db_prep_save(now, connection)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in [*fields, concrete["published_at"], concrete["updated_at"]])
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * (len(fields) + 2))})"  # noqa: S608 - names from the model
    rows = [
        (
            *(
                convert(value)
                for convert, value in zip(converters, [data.public_id, *_values(data).values()], strict=True)
            ),
            stamp,
            stamp,
        )
        for data in items
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def publication_upsert_many(*, items: Sequence[PublicationData]) -> list[str]:
    """Insert or replace publications; return the public ids that changed (to re-index)."""
    changed: list[str] = []
    with transaction.atomic():
        # Stamped inside the transaction: on SQLite writers take turns from its start (IMMEDIATE),
        # so ``updated_at`` follows commit order and the changes feed never skips a late commit.
        now = clock.now()
        existing = {
            p.public_id: p
            for start in range(0, len(items), 500)
            for p in PublishedRecord.objects.filter(
                public_id__in=[i.public_id for i in items[start : start + 500]]
            )
        }
        new, updated = [], []
        plain_new: list[PublicationData] = []  # new and without files: inserted as tuples
        for data in items:
            current = existing.get(data.public_id)
            if current is None and not data.files:
                plain_new.append(data)
                changed.append(data.public_id)
                continue
            values = _values(data)
            if current is None:
                new.append(
                    PublishedRecord(public_id=data.public_id, published_at=now, updated_at=now, **values)
                )
            elif any(getattr(current, k) != v for k, v in values.items()) or data.files:
                for key, value in values.items():
                    setattr(current, key, value)
                current.updated_at = now
                updated.append(current)
            else:
                continue
            changed.append(data.public_id)
        _insert_new(plain_new, now)
        PublishedRecord.objects.bulk_create(new, batch_size=500)
        PublishedRecord.objects.bulk_update(updated, [*_FIELDS, "updated_at"], batch_size=500)
        by_id = {p.public_id: p for p in new + updated}
        with_files = set(PublishedFile.objects.filter(record__in=updated).values_list("record_id", flat=True))
        for data in items:
            record = by_id.get(data.public_id)
            if record is not None and (data.files or record.pk in with_files):
                _replace_files(record, data.files)
    return changed
