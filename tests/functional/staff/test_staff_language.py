"""Item 9 of issue 14: the staff area in English when a staff member chooses it on their own
account page; every /staf/ page follows the choice, public pages keep their /id/ or /en/ rule."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from lindungi.audit.models import AuditEvent
from lindungi.extensions import db
from lindungi.staff.models import Role, StaffUser
from tests.support.checking import soup_of
from tests.support.staff import csrf_token, sign_in_as


def _lang(response) -> str:
    return soup_of(response).html["lang"]


def _choose(client, language: str):
    return client.post("/staf/akun-saya/bahasa",
                       data={"csrf_token": csrf_token(client, "/staf/akun-saya"),
                             "language": language})


def test_a_staff_member_chooses_english_for_every_staff_page(app: Flask, auth, client) -> None:
    user = auth.login(role=Role.ADMIN)
    page = client.get("/staf/akun-saya")
    assert _lang(page) == "id" and soup_of(page).h1.get_text(strip=True) == "Akun Anda"

    response = _choose(client, "en")
    assert response.status_code == 303 and response.location.endswith("/staf/akun-saya")
    page = client.get("/staf/akun-saya")
    assert _lang(page) == "en" and soup_of(page).h1.get_text(strip=True) == "Your account"
    assert "The staff area is now in English." in page.get_data(as_text=True)
    for path, heading in (("/staf/pendaftaran", "Enrollment requests"),
                          ("/staf/audit", "Audit log"), ("/staf/akun", "Staff accounts")):
        staff_page = client.get(path)
        assert _lang(staff_page) == "en", path
        assert soup_of(staff_page).h1.get_text(strip=True) == heading, path
    # The change is in the audit log, in words.
    log = soup_of(client.get("/staf/audit", query_string={"action": "account.language"}))
    assert "Language of the staff area: English" in log.select_one("tbody tr").get_text(" ")
    with app.app_context():
        assert db.session.get(StaffUser, user.id).language == "en"

    # Public pages keep the language of their address.
    assert _lang(client.get("/id/")) == "id"
    assert _lang(client.get("/en/")) == "en"

    assert _choose(client, "id").status_code == 303
    assert _lang(client.get("/staf/pendaftaran")) == "id"


def test_the_choice_is_each_staff_members_own(app: Flask, auth, client, make_staff) -> None:
    auth.login(role=Role.REVIEWER)
    assert _choose(client, "en").status_code == 303
    other = app.test_client()
    sign_in_as(other, make_staff(role=Role.REVIEWER))
    assert _lang(other.get("/staf/pendaftaran")) == "id"
    assert _lang(client.get("/staf/pendaftaran")) == "en"
    # Signed out, the sign-in page is in Indonesian again.
    auth.logout()
    assert _lang(client.get("/staf/masuk")) == "id"


def test_every_role_has_the_account_page(auth, client) -> None:
    auth.login(role=Role.COMMUNICATIONS)
    page = soup_of(client.get("/staf/berita"))
    link = page.select_one("a.staff-who")
    assert link is not None and link["href"] == "/staf/akun-saya"
    assert _choose(client, "en").status_code == 303
    assert soup_of(client.get("/staf/berita")).html["lang"] == "en"


def test_an_unknown_language_is_refused_and_changes_nothing(app: Flask, auth, client) -> None:
    user = auth.login(role=Role.REVIEWER)
    response = _choose(client, "fr")
    assert response.status_code == 200
    page = soup_of(response)
    assert page.title.get_text().startswith("Galat:")
    assert page.select(".error-summary li")
    with app.app_context():
        assert db.session.get(StaffUser, user.id).language == "id"
        assert not db.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.action == "account.language")).all()


def test_the_account_page_leads_to_the_password_and_two_step_pages(app: Flask, auth,
                                                                    client) -> None:
    """Communications staff need not use two-step sign-in, but can set it up from here."""
    auth.login(role=Role.COMMUNICATIONS)
    section = soup_of(client.get("/staf/akun-saya")).find(id="sign-in-title").parent
    assert "Masuk dua langkah belum aktif" in section.get_text(" ", strip=True)
    links = [a["href"] for a in section.select("a")]
    assert links == ["/staf/kata-sandi", "/staf/dua-langkah"]
    assert client.get("/staf/dua-langkah").status_code == 200
