"""Fixtures shared by every app's tests: the real demo data, read in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from sotong.core.translations import catalogues_compile
from sotong.organizations.models import Organization


def pytest_sessionstart(session: pytest.Session) -> None:
    """English pages read the compiled catalogue: compile what is stale, as `make test` does, so that
    pytest run alone tests the translations as committed."""
    catalogues_compile()


@pytest.fixture(scope="session")
def demo_data() -> Path:
    root = Path(settings.SOTONG_DEMO_DATA)
    if not (root / "seoul-organizations.json").is_file():
        pytest.fail(
            f"데모 데이터가 없습니다: {root} — ../shared/data를 두거나 SOTONG_DEMO_DATA를 설정하십시오 / "
            f"demo data not found at {root}: put ../shared beside the repository or set SOTONG_DEMO_DATA"
        )
    return root


@pytest.fixture
def seoul(db: None, demo_data: Path) -> Organization:
    """The real organization chart imported; returns the city headquarters."""
    from sotong.organizations.services.chart import organization_import_chart

    organization_import_chart(path=demo_data / "seoul-organizations.json", actor="test")
    return Organization.objects.get(name="서울특별시")


@pytest.fixture(autouse=True)
def isolated_stores(settings, tmp_path: Path) -> None:
    """Each test gets its own originals, rendered, public and search folders (the signing key is
    shared by the session: generating one per test would only cost time)."""
    cache.clear()  # cached figures (the home page's counts) of another test's data
    settings.SOTONG_DATA_DIR = tmp_path
    settings.SOTONG_ORIGINALS_DIR = tmp_path / "originals"
    settings.SOTONG_RENDERED_DIR = tmp_path / "rendered"
    settings.SOTONG_PUBLIC_DIR = tmp_path / "public"
    settings.SOTONG_SEARCH_DIR = tmp_path / "search"
