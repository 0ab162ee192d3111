"""Ids and dates that overflow or are not ASCII: a 404 for an id in the path, a message or an
ignored filter for a query string, never a 500."""

from __future__ import annotations

import pytest

from lindungi.staff.models import Role
from lindungi.urlargs import MAX_ID, parse_id
from tests.support.checking import soup_of
from tests.support.staff import csrf_token

HUGE = "9" * 20
ARABIC_ONE = "\u0661"  # "١": int() reads it as 1, and request 1 exists in these tests
TOO_BIG = str(MAX_ID + 1)


@pytest.mark.parametrize("text, expected", [
    ("1", 1), ("42", 42), (str(MAX_ID), MAX_ID), ("0", None), (TOO_BIG, None), (HUGE, None),
    (ARABIC_ONE, None), ("-1", None), ("+1", None), (" 1", None), ("1.0", None), ("", None),
    (None, None), ("\uff11", None),
])
def test_parse_id(text, expected) -> None:
    assert parse_id(text) == expected


@pytest.mark.parametrize("bad", [HUGE, TOO_BIG, ARABIC_ONE, "0"])
def test_request_pages_with_a_bad_id_are_not_found(auth, client, make_request, bad) -> None:
    make_request()  # request 1 exists
    auth.login(role=Role.REVIEWER)
    token = csrf_token(client)
    assert client.get(f"/staf/pendaftaran/{bad}").status_code == 404
    for action in ("catatan", "mulai", "setujui", "minta-informasi", "tolak", "terdaftar"):
        response = client.post(f"/staf/pendaftaran/{bad}/{action}",
                               data={"csrf_token": token, "note-body": "Catatan"})
        assert response.status_code == 404, action


@pytest.mark.parametrize("bad", [HUGE, TOO_BIG, ARABIC_ONE])
def test_account_pages_with_a_bad_id_are_not_found(auth, client, bad) -> None:
    auth.login(role=Role.ADMIN)  # account 1
    token = csrf_token(client)
    assert client.get(f"/staf/akun/{bad}").status_code == 404
    for action in ("peran", "kata-sandi", "nonaktifkan", "aktifkan"):
        response = client.post(f"/staf/akun/{bad}/{action}", data={"csrf_token": token})
        assert response.status_code == 404, action


def test_good_ids_still_work(auth, client, make_request) -> None:
    request = make_request()
    user = auth.login(role=Role.ADMIN)
    assert client.get(f"/staf/pendaftaran/{request.id}").status_code == 200
    assert client.get(f"/staf/akun/{user.id}").status_code == 200


@pytest.mark.parametrize("actor", [HUGE, TOO_BIG, ARABIC_ONE, "-1"])
def test_audit_filter_ignores_a_bad_actor(auth, client, actor) -> None:
    auth.login(role=Role.ADMIN)
    response = client.get(f"/staf/audit?actor={actor}")
    assert response.status_code == 200
    assert soup_of(response).select("table.audit-table tbody tr")  # the filter was ignored


@pytest.mark.parametrize("path", ["/staf/pendaftaran", "/staf/audit"])
@pytest.mark.parametrize("query", ["until=9999-12-31", "since=0001-01-01", "since=9999-12-31",
                                   "until=0001-01-01", "since=1999-12-31"])
def test_dates_out_of_range_are_explained(auth, client, path, query) -> None:
    auth.login(role=Role.ADMIN)
    response = client.get(f"{path}?{query}")
    assert response.status_code == 200
    assert "Isi tanggal antara 2000 dan 2099." in response.get_data(as_text=True)


@pytest.mark.parametrize("value", ["\u0662\u0660\u0662\u0666-01-01", "20260101", "2026-W01-1"])
def test_dates_in_other_spellings_are_explained(auth, client, make_request, value) -> None:
    request = make_request()
    auth.login(role=Role.REVIEWER)
    response = client.get("/staf/pendaftaran", query_string={"since": value})
    assert response.status_code == 200
    assert "Isi tanggal dengan hari, bulan, dan tahun." in response.get_data(as_text=True)
    assert request.reference in response.get_data(as_text=True)  # filter ignored
