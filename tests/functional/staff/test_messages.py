"""Messages on staff pages are Indonesian, also for a too-long field or an edited hidden field
(WTForms' own messages are English only)."""

from __future__ import annotations

import pytest

from lindungi.enrollment.models import RequestStatus
from lindungi.staff.models import Role
from tests.support.checking import soup_of
from tests.support.staff import csrf_token, load_request


def summary(response) -> str:
    box = soup_of(response).select_one(".error-summary")
    return box.get_text(" ", strip=True) if box else ""


def test_too_long_email_on_sign_in(client) -> None:
    response = client.post("/staf/masuk", data={
        "csrf_token": csrf_token(client, "/staf/masuk"),
        "email": "a" * 250 + "@makassarkota.go.id", "password": "x"})
    assert response.status_code == 200
    assert "Gunakan paling banyak 254 karakter." in summary(response)
    assert "Field cannot be longer" not in response.get_data(as_text=True)


def test_too_long_name_for_a_new_account(auth, client) -> None:
    auth.login(role=Role.ADMIN)
    response = client.post("/staf/akun/baru", data={
        "csrf_token": csrf_token(client), "email": "baru@makassarkota.go.id",
        "name": "N" * 121, "role": "reviewer", "password": "long enough passphrase 42",
        "password_again": "long enough passphrase 42"})
    assert response.status_code == 200
    assert "Gunakan paling banyak 120 karakter." in summary(response)


@pytest.mark.parametrize("version", ["", "x", "\u0661", "9" * 20])
def test_edited_version_field(auth, client, make_request, version) -> None:
    request = make_request()
    auth.login(role=Role.REVIEWER)
    response = client.post(f"/staf/pendaftaran/{request.id}/mulai", data={
        "csrf_token": csrf_token(client), "start-version": version})
    assert response.status_code == 200
    assert "Halaman ini sudah usang." in summary(response)
    assert "Not a valid integer" not in response.get_data(as_text=True)
    assert load_request(client.application, request.id).status is RequestStatus.RECEIVED
