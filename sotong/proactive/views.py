"""Public pages of the 사전정보공표 catalogue. Thin: parse, call the selectors, render."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sotong.proactive.catalogue_page import (
    active_filters,
    catalogue_filters,
    catalogue_page,
    catalogue_query,
    facet_links,
)
from sotong.proactive.errors import ITEM_NOT_FOUND, ProactiveRequestError
from sotong.proactive.selectors import catalogue_facets, catalogue_items, item_get, item_publications

PAGE_SIZE = 100


def catalogue(request: HttpRequest) -> HttpResponse:
    """The catalogue by field and department, each item with its cycle, dates and overdue flag."""
    try:
        filters = catalogue_filters(request.GET)
        paginator = Paginator(catalogue_items(filters=filters), PAGE_SIZE)
        page = catalogue_page(paginator, request.GET.get("page", "1").strip())
    except ProactiveRequestError as error:
        failed = {"error": f"{error.message_ko} / {error.message_en}"}
        return render(request, "proactive/catalogue.html", failed, status=400)
    facets = catalogue_facets(filters=filters)
    context: dict[str, object] = {
        "page": page, "filters": filters, "links": facet_links(filters, facets),
        "chosen": active_filters(filters), "overdue_count": facets.overdue,
        "overdue_url": catalogue_query(filters, overdue=True), "pager_query": catalogue_query(filters)[1:],
    }  # fmt: skip
    return render(request, "proactive/catalogue.html", context)


def item_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    item = item_get(item_id=item_id)
    if item is None:
        raise Http404(ITEM_NOT_FOUND)
    return render(
        request, "proactive/item.html", {"item": item, "publications": item_publications(item=item)}
    )
