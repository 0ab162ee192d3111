"""An htmx request that fails still shows the person what happened: htmx 2 does not swap 4xx/5xx
responses unless told to, so a form would otherwise do nothing at all."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_expired_session_on_an_enrollment_step_shows_the_error(live_server, phone) -> None:
    page = phone.page
    page.goto(f"{live_server.url}/id/daftar")
    page.get_by_role("link", name="Mulai sekarang").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tentang permohonan")
    # The session (and with it the CSRF token) is gone, as after a long pause on a phone.
    page.context.clear_cookies()
    page.get_by_label("Untuk saya sendiri: saya pekerjanya").check()
    page.get_by_role("button", name="Lanjutkan").click()
    expect(page.get_by_role("heading", name="Formulir ini sudah kedaluwarsa")).to_be_visible()
    phone.assert_clean()
