"""Debian's Chromium, driven by Playwright: found, never downloaded (no ``playwright install``).

Imported by ``tests/run_suites.py`` to decide, before pytest starts, whether the accessibility suite
can run; it therefore imports Playwright only when a browser is launched.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

CHROMIUM_BIN_VAR = "CHROMIUM_BIN"  # another Chromium than the one on PATH
HOW_TO_INSTALL = (
    "  실행하려면 / to run it: apt-get install chromium && make test\n"
    f"  (다른 Chromium은 {CHROMIUM_BIN_VAR}로 / name another build with {CHROMIUM_BIN_VAR})"
)


def chromium_path() -> str | None:
    named = os.environ.get(CHROMIUM_BIN_VAR)
    return shutil.which(named) if named else shutil.which("chromium")


def browser_missing() -> str | None:
    """Why the accessibility tests cannot run here (Korean / English), or None when they can."""
    for module, package in (("playwright", "playwright"), ("axe_playwright_python", "axe-playwright-python")):
        if importlib.util.find_spec(module) is None:
            return (
                f"{package} 패키지가 설치되지 않았습니다 / the {package} package is not installed "
                "(pip install -e '.[dev]')"
            )
    if chromium_path() is None:
        named = os.environ.get(CHROMIUM_BIN_VAR)
        where = f"{CHROMIUM_BIN_VAR}={named}" if named else "PATH"
        return f"Chromium이 없습니다({where}) / Chromium not found on {where} (apt-get install chromium)"
    return None


def chromium_launch(playwright: Playwright) -> Browser:
    """Headless Chromium; Chromium refuses its sandbox to root (CI runs as root)."""
    path = chromium_path()
    assert path is not None, browser_missing()
    sandbox = ["--no-sandbox"] if os.geteuid() == 0 else []
    return playwright.chromium.launch(executable_path=path, headless=True, args=sandbox)
