"""Public 업무추진비 pages. Thin: parse the filters, call the selectors, render."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import InvalidPage, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format

from sotong.expenses.errors import FILTER_PAGE, ExpenseFilterError
from sotong.expenses.filters import (
    department_links,
    department_parse,
    filter_query,
    list_filters_parse,
    month_value,
    page_parse,
    year_links,
    year_parse,
)
from sotong.expenses.selectors import (
    ExpenseFilters,
    expense_department_children,
    expense_line_list,
    expense_monthly_totals,
    expense_months,
    expense_years,
)

PAGE_SIZE = 20


def expense_list(request: HttpRequest) -> HttpResponse:
    """Lines newest first, narrowed by department path, month and purpose text."""
    try:
        filters = list_filters_parse(request.GET)
        page = Paginator(expense_line_list(filters=filters), PAGE_SIZE).page(page_parse(request.GET))
    except ExpenseFilterError as error:
        return _bad_request(request, error)
    except InvalidPage:
        return _bad_request(request, ExpenseFilterError(FILTER_PAGE, field="page"))
    crumbs, children = department_links(
        filters, expense_department_children(filters=filters), page="expenses:list"
    )
    chosen = month_value(filters.year, filters.month) if filters.year and filters.month else ""
    months = [(month_value(year, month), _month_label(year, month)) for year, month in expense_months()]
    query = filter_query(filters)
    context = {
        "filters": filters, "page": page, "crumbs": crumbs, "children": children, "months": months,
        "chosen_month": chosen, "pager_query": f"{query}&" if query else "",
        "filtered": bool(filters.department or filters.month or filters.purpose),
    }  # fmt: skip
    return render(request, "expenses/list.html", context)


def expense_totals(request: HttpRequest) -> HttpResponse:
    """Department × month: the sum and the number of lines, for one year (the latest by default)."""
    try:
        department, chosen_year = department_parse(request.GET), year_parse(request.GET)
    except ExpenseFilterError as error:
        return _bad_request(request, error)
    years = expense_years()
    year = chosen_year or (years[0] if years else None)
    context: dict[str, object] = {"years": years, "year": year, "department": department}
    if year is not None:
        filters = ExpenseFilters(department=department, year=year)
        context["crumbs"], context["children"] = department_links(
            filters, expense_department_children(filters=filters), page="expenses:totals"
        )
        context["totals"] = expense_monthly_totals(department=department, year=year)
        context["year_links"] = year_links(department, years, year)
    return render(request, "expenses/totals.html", context)


def _month_label(year: int, month: int) -> str:
    """2020년 9월 in Korean, September 2020 in English (Django's YEAR_MONTH_FORMAT of the language)."""
    return date_format(dt.date(year, month, 1), "YEAR_MONTH_FORMAT")


def _bad_request(request: HttpRequest, error: ExpenseFilterError) -> HttpResponse:
    context = {"message_ko": error.message_ko, "message_en": error.message_en}
    return render(request, "expenses/bad_request.html", context, status=400)
