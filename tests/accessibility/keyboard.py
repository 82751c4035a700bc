"""Moving through a page with the keyboard alone, and seeing where the focus is."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

MAX_TABS = 80  # more stops than that before a target is itself a finding
MIN_FOCUS_CONTRAST = 3.0  # WCAG 2.1 SC 1.4.11: a focus ring against the white page
_RGB = re.compile(r"rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)")


def focused_matches(page: Page, selector: str) -> bool:
    return bool(page.evaluate("s => document.activeElement?.matches(s) ?? false", selector))


def focused_description(page: Page) -> str:
    return str(page.evaluate("() => document.activeElement?.outerHTML.slice(0, 120) ?? '(nothing)'"))


def tab_to(page: Page, selector: str, *, backwards: bool = False) -> list[str]:
    """Press Tab (Shift+Tab backwards) until the focus is on ``selector``; returns the problems seen
    on the way: every element that took the focus without a visible focus ring."""
    unseen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        problem = focus_ring_problem(page)
        if problem:
            unseen.append(problem)
        if focused_matches(page, selector):
            return unseen
    raise AssertionError(
        f"{MAX_TABS}번 Tab을 눌러도 {selector}에 닿지 않습니다 / Tab never reached {selector}"
    )


def focus_ring_problem(page: Page) -> str | None:
    """Why the focused element's focus is not visible enough, or None: an outline at least 2 px wide
    whose colour stands out from the white page by 3:1."""
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"""
    )
    outline_style, width, colour = style
    ratio = contrast_with_white(colour)
    if outline_style == "none" or float(width.removesuffix("px")) < 2 or ratio < MIN_FOCUS_CONTRAST:
        return (
            f"{focused_description(page)}: outline {outline_style} {width} {colour} (contrast {ratio:.1f}:1)"
        )
    return None


def contrast_with_white(css_colour: str) -> float:
    """The WCAG contrast ratio of an ``rgb()``/``rgba()`` colour (alpha over white) against white."""
    match = _RGB.fullmatch(css_colour.strip())
    if match is None:
        return 0.0
    alpha = float(match.group(4) or 1)
    channels = [alpha * int(match.group(i)) / 255 + (1 - alpha) for i in (1, 2, 3)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)
