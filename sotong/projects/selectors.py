"""Reads of projects for the public pages, the record page and the officers. Public: reads only the
publication layer and this app's own models (the import-linter contract in pyproject.toml)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from sotong.projects.choices import Kind
from sotong.projects.models import Project, ProjectRecord, ProjectTaskCard
from sotong.publication.models import PublishedFile, PublishedRecord

TIMELINE_LIMIT = 100  # documents on one page of a project's timeline (500 took ~90 ms to render)
# What a timeline row shows: never the text, so a withheld record shows its title and grade only.
TIMELINE_FIELDS = (
    "public_id", "title", "registration_number", "organization", "department", "produced_on", "grade",
    "listing", "task_card",
)  # fmt: skip


@dataclass(frozen=True)
class TimelineYear:
    year: int | None  # None: the documents without a date, last
    records: list[PublishedRecord]


@dataclass(frozen=True)
class Timeline:
    years: list[TimelineYear]
    truncated: bool  # more documents after this page
    page: int = 1


@dataclass(frozen=True)
class KindGroup:
    kind: str
    label: str
    projects: list[Project]


def _public() -> QuerySet[Project]:
    return Project.objects.filter(published=True)


def project_get_public(*, slug: str) -> Project | None:
    """A published project with its task cards; None for an unknown or unpublished one alike."""
    return _public().prefetch_related("task_cards").filter(slug=slug).first()


def project_get(*, slug: str) -> Project | None:
    """Any project, published or not: for officers only."""
    return Project.objects.filter(slug=slug).first()


def project_records(*, project: Project) -> QuerySet[PublishedRecord]:
    """The records of its task cards and the chosen ones, each once (one query, whatever their number)."""
    cards = ProjectTaskCard.objects.filter(project=project).values("name")
    chosen = ProjectRecord.objects.filter(project=project).values("public_id")
    return PublishedRecord.objects.filter(Q(task_card__in=cards) | Q(public_id__in=chosen))


def project_timeline(*, project: Project, page: int = 1) -> Timeline:
    """From plan to completion: oldest first, by year; the documents without a date last; a page of
    ``TIMELINE_LIMIT`` at a time (a project's documents are few enough for an offset)."""
    start = (page - 1) * TIMELINE_LIMIT
    records = list(
        project_records(project=project)
        .only(*TIMELINE_FIELDS)
        # Whether it has public files, for the preview in place (the same query).
        .annotate(has_files=Exists(PublishedFile.objects.filter(record=OuterRef("pk"))))
        .order_by(F("produced_on").asc(nulls_last=True), "id")[start : start + TIMELINE_LIMIT + 1]
    )
    truncated = len(records) > TIMELINE_LIMIT
    years: list[TimelineYear] = []
    for record in records[:TIMELINE_LIMIT]:
        if not years or years[-1].year != record.year:
            years.append(TimelineYear(year=record.year, records=[]))
        years[-1].records.append(record)
    return Timeline(years=years, truncated=truncated, page=page)


def project_list(*, kind: str = "", status: str = "") -> list[KindGroup]:
    """Published projects by kind (in the order of ``Kind``), optionally of one kind or status."""
    projects = _public()
    if kind:
        projects = projects.filter(kind=kind)
    if status:
        projects = projects.filter(status=status)
    by_kind: dict[str, list[Project]] = {}
    for project in projects.order_by("kind", "name", "id"):
        by_kind.setdefault(project.kind, []).append(project)
    return [KindGroup(value, str(label), by_kind[value]) for value, label in Kind.choices if value in by_kind]


def projects_of_record(public_id: str) -> list[Project]:
    """The published projects a published record belongs to (by its task card or chosen), by name.

    For the record page: one query. A public id that is not published belongs to nothing."""
    record = PublishedRecord.objects.filter(public_id=public_id)
    by_card = ProjectTaskCard.objects.filter(
        project=OuterRef("pk"), name__in=record.exclude(task_card="").values("task_card")
    )
    chosen = ProjectRecord.objects.filter(project=OuterRef("pk"), public_id=public_id)
    matches = _public().filter(Exists(record)).filter(Exists(by_card) | Exists(chosen))
    return list(matches.order_by("name", "id"))


# --- the officers' side --------------------------------------------------------------------------


def projects_for_officers() -> QuerySet[Project]:
    """Every project, published or not, with how many task cards and chosen records it has."""
    return Project.objects.annotate(
        task_card_count=Count("task_cards", distinct=True),
        chosen_count=Count("chosen_records", distinct=True),
    ).order_by("-published", "kind", "name", "id")


def task_card_counts(*, names: list[str]) -> dict[str, int]:
    """How many published records carry each task card name exactly (one query)."""
    rows = (
        PublishedRecord.objects.filter(task_card__in=names)
        .order_by()
        .values_list("task_card")
        .annotate(n=Count("id"))
    )
    counts = dict.fromkeys(names, 0)
    counts.update(dict(rows))
    return counts


def published_titles(*, public_ids: list[str]) -> dict[str, PublishedRecord]:
    """The published rows of the chosen records, by public id (a record not yet published is absent)."""
    rows = PublishedRecord.objects.filter(public_id__in=public_ids).only(*TIMELINE_FIELDS)
    return {row.public_id: row for row in rows}
