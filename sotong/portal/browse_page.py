"""찾아보기: every kind of information, every organization and every year, each one click from here."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from sotong.organizations.models import OrganizationKind
from sotong.organizations.selectors import organization_tree
from sotong.portal.kinds import KINDS, Kind
from sotong.publication.fields import field_map_path, field_names
from sotong.publication.selectors import publication_browse_counts


@dataclass(frozen=True)
class KindEntry:
    name: str
    url: str
    count: int | None  # records here; None for a page of its own or another system
    external: bool
    note: str


@dataclass(frozen=True)
class Branch:
    name: str
    url: str
    count: int
    children: list[Branch]


def _list_url(**params: object) -> str:
    return reverse("portal:list") + "?" + urlencode(params)


def kind_entries(by_kind: dict[str, int]) -> list[KindEntry]:
    def entry(kind: Kind) -> KindEntry:
        if kind.info_type:
            return KindEntry(
                kind.name,
                _list_url(info_type=kind.info_type),
                by_kind.get(kind.info_type, 0),
                False,
                kind.note,
            )
        if kind.page:
            return KindEntry(kind.name, reverse(kind.page), None, False, kind.note)
        return KindEntry(kind.name, kind.external, None, bool(kind.external), kind.note)

    listed = [entry(kind) for kind in KINDS]
    known = {kind.info_type for kind in KINDS}
    # Kinds the records carry that the service list does not name (the demo's 회의록, …).
    listed += [
        KindEntry(name, _list_url(info_type=name), count, False, "")
        for name, count in sorted(by_kind.items())
        if name not in known
    ]
    return listed


def _unit(organization: str, name: str, children: list[Branch] | None = None) -> Branch:
    """A bureau or department of ``organization``, linked to its list (no count: the tree is the
    chart's, and counting every unit would be a pass per visit)."""
    return Branch(name, _list_url(organization=organization, department=name), 0, children or [])


def organization_branches(by_organization: dict[str, int]) -> dict[str, list[Branch]]:
    """본청 (its bureaus and departments), 자치구, 투자출연기관: each organization, bureau and department
    links to its list (a bureau's own documents; its departments' are under each department)."""
    groups: dict[str, list[Branch]] = {label: [] for _, label in OrganizationKind.choices}
    for organization, units in organization_tree():
        children = [
            _unit(
                organization.name, bureau.name, [_unit(organization.name, dept.name) for dept in departments]
            )
            for bureau, departments in units
        ]
        url = _list_url(organization=organization.name)
        groups[organization.get_kind_display()].append(
            Branch(organization.name, url, by_organization.get(organization.name, 0), children)
        )
    return groups


def browse(request: HttpRequest) -> HttpResponse:
    counts = publication_browse_counts()
    years = sorted(counts.by_year.items(), reverse=True)
    context = {
        "kinds": kind_entries(counts.by_kind),
        "organizations": organization_branches(counts.by_organization),
        "years": [(year, count, _list_url(year=year)) for year, count in years],
        "fields": [
            (name, counts.by_field.get(name, 0), _list_url(field=name))
            for name in field_names(field_map_path())
        ],
    }
    return render(request, "portal/browse.html", context)
