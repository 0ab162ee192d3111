"""The admins' audit log: every kind of entry listed, filters, admins only, read-only."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from flask import Flask

from lindungi.staff.models import Role
from tests.support.checking import soup_of
from tests.support.staff import csrf_token, export_approved


def test_audit_log_lists_and_filters(app: Flask, client_for, make_request) -> None:
    reviewer = client_for(Role.REVIEWER)
    admin = client_for(Role.ADMIN)
    request = make_request()
    reviewer.get(f"/staf/pendaftaran/{request.id}")
    export_approved(reviewer)
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


def test_audit_log_pages_keep_the_filter(app: Flask, client_for) -> None:
    """50 entries a page; the links to the next and previous pages keep the filter."""
    from lindungi.audit import actions
    from lindungi.extensions import db

    admin = client_for(Role.ADMIN)
    with app.app_context():
        for number in range(51):
            actions.log(actions.NOTE_ADDED, actor_id=admin.user.id,
                        target_type="enrollment_request", target_id=number + 1)
        db.session.commit()
    first = soup_of(admin.get("/staf/audit?action=request.note"))
    assert len(first.select("tbody tr")) == 50
    pages = first.select_one("nav.pagination")
    assert "Halaman 1 dari 2" in pages.text
    (onward,) = pages.select("a")
    assert onward.text == "Halaman berikutnya"
    assert parse_qs(urlsplit(onward["href"]).query) == {"action": ["request.note"], "page": ["2"]}
    second = soup_of(admin.get(onward["href"]))
    assert len(second.select("tbody tr")) == 1
    (back,) = second.select("nav.pagination a")
    assert back.text == "Halaman sebelumnya"
    assert parse_qs(urlsplit(back["href"]).query) == {"action": ["request.note"], "page": ["1"]}
    assert soup_of(admin.get("/staf/audit?action=account.role")).select("nav.pagination") == []
