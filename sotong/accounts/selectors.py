"""Reads for account administration: the organization and unit an official is attached to."""

from __future__ import annotations

from sotong.accounts.errors import DEPARTMENT_AMBIGUOUS, DEPARTMENT_UNKNOWN, ORGANIZATION_UNKNOWN
from sotong.core.errors import BilingualError
from sotong.organizations.models import Department, Organization
from sotong.organizations.selectors import organization_get_by_name

PATH_SEPARATOR = ">"


def organization_resolve(*, name: str) -> Organization:
    organization = organization_get_by_name(name=name.strip())
    if organization is None:
        raise BilingualError(ORGANIZATION_UNKNOWN, field="organization", name=name)
    return organization


def department_resolve(*, organization: Organization, name: str) -> Department:
    """A unit by its name, or by its path (``주택정책실 > 주택정책과``) where names repeat."""
    parts = [part.strip() for part in name.split(PATH_SEPARATOR) if part.strip()]
    units = list(
        Department.objects.filter(organization=organization, name=parts[-1] if parts else "").select_related(
            "parent__parent__parent"
        )
    )
    if len(parts) > 1:
        units = [unit for unit in units if unit.path()[-len(parts) :] == parts]
    if not units:
        raise BilingualError(
            DEPARTMENT_UNKNOWN, field="department", organization=organization.name, name=name
        )
    if len(units) > 1:
        paths = ", ".join(" > ".join(unit.path()) for unit in units[:5])
        raise BilingualError(
            DEPARTMENT_AMBIGUOUS,
            field="department",
            organization=organization.name,
            name=name,
            count=len(units),
            paths=paths,
        )
    return units[0]
