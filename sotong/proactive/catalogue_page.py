"""Turn a catalogue request (``/proactive/?field=…&department=…&overdue=1&page=2``) into filters and a
page, and filters into the links the page shows (STYLE 3: the view only calls these)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.http import QueryDict
from django.utils.translation import gettext

from sotong.proactive.errors import BAD_FILTER, BAD_OVERDUE, BAD_PAGE, ProactiveRequestError
from sotong.proactive.selectors import CatalogueFacets, CatalogueFilters

FILTER_LIMIT = 200  # longer than any field or department name
ECHO_LIMIT = 20  # how much of a bad value the error message repeats


@dataclass(frozen=True)
class FilterLink:
    label: str
    count: int
    url: str
    current: bool


def catalogue_filters(params: QueryDict) -> CatalogueFilters:
    values = {name: params.get(name, "").strip() for name in ("field", "department")}
    for name, value in values.items():
        if len(value) > FILTER_LIMIT:
            raise ProactiveRequestError(BAD_FILTER, field=name, limit=FILTER_LIMIT)
    overdue = params.get("overdue", "")
    if overdue not in ("", "1"):
        raise ProactiveRequestError(BAD_OVERDUE, value=overdue[:ECHO_LIMIT])
    return CatalogueFilters(field=values["field"], department=values["department"], overdue=overdue == "1")


def catalogue_page(paginator: Paginator, value: str) -> Page:
    """The asked page; a page that is not a number or does not exist is a bad request, not page 1."""
    number = int(value) if value.isascii() and value.isdigit() else 0
    if not 1 <= number <= paginator.num_pages:
        raise ProactiveRequestError(BAD_PAGE, value=value[:ECHO_LIMIT], last=paginator.num_pages)
    return paginator.page(number)


def catalogue_query(filters: CatalogueFilters, **changes: str | bool) -> str:
    """The query string of the filters with some changed ("" or False removes one)."""
    values = {"field": filters.field, "department": filters.department, "overdue": filters.overdue, **changes}
    return "?" + urlencode({name: "1" if value is True else value for name, value in values.items() if value})


def facet_links(filters: CatalogueFilters, facets: CatalogueFacets) -> dict[str, list[FilterLink]]:
    """Choosing a field keeps the overdue choice and drops the department (it may not be in the field)."""
    return {
        "fields": [
            FilterLink(field, count, catalogue_query(filters, field=field, department=""),
                       current=field == filters.field and bool(filters.field))
            for field, count in facets.fields
        ],
        "departments": [
            FilterLink(department, count, catalogue_query(filters, department=department),
                       current=department == filters.department)
            for department, count in facets.departments
        ],
    }  # fmt: skip


def active_filters(filters: CatalogueFilters) -> list[tuple[str, str, str]]:
    """(label, value, the link that removes it) for each filter in use."""
    chosen = [
        (gettext("분야"), filters.field, catalogue_query(filters, field="")),
        (gettext("부서"), filters.department, catalogue_query(filters, department="")),
        (
            gettext("상태"),
            gettext("공표 기한 지남") if filters.overdue else "",
            catalogue_query(filters, overdue=False),
        ),
    ]
    return [(label, value, url) for label, value, url in chosen if value]
