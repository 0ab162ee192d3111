"""Issue 13's public pages in a real browser on a 360px phone, each checked by axe with no CSP
report: the figures page (table and server-drawn SVG chart), the review request form, the
continue page, and the notice on the home page, the checker and the start page while new
requests are closed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lindungi.enrollment import window
from lindungi.extensions import db
from tests.functional.public.test_figures import MARISO, NOW, _refresh, _requests

pytestmark = pytest.mark.browser


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_figures_review_and_continue_pages_are_accessible(live_server, phone) -> None:
    app = live_server.app
    app.config["NOW"] = NOW
    _requests(app, 12, MARISO, decided_after_days=3)
    _refresh(app.test_cli_runner())
    page = phone.page
    page.goto(f"{live_server.url}/id/angka")
    expect(page.locator("svg").first).to_be_visible()
    expect(page.locator("table").first).to_be_visible()
    assert fits_the_screen(page)
    phone.assert_clean()
    for path, heading in (("/en/status/tinjau-ulang", "review"),
                          ("/id/daftar/lanjut", "Lanjutkan")):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        assert fits_the_screen(page)
        phone.assert_clean()


def test_the_closed_notice_on_the_three_pages_is_accessible(live_server, phone) -> None:
    app = live_server.app
    with app.app_context():
        window.close(None, "Kuota tahun ini sudah penuh.", "This year's quota is full.")
        db.session.commit()
    page = phone.page
    for path in ("/id/", "/id/cek-kelayakan", "/id/daftar", "/en/daftar"):
        page.goto(f"{live_server.url}{path}")
        expected = "quota" if path.startswith("/en") else "Kuota"
        expect(page.locator("#enrollment-closed")).to_contain_text(expected)
        assert fits_the_screen(page)
        phone.assert_clean()
