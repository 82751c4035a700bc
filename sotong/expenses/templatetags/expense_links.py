"""``{% expense_list_url path year month %}``: the list page filtered to a department (and month)."""

from __future__ import annotations

from django import template

from sotong.expenses.filters import list_url
from sotong.expenses.selectors import ExpenseFilters

register = template.Library()


@register.simple_tag
def expense_list_url(department: tuple[str, ...], year: int | None = None, month: int | None = None) -> str:
    return list_url(ExpenseFilters(department=tuple(department), year=year, month=month))
