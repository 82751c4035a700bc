"""axe-core finds no WCAG 2.0/2.1 A or AA violation on any public page type, on a desktop and a phone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.template.loader import render_to_string

from tests.accessibility.axe import axe_violations, violations_report
from tests.accessibility.pages import (
    ENGLISH,
    KOREAN,
    PHONE,
    PageType,
    Portal,
    english_pages,
    open_page,
    public_pages,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, FilePayload, Page


def check(page: Page, portal: Portal, page_type: PageType, where: str) -> str | None:
    open_page(page, portal, page_type)
    violations = axe_violations(page)
    return (
        violations_report(f"{where} {page_type.name} ({page_type.path})", violations) if violations else None
    )


def check_english(page: Page, portal: Portal, page_type: PageType) -> str | None:
    report = check(page, portal, page_type, "English desktop")
    assert page.get_attribute("html", "lang") == "en", f"{page_type.path} answered in English"
    return report


def check_verdict(page: Page, portal: Portal, record_path: str) -> str | None:
    """The verify page once it has judged a copy: the record's own public PDF, so genuine."""
    open_page(page, portal, PageType("record", record_path))
    href = page.locator("a[download][href*='/files/']").first.get_attribute("href")
    pdf = page.request.get(portal.url + str(href)).body()
    open_page(page, portal, PageType("verify", "/verify/"))
    copy: FilePayload = {"name": "copy.pdf", "mimeType": "application/pdf", "buffer": pdf}
    page.set_input_files("input[type=file]", files=copy)
    with page.expect_navigation():
        page.click("form[enctype] button[type=submit]")
    assert page.locator(".verdict-genuine").count() == 1, "the record's own PDF is judged genuine"
    violations = axe_violations(page)
    return violations_report("desktop verify with a verdict", violations) if violations else None


def test_every_public_page_type_has_no_axe_violation(portal: Portal, browser: Browser) -> None:
    desktop, phone = browser.new_page(locale=KOREAN), browser.new_page(viewport=PHONE, locale=KOREAN)
    pages = public_pages(desktop, portal)
    reports = [check(desktop, portal, page_type, "desktop") for page_type in pages]
    reports += [check(phone, portal, page_type, "phone") for page_type in pages]
    reports.append(check_verdict(desktop, portal, portal.records["record, 공개 with page previews"]))
    english = browser.new_page(locale=ENGLISH)
    reports += [check_english(english, portal, page_type) for page_type in english_pages(portal)]
    failures = [report for report in reports if report]
    assert not failures, "\n\n".join(failures)


def test_the_server_error_page_has_no_axe_violation(browser: Browser) -> None:
    """The 500 page stands alone (no base template, no database): it is checked as Django renders it."""
    page = browser.new_page()
    page.set_content(render_to_string("500.html"))
    violations = axe_violations(page)
    assert not violations, violations_report("server error (500)", violations)


BROKEN_PAGE = """<!doctype html><html><head><title>broken</title></head><body><main>
<p style="color:#bbb">faint text</p><img src="data:image/png;base64,"><input type="text"></main></body></html>"""


def test_the_check_finds_what_the_wcag_rules_forbid(browser: Browser) -> None:
    """The harness bites: axe runs with the WCAG tags, and the report names id, impact, help and element."""
    page = browser.new_page()
    page.set_content(BROKEN_PAGE)
    violations = axe_violations(page)
    assert {"html-has-lang", "color-contrast", "image-alt", "label"} <= {v["id"] for v in violations}
    report = violations_report("broken", violations)
    assert "image-alt (critical): Images must have alternative text" in report
    assert "      img — Fix any of the following:" in report
