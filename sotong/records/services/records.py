"""Create or update records: re-intake of the same document updates it, never duplicates it.

The key is the source system's own document id where there is one (``package_id`` in Seoul's
lists). A registration number alone is not a key: department names repeat across units and the
real week has 234 numbers shared by different documents. Without a source id, the key is a
digest of organization, department, registration number, title and date (``content_key``).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connections, models, router, transaction
from django.db.models import Field

from sotong.audit.services import audit_record_values
from sotong.core import clock
from sotong.core.public_ids import public_id_for_source
from sotong.organizations.models import Department, Organization
from sotong.records.models import ApprovalStep, InfoType, Record


@dataclass(frozen=True)
class ApprovalStepData:
    role: str
    position: str
    name: str = ""


@dataclass(frozen=True)
class RecordData:
    """Everything a source says about a record, already validated and resolved."""

    title: str
    source: str
    source_id: str | None = None
    registration_number: str = ""
    department: Department | None = None
    info_type: InfoType | None = None
    produced_on: dt.date | None = None
    retention_period: str = ""
    task_card: str = ""
    writer: str = ""
    category: str = ""
    region: str = ""  # 지역, where the source names one (정책연구)
    grade: str = ""
    grounds: tuple[int, ...] = ()
    reason: str = ""
    opens_on: dt.date | None = None
    original_url: str = ""
    licence: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    approval_line: tuple[ApprovalStepData, ...] | None = None  # None: the source says nothing


# Fields a re-intake may change; ``source`` is kept from the first intake.
UPDATABLE_FIELDS = [
    "title", "registration_number", "department", "info_type", "produced_on", "retention_period",
    "task_card", "writer", "category", "region", "grade", "grounds", "reason", "opens_on", "original_url",
    "licence", "extra",
]  # fmt: skip


@dataclass
class UpsertResult:
    created: list[Record] = field(default_factory=list)
    updated: list[Record] = field(default_factory=list)
    unchanged: list[Record] = field(default_factory=list)

    def records(self) -> list[Record]:
        return self.created + self.updated + self.unchanged


def content_key(*, organization: Organization, data: RecordData) -> str:
    department = data.department.name if data.department else ""
    parts = [organization.name, department, data.registration_number, data.title, str(data.produced_on)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _values(data: RecordData) -> dict[str, Any]:
    values = {name: getattr(data, name) for name in UPDATABLE_FIELDS}
    values["grounds"] = list(data.grounds)
    return values


def _lookup_key(*, organization: Organization, data: RecordData) -> tuple[str, str]:
    if data.source_id:
        return ("source", data.source_id)
    return ("content", content_key(organization=organization, data=data))


# Decision fields a re-intake neither compares nor needs to read (it decides again what changed);
# deferring them spares decoding three JSON values a row on a re-import of 100,000 unchanged rows.
_NOT_COMPARED = ("public_title", "decided_grounds", "decided_reason", "no_opening_reason", "decision_basis",
                 "review_reasons")  # fmt: skip


def _existing(*, organization: Organization, keys: list[tuple[str, str]]) -> dict[tuple[str, str], Record]:
    source_ids = [value for kind, value in keys if kind == "source"]
    content_keys = [value for kind, value in keys if kind == "content"]
    found: dict[tuple[str, str], Record] = {}
    for start in range(0, len(source_ids), 500):
        for record in (
            Record.objects.select_related("department", "info_type")
            .defer(*_NOT_COMPARED)
            .filter(organization=organization, source_id__in=source_ids[start : start + 500])
        ):
            found[("source", str(record.source_id))] = record
    for start in range(0, len(content_keys), 500):
        for record in (
            Record.objects.select_related("department", "info_type")
            .defer(*_NOT_COMPARED)
            .filter(content_key__in=content_keys[start : start + 500])
        ):
            found[("content", str(record.content_key))] = record
    return found


_RELATED = ("organization", "department", "info_type")


@functools.cache
def _record_fields() -> tuple[tuple[str, Field[Any, Any]], ...]:
    return tuple((f.attname, f) for f in Record._meta.concrete_fields)


def _new_record(*, organization: Organization, data: RecordData, key: tuple[str, str]) -> Record:
    """A new, unsaved record. Built positionally (every concrete field by ``attname``, defaults
    from the fields) with its related objects cached, as ``Record(organization=…, …)`` would
    leave them: Django's keyword path costs ~22 µs a record, 2 s on a 100,000-row list import."""
    kind, value = key
    given: dict[str, Any] = {
        "public_id": public_id_for_source(
            instance=settings.SOTONG_INSTANCE_ID, organization=organization.name, source_id=f"{kind}:{value}"
        ),
        "source_id": value if kind == "source" else None,
        "content_key": value if kind == "content" else None,
        "source": data.source,
        **_values(data),
        "organization": organization,
    }
    related = {name: given.pop(name) for name in _RELATED}
    for name, obj in related.items():
        given[f"{name}_id"] = obj.pk if obj is not None else None
    args: list[Any] = [
        given[attname] if attname in given else field.get_default() for attname, field in _record_fields()
    ]
    record = Record(*args)
    for name, obj in related.items():
        if obj is not None:
            Record._meta.get_field(name).set_cached_value(record, obj)  # type: ignore[union-attr]
    return record


def _apply(record: Record, data: RecordData, keep_known: bool) -> bool:
    changed = False
    for name, value in _values(data).items():
        if keep_known and value in ("", None, [], {}):
            continue
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed


def _approval_line_changed(record: Record, line: tuple[ApprovalStepData, ...]) -> bool:
    if record.pk is None:
        return bool(line)
    current = [(s.role, s.position, s.name) for s in record.approval_steps.all()]
    return current != [(s.role, s.position, s.name) for s in line]


