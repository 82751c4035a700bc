"""The portal served by a live server with the demo data, and Debian's Chromium to look at it.

The demo is taken in through the real intake (drop folders and the list import), as in
``sotong/portal/tests/test_pages.py``: the pipeline runs inline when the intake commits, so the tests
need a real commit (``transactional_db``, which ``live_server`` brings) and plant the demo once per
test. The tests are therefore few and broad: one visits every page type.

Every test here uses the ``browser`` fixture: ``tests/run_suites.py`` runs them as a suite of their
own, on SQLite only (the pages do not depend on the database vendor).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from sotong.intake.services.folders import folder_ingest
from sotong.intake.services.lists import list_import
from sotong.organizations.models import Organization
from sotong.publication.models import PublishedRecord
from tests.accessibility.browser import browser_missing, chromium_launch
from tests.accessibility.pages import Portal

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REQUIRE_ALL_VAR = "SOTONG_REQUIRE_ALL_SUITES"


# Each kind of record page, as the demo publishes it: what the template shows differs for each.
RECORD_KINDS: dict[str, dict[str, Any]] = {
    "record, 공개 with page previews": {"grade": "공개", "files__pages__isnull": False},
    "record, 부분공개 with its reasons": {"grade": "부분공개", "listing": "graded"},
    "record under review": {"listing": "under_review"},
    "record published elsewhere": {"listing": "published_elsewhere"},
    "record known only from the list": {"listing": "listed_only"},
}


@pytest.fixture
def portal(live_server, seoul: Organization, demo_data: Path) -> Portal:
    for folder in ("seed-documents", "demo-withheld"):
        folder_ingest(folder=demo_data / folder, actor="test")
    list_import(
        path=demo_data / "opengov" / "20210208_20210214_info_list_part.xml", organization=seoul, actor="test"
    )
    records = {}
    for kind, lookup in RECORD_KINDS.items():
        record = PublishedRecord.objects.filter(**lookup).order_by("id").first()
        assert record is not None, f"the demo has no {kind}"
        records[kind] = f"/records/{record.public_id}/"
    return Portal(url=live_server.url, records=records)


def skip_without_browser() -> None:
    """Skip, saying why, where Chromium or Playwright is missing; fail instead when CI requires them."""
    why = browser_missing()
    if why and os.environ.get(REQUIRE_ALL_VAR):
        pytest.fail(f"{REQUIRE_ALL_VAR}=1: {why}")
    if why:
        pytest.skip(why)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Say it before the demo is planted (ten seconds a test), not after."""
    skip_without_browser()


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    """Headless Chromium, or a skip that says why it cannot start (a failure when CI requires it)."""
    skip_without_browser()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread, and Django then refuses every
    # database call made here (planting the demo, emptying the database after the test) as if it
    # came from async code. These calls are synchronous; Playwright documents this setting for them.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = chromium_launch(playwright)
        yield chromium
        chromium.close()
