"""The admins' audit log: every kind of entry listed, filters, admins only, read-only."""

from __future__ import annotations

from flask import Flask

from lindungi.staff.models import Role
from tests.support.checking import soup_of
from tests.support.staff import csrf_token


def test_audit_log_lists_and_filters(app: Flask, client_for, make_request) -> None:
    reviewer = client_for(Role.REVIEWER)
    admin = client_for(Role.ADMIN)
    request = make_request()
    reviewer.get(f"/staf/pendaftaran/{request.id}")
    reviewer.get("/staf/pendaftaran/ekspor.csv")
    admin.post(f"/staf/akun/{reviewer.user.id}/nonaktifkan",
               data={"csrf_token": csrf_token(admin)})

    def rows(query: str = "") -> list[str]:
        soup = soup_of(admin.get(f"/staf/audit{query}"))
        return [row.get_text(" ", strip=True) for row in soup.select("tbody tr")]

    everything = rows()
    assert any("Melihat NIK dan KK" in row and reviewer.user.email in row
               and f"Permintaan #{request.id}" in row for row in everything)
    assert any("Permintaan yang disetujui diekspor" in row for row in everything)
    assert "Akun dinonaktifkan" in everything[0]  # newest first
    assert rows("?action=export.approved_csv") == [r for r in everything if "diekspor" in r]
    by_admin = rows(f"?actor={admin.user.id}")
    assert by_admin and all(admin.user.email in row for row in by_admin)
    assert rows("?since=2001-01-01&until=2001-01-31") == []
    assert rows("?actor=abc&action=%27") == []  # nonsense filters match nothing, no error


def test_audit_log_is_for_admins(client_for) -> None:
    assert client_for(Role.REVIEWER).get("/staf/audit").status_code == 403


def test_audit_log_has_no_way_to_change_entries(app: Flask) -> None:
    methods = {method for rule in app.url_map.iter_rules() if rule.rule.startswith("/staf/audit")
               for method in rule.methods}
    assert methods <= {"GET", "HEAD", "OPTIONS"}
