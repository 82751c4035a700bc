"""axe and phone reflow on an app's own pages filled with its data: the accessibility suite reaches
those pages from the menu, but its demo leaves them empty (no expenses, no projects, an empty
catalogue). An app's test plants its data, then hands the paths here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING

import pytest
from django.conf import settings

from tests.accessibility.axe import axe_violations, violations_report
from tests.accessibility.pages import KOREAN, PHONE
from tests.accessibility.test_phone import TOO_WIDE

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

DESKTOP: ViewportSize = {"width": 1280, "height": 900}
# An app's filled-pages test: ``pytestmark = FILLED_PAGES_MARKS``. As the browser suite, SQLite only:
# the pages do not depend on the database, and a live server on PostgreSQL leaves a session behind
# that keeps the test database from being dropped.
FILLED_PAGES_MARKS = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "sqlite" not in settings.DATABASES["default"]["ENGINE"],
        reason="브라우저 시험은 SQLite에서만 / browser checks run on SQLite only",
    ),
]


def filled_page_failures(
    browser: Browser,
    base_url: str,
    paths: Iterable[tuple[str, int]],
    *,
    around: Callable[[], AbstractContextManager[object]] = nullcontext,
    check: Callable[[Page, str], list[str]] | None = None,
) -> list[str]:
    """Every axe violation and every element wider than a phone's screen, on a desktop and a phone,
    page by page; ``around`` wraps each visit (a frozen clock), ``check`` adds the caller's own."""
    failures = []
    for viewport in (DESKTOP, PHONE):
        page = browser.new_page(viewport=viewport, locale=KOREAN)  # Chromium would ask for English
        for path, status in paths:
            with around():
                response = page.goto(base_url + path)
            assert response is not None and response.status == status, path
            if check is not None:
                failures += check(page, path)
            violations = axe_violations(page)
            if violations:
                failures.append(violations_report(f"{viewport['width']}px {path}", violations))
            if viewport == PHONE and (too_wide := page.evaluate(TOO_WIDE)):
                failures.append(f"phone {path}: wider than the screen: {too_wide[:3]}")
        page.close()
    return failures
