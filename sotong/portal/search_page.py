"""Turn a search request into what the search page shows: hits, facet links, pager links."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext, gettext_noop

from sotong.search.documents import FACET_FIELDS, NEWEST, RELEVANCE, SearchResults

FACET_LABELS = {
    "organization": gettext_noop("기관"),
    "department": gettext_noop("부서"),
    "info_type": gettext_noop("정보 유형"),
    "field": gettext_noop("분야"),
    "year": gettext_noop("생산 연도"),
    "grade": gettext_noop("공개 여부"),
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


def facets(
    results: SearchResults, *, text: str, filters: dict[str, str], sort: str = RELEVANCE
) -> list[Facet]:
    """A link per value that adds the filter, or removes it when it is already chosen."""
    shown = []
    for name in FACET_FIELDS:
        links = []
        for value, count in results.facets.get(name, [])[:FACET_VALUES_SHOWN]:
            selected = filters.get(name) == value
            params = {"q": text, **filters, name: "" if selected else value, "sort": _sort_param(sort)}
            links.append(FacetLink(value=value, count=count, url=_url(params), selected=selected))
        if links:
            shown.append(Facet(name=name, label=gettext(FACET_LABELS[name]), links=links))
    return shown


def pager_query(*, text: str, filters: dict[str, str], sort: str = RELEVANCE) -> str:
    """The query string a pager link keeps, ending in ``&`` so ``page=`` can follow."""
    encoded = urlencode({k: v for k, v in {"q": text, **filters, "sort": _sort_param(sort)}.items() if v})
    return f"{encoded}&" if encoded else ""


def _sort_param(sort: str) -> str:
    return "" if sort == RELEVANCE else sort  # the default stays out of URLs


@dataclass(frozen=True)
class SortLink:
    label: str
    url: str
    selected: bool


def sort_links(*, text: str, filters: dict[str, str], sort: str) -> list[SortLink]:
    """정확도순 / 최신순: the same search in the other order, from its first page."""
    return [
        SortLink(label, _url({"q": text, **filters, "sort": _sort_param(value)}), sort == value)
        for value, label in ((RELEVANCE, gettext("정확도순")), (NEWEST, gettext("최신순")))
    ]


@dataclass(frozen=True)
class Suggestion:
    text: str
    url: str


def zero_result_suggestions(*, text: str, filters: dict[str, str]) -> list[Suggestion]:
    """What to try when nothing was found: without the filters, each word alone."""
    tips = []
    if filters:
        tips.append(
            Suggestion(gettext("조건을 모두 빼고 ‘%(text)s’ 다시 찾기") % {"text": text}, _url({"q": text}))
        )
    words = text.split()
    if len(words) > 1:
        tips += [
            Suggestion(gettext("‘%(word)s’만 찾기") % {"word": word}, _url({"q": word, **filters}))
            for word in dict.fromkeys(words)
        ]
    return tips
