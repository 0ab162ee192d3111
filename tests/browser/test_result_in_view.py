"""Item: after "Show the result" on a 360×800 phone, the result is what the person sees first,
with the focus on its heading and the enrollment action right under it, with and without
JavaScript."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import CSP_LISTENER, CheckedPage

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 360, 800


@pytest.fixture(params=[True, False], ids=["with-js", "without-js"])
def tall_phone(request, browser: Browser) -> Iterator[tuple[CheckedPage, bool]]:
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT},
                                  java_script_enabled=request.param)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield CheckedPage(page), request.param
    context.close()


def _answer_everything(page: Page) -> None:
    page.locator("#makassar-0").check()
    page.locator("#kecamatan").select_option("73.71.13")
    page.locator("#age").fill("30")
    page.locator("#occupation").select_option("street_vendor")
    for name in ("civil_servant", "employee", "member"):
        page.locator(f"#{name}-1").check()
    page.locator("#decile-2").check()


def test_the_result_heading_is_in_view_and_focused_after_a_submit(live_server, tall_phone):
    checked, javascript = tall_phone
    page = checked.page
    page.goto(f"{live_server.url}/id/cek-kelayakan")
    _answer_everything(page)
    page.get_by_role("button", name="Lihat hasil").click()

    heading = page.locator("#result-title")
    expect(heading).to_be_focused()
    box = heading.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT
    # The action comes right under the result, still on the first screen.
    action = page.locator("#enrollment-link").bounding_box()
    assert action is not None and action["y"] + action["height"] <= HEIGHT
    if javascript:
        checked.assert_clean()
