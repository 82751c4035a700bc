"""A citizen with a keyboard alone goes from the home page to a search, a record's preview and its
download, and sees where the focus is at every step."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tests.accessibility.keyboard import focus_ring_problem, focused_matches, tab_to
from tests.accessibility.pages import KOREAN, Portal

if TYPE_CHECKING:
    from playwright.sync_api import Browser

QUERY = "정보화기획담당관-11644"  # the demo's 2012 plan (열린시정 2.0)
PREVIEW_PAGES = 16  # its public PDF's pages
SEARCH_FIELD = "header form[role=search] input[type=search]"
FIRST_RESULT = "ol.hits > li:first-child > a"
DOWNLOAD = "a[download][href*='/files/']"


def test_keyboard_alone_reaches_search_preview_and_download(portal: Portal, browser: Browser) -> None:
    page = browser.new_page(locale=KOREAN)
    page.goto(portal.url + "/")

    page.keyboard.press("Tab")
    assert focused_matches(page, "a.skip"), "첫 Tab은 본문 바로가기 / the first Tab reaches the skip link"
    assert focus_ring_problem(page) is None, focus_ring_problem(page)
    box = page.locator("a.skip").bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    assert focused_matches(page, "main#main"), "the skip link moves the focus to the main content"
    unseen = tab_to(page, "main a")  # the next Tab continues inside the main content

    unseen += tab_to(page, SEARCH_FIELD, backwards=True)
    page.keyboard.type(QUERY)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("ol.hits > li > a").count() == 1, page.url

    unseen += tab_to(page, FIRST_RESULT)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/records/" in page.url

    # The preview's text alternative, as a screen reader is given it: each page image is named after
    # its page, and the page's text beside it is a group named "N쪽 글".
    texts = []
    for number in range(1, PREVIEW_PAGES + 1):
        assert page.get_by_role("img", name=re.compile(rf"\s{number}쪽 화면")).count() == 1, number
        text = page.get_by_role("group", name=f"{number}쪽 글", exact=True)
        assert text.count() == 1, f"{number}쪽 글 is not exposed as a named group"
        texts.append(text.inner_text())
    assert "열린시정" in texts[0] and all(text.strip() for text in texts)

    unseen += tab_to(page, DOWNLOAD)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")
    href = page.locator(DOWNLOAD).first.get_attribute("href")
    response = page.request.get(portal.url + str(href))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")

    assert not unseen, "focus not visible on:\n" + "\n".join(unseen)
