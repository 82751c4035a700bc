"""Reads of the catalogue, for the public pages and the officers' list. Public: never imports
private apps (the import-linter contract in pyproject.toml)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from sotong.core import clock
from sotong.proactive.choices import Cycle
from sotong.proactive.models import ProactiveItem, ProactivePublication


@dataclass(frozen=True)
class CatalogueFilters:
    field: str = ""
    department: str = ""
    overdue: bool = False  # only the items whose due date has passed


@dataclass(frozen=True)
class CatalogueFacets:
    """What the filter links show: counts of items by field, by department within the chosen field,
    and how many of the chosen field's and department's items are overdue."""

    fields: list[tuple[str, int]]
    departments: list[tuple[str, int]]
    overdue: int


def _overdue() -> Q:
    return Q(next_due_on__lt=clock.today())


def catalogue_items(*, filters: CatalogueFilters) -> QuerySet[ProactiveItem]:
    items = ProactiveItem.objects.all()
    if filters.field:
        items = items.filter(field=filters.field)
    if filters.department:
        items = items.filter(department=filters.department)
    if filters.overdue:
        items = items.filter(_overdue())
    return items.order_by("field", "department", "taxonomy", "id")


def catalogue_facets(*, filters: CatalogueFilters) -> CatalogueFacets:
    """One query: items counted by (field, department), all and overdue."""
    groups = (
        ProactiveItem.objects.order_by()
        .values_list("field", "department")
        .annotate(total=Count("id"), late=Count("id", filter=_overdue()))
    )
    fields: Counter[str] = Counter()
    departments: Counter[str] = Counter()
    overdue = 0
    for field, department, total, late in groups:
        shown = late if filters.overdue else total
        if shown:
            fields[field] += shown
        in_field = not filters.field or field == filters.field
        if in_field and shown:
            departments[department] += shown
        if in_field and (not filters.department or department == filters.department):
            overdue += late
    return CatalogueFacets(sorted(fields.items()), sorted(departments.items()), overdue)


def item_get(*, item_id: int) -> ProactiveItem | None:
    return ProactiveItem.objects.filter(pk=item_id).first()


def item_publications(*, item: ProactiveItem) -> QuerySet[ProactivePublication]:
    return item.publications.order_by("-registered_at", "-id")


def items_for_officers() -> QuerySet[ProactiveItem]:
    """Overdue first (the longest overdue on top), then those without a cycle, then the rest by due date."""
    rank = Case(
        When(_overdue(), then=Value(0)),
        When(cycle=Cycle.NOT_SET, then=Value(1)),
        When(next_due_on__isnull=False, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return ProactiveItem.objects.annotate(rank=rank).order_by(
        "rank", "next_due_on", "field", "department", "id"
    )


def officer_counts() -> dict[str, int]:
    return ProactiveItem.objects.aggregate(
        total=Count("id"),
        overdue=Count("id", filter=_overdue()),
        not_set=Count("id", filter=Q(cycle=Cycle.NOT_SET)),
    )
