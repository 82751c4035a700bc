"""axe-core (WCAG 2.0/2.1 A and AA, no rule disabled) finds nothing on the 업무추진비 pages filled
with the real list, on a desktop and a phone, and no page needs sideways scrolling on a phone. They
run in the browser suite (``tests/run_suites.py``), skipped, saying why, without Chromium."""

from __future__ import annotations

from urllib.parse import quote

from sotong.expenses.models import ExpenseLine
from tests.accessibility.conftest import browser  # noqa: F401  (the fixture: joins the browser suite)
from tests.accessibility.filled import FILLED_PAGES_MARKS, filled_page_failures

pytestmark = FILLED_PAGES_MARKS


def test_the_filled_expense_pages_have_no_axe_violation_nor_sideways_scrolling(
    live_server,
    browser,  # noqa: F811  (the suite's fixture, imported above)
    imported,
):
    line = ExpenseLine.objects.order_by("id").first()
    assert line is not None
    paths = [
        ("/expenses/", 200),
        (f"/expenses/?dept={quote(line.dept_level_1)}", 200),
        (f"/expenses/?dept={quote(line.dept_level_1)}&dept={quote(line.dept_level_2)}", 200),
        (f"/expenses/?month={line.year}-{line.month:02}", 200),
        ("/expenses/?purpose=간담회", 200),
        ("/expenses/totals/", 200),
        ("/expenses/?month=bad", 400),
    ]
    failures = filled_page_failures(browser, live_server.url, paths)
    assert not failures, "\n\n".join(failures)
