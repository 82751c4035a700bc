"""When a 사전정보공표 item is due again: plain date arithmetic over its cycle (no database).

Next due = last publication date + the cycle. A month after 31 January is the last day of February
(the day is clamped, never rolled over into March). Ad hoc items and items whose cycle is not set
have no due date, so they are never overdue. An item is overdue from the day after its due date.
"""

from __future__ import annotations

import calendar
import datetime as dt

from sotong.proactive.choices import Cycle

MONTHS = {Cycle.MONTHLY: 1, Cycle.QUARTERLY: 3, Cycle.YEARLY: 12}


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def next_due(last_published: dt.date | None, cycle: str) -> dt.date | None:
    months = MONTHS.get(Cycle(cycle))
    if last_published is None or months is None:
        return None
    return add_months(last_published, months)


def is_overdue(due: dt.date | None, today: dt.date) -> bool:
    return due is not None and today > due
