"""The staff area in a real browser: a reviewer signs in, filters the queue with htmx, opens a
request and asks for more information; the applicant then reads the message on the status page.
axe and the CSP listener check every staff page."""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from lindungi.enrollment.models import RequestStatus
from lindungi.extensions import db
from lindungi.outbox.models import Channel, MessageKind
from lindungi.outbox.operations import queue_message
from lindungi.outbox.texts import MessageText
from lindungi.staff import accounts
from lindungi.staff.models import Role
from tests.support.apps import STAFF_PASSWORD
from tests.support.staff import create_request, current_code, enrol_two_factor, load_request

pytestmark = pytest.mark.browser

QUESTION = "Mohon kirim foto kartu keluarga (KK) yang terbaru ke kantor Disnaker."


def make_account(app: Flask, role: Role) -> str:
    """A reviewer or admin account with two-step sign-in set up (test_staff_two_factor.py
    drives the set-up itself)."""
    email = f"{role.value}@makassarkota.go.id"
    with app.app_context():
        user = accounts.create_staff(email, role, STAFF_PASSWORD, name=role.value.title())
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
    enrol_two_factor(app, user)
    return email


def sign_in(page: Page, base: str, email: str, path: str = "/staf/",
            app: Flask | None = None) -> None:
    page.goto(base + path)
    expect(page).to_have_url(re.compile(r"/staf/masuk"))
    page.get_by_label("Alamat email").fill(email)
    page.get_by_label("Kata sandi").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page).to_have_url(re.compile(r"/staf/masuk/kode"))
    assert app is not None
    page.get_by_label("Kode").fill(current_code(app))
    page.get_by_role("button", name="Lanjutkan").click()


def test_reviewer_asks_and_the_applicant_reads_the_question(live_server, desktop,
                                                            phone) -> None:
    """Issue 7's whole flow: the reviewer (desktop browser) signs in, filters the queue with
    htmx, opens a request and asks for more information; the applicant (a phone, in its own
    browser context) looks the request up on the status page and reads the question."""
    app, page = live_server.app, desktop.page
    email = make_account(app, Role.REVIEWER)
    birth = date(1985, 6, 15)
    waiting = create_request(app, status=RequestStatus.RECEIVED,
                             workers=[{"full_name": "Daeng Sutte"}])
    reviewing = create_request(app, status=RequestStatus.IN_REVIEW,
                               workers=[{"full_name": "Andi Baso", "birth_date": birth}])
    sign_in(page, live_server.url, email, "/staf/pendaftaran", app)
    expect(page).to_have_url(f"{live_server.url}/staf/pendaftaran")
    expect(page.get_by_role("heading", level=1)).to_have_text("Permintaan pendaftaran")
    desktop.assert_clean()

    page.evaluate("window.__samePage = true")  # survives only if htmx swaps, not a reload
    page.get_by_label("Status", exact=True).select_option("in_review")
    expect(page).to_have_url(f"{live_server.url}/staf/pendaftaran?status=in_review")
    results = page.locator("#queue-results")
    expect(results.get_by_role("link", name=reviewing.reference)).to_be_visible()
    expect(results.get_by_role("link", name=waiting.reference)).to_have_count(0)
    expect(page.locator("#queue-count")).to_contain_text("1 permintaan")
    assert page.evaluate("window.__samePage") is True
    desktop.assert_clean()

    results.get_by_role("link", name=reviewing.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Permintaan {reviewing.reference}")
    expect(page.get_by_text(reviewing.workers[0].nik)).to_be_visible()
    desktop.assert_clean()
    page.get_by_text("Minta informasi tambahan", exact=True).click()
    page.get_by_label("Pesan untuk pemohon").fill(QUESTION)
    page.get_by_role("button", name="Kirim permintaan informasi").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Pemohon akan melihat pesan Anda di halaman status.")
    expect(page.locator(".summary-list").first).to_contain_text("Perlu informasi tambahan")
    desktop.assert_clean()
    stored = load_request(app, reviewing.id)
    assert stored.status is RequestStatus.NEEDS_INFO and stored.public_message == QUESTION

    applicant = phone.page  # another browser context: no staff cookie, no shared state
    applicant.goto(f"{live_server.url}/id/status")
    expect(applicant.get_by_role("heading", level=1)).to_be_visible()
    phone.assert_clean()
    applicant.get_by_label("Nomor referensi").fill(reviewing.reference)
    applicant.get_by_label("Tanggal", exact=True).fill(str(birth.day))
    applicant.get_by_label("Bulan", exact=True).fill(str(birth.month))
    applicant.get_by_label("Tahun", exact=True).fill(str(birth.year))
    applicant.get_by_role("button", name="Cek status").click()
    expect(applicant.locator(".reviewer-message")).to_have_text(QUESTION)
    phone.assert_clean()


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_staff_pages_are_accessible_and_fit(request, live_server, screen: str) -> None:
    checked = request.getfixturevalue(screen)
    app, page = live_server.app, checked.page
    email = make_account(app, Role.ADMIN)
    for status in RequestStatus:
        create_request(app, status=status, flagged=status is RequestStatus.RECEIVED)
    target = create_request(app, workers=[{}, {"full_name": "Sitti Aminah"}])
    with app.app_context():  # the message page's table of undelivered messages
        queue_message(kind=MessageKind.APPROVED, channel=Channel.SMS, recipient="",
                      lang="id", text=MessageText(subject="", body="Disetujui"),
                      request_id=target.id)
        db.session.commit()
    page.goto(f"{live_server.url}/staf/masuk")
    checked.assert_clean()
    sign_in(page, live_server.url, email, app=app)
    with app.app_context():
        account_id = accounts.find_by_email(email).id
    for path in ["/staf/", "/staf/pendaftaran", f"/staf/pendaftaran/{target.id}",
                 "/staf/akun", "/staf/akun/baru", f"/staf/akun/{account_id}", "/staf/audit",
                 "/staf/pesan", "/staf/akun-saya"]:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is wider than the screen"
        checked.assert_clean()
    # The staff area in English, chosen on the own account page.
    page.get_by_label("English").check()
    page.get_by_role("button", name="Simpan bahasa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    page.goto(f"{live_server.url}/staf/audit")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    checked.assert_clean()
    page.goto(f"{live_server.url}/staf/akun-saya")
    page.get_by_label("Bahasa Indonesia").check()
    page.get_by_role("button", name="Save the language").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Akun Anda")
    # The forms' error states too.
    page.goto(f"{live_server.url}/staf/pendaftaran/{target.id}")
    page.get_by_text("Minta informasi tambahan", exact=True).click()
    page.get_by_role("button", name="Kirim permintaan informasi").click()
    expect(page.locator(".error-summary")).to_be_visible()
    checked.assert_clean()
