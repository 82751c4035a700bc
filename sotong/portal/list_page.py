"""Turn a list request (filters, cursor) into what the 정보목록 page shows, and its links."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext, gettext_noop

from sotong.publication.fields import field_map_path, field_names
from sotong.publication.listing import FILTER_NAMES, ListCursorError, ListFilters, ListPage, ListPosition

FILTER_LABELS = {
    "organization": gettext_noop("기관"),
    "info_type": gettext_noop("정보 유형"),
    "year": gettext_noop("생산 연도"),
    "field": gettext_noop("분야"),
    "department": gettext_noop("생산 부서·기관"),
    "category": gettext_noop("자료 분류"),
    "region": gettext_noop("지역"),
}
TEXT_FILTERS = ("organization", "info_type", "department", "category", "region")
MAX_FILTER_CHARS = 200
# A kind's choices (``publication_list_choices``) show this many values each, the most frequent first.
CHOICES_SHOWN = 30


class ListRequestError(ValueError):
    def __init__(self, message_ko: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_ko = message_ko
        self.message_en = message_en


@dataclass(frozen=True)
class ListRequest:
    filters: ListFilters
    after: ListPosition | None
    before: ListPosition | None


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    value: str
    remove_url: str


def list_request(params: QueryDict) -> ListRequest:
    """The filters and cursor of ``/list/?organization=…&info_type=…&year=…&after=…``."""
    year_text = params.get("year", "").strip()
    if year_text and not (year_text.isdigit() and 1900 <= int(year_text) <= 2999):
        raise ListRequestError("생산 연도는 네 자리 숫자여야 합니다.", "The year must be four digits.")
    field = params.get("field", "").strip()
    if field and field not in field_names(field_map_path()):
        raise ListRequestError(f"'{field}'은(는) 분야가 아닙니다.", f"'{field}' is not a field (분야).")
    texts = {name: params.get(name, "").strip() for name in TEXT_FILTERS}
    if any(len(value) > MAX_FILTER_CHARS for value in texts.values()):
        raise ListRequestError(
            f"조건은 {MAX_FILTER_CHARS}자를 넘을 수 없습니다.",
            f"A filter cannot be longer than {MAX_FILTER_CHARS} characters.",
        )
    filters = ListFilters(year=int(year_text) if year_text else None, field=field, **texts)
    try:
        after = ListPosition.parse(params.get("after", "")) if params.get("after") else None
        before = ListPosition.parse(params.get("before", "")) if params.get("before") else None
    except ListCursorError as error:
        raise ListRequestError(error.message_ko, error.message_en) from error
    return ListRequest(filters, after, before)


def _params(filters: ListFilters) -> dict[str, str]:
    return {name: str(value) for name in FILTER_NAMES if (value := getattr(filters, name))}


def filter_query(filters: ListFilters) -> str:
    """The query string of the filters alone, for the first page's link and the pager's."""
    return urlencode(_params(filters))


def pager_urls(filters: ListFilters, page: ListPage) -> dict[str, str]:
    """Links to the newer and older pages, when there are such pages."""
    params = _params(filters)
    urls = {}
    if page.newer is not None:
        urls["newer"] = "?" + urlencode({**params, "before": page.newer.token()})
    if page.older is not None:
        urls["older"] = "?" + urlencode({**params, "after": page.older.token()})
    return urls


def active_filters(filters: ListFilters) -> list[ActiveFilter]:
    params = _params(filters)
    return [
        ActiveFilter(
            gettext(FILTER_LABELS[name]),
            value,
            "?" + urlencode({k: v for k, v in params.items() if k != name}),
        )
        for name, value in params.items()
    ]


@dataclass(frozen=True)
class Choice:
    value: str
    count: int
    url: str


@dataclass(frozen=True)
class ChoiceGroup:
    name: str
    label: str
    choices: list[Choice]
    more: int  # values not shown


def choice_groups(filters: ListFilters, choices: dict[str, dict[str, int]]) -> list[ChoiceGroup]:
    """A kind's own filters: for each way its records can be narrowed that is not chosen yet, the
    values with their counts, each a link that adds it to the filters in force (years newest first,
    other values the most frequent first)."""
    params = _params(filters)
    groups = []
    for name, counts in choices.items():
        if name in params or name not in FILTER_LABELS:
            continue
        if name == "year":
            ordered = sorted(counts.items(), key=lambda item: item[0], reverse=True)
        else:
            ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        shown = [
            Choice(value, count, "?" + urlencode({**params, name: value}))
            for value, count in ordered[:CHOICES_SHOWN]
        ]
        groups.append(
            ChoiceGroup(name, gettext(FILTER_LABELS[name]), shown, max(0, len(ordered) - CHOICES_SHOWN))
        )
    return groups
