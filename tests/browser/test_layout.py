"""The base layout in a real browser, on a phone and a desktop screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_home_is_clean_and_fits(request, live_server, lang: str, screen: str) -> None:
    checked = request.getfixturevalue(screen)
    page = checked.page
    page.goto(f"{live_server.url}/{lang}/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("main")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_contain_text("175")
    # Nothing wider than the screen: no sideways scrolling on a 360px phone.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    checked.assert_clean()


def test_skip_link_is_first_and_moves_focus(live_server, phone) -> None:
    page = phone.page
    page.goto(f"{live_server.url}/id/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Langsung ke isi utama")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_language_switch_keeps_the_page(live_server, phone) -> None:
    page = phone.page
    page.goto(f"{live_server.url}/id/")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Bahasa Indonesia").click()
    expect(page).to_have_url(f"{live_server.url}/id/")
    phone.assert_clean()


def test_csp_violation_listener_catches_inline_script(live_server, phone) -> None:
    """The safety net itself works: an inline script on our page is reported."""
    page = phone.page
    page.goto(f"{live_server.url}/id/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';"
        " document.body.appendChild(s); }"
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert any("script-src" in v for v in phone.csp_violations())