def _replace_approval_lines(pairs: list[tuple[Record, tuple[ApprovalStepData, ...]]]) -> None:
    ApprovalStep.objects.filter(record__in=[record for record, _ in pairs]).delete()
    ApprovalStep.objects.bulk_create(
        ApprovalStep(record=record, order=order, role=step.role, position=step.position, name=step.name)
        for record, line in pairs
        for order, step in enumerate(line, start=1)
    )


def _audit(result: UpsertResult, *, actor: str) -> None:
    audit_record_values(
        actor=actor,
        events=(
            (action, "record", record.public_id, {"source": record.source, "source_id": record.source_id})
            for action, records in (("record.created", result.created), ("record.updated", result.updated))
            for record in records
        ),
    )


_AS_IS = (str, int)


def _converter(field: Field[Any, Any], connection: Any) -> Callable[[Any], Any]:
    """What ``field.get_db_prep_save`` does to a value, without its generic path where that is
    safe: strings and keys go in as they are, dates through the backend's adapter, the empty
    JSON values (nearly all of a list import's) are encoded once; the rest through the field."""
    prep = functools.partial(field.get_db_prep_save, connection=connection)
    if isinstance(field, models.CharField | models.TextField | models.ForeignKey):
        return lambda value: value if value is None or type(value) in _AS_IS else prep(value)
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        adapt = connection.ops.adapt_datefield_value
        return lambda value: adapt(value) if type(value) is dt.date else prep(value)
    if isinstance(field, models.JSONField):
        empty_list, empty_dict = prep([]), prep({})
        return lambda value: empty_list if value == [] else empty_dict if value == {} else prep(value)
    if isinstance(field, models.DateTimeField):
        last: list[Any] = [None, None]  # the timestamps of a call are one value: prepare it once

        def timestamp(value: Any) -> Any:
            if value is not last[0]:
                last[:] = [value, prep(value)]
            return last[1]

        return timestamp
    return prep


def _record_inserter(connection: Any) -> tuple[str, list[tuple[str, Callable[[Any], Any]]]]:
    meta = Record._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    sql = (  # names from the model, values as parameters
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    return sql, [(f.attname, _converter(f, connection)) for f in fields]


def _insert_records(records: list[Record]) -> None:
    """``bulk_create`` for new records, cheaper: one ``executemany`` of tuples, then the new keys
    read back by ``public_id`` (unique), which every backend can do.

    ``bulk_create`` prepares each of a record's 24 values through ``get_db_prep_save`` and, on
    SQLite, sends at most 999 parameters a statement (41 records); that preparation cost more than
    SQLite's own insert. Here each value goes through ``_converter``, which stores what
    ``bulk_create`` would store. ``created_at``/``updated_at`` get one timestamp for the call (the
    records share a transaction) instead of one ``now()`` each.
    """
    if not records:
        return
    alias = router.db_for_write(Record)
    connection = connections[alias]
    sql, converters = _record_inserter(connection)
    now = clock.now()
    rows = []
    for record in records:
        record.created_at = record.updated_at = now
        rows.append(tuple(convert(getattr(record, name)) for name, convert in converters))
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    by_public_id = {record.public_id: record for record in records}
    ids = list(by_public_id)
    for start in range(0, len(ids), 500):
        for public_id, pk in (
            Record.objects.using(alias)
            .filter(public_id__in=ids[start : start + 500])
            .values_list("public_id", "pk")
        ):
            record = by_public_id[public_id]
            record.pk = pk
            record._state.adding = False
            record._state.db = alias


def record_upsert_many(
    *,
    organization: Organization,
    items: Sequence[RecordData],
    actor: str,
    keep_known: bool = False,
    before_write: Callable[[list[Record]], object] | None = None,
    also_update: Sequence[str] = (),
) -> UpsertResult:
    """Create new records and update changed ones in one transaction, with one audit row each.

    ``keep_known``: an empty value in ``items`` leaves a known one alone. List imports set it: a list
    that says nothing of a grade must not erase the grade the work-management system sent.
    ``before_write`` sees the new and changed records before they are written, and may set the
    fields named in ``also_update`` (list imports decide them there, so each row is written once).
    """
    keys = [_lookup_key(organization=organization, data=data) for data in items]
    result = UpsertResult()
    with transaction.atomic():
        existing = _existing(organization=organization, keys=keys)
        pending: dict[tuple[str, str], Record] = {}
        line_changes: list[tuple[Record, tuple[ApprovalStepData, ...]]] = []
        for key, data in zip(keys, items, strict=True):
            record = existing.get(key) or pending.get(key)
            if record is None:
                record = pending[key] = _new_record(organization=organization, data=data, key=key)
                result.created.append(record)
            elif _apply(record, data, keep_known) and record.pk is not None and record not in result.updated:
                result.updated.append(record)
            if data.approval_line is not None and _approval_line_changed(record, data.approval_line):
                line_changes.append((record, data.approval_line))
                if record.pk is not None and record not in result.updated:
                    result.updated.append(record)
        for record in result.updated:
            record.updated_at = clock.now()  # bulk_update skips auto_now
        if before_write is not None:
            before_write(result.created + result.updated)
        _insert_records(result.created)
        Record.objects.bulk_update(
            result.updated, [*UPDATABLE_FIELDS, *also_update, "updated_at"], batch_size=500
        )
        if line_changes:
            _replace_approval_lines(line_changes)
        seen = {id(r) for r in result.created + result.updated}
        result.unchanged = [r for r in existing.values() if id(r) not in seen]
        _audit(result, actor=actor)
    return result
