"""axe-core run on a page with the WCAG 2.0/2.1 A and AA rules, every one of them: none is disabled.

axe-core arrives as the ``axe.min.js`` that the ``axe-playwright-python`` package bundles
(docs/decisions/0010-accessibility-in-chromium.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": list(WCAG_TAGS)}, "resultTypes": ["violations"]}


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """The violations axe finds on the page as it is now (after any script or resize)."""
    from axe_playwright_python.sync_playwright import Axe  # a dev extra: missing, the suite is skipped

    violations: list[dict[str, Any]] = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return violations


def violations_report(where: str, violations: list[dict[str, Any]]) -> str:
    """Each violation's id, impact, help and the elements it found, for a failure message."""
    lines = [f"{where}: {len(violations)} violation(s)"]
    for violation in violations:
        lines.append(f"  - {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            why = "; ".join(line.strip() for line in node.get("failureSummary", "").splitlines())
            why = why.replace(":; ", ": ")  # "Fix any of the following: A; B"
            lines.append(f"      {target} — {why}")
    return "\n".join(lines)
