"""axe-core (WCAG 2.0/2.1 A and AA, no rule disabled) finds nothing on the project pages filled with
the demo's projects (the real seeds and the real week's task card), on a desktop and a phone, and no
page needs sideways scrolling on a phone. They run in the browser suite (``tests/run_suites.py``),
skipped, saying why, without Chromium."""

from __future__ import annotations

import pytest

from sotong.intake.services.folders import folder_ingest
from sotong.intake.services.lists import list_import
from sotong.projects.demo import projects_demo_load
from sotong.projects.models import Project
from tests.accessibility.conftest import browser  # noqa: F401  (the fixture: joins the browser suite)
from tests.accessibility.filled import FILLED_PAGES_MARKS, filled_page_failures

pytestmark = FILLED_PAGES_MARKS


@pytest.fixture
def project_paths(seoul, demo_data) -> list[tuple[str, int]]:
    """Planted before the browser starts: signing the seeds' public PDFs runs its own event loop,
    which Playwright's, once started in this thread, would refuse."""
    folder_ingest(folder=demo_data / "seed-documents", actor="test")
    list_import(
        path=demo_data / "opengov" / "20210208_20210214_info_list.csv", organization=seoul, actor="test"
    )
    projects_demo_load(root=demo_data, say=lambda _: None)
    slugs = list(Project.objects.filter(published=True).values_list("slug", flat=True))
    assert len(slugs) == 2
    paths = [("/projects/", 200), ("/projects/?kind=construction", 200), ("/projects/no-such/", 404)]
    return paths + [(f"/projects/{slug}/", 200) for slug in slugs]


def test_the_filled_project_pages_have_no_axe_violation_nor_sideways_scrolling(
    project_paths,
    live_server,
    browser,  # noqa: F811  (the suite's fixture, imported above)
):
    failures = filled_page_failures(browser, live_server.url, project_paths)
    assert not failures, "\n\n".join(failures)
