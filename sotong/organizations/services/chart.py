"""Import the organization chart (``seoul-organizations.json``): idempotent, audited."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from sotong.audit.services import audit_record
from sotong.organizations.models import Department, Organization, OrganizationKind, UnitLevel

HEADQUARTERS_NAME = "서울특별시"


def organization_ensure(*, name: str, kind: str) -> Organization:
    organization, _ = Organization.objects.get_or_create(name=name, defaults={"kind": kind})
    return organization


def _unit_ensure(
    *, organization: Organization, parent: Department | None, name: str, level: str
) -> tuple[Department, bool]:
    return Department.objects.get_or_create(
        organization=organization, parent=parent, name=name, defaults={"level": level}
    )


CONTACT_KEYS = ("email_domains", "phone_prefixes")


def _official_contacts_set(contacts: dict[str, Any], *, headquarters: Organization) -> int:
    """Officials' work contacts, public by law: the headquarters' own, and each organization's
    listed under ``by_organization`` (its own ranges plus the city's: a district document may
    cite City Hall officials)."""
    city = {key: list(contacts.get(key, [])) for key in CONTACT_KEYS}
    configured = {headquarters.name: city}
    for name, own in contacts.get("by_organization", {}).items():
        configured[name] = {key: [*own.get(key, []), *city[key]] for key in CONTACT_KEYS}
    updated = 0
    for organization in Organization.objects.filter(name__in=configured):
        if organization.official_contacts != configured[organization.name]:
            organization.official_contacts = configured[organization.name]
            organization.save(update_fields=["official_contacts", "updated_at"])
            updated += 1
    return updated


def organization_import_chart(*, path: Path, actor: str) -> dict[str, int]:
    """Create the headquarters with its bureaus and departments, the districts and institutions."""
    chart: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    created = {"organizations": 0, "units": 0}
    with transaction.atomic():
        hq_data = chart["headquarters"]
        before = Organization.objects.count()
        hq = organization_ensure(
            name=hq_data.get("name", HEADQUARTERS_NAME), kind=OrganizationKind.HEADQUARTERS
        )
        for bureau_data in hq_data.get("bureaus", []):
            bureau, made = _unit_ensure(
                organization=hq, parent=None, name=bureau_data["name"], level=UnitLevel.BUREAU
            )
            created["units"] += made
            for name in bureau_data.get("departments", []):
                created["units"] += _unit_ensure(
                    organization=hq, parent=bureau, name=name, level=UnitLevel.DEPARTMENT
                )[1]
        for name in chart.get("districts", []):
            organization_ensure(name=name, kind=OrganizationKind.DISTRICT)
        for name in chart.get("institutions", []):
            organization_ensure(name=name, kind=OrganizationKind.INSTITUTION)
        created["organizations"] = Organization.objects.count() - before
        created["contacts"] = _official_contacts_set(chart.get("official_contacts", {}), headquarters=hq)
        audit_record(
            actor=actor,
            action="organizations.chart_imported",
            target_type="organization_chart",
            target_id=str(path.name),
            data=created,
        )
    return created
