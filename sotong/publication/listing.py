"""The list of every published record (정보목록), newest first, by pages that stay fast at 10M rows.

Pages follow a cursor (keyset pagination), never an offset: a page is the ``size`` records after (or
before) the last one shown, read from the index ``(produced_on, id)`` — or ``(organization, …)``,
``(info_type, …)``, ``(department, …)`` when filtered — so the thousandth page costs what the first does. Undated records
come after every dated one, in the same order on SQLite and PostgreSQL (whose ``DESC`` would put
them first).

The count is exact up to ``COUNT_CAP``; above it a filtered list says "more than", and the whole list
takes PostgreSQL's own estimate of the table's rows, since counting 10M rows exactly costs seconds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, fields
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.db.models.functions import ExtractYear

from sotong.publication.models import PublishedFile, PublishedRecord

COUNT_CAP = 10_000
ORDER = ("-produced_on", "-id")
_CURSOR = re.compile(r"^(\d{4}-\d{2}-\d{2}|-)\.(\d{1,18})$")


class ListCursorError(ValueError):
    """A ``after``/``before`` value that no page of ours ever wrote."""

    message_ko = "목록의 쪽 위치가 올바르지 않습니다. 첫 쪽부터 다시 보십시오."
    message_en = "This position in the list is not valid; please start again from the first page."


@dataclass(frozen=True)
class ListFilters:
    organization: str = ""
    info_type: str = ""
    year: int | None = None
    field: str = ""  # 분야
    department: str = ""  # the producing department or institution, by exact name
    category: str = ""  # the source's own classification (정책연구: 건설, 건강 …)
    region: str = ""  # 지역

    def active(self) -> bool:
        return any(getattr(self, name) for name in FILTER_NAMES)


FILTER_NAMES = tuple(attribute.name for attribute in fields(ListFilters))
# Filters that match a column exactly; ``year`` is a range of ``produced_on``.
_EXACT = tuple(name for name in FILTER_NAMES if name != "year")


@dataclass(frozen=True)
class ListPosition:
    """Where a page starts: after or before one record (its date and id), or at the top."""

    produced_on: dt.date | None
    id: int

    def token(self) -> str:
        return f"{self.produced_on.isoformat() if self.produced_on else '-'}.{self.id}"

    @classmethod
    def parse(cls, token: str) -> ListPosition:
        match = _CURSOR.match(token)
        if match is None:
            raise ListCursorError(token)
        day, number = match.groups()
        try:
            return cls(None if day == "-" else dt.date.fromisoformat(day), int(number))
        except ValueError as error:
            raise ListCursorError(token) from error


@dataclass(frozen=True)
class ListCount:
    value: int
    at_least: bool  # more than ``value`` (a filtered list over the cap)
    estimated: bool  # the planner's estimate of the whole table


@dataclass(frozen=True)
class ListPage:
    records: list[PublishedRecord]
    newer: ListPosition | None  # "이전": the page before starts before this record
    older: ListPosition | None  # "다음": the page after starts after this record


def _filtered(filters: ListFilters) -> QuerySet[PublishedRecord]:
    exact = {name: value for name in _EXACT if (value := getattr(filters, name))}
    records = PublishedRecord.objects.filter(**exact)
    if filters.year:
        records = records.filter(produced_on__gte=dt.date(filters.year, 1, 1))
        records = records.filter(produced_on__lt=dt.date(filters.year + 1, 1, 1))
    return records


def _older_than(
    records: QuerySet[PublishedRecord], position: ListPosition | None, size: int
) -> list[PublishedRecord]:
    """Up to ``size`` records after ``position`` in list order: dated ones first, then undated ones."""
    found: list[PublishedRecord] = []
    if position is None or position.produced_on is not None:
        dated = records.filter(produced_on__isnull=False)
        if position is not None:
            dated = dated.extra(
                where=["(produced_on, id) < (%s, %s)"], params=[position.produced_on, position.id]
            )
        found = list(dated.order_by(*ORDER)[:size])
    if len(found) < size:
        undated = records.filter(produced_on__isnull=True)
        if position is not None and position.produced_on is None:
            undated = undated.filter(id__lt=position.id)
        found += list(undated.order_by("-id")[: size - len(found)])
    return found


def _newer_than(
    records: QuerySet[PublishedRecord], position: ListPosition, size: int
) -> list[PublishedRecord]:
    """Up to ``size`` records just before ``position`` in list order, returned in list order."""
    found: list[PublishedRecord] = []
    if position.produced_on is None:
        found = list(records.filter(produced_on__isnull=True, id__gt=position.id).order_by("id")[:size])
    if len(found) < size:
        dated = records.filter(produced_on__isnull=False)
        if position.produced_on is not None:
            dated = dated.extra(
                where=["(produced_on, id) > (%s, %s)"], params=[position.produced_on, position.id]
            )
        found += list(dated.order_by("produced_on", "id")[: size - len(found)])
    found.reverse()
    return found


def _position(record: PublishedRecord) -> ListPosition:
    return ListPosition(record.produced_on, record.id)


def publication_page(
    *, filters: ListFilters, size: int, after: ListPosition | None = None, before: ListPosition | None = None
) -> ListPage:
    """One page of the list: the first, the one after ``after``, or the one before ``before``. Each
    record says whether it has public files (``has_files``), for the preview in place."""
    records = _filtered(filters).annotate(
        has_files=Exists(PublishedFile.objects.filter(record=OuterRef("pk")))
    )
    if before is not None:
        rows = _newer_than(records, before, size + 1)
        if len(rows) > size:
            rows = rows[1:]
            return ListPage(rows, _position(rows[0]), _position(rows[-1]))
        # Back at the top: the first page, whole (the page before may have been short).
        after = None
    rows = _older_than(records, after, size + 1)
    has_older = len(rows) > size
    rows = rows[:size]
    newer = _position(rows[0]) if rows and after is not None else None
    return ListPage(rows, newer, _position(rows[-1]) if rows and has_older else None)


def publication_list_count(filters: ListFilters) -> ListCount:
    """How many records the list holds: exact up to ``COUNT_CAP``, else an estimate or a floor."""
    capped = _filtered(filters).order_by()[: COUNT_CAP + 1].count()
    if capped <= COUNT_CAP:
        return ListCount(capped, at_least=False, estimated=False)
    if not filters.active():
        if connection.vendor == "postgresql":
            estimate = _estimated_rows()
            if estimate > COUNT_CAP:
                return ListCount(estimate, at_least=False, estimated=True)
        else:
            return ListCount(PublishedRecord.objects.count(), at_least=False, estimated=False)
    return ListCount(COUNT_CAP, at_least=True, estimated=False)


CHOICES_CACHE_SECONDS = 300
# In the order the page shows them (the first two open): what tells a kind's records apart first.
CHOICE_DIMENSIONS = ("department", "category", "region", "field", "year", "organization")
# Over ``COUNT_CAP`` records on PostgreSQL, the choices are counted on a sample of the table's pages
# that holds about this many rows: a whole kind of 8M records takes 19 s to group, a sample 0.3 s.
SAMPLED_ROWS = 200_000


@dataclass(frozen=True)
class ListChoices:
    counts: dict[str, dict[str, int]]  # {dimension: {value: records}}
    estimated: bool  # counted on a sample of the table and scaled up; rare values may be missing


def publication_list_choices(filters: ListFilters, *, many: bool) -> ListChoices:
    """What the filtered records can be narrowed by further, with how many records each value has:
    organizations, departments (or producing institutions), fields, the source's own categories,
    regions and years. Values none of them carries are absent.

    One grouped pass over the filtered records — over a sample of the table's pages when there are
    ``many`` (more than ``COUNT_CAP``) on PostgreSQL — kept for ``CHOICES_CACHE_SECONDS`` as the home
    page's counts are: counts five minutes old, or estimated, are fine for choosing a filter.
    """
    key = f"publication:list-choices:{many}:" + hashlib.sha256(repr(filters).encode()).hexdigest()
    cached = cache.get(key)
    if isinstance(cached, ListChoices):
        return cached
    groups = (
        _filtered(filters)
        .order_by()
        .values_list("department", "category", "region", "field", ExtractYear("produced_on"), "organization")
        .annotate(n=Count("id"))
    )
    rows, percent = _sampled(groups, _sample_percent() if many else 100.0)
    scale = 100.0 / percent
    counts: dict[str, dict[str, int]] = {name: {} for name in CHOICE_DIMENSIONS}
    for *values, count in rows:
        for name, value in zip(CHOICE_DIMENSIONS, values, strict=True):
            if value:
                counts[name][str(value)] = counts[name].get(str(value), 0) + int(count)
    found = ListChoices(
        {
            name: {value: round(n * scale) for value, n in by_value.items()}
            for name, by_value in counts.items()
            if by_value
        },
        estimated=percent < 100,
    )
    cache.set(key, found, CHOICES_CACHE_SECONDS)
    return found


def _sample_percent() -> float:
    """The share of the table's pages that holds about ``SAMPLED_ROWS`` rows (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return 100.0
    rows = _estimated_rows()
    return min(100.0, 100.0 * SAMPLED_ROWS / rows) if rows > 0 else 100.0


