"""The header on a 360×800 phone (issue 14): the official strip, a Menu that works without
JavaScript, the header under 120 px, a slim header inside the request, pagination targets of at
least 44 px, and axe clean. On a desktop the menu's links show without a click."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser, expect

from tests.browser.conftest import CSP_LISTENER, CheckedPage

pytestmark = pytest.mark.browser
MAX_HEADER_PX = 120


@pytest.fixture
def app(make_seeded_app) -> Flask:  # the seeded content, for the live server
    return make_seeded_app()


def _context_page(browser: Browser, *, javascript: bool,
                  width: int = 360, height: int = 800) -> Iterator[CheckedPage]:
    context = browser.new_context(viewport={"width": width, "height": height},
                                  java_script_enabled=javascript)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield CheckedPage(page)
    context.close()


@pytest.fixture
def phone_800(browser: Browser) -> Iterator[CheckedPage]:
    yield from _context_page(browser, javascript=True)


@pytest.fixture
def phone_without_js(browser: Browser) -> Iterator[CheckedPage]:
    yield from _context_page(browser, javascript=False)


def header_height(page) -> float:
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")


@pytest.mark.parametrize(("lang", "strip", "how"), [
    ("id", "Situs resmi Pemerintah Kota Makassar", "Bagaimana Anda tahu?"),
    ("en", "An official website of Pemerintah Kota Makassar", "How do you know?"),
])
def test_official_strip_short_header_and_disclosure(live_server, phone_800, lang, strip,
                                                     how) -> None:
    page = phone_800.page
    page.goto(f"{live_server.url}/{lang}/")
    expect(page.locator(".official-banner")).to_contain_text(strip)
    expect(page.locator(".official-banner")).to_be_in_viewport()
    assert header_height(page) < MAX_HEADER_PX
    # Key actions above the fold on a phone: the first call to action is on screen.
    expect(page.locator(".cta-list a").first).to_be_in_viewport()
    expect(page.locator(".official-panel")).to_be_hidden()
    page.get_by_text(how).click()
    expect(page.locator(".official-panel")).to_be_visible()
    expect(page.locator(".official-panel")).to_contain_text(".go.id")
    phone_800.assert_clean()


def test_menu_opens_without_javascript(live_server, phone_without_js) -> None:
    page = phone_without_js.page
    page.goto(f"{live_server.url}/id/")
    assert page.evaluate("typeof htmx") == "undefined"  # really no script ran
    nav = page.get_by_role("navigation", name="Utama")
    expect(nav).to_be_hidden()
    assert header_height(page) < MAX_HEADER_PX
    page.locator("summary.menu-button").click()
    expect(nav).to_be_visible()
    expect(page.get_by_label("Cari di situs ini")).to_be_visible()
    nav.locator('a[href="/id/faq"]').click()
    expect(page).to_have_url(f"{live_server.url}/id/faq")


def test_menu_is_keyboard_operable_and_search_works(live_server, phone_800) -> None:
    page = phone_800.page
    page.goto(f"{live_server.url}/en/")
    page.locator("summary.menu-button").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    search = page.get_by_label("Search this site")
    search.fill("primaya")
    search.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/en/cari?q=primaya")
    expect(page.locator(".search-results li").first).to_be_visible()
    phone_800.assert_clean()


def test_language_switch_targets_are_large(live_server, phone_800) -> None:
    page = phone_800.page
    page.goto(f"{live_server.url}/id/")
    box = page.locator(".lang-switch a").bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    expect(page.locator(".lang-switch")).to_contain_text("ID")
    expect(page.locator(".lang-switch")).to_contain_text("EN")


def test_news_pagination_targets_are_at_least_44px(live_server, phone_800) -> None:
    page = phone_800.page
    page.goto(f"{live_server.url}/id/berita")
    links = page.locator(".pagination a")
    assert links.count() >= 2
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (index, box)
    phone_800.assert_clean()


def test_request_steps_have_a_slim_header(live_server, phone_800) -> None:
    page = phone_800.page
    page.goto(f"{live_server.url}/id/daftar")
    page.locator(".enrollment-start a.button").last.click()  # "start now"
    expect(page.locator(".step-progress")).to_be_visible()
    assert page.locator(".menu").count() == 0
    expect(page.locator(".official-banner")).to_be_visible()
    assert header_height(page) < 100
    phone_800.assert_clean()


def test_desktop_shows_the_menu_links_without_a_click(live_server, desktop) -> None:
    page = desktop.page
    page.goto(f"{live_server.url}/id/")
    expect(page.locator("summary.menu-button")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Utama").get_by_role(
        "link", name="Berita")).to_be_visible()
    expect(page.get_by_label("Cari di situs ini")).to_be_visible()
    desktop.assert_clean()
