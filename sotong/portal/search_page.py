"""Turn a search request into what the search page shows: hits, facet links, pager links."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict

from sotong.search.documents import FACET_FIELDS, SearchResults

FACET_LABELS = {
    "organization": "기관",
    "department": "부서",
    "info_type": "정보 유형",
    "year": "생산 연도",
    "grade": "공개 여부",
}
FACET_VALUES_SHOWN = 12


@dataclass(frozen=True)
class FacetLink:
    value: str
    count: int
    url: str
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    links: list[FacetLink]


def chosen_filters(params: QueryDict) -> dict[str, str]:
    return {name: str(params.get(name)) for name in FACET_FIELDS if params.get(name)}


def _url(params: dict[str, str]) -> str:
    return "?" + urlencode({k: v for k, v in params.items() if v})


def facets(results: SearchResults, *, text: str, filters: dict[str, str]) -> list[Facet]:
    """A link per value that adds the filter, or removes it when it is already chosen."""
    shown = []
    for name in FACET_FIELDS:
        links = []
        for value, count in results.facets.get(name, [])[:FACET_VALUES_SHOWN]:
            selected = filters.get(name) == value
            params = {"q": text, **filters, name: "" if selected else value}
            links.append(FacetLink(value=value, count=count, url=_url(params), selected=selected))
        if links:
            shown.append(Facet(name=name, label=FACET_LABELS[name], links=links))
    return shown


def pager_query(*, text: str, filters: dict[str, str]) -> str:
    """The query string a pager link keeps, ending in ``&`` so ``page=`` can follow."""
    encoded = urlencode({k: v for k, v in {"q": text, **filters}.items() if v})
    return f"{encoded}&" if encoded else ""
