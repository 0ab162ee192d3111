"""Every public page on a 360×800 phone, in both languages (issue 14): the official strip is on
screen, the header stays under 120 px, nothing is wider than the screen, no CSP report, and axe
finds nothing serious or critical. The list is the same one the promise scan reads."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Browser

from tests.browser.conftest import CSP_LISTENER, CheckedPage
from tests.support.launch import public_paths

pytestmark = pytest.mark.browser
MAX_HEADER_PX = 120


@pytest.fixture
def app(make_seeded_app) -> Flask:  # the seeded content, for the live server
    return make_seeded_app()


def test_every_public_page_is_official_short_headed_and_axe_clean(live_server, app: Flask,
                                                                  browser: Browser) -> None:
    paths = [f"/{lang}{path}" for lang in ("id", "en") for path in public_paths(app)]
    assert len(paths) > 40
    context = browser.new_context(viewport={"width": 360, "height": 800})
    context.add_init_script(CSP_LISTENER)
    checked = CheckedPage(context.new_page())
    page = checked.page
    page.set_default_timeout(10_000)
    problems: list[str] = []
    try:
        for path in paths:
            response = page.goto(f"{live_server.url}{path}")
            if response is None or response.status != 200:
                problems.append(f"{path}: status {response and response.status}")
                continue
            found = page.evaluate("""() => {
                const strip = document.querySelector('.official-banner');
                const header = document.querySelector('.site-header');
                return {
                    strip: !!strip && strip.getBoundingClientRect().top < innerHeight,
                    header: header ? header.getBoundingClientRect().height : 9999,
                    width: document.documentElement.scrollWidth,
                };
            }""")
            if not found["strip"]:
                problems.append(f"{path}: no official strip on screen")
            if found["header"] >= MAX_HEADER_PX:
                problems.append(f"{path}: header {found['header']} px")
            if found["width"] > 360:
                problems.append(f"{path}: {found['width']} px wide")
            try:
                checked.assert_clean()
            except AssertionError as failure:
                problems.append(f"{path}: {failure}")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)
