"""Reads for every public surface: the only way public code reaches published data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractYear

from sotong.core import clock
from sotong.publication.models import PublishedFile, PublishedPage, PublishedRecord


def publication_list(*, organization: str | None = None) -> QuerySet[PublishedRecord]:
    records = PublishedRecord.objects.all()
    if organization:
        records = records.filter(organization=organization)
    return records


def publication_get(*, public_id: str) -> PublishedRecord | None:
    return PublishedRecord.objects.prefetch_related("files__pages").filter(public_id=public_id).first()


def publication_get_many(*, public_ids: list[str]) -> dict[str, PublishedRecord]:
    return {p.public_id: p for p in PublishedRecord.objects.filter(public_id__in=public_ids)}


RELATED_SHOWN = 5


def publication_related(record: PublishedRecord, *, limit: int = RELATED_SHOWN) -> list[PublishedRecord]:
    """Other records of the same task card (단위과제), newest first: the work this document is part of."""
    if not record.task_card:
        return []
    same = PublishedRecord.objects.filter(task_card=record.task_card).exclude(id=record.id)
    return list(same.order_by(F("produced_on").desc(nulls_last=True), "-id")[:limit])


def publication_changes(
    *, after: tuple[dt.datetime, int] | None, limit: int, settle: dt.timedelta
) -> list[PublishedRecord]:
    """Our own publications changed after ``after`` (``updated_at``, ``id``), oldest first, at most
    ``limit`` + 1 (the caller tells from the extra one whether more follow). Harvested records are
    left out: each instance exports only what it publishes itself, so harvesting never loops.

    Rows stamped in the last ``settle`` are held back: a transaction that stamped earlier but
    commits later (possible on PostgreSQL) must not land behind a cursor that has moved past it.
    """
    records = PublishedRecord.objects.filter(origin="", updated_at__lte=clock.now() - settle)
    if after is not None:
        stamp, last_id = after
        records = records.filter(Q(updated_at__gt=stamp) | Q(updated_at=stamp, id__gt=last_id))
    return list(records.order_by("updated_at", "id").prefetch_related("files")[: limit + 1])


def published_file_get(*, public_id: str, order: int) -> PublishedFile | None:
    return PublishedFile.objects.filter(record__public_id=public_id, order=order).first()


def published_page_get(*, public_id: str, order: int, number: int) -> PublishedPage | None:
    return PublishedPage.objects.filter(
        file__record__public_id=public_id, file__order=order, number=number
    ).first()


@dataclass(frozen=True)
class PublicationCounts:
    total: int
    with_text: int
    withheld: int


COUNTS_CACHE_SECONDS = 300
_COUNTS_KEY = "publication:counts"


def publication_counts() -> PublicationCounts:
    """The home page's figures: one pass over the table, kept for ``COUNTS_CACHE_SECONDS``.

    At 10M records the pass takes seconds (``bench/list_pages_postgres.py``), too long for every
    visit; figures five minutes old are fine for a headline.
    """
    cached = cache.get(_COUNTS_KEY)
    if isinstance(cached, PublicationCounts):
        return cached
    figures = PublishedRecord.objects.aggregate(
        total=Count("id"),
        with_text=Count("id", filter=~Q(body_text="")),
        withheld=Count("id", filter=Q(grade="비공개")),
    )
    counts = PublicationCounts(**figures)
    cache.set(_COUNTS_KEY, counts, COUNTS_CACHE_SECONDS)
    return counts


@dataclass(frozen=True)
class BrowseCounts:
    by_kind: dict[str, int]
    by_year: dict[int, int]
    by_organization: dict[str, int]
    by_field: dict[str, int]


_BROWSE_KEY = "publication:browse-counts"


def publication_browse_counts() -> BrowseCounts:
    """Records per kind, per year produced and per organization, for the browse page; cached as the
    home page's counts are (three grouped passes over the table: seconds at 10M records)."""
    cached = cache.get(_BROWSE_KEY)
    if isinstance(cached, BrowseCounts):
        return cached
    records = PublishedRecord.objects.order_by()
    kinds = records.exclude(info_type="").values_list("info_type").annotate(n=Count("id"))
    years = (
        records.filter(produced_on__isnull=False)
        .values_list(ExtractYear("produced_on"))
        .annotate(n=Count("id"))
    )
    organizations = records.values_list("organization").annotate(n=Count("id"))
    fields = records.exclude(field="").values_list("field").annotate(n=Count("id"))
    counts = BrowseCounts(dict(kinds), {int(year): n for year, n in years}, dict(organizations), dict(fields))
    cache.set(_BROWSE_KEY, counts, COUNTS_CACHE_SECONDS)
    return counts


def published_file_path(file: PublishedFile) -> Path:
    from sotong.publication.services import public_store

    return public_store().path(file.sha256)


def published_page_path(page: PublishedPage) -> Path:
    from sotong.publication.services import public_store

    return public_store().path(page.image_sha256)
