"""On a phone, no public page needs sideways scrolling (WCAG 2.1 SC 1.4.10 reflow, which axe cannot
see): only a data table may be wider than the screen, as the criterion allows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.accessibility.pages import ENGLISH, KOREAN, PHONE, Portal, english_pages, open_page, public_pages

if TYPE_CHECKING:
    from playwright.sync_api import Browser

TOO_WIDE = """() => [...document.querySelectorAll("body *")]
    .filter(e => !e.closest("table") && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map(e => e.outerHTML.slice(0, 100))"""


def test_no_public_page_needs_sideways_scrolling_on_a_phone(portal: Portal, browser: Browser) -> None:
    """In Korean, and in English, whose longer words must still wrap (the header with its language
    switch above all)."""
    page = browser.new_page(viewport=PHONE, locale=KOREAN)
    english = browser.new_page(viewport=PHONE, locale=ENGLISH)
    visits = [(page, "", page_type) for page_type in public_pages(page, portal)]
    visits += [(english, "English ", page_type) for page_type in english_pages(portal)]
    too_wide = {}
    for tab, language, page_type in visits:
        open_page(tab, portal, page_type)
        elements = tab.evaluate(TOO_WIDE)
        if elements:
            too_wide[f"{language}{page_type.name} ({page_type.path})"] = elements[:3]
    assert not too_wide, too_wide
