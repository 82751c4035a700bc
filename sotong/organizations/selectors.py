"""Reads over organizations and their units."""

from __future__ import annotations

from django.db.models import QuerySet

from sotong.organizations.models import Department, Organization


def organization_get_by_name(*, name: str) -> Organization | None:
    return Organization.objects.filter(name=name).first()


def department_list_named(*, organization: Organization, name: str) -> QuerySet[Department]:
    return Department.objects.filter(organization=organization, name=name)
