"""Reads over organizations and their units."""

from __future__ import annotations

from django.db.models import QuerySet

from sotong.organizations.models import Department, Organization, UnitLevel


def organization_get_by_name(*, name: str) -> Organization | None:
    return Organization.objects.filter(name=name).first()


def department_list_named(*, organization: Organization, name: str) -> QuerySet[Department]:
    return Department.objects.filter(organization=organization, name=name)


def organization_tree() -> list[tuple[Organization, list[tuple[Department, list[Department]]]]]:
    """Every organization with its bureaus and their departments as the chart gives them (two queries);
    units only a source named, outside any bureau, are left out."""
    units = Department.objects.filter(level__in=[UnitLevel.BUREAU, UnitLevel.DEPARTMENT]).order_by("name")
    children: dict[int | None, list[Department]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    tree = []
    for organization in Organization.objects.order_by("kind", "name"):
        bureaus = [
            unit
            for unit in children.get(None, [])
            if unit.organization_id == organization.id and unit.level == UnitLevel.BUREAU
        ]
        tree.append((organization, [(bureau, children.get(bureau.id, [])) for bureau in bureaus]))
    return tree
