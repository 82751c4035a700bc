"""Public pages. Thin: parse, call one selector, render."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods

from sotong.core.disclosure import ground_labels
from sotong.portal.feeds import FeedRequestError, RecordsFeed, SearchFeed
from sotong.portal.list_page import (
    ListRequestError,
    active_filters,
    choice_groups,
    filter_query,
    list_request,
    pager_urls,
)
from sotong.portal.record_page import record_extras
from sotong.portal.search_page import (
    chosen_filters,
    facets,
    pager_query,
    sort_links,
    zero_result_suggestions,
)
from sotong.projects.selectors import projects_of_record
from sotong.publication.listing import (
    ListFilters,
    publication_list_choices,
    publication_list_count,
    publication_page,
)
from sotong.publication.selectors import (
    publication_counts,
    publication_get,
    publication_related,
    published_file_get,
    published_file_path,
    published_page_get,
    published_page_path,
)
from sotong.publication.verification import MAX_VERIFY_BYTES, copy_verify, signing_certificate_pem
from sotong.search.documents import MAX_PAGE, RELEVANCE
from sotong.search.errors import SearchError
from sotong.search.selectors import search_records, similar_records

PAGE_SIZE = 50
CRAWL_DELAY_SECONDS = 10
PAGE_SIZE_SEARCH = 20
NOT_FOUND = "문서를 찾을 수 없습니다 / document not found"


def home(request: HttpRequest) -> HttpResponse:
    recent = publication_page(filters=ListFilters(), size=10).records
    return render(request, "portal/home.html", {"counts": publication_counts(), "recent": recent})


def record_list(request: HttpRequest) -> HttpResponse:
    """정보목록: every record, public or not, newest first, by cursor pages (``publication.listing``)."""
    try:
        wanted = list_request(request.GET)
    except ListRequestError as error:
        failed = {"error": f"{error.message_ko} / {error.message_en}", "first_page": "?"}
        return render(request, "portal/list.html", failed, status=400)
    page = publication_page(filters=wanted.filters, size=PAGE_SIZE, after=wanted.after, before=wanted.before)
    count = publication_list_count(wanted.filters)
    context: dict[str, object] = {
        "records": page.records, "count": count,
        "pager": pager_urls(wanted.filters, page), "filters": active_filters(wanted.filters),
        "first_page": "?" + filter_query(wanted.filters), "paged": wanted.after or wanted.before,
    }  # fmt: skip
    if wanted.filters.info_type:  # a kind's list: its own filters, from what its records carry
        choices = publication_list_choices(wanted.filters, many=count.at_least or count.estimated)
        context["choices"] = choice_groups(wanted.filters, choices.counts)
        context["choices_estimated"] = choices.estimated
    return render(request, "portal/list.html", context)


def search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()
    filters = chosen_filters(request.GET)
    sort = request.GET.get("sort", "") or RELEVANCE
    try:
        page = int(request.GET.get("page", "1"))
        results = search_records(text=text, page=page, per_page=PAGE_SIZE_SEARCH, filters=filters, sort=sort)
    except (ValueError, SearchError) as error:
        message = (  # bilingual on both languages' pages, as every 400 is
            f"{error.message_ko} / {error.message_en}"
            if isinstance(error, SearchError)
            else "쪽 번호는 숫자여야 합니다. / The page number must be a number."
        )
        return render(request, "portal/search.html", {"query": text, "error": message}, status=400)
    pages = Paginator(range(min(results.total, PAGE_SIZE_SEARCH * MAX_PAGE)), PAGE_SIZE_SEARCH)
    context = {
        "query": text, "results": results, "page": pages.get_page(page),
        "facets": facets(results, text=text, filters=filters, sort=sort),
        "pager_query": pager_query(text=text, filters=filters, sort=sort), "filters": filters,
        "sort_links": sort_links(text=text, filters=filters, sort=sort),
        "feed_query": pager_query(text=text, filters=filters, sort=sort).rstrip("&"),
        "suggestions": zero_result_suggestions(text=text, filters=filters) if not results.total else [],
    }  # fmt: skip
    return render(request, "portal/search.html", context)


def record_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    record = publication_get(public_id=public_id)
    if record is None:
        raise Http404(NOT_FOUND)
    related = publication_related(record)
    similar = similar_records(public_id=record.public_id, exclude=[other.public_id for other in related])
    context = {
        "record": record, "files": record.files.all(), "grounds": ground_labels(record.grounds),
        "extras": record_extras(request, record), "related": related, "similar": similar,
        "projects": projects_of_record(record.public_id),
    }  # fmt: skip
    return render(request, "portal/record.html", context)


@xframe_options_sameorigin
def record_preview(request: HttpRequest, public_id: str) -> HttpResponse:
    """A record's page previews alone, shown in place inside a result list (an iframe in a <details>)."""
    record = publication_get(public_id=public_id)
    if record is None:
        raise Http404(NOT_FOUND)
    files = [file for file in record.files.all() if file.pages.all()]
    return render(request, "portal/preview.html", {"record": record, "files": files})


def records_feed(request: HttpRequest) -> HttpResponse:
    return _feed(RecordsFeed(), request)


def search_feed(request: HttpRequest) -> HttpResponse:
    return _feed(SearchFeed(), request)


def _feed(feed: Feed, request: HttpRequest) -> HttpResponse:
    try:
        return feed(request)
    except FeedRequestError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers: record pages through the sitemap, slowly; never the workbench, the API or searches."""
    sitemap = request.build_absolute_uri(reverse("portal:sitemap"))
    lines = [
        "User-agent: *", f"Crawl-delay: {CRAWL_DELAY_SECONDS}", "Disallow: /workbench/", "Disallow: /admin/",
        "Disallow: /api/", "Disallow: /search/", f"Sitemap: {sitemap}",
    ]  # fmt: skip
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def file_download(request: HttpRequest, public_id: str, order: int) -> FileResponse:
    file = published_file_get(public_id=public_id, order=order)
    if file is None:
        raise Http404(NOT_FOUND)
    return FileResponse(
        published_file_path(file).open("rb"), as_attachment=True, filename=file.name,
        content_type=file.mime_type or "application/octet-stream",
    )  # fmt: skip


def page_image(request: HttpRequest, public_id: str, order: int, number: int) -> FileResponse:
    page = published_page_get(public_id=public_id, order=order, number=number)
    if page is None:
        raise Http404(NOT_FOUND)
    return FileResponse(published_page_path(page).open("rb"), content_type="image/png")


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """진본 확인: a citizen uploads a copy; the page says genuine, altered or unknown."""
    context: dict[str, object] = {"max_mb": MAX_VERIFY_BYTES // (1024 * 1024)}
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("copy")
        if upload is None:
            context["error"] = "확인할 파일을 선택해 주십시오. / Please choose a file to check."
            status = 400
        elif upload.size is not None and upload.size > MAX_VERIFY_BYTES:
            context["error"] = (
                f"파일이 너무 큽니다(최대 {context['max_mb']}MB). / The file is too large "
                f"(at most {context['max_mb']} MB)."
            )
            status = 413
        else:
            context["result"] = copy_verify(upload.read())
    return render(request, "portal/verify.html", context, status=status)


def signing_certificate(request: HttpRequest) -> HttpResponse:
    certificate = signing_certificate_pem()
    if certificate is None:
        raise Http404("아직 서명한 공개본이 없습니다 / nothing has been signed yet")
    response = HttpResponse(certificate, content_type="application/x-pem-file")
    response["Content-Disposition"] = 'attachment; filename="sotong-signing-certificate.pem"'
    return response
