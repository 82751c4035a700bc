"""``{% expense_list_url path year month %}``: the list page filtered to a department (and month);
``{{ amount|won }}`` and ``{{ month|month_name }}`` in the page's language."""

from __future__ import annotations

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.dates import MONTHS_AP
from django.utils.translation import gettext

from sotong.expenses.filters import list_url
from sotong.expenses.selectors import ExpenseFilters

register = template.Library()


@register.simple_tag
def expense_list_url(department: tuple[str, ...], year: int | None = None, month: int | None = None) -> str:
    return list_url(ExpenseFilters(department=tuple(department), year=year, month=month))


@register.filter
def won(amount: int) -> str:
    """217,960원 in Korean, ₩217,960 in English."""
    return gettext("%(amount)s원") % {"amount": intcomma(amount)}


@register.filter
def month_name(month: int) -> str:
    """9월 in Korean, Sept. in English: Django's own abbreviated month names."""
    return str(MONTHS_AP[month])
