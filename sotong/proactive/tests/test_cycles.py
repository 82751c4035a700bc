"""Next due = last publication + cycle; overdue from the day after; ad hoc and not set: never due."""

import datetime as dt

import pytest

from sotong.proactive.choices import Cycle
from sotong.proactive.cycles import add_months, is_overdue, next_due

LAST = dt.date(2020, 9, 24)


@pytest.mark.parametrize(
    ("cycle", "due"),
    [
        (Cycle.MONTHLY, dt.date(2020, 10, 24)),
        (Cycle.QUARTERLY, dt.date(2020, 12, 24)),
        (Cycle.YEARLY, dt.date(2021, 9, 24)),
        (Cycle.AD_HOC, None),
        (Cycle.NOT_SET, None),
    ],
)
def test_next_due_is_the_last_publication_plus_the_cycle(cycle, due):
    assert next_due(LAST, cycle) == due


def test_a_month_after_the_31st_is_the_last_day_of_the_shorter_month():
    assert add_months(dt.date(2020, 1, 31), 1) == dt.date(2020, 2, 29)  # leap year
    assert add_months(dt.date(2021, 1, 31), 1) == dt.date(2021, 2, 28)
    assert add_months(dt.date(2020, 11, 30), 3) == dt.date(2021, 2, 28)  # over the year's end
    assert add_months(dt.date(2020, 2, 29), 12) == dt.date(2021, 2, 28)


def test_nothing_published_means_nothing_due():
    assert next_due(None, Cycle.MONTHLY) is None


def test_overdue_only_after_the_due_day():
    due = dt.date(2020, 10, 24)
    assert not is_overdue(due, dt.date(2020, 10, 24))
    assert is_overdue(due, dt.date(2020, 10, 25))
    assert not is_overdue(None, dt.date(2099, 1, 1))
