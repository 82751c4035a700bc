"""The plain data that goes into a search backend and comes back out.

A ``SearchDocument`` is built by the publication layer from the public record only, so nothing here
can carry text that is not already public. Results carry every field a list page shows, so that a
page of hits needs no database query.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sotong.search.errors import (
    BAD_PAGE,
    BAD_PER_PAGE,
    BAD_SORT,
    BAD_YEAR_FILTER,
    UNKNOWN_FILTER,
    SearchError,
)

# The fields a list can be narrowed by and counted over, in the order the portal shows them.
# ``field`` is the record's 분야 (``publication.fields``: 교통, 안전, 환경 …).
FACET_FIELDS: tuple[str, ...] = ("organization", "department", "info_type", "field", "year", "grade")
MAX_PER_PAGE = 100
# Deep pages cost a top-(page × per_page) collection; nobody reads page 500 of a search, robots do.
MAX_PAGE = 500
# How a page of hits is ordered: by score (the default for a text query) or newest first.
RELEVANCE, NEWEST = "relevance", "date"
SORTS = (RELEVANCE, NEWEST)

# A run of text and whether it matched the query. Templates escape the text themselves.
Segment = tuple[str, bool]


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """One published record as search sees it; ``id`` is the stable public id."""

    id: str
    title: str
    body: str
    registration_number: str = ""
    organization: str = ""
    department: str = ""
    info_type: str = ""
    year: int | None = None
    grade: str = ""
    date: str | None = None  # ISO date (YYYY-MM-DD); the list page sorts by it, newest first
    url: str = ""
    # 분야. Last: the name would hide ``dataclasses.field`` from the attributes after it.
    field: str = ""

    def facet_value(self, name: str) -> str:
        value = getattr(self, name)
        return "" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What a reader asked for. Empty ``text`` lists everything, newest first; ``sort="date"``
    orders the matches of a text newest first too (equal dates by id, as the empty query)."""

    text: str = ""
    page: int = 1
    per_page: int = 20
    filters: Mapping[str, str] = field(default_factory=dict)
    sort: str = RELEVANCE

    def __post_init__(self) -> None:
        if not 1 <= self.page <= MAX_PAGE:
            raise SearchError(BAD_PAGE, field="page", page=self.page, max_page=MAX_PAGE)
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise SearchError(
                BAD_PER_PAGE, field="per_page", per_page=self.per_page, max_per_page=MAX_PER_PAGE
            )
        if self.sort not in SORTS:
            raise SearchError(BAD_SORT, field="sort", value=self.sort)
        for name, value in self.filters.items():
            if name not in FACET_FIELDS:
                raise SearchError(UNKNOWN_FILTER, field=name, name=name, choices=", ".join(FACET_FIELDS))
            if name == "year" and not str(value).strip().isdigit():
                raise SearchError(BAD_YEAR_FILTER, field="year", value=value)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass(frozen=True, slots=True)
class Hit:
    """One result: the public fields plus a snippet highlighted on the original text."""

    id: str
    score: float
    title: str
    snippet: tuple[Segment, ...]
    title_segments: tuple[Segment, ...] = ()
    registration_number: str = ""
    organization: str = ""
    department: str = ""
    info_type: str = ""
    year: int | None = None
    grade: str = ""
    date: str | None = None
    url: str = ""
    field: str = ""  # 분야


@dataclass(frozen=True, slots=True)
class SearchResults:
    """A page of hits, the size of the whole result set, and facet counts over all of it.

    ``facets`` maps every name in ``FACET_FIELDS`` to ``(value, count)`` pairs, most frequent
    first; counts cover every document that matches the query and the filters, not just this page.
    """

    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
