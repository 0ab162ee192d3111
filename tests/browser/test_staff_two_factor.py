"""Two-step sign-in in a real browser: a new admin signs in, is held at the set-up page, adds the
account to an "authenticator app" from the key shown (the QR code renders as an image under the
CSP), confirms with a code, sees the recovery codes, signs out, and signs in again with the
password and then a code. Then makes new recovery codes, after which an old one is refused and
a new one lets the admin in. axe and the CSP listener check each page, on a phone screen."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from flask import Flask
from playwright.sync_api import expect

from lindungi.extensions import db, limiter
from lindungi.staff import accounts
from lindungi.staff.models import Role
from tests.support.apps import STAFF_PASSWORD

pytestmark = pytest.mark.browser

START = datetime(2026, 2, 13, 2, 0, tzinfo=UTC)
EMAIL = "admin@makassarkota.go.id"


@pytest.fixture
def app(make_app) -> Flask:
    app = make_app(NOW=START)
    with app.app_context():
        limiter.reset()
        accounts.create_staff(EMAIL, Role.ADMIN, STAFF_PASSWORD)
        db.session.commit()
    return app


def password_step(page, base: str) -> None:
    page.goto(f"{base}/staf/akun")
    expect(page).to_have_url(re.compile(r"/staf/masuk"))
    page.get_by_label("Alamat email").fill(EMAIL)
    page.get_by_label("Kata sandi").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()


def test_admin_sets_up_and_signs_in_with_a_code(live_server, phone) -> None:
    app, page, base = live_server.app, phone.page, live_server.url
    password_step(page, base)
    expect(page).to_have_url(f"{base}/staf/dua-langkah")
    expect(page.get_by_role("heading", level=1)).to_have_text("Masuk dua langkah")
    qr = page.get_by_role("img", name=re.compile("Kode QR"))
    expect(qr).to_be_visible()
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", qr.element_handle())
    phone.assert_clean()
    # Any other staff page leads back here.
    page.goto(f"{base}/staf/pendaftaran")
    expect(page).to_have_url(f"{base}/staf/dua-langkah")

    secret = page.locator("code.secret-key").inner_text().replace(" ", "")
    app_in_phone = pyotp.TOTP(secret)
    page.get_by_label("Kode yang tampil di aplikasi").fill("000000")
    page.get_by_role("button", name="Aktifkan masuk dua langkah").click()
    expect(page).to_have_title(re.compile(r"^Galat:"))
    expect(page.locator(".error-summary")).to_be_visible()
    phone.assert_clean()
    page.get_by_label("Kode yang tampil di aplikasi").fill(app_in_phone.at(START))
    page.get_by_role("button", name="Aktifkan masuk dua langkah").click()
    expect(page.get_by_role("heading", name="Kode pemulihan Anda")).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    first_codes = page.locator(".recovery-codes li").all_inner_texts()
    phone.assert_clean()

    page.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(re.compile(r"/staf/masuk"))
    app.config["NOW"] = START + timedelta(seconds=60)  # the next code, a minute later
    password_step(page, base)
    expect(page).to_have_url(re.compile(r"/staf/masuk/kode"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kode masuk")
    phone.assert_clean()
    page.get_by_label("Kode").fill(app_in_phone.at(START + timedelta(seconds=60)))
    page.get_by_role("button", name="Lanjutkan").click()
    expect(page).to_have_url(f"{base}/staf/akun")
    expect(page.get_by_role("heading", level=1)).to_have_text("Akun petugas")
    phone.assert_clean()

    renew_codes(page, base, phone)
    new_codes = page.locator(".recovery-codes li").all_inner_texts()
    assert len(new_codes) == 10 and not set(new_codes) & set(first_codes)
    page.get_by_role("button", name="Keluar").click()
    for code, welcome in [(first_codes[0], False), (new_codes[0], True)]:
        password_step(page, base)
        expect(page).to_have_url(re.compile(r"/staf/masuk/kode"))
        page.get_by_label("Kode").fill(code)
        page.get_by_role("button", name="Lanjutkan").click()
        if welcome:
            expect(page).to_have_url(f"{base}/staf/akun")
        else:
            expect(page).to_have_title(re.compile(r"^Galat:"))
            phone.assert_clean()
            page.goto(f"{base}/staf/masuk")  # start again from the password


def renew_codes(page, base: str, phone) -> None:
    """From the two-step page, which counts what is left: ten new codes, shown once."""
    page.goto(f"{base}/staf/dua-langkah")
    expect(page.get_by_text("Sisa kode pemulihan Anda: 10.")).to_be_visible()
    phone.assert_clean()
    page.get_by_role("button", name="Buat kode pemulihan baru").click()
    expect(page).to_have_url(f"{base}/staf/dua-langkah")
    expect(page.get_by_role("status")).to_contain_text("Kode pemulihan baru sudah dibuat")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    phone.assert_clean()