def _estimated_rows() -> int:
    """PostgreSQL's own estimate of the table's rows (``pg_class.reltuples``): no pass over it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
            [PublishedRecord._meta.db_table],
        )
        return int(cursor.fetchone()[0])


def _sampled(groups: QuerySet[Any], percent: float) -> tuple[list[tuple[Any, ...]], float]:
    """The grouped query over ``TABLESAMPLE SYSTEM (percent)`` (whole pages picked at random, so it
    reads ``percent`` of the table, not all of it), and the percent read. Django has no word for it,
    hence the SQL; at 100 % (a small table, or SQLite) the query as it is."""
    if percent >= 100:
        return [tuple(row) for row in groups], 100.0
    sql, params = groups.query.sql_with_params()
    table = connection.ops.quote_name(PublishedRecord._meta.db_table)
    # The table itself, not a column of it (EXTRACT(YEAR FROM "table"."produced_on") comes first).
    sampled, found = re.subn(
        rf"FROM {re.escape(table)}(?!\.)", f"FROM {table} TABLESAMPLE SYSTEM ({percent:.6f})", sql, count=1
    )
    if not found:
        return [tuple(row) for row in groups], 100.0
    with connection.cursor() as cursor:
        cursor.execute(sampled, params)
        return [tuple(row) for row in cursor.fetchall()], percent
