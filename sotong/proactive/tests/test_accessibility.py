"""axe-core (WCAG 2.0/2.1 A and AA, no rule disabled) finds nothing on the catalogue's pages filled
with the real list, on a desktop and a phone, and no page needs sideways scrolling on a phone.

The accessibility suite (``tests/accessibility``) reaches ``/proactive/`` from the menu, but with an
empty catalogue; these tests look at the filled pages with its tools. They use its ``browser``
fixture, so they run in the browser suite (``tests/run_suites.py``) and are skipped, saying why,
where Chromium or Playwright is missing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sotong.core.clock import frozen_today
from sotong.proactive.choices import Cycle
from sotong.proactive.importer import proactive_import
from sotong.proactive.models import ProactiveItem
from sotong.proactive.services import item_cycle_set
from tests.accessibility.conftest import browser  # noqa: F401  (the fixture: joins the browser suite)
from tests.accessibility.filled import FILLED_PAGES_MARKS, filled_page_failures

pytestmark = FILLED_PAGES_MARKS


@pytest.fixture
def catalogue_paths(public_list: Path) -> list[tuple[str, int]]:
    proactive_import(path=public_list, actor="test")
    item_cycle_set(
        item=ProactiveItem.objects.get(taxonomy__endswith="유형별 민원처리실적"),
        cycle=Cycle.MONTHLY,
        actor="test",
    )
    fund = ProactiveItem.objects.get(taxonomy__endswith="한강수계관리기금 운용현황")
    return [
        ("/proactive/", 200),
        ("/proactive/?field=행정&department=시민봉사담당관", 200),
        ("/proactive/?overdue=1", 200),
        ("/proactive/?department=없는과", 200),
        (f"/proactive/{fund.pk}/", 200),
        ("/proactive/?page=abc", 400),
    ]


def _overdue_flag_shown(page, path: str) -> list[str]:
    """The flag's colours are checked by axe too: it must be on the page that asks for it."""
    if "overdue" in path and page.locator(".proactive-overdue").count() != 1:
        return [f"{path}: the overdue item is not flagged"]
    return []


def test_the_filled_catalogue_pages_have_no_axe_violation_nor_sideways_scrolling(
    live_server,
    browser,  # noqa: F811  (the suite's fixture, imported above)
    catalogue_paths,
):
    failures = filled_page_failures(
        browser,
        live_server.url,
        catalogue_paths,
        # The live server runs in this process: the frozen day makes the items overdue.
        around=lambda: frozen_today(dt.date(2021, 1, 1)),
        check=_overdue_flag_shown,
    )
    assert not failures, "\n\n".join(failures)
