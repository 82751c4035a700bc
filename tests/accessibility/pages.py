"""Every public page type to look at: fixed addresses, one record of each kind, and whatever the
home page's menus link to, so that a page another engineer adds to a menu joins the checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Page, ViewportSize

# The API's documentation is django-ninja's Swagger UI, whose script comes from a CDN the tests cannot
# reach (and which is not our markup): its empty shell is all a check would see.
NOT_OURS = ("/api/",)
PHONE: ViewportSize = {"width": 375, "height": 812}  # the viewport of a small phone
# Chromium asks for en-US by default: every page says which language its Accept-Language asks for.
KOREAN = "ko-KR"
ENGLISH = "en-US"


@dataclass(frozen=True)
class Portal:
    url: str  # the live server, without a trailing slash
    records: dict[str, str]  # one record page of each kind the record template shows → its path


@dataclass(frozen=True)
class PageType:
    name: str
    path: str
    status: int = 200


FIXED_PAGES = [
    PageType("home", "/"),
    PageType("search with results", "/search/?q=정보공개"),
    PageType("search with no result", "/search/?q=없는낱말zqxj"),
    PageType("search with a bad page number", "/search/?q=시민&page=9999", 400),
    PageType("list, first page", "/list/"),
    PageType("list, filtered", "/list/?organization=서울특별시"),
    PageType("a kind's list with its own filters", "/list/?info_type=결재문서"),
    PageType("list with a bad cursor", "/list/?after=bad", 400),
    PageType("verify", "/verify/"),
    PageType("not found", "/no-such-page/", 404),
]


def menu_paths(page: Page, portal: Portal) -> list[str]:
    """The paths on this site that the home page's menus (every ``nav``) link to."""
    page.goto(portal.url + "/")
    links = page.eval_on_selector_all("nav a[href]", "links => links.map(a => a.href)")
    site = urlsplit(portal.url).netloc
    paths = [
        urlsplit(link)._replace(scheme="", netloc="", fragment="").geturl()
        for link in links
        if urlsplit(link).netloc == site
    ]
    return [path for path in dict.fromkeys(paths) if not path.startswith(NOT_OURS)]


def public_pages(page: Page, portal: Portal) -> list[PageType]:
    pages = FIXED_PAGES + [PageType(kind, path) for kind, path in portal.records.items()]
    known = {p.path for p in pages}
    return pages + [PageType(f"menu {path}", path) for path in menu_paths(page, portal) if path not in known]


def english_pages(portal: Portal) -> list[PageType]:
    """The page types checked in English too: the fixed pages and one record of each kind (the menu
    pages share their header and footer, where English differs most)."""
    return FIXED_PAGES + [PageType(kind, path) for kind, path in portal.records.items()]


def open_page(page: Page, portal: Portal, page_type: PageType) -> None:
    """Go to the page and make sure it is the page meant (an error page answers with its status)."""
    response = page.goto(portal.url + page_type.path)
    status = response.status if response else None
    assert status == page_type.status, f"{page_type.name} ({page_type.path}) answered {status}"
