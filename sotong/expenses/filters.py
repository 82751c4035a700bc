"""The 업무추진비 pages' query strings: read them into ``ExpenseFilters``, and write the links back.

``/expenses/?dept=사업소&dept=상수도사업본부&month=2020-09&purpose=격려&page=2``: ``dept`` repeats,
one value per level of the department path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext

from sotong.expenses.errors import (
    FILTER_DEPARTMENT,
    FILTER_MONTH,
    FILTER_PAGE,
    FILTER_PURPOSE,
    FILTER_YEAR,
    ExpenseFilterError,
)
from sotong.expenses.models import DEPARTMENT_LEVELS, DEPARTMENT_NAME_MAX
from sotong.expenses.selectors import DepartmentChoice, ExpenseFilters

PURPOSE_MAX = 100
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_YEAR = re.compile(r"[0-9]{4}")
_PAGE = re.compile(r"[0-9]{1,6}")


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    lines: int | None = None
    current: bool = False


def list_filters_parse(params: QueryDict) -> ExpenseFilters:
    """The list page's filters; a value it cannot use raises ``ExpenseFilterError``."""
    month_text = params.get("month", "").strip()
    year, month = None, None
    if month_text:
        found = _MONTH.fullmatch(month_text)
        if found is None or not 1 <= int(found[2]) <= 12:
            raise ExpenseFilterError(FILTER_MONTH, field="month")
        year, month = int(found[1]), int(found[2])
    purpose = params.get("purpose", "").strip()
    if len(purpose) > PURPOSE_MAX:
        raise ExpenseFilterError(FILTER_PURPOSE, field="purpose")
    return ExpenseFilters(department=department_parse(params), year=year, month=month, purpose=purpose)


def department_parse(params: QueryDict) -> tuple[str, ...]:
    path = tuple(name.strip() for name in params.getlist("dept"))
    if len(path) > DEPARTMENT_LEVELS or any(not name or len(name) > DEPARTMENT_NAME_MAX for name in path):
        raise ExpenseFilterError(FILTER_DEPARTMENT, field="dept")
    return path


def year_parse(params: QueryDict) -> int | None:
    text = params.get("year", "").strip()
    if text and not _YEAR.fullmatch(text):
        raise ExpenseFilterError(FILTER_YEAR, field="year")
    return int(text) if text else None


def page_parse(params: QueryDict) -> int:
    text = params.get("page", "1").strip()
    if not _PAGE.fullmatch(text) or int(text) < 1:
        raise ExpenseFilterError(FILTER_PAGE, field="page")
    return int(text)


def filter_query(filters: ExpenseFilters) -> str:
    """The filters as a query string (no page): the list's pager and links keep them."""
    params: list[tuple[str, str]] = [("dept", name) for name in filters.department]
    if filters.year is not None and filters.month is not None:
        params.append(("month", month_value(filters.year, filters.month)))
    elif filters.year is not None:
        params.append(("year", str(filters.year)))
    if filters.purpose:
        params.append(("purpose", filters.purpose))
    return urlencode(params)


def list_url(filters: ExpenseFilters) -> str:
    query = filter_query(filters)
    return reverse("expenses:list") + (f"?{query}" if query else "")


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def department_links(
    filters: ExpenseFilters, children: list[DepartmentChoice], *, page: str
) -> tuple[list[Link], list[Link]]:
    """The tree filter: the chosen path (전체 › level 1 › …) and the units one level below it."""
    base = reverse(page)

    def url(path: tuple[str, ...]) -> str:
        query = filter_query(ExpenseFilters(path, filters.year, filters.month, filters.purpose))
        return base + (f"?{query}" if query else "")

    path = filters.department
    crumbs = [Link(gettext("전체 부서"), url(()), current=not path)]
    crumbs += [
        Link(name, url(path[: depth + 1]), current=depth == len(path) - 1) for depth, name in enumerate(path)
    ]
    return crumbs, [Link(child.name, url((*path, child.name)), child.lines) for child in children]


def year_links(department: tuple[str, ...], years: list[int], chosen: int) -> list[Link]:
    """The totals page's years, keeping the chosen department."""
    base = reverse("expenses:totals")
    return [
        Link(
            gettext("%(year)s년") % {"year": year},
            f"{base}?{filter_query(ExpenseFilters(department, year=year))}",
            current=year == chosen,
        )
        for year in years
    ]
