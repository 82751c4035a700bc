"""Public pages. Thin: parse, call one selector, render."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from sotong.core.disclosure import ground_labels
from sotong.portal.search_page import chosen_filters, facets, pager_query
from sotong.publication.selectors import (
    publication_counts,
    publication_get,
    publication_list,
    published_file_get,
    published_file_path,
)
from sotong.search.documents import MAX_PAGE
from sotong.search.errors import SearchError
from sotong.search.selectors import search_records

PAGE_SIZE = 50
PAGE_SIZE_SEARCH = 20
NOT_FOUND = "문서를 찾을 수 없습니다 / document not found"


def home(request: HttpRequest) -> HttpResponse:
    recent = publication_list()[:10]
    return render(request, "portal/home.html", {"counts": publication_counts(), "recent": recent})


def record_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(publication_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/list.html", {"page": page})


def search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()
    filters = chosen_filters(request.GET)
    try:
        page = int(request.GET.get("page", "1"))
        results = search_records(text=text, page=page, per_page=PAGE_SIZE_SEARCH, filters=filters)
    except (ValueError, SearchError) as error:
        message = error.message_ko if isinstance(error, SearchError) else "쪽 번호는 숫자여야 합니다."
        return render(request, "portal/search.html", {"query": text, "error": message}, status=400)
    pages = Paginator(range(min(results.total, PAGE_SIZE_SEARCH * MAX_PAGE)), PAGE_SIZE_SEARCH)
    context = {
        "query": text, "results": results, "page": pages.get_page(page),
        "facets": facets(results, text=text, filters=filters),
        "pager_query": pager_query(text=text, filters=filters), "filters": filters,
    }  # fmt: skip
    return render(request, "portal/search.html", context)


def record_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    record = publication_get(public_id=public_id)
    if record is None:
        raise Http404(NOT_FOUND)
    context = {"record": record, "files": record.files.all(), "grounds": ground_labels(record.grounds)}
    return render(request, "portal/record.html", context)


def file_download(request: HttpRequest, public_id: str, order: int) -> FileResponse:
    file = published_file_get(public_id=public_id, order=order)
    if file is None:
        raise Http404(NOT_FOUND)
    return FileResponse(
        published_file_path(file).open("rb"), as_attachment=True, filename=file.name,
        content_type=file.mime_type or "application/octet-stream",
    )  # fmt: skip
