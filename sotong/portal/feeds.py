"""Atom feeds: the newest records, of the whole portal or of one organization or kind, and of any search.

Entries carry only what the record page shows in its heading: title, organization, department,
kind, date and disclosure status, never the body (a feed reader keeps what it fetched; a record
withdrawn or re-masked later must not live on in a feed's copy of its text).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from sotong.portal.list_page import ListRequestError, list_request
from sotong.portal.search_page import chosen_filters
from sotong.publication.listing import ListFilters, publication_page
from sotong.publication.models import PublishedRecord
from sotong.search.documents import RELEVANCE, Hit
from sotong.search.errors import SearchError
from sotong.search.selectors import search_records

ENTRIES = 50


class FeedRequestError(ValueError):
    """A feed asked for with parameters no page of ours writes: answered 400, in both languages."""


def status_label(record: PublishedRecord) -> str:
    """The disclosure status as the list shows it (``portal/_grade.html``)."""
    listing, grade = record.listing, record.grade
    if listing == "under_review":
        return gettext("검토 중")
    if listing == "out_of_scope":
        return gettext("목록만 공개")
    if grade:
        return gettext(grade)
    return gettext("원문공개(외부)") if listing == "published_elsewhere" else gettext("목록만 공개")


def _joined(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def _produced_on(day: str) -> str:
    return gettext("생산일 %(day)s") % {"day": day}


def record_summary(record: PublishedRecord) -> str:
    day = _produced_on(record.produced_on.isoformat()) if record.produced_on else ""
    return _joined(record.organization, record.department, record.info_type, status_label(record), day)


def hit_summary(hit: Hit) -> str:
    day = _produced_on(hit.date) if hit.date else ""
    status = gettext(hit.grade) if hit.grade else gettext("목록만 공개")
    return _joined(hit.organization, hit.department, hit.info_type, status, day)


class RecordsFeed(Feed):
    """``/feed/`` (optionally ``?organization=…&info_type=…``): the newest records, as the list orders them."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> ListFilters:
        try:
            filters = list_request(request.GET).filters
        except ListRequestError as error:
            raise FeedRequestError(f"{error.message_ko} / {error.message_en}") from error
        return ListFilters(
            organization=filters.organization, info_type=filters.info_type, field=filters.field
        )

    def title(self, obj: ListFilters) -> str:
        scope = " · ".join(part for part in (obj.organization, obj.info_type) if part)
        title = gettext("정보소통광장 새 문서")
        return f"{title} — {scope}" if scope else title

    def link(self, obj: ListFilters) -> str:
        params = urlencode(
            {k: v for k, v in (("organization", obj.organization), ("info_type", obj.info_type)) if v}
        )
        return reverse("portal:list") + (f"?{params}" if params else "")

    def subtitle(self, obj: ListFilters) -> str:
        return gettext("새로 생산된 문서의 목록입니다(제목과 공개 여부). 원문은 문서 페이지에서 보십시오.")

    def items(self, obj: ListFilters) -> list[PublishedRecord]:
        return publication_page(filters=obj, size=ENTRIES).records

    def item_title(self, item: PublishedRecord) -> str:
        return item.title

    def item_description(self, item: PublishedRecord) -> str:
        return record_summary(item)

    def item_link(self, item: PublishedRecord) -> str:
        return reverse("portal:record", args=[item.public_id])

    def item_pubdate(self, item: PublishedRecord) -> dt.datetime:
        return item.published_at

    def item_updateddate(self, item: PublishedRecord) -> dt.datetime:
        return item.updated_at

    def item_author_name(self, item: PublishedRecord) -> str:
        return item.organization

    def item_categories(self, item: PublishedRecord) -> list[str]:
        return [value for value in (item.info_type, item.organization) if value]


class SearchFeed(Feed):
    """``/search/feed/?q=…`` (and the search page's filters): the first results of a search, as Atom."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> tuple[str, dict[str, str]]:
        filters = chosen_filters(request.GET)
        if request.GET.get("sort"):
            filters["sort"] = request.GET["sort"]
        return request.GET.get("q", "").strip(), filters

    def title(self, obj: tuple[str, dict[str, str]]) -> str:
        text, _ = obj
        return (
            gettext("정보소통광장 검색: %(text)s") % {"text": text}
            if text
            else gettext("정보소통광장 검색: 모든 문서")
        )

    def link(self, obj: tuple[str, dict[str, str]]) -> str:
        text, filters = obj
        return reverse("portal:search") + "?" + urlencode({"q": text, **filters})

    def items(self, obj: tuple[str, dict[str, str]]) -> list[Hit]:
        text, chosen = obj
        filters = {name: value for name, value in chosen.items() if name != "sort"}
        try:
            return search_records(
                text=text, page=1, per_page=ENTRIES, filters=filters, sort=chosen.get("sort", RELEVANCE)
            ).hits
        except SearchError as error:
            raise FeedRequestError(f"{error.message_ko} / {error.message_en}") from error

    def item_title(self, item: Hit) -> str:
        return item.title

    def item_description(self, item: Hit) -> str:
        return hit_summary(item)

    def item_link(self, item: Hit) -> str:
        return reverse("portal:record", args=[item.id])
