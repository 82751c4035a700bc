"""Reads for the public 업무추진비 pages. Public code: only published expense lines, never the registry."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum

from sotong.expenses.models import DEPARTMENT_LEVELS, ExpenseLine

LEVEL_FIELDS = tuple(f"dept_level_{level}" for level in range(1, DEPARTMENT_LEVELS + 1))


@dataclass(frozen=True)
class ExpenseFilters:
    department: tuple[str, ...] = ()  # a path prefix: level 1, then level 2, …
    year: int | None = None
    month: int | None = None
    purpose: str = ""  # text the purpose contains


@dataclass(frozen=True)
class DepartmentChoice:
    name: str
    lines: int


@dataclass(frozen=True)
class Total:
    amount: int  # 원
    lines: int


@dataclass(frozen=True)
class DepartmentTotals:
    department: tuple[str, ...]
    by_month: list[tuple[int, Total | None]]  # each month of ``ExpenseTotals.months``; None: nothing spent
    total: Total


@dataclass(frozen=True)
class ExpenseTotals:
    months: list[int]
    rows: list[DepartmentTotals]
    by_month: list[Total]
    total: Total


def expense_line_list(*, filters: ExpenseFilters) -> QuerySet[ExpenseLine]:
    """Lines matching the filters, newest first."""
    lines = ExpenseLine.objects.filter(**dict(zip(LEVEL_FIELDS, filters.department, strict=False)))
    if filters.year is not None:
        lines = lines.filter(year=filters.year)
    if filters.month is not None:
        lines = lines.filter(month=filters.month)
    if filters.purpose:
        lines = lines.filter(purpose__icontains=filters.purpose)
    return lines.order_by("-spent_at", "-id")


def expense_department_children(*, filters: ExpenseFilters) -> list[DepartmentChoice]:
    """The units one level below the chosen path, with how many of the filtered lines each has."""
    depth = len(filters.department)
    if depth >= DEPARTMENT_LEVELS:
        return []
    column = LEVEL_FIELDS[depth]
    rows = (
        expense_line_list(filters=filters).exclude(**{column: ""}).order_by(column)
        .values_list(column).annotate(lines=Count("id"))
    )  # fmt: skip
    return [DepartmentChoice(name, lines) for name, lines in rows]


def expense_months() -> list[tuple[int, int]]:
    """Every (year, month) with lines, newest first."""
    return list(ExpenseLine.objects.order_by("-year", "-month").values_list("year", "month").distinct())


def expense_years() -> list[int]:
    return list(ExpenseLine.objects.order_by("-year").values_list("year", flat=True).distinct())


def expense_monthly_totals(*, department: tuple[str, ...], year: int) -> ExpenseTotals:
    """Sum and count of one year's lines per full department path and month, in one query."""
    lines = expense_line_list(filters=ExpenseFilters(department=department, year=year))
    grouped = (
        lines.order_by(*LEVEL_FIELDS, "month").values_list(*LEVEL_FIELDS, "month")
        .annotate(amount=Sum("amount"), lines=Count("id"))
    )  # fmt: skip
    cells: dict[tuple[str, ...], dict[int, Total]] = {}
    for *levels, month, amount, count in grouped:
        path = tuple(name for name in levels if name)
        cells.setdefault(path, {})[month] = Total(amount, count)
    months = sorted({month for by_month in cells.values() for month in by_month})
    rows = [
        DepartmentTotals(path, [(month, by_month.get(month)) for month in months], _sum(by_month.values()))
        for path, by_month in cells.items()
    ]
    by_month = [_sum(cells[path].get(month) for path in cells) for month in months]
    return ExpenseTotals(months, rows, by_month, _sum(by_month))


def _sum(totals: Iterable[Total | None]) -> Total:
    present = [total for total in totals if total is not None]
    return Total(sum(t.amount for t in present), sum(t.lines for t in present))
