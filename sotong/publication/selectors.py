"""Reads for every public surface: the only way public code reaches published data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db.models import QuerySet

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


def publication_counts() -> PublicationCounts:
    records = PublishedRecord.objects.all()
    return PublicationCounts(
        total=records.count(),
        with_text=records.exclude(body_text="").count(),
        withheld=records.filter(grade="비공개").count(),
    )


def published_file_path(file: PublishedFile) -> Path:
    from sotong.publication.services import public_store

    return public_store().path(file.sha256)


def published_page_path(page: PublishedPage) -> Path:
    from sotong.publication.services import public_store

    return public_store().path(page.image_sha256)
