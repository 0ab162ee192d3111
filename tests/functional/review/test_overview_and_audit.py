"""The overview's numbers and charts, and the admins' audit log."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from flask import Flask

from lindungi.enrollment.models import RequestStatus
from lindungi.extensions import db
from lindungi.staff import accounts
from lindungi.staff.models import Role, StaffUser
from tests.checking import CheckingClient, soup_of
from tests.conftest import STAFF_PASSWORD
from tests.staff_helpers import create_request, csrf_token, fixed_now, sign_in_as

S = RequestStatus


def table_numbers(soup, caption: str) -> dict[str, str]:
    for table in soup.select("table.chart-table"):
        if table.caption.get_text(strip=True) == caption:
            return {row.th.get_text(strip=True): row.td.get_text(strip=True)
                    for row in table.select("tbody tr")}
    raise AssertionError(f"no table {caption!r}")


@pytest.fixture
def now_app(make_app) -> Flask:
    app = make_app(NOW=fixed_now(2026, 2, 13))  # a Friday
    app.test_client_class = CheckingClient
    return app


def test_overview_numbers_and_charts(now_app: Flask, make_staff) -> None:
    app = now_app
    friday = datetime(2026, 2, 13, 2)
    for days, status in [(0, S.RECEIVED), (1, S.RECEIVED), (8, S.APPROVED), (30, S.REJECTED)]:
        created = friday - timedelta(days=days)
        decided = created + timedelta(days=2) if status in (S.APPROVED, S.REJECTED) else None
        create_request(app, status=status, created_at=created, decided_at=decided)
    create_request(app, workers=[{"kecamatan_code": "73.71.07",
                                  "kelurahan_code": "73.71.07.1001"}],
                   created_at=friday - timedelta(days=200))
    client = app.test_client()
    sign_in_as(client, _staff(app, Role.COMMUNICATIONS))
    soup = soup_of(client.get("/staf/"))
    assert soup.h1.get_text(strip=True) == "Ikhtisar"
    by_status = table_numbers(soup, "Permintaan menurut status")
    assert by_status["Diterima"] == "3" and by_status["Disetujui"] == "1"
    assert by_status["Tidak disetujui"] == "1" and by_status["Perlu informasi tambahan"] == "0"
    by_kecamatan = table_numbers(soup, "Permintaan menurut kecamatan")
    assert len(by_kecamatan) == 15
    assert by_kecamatan["Mariso"] == "4" and by_kecamatan["Tallo"] == "1"
    weeks = table_numbers(soup, "Permintaan yang diterima per minggu")
    assert len(weeks) == 12
    assert list(weeks)[-1] == "9 Feb" and weeks["9 Feb"] == "2"
    assert weeks["2 Feb"] == "1" and weeks["12 Jan"] == "1"
    times = table_numbers(soup, "Waktu sampai keputusan")
    assert times["Paling lama 3 hari"] == "2"
    assert "rata-rata 2,0 hari setelah diterima" in soup.get_text()
    charts = soup.select("svg[role=img]")
    assert len(charts) == 4
    for chart in charts:
        ids = chart["aria-labelledby"].split()
        assert chart.find("title")["id"] == ids[0] and chart.find("desc")["id"] == ids[1]
    status_chart = soup.select_one("#chart-status-desc").get_text()
    assert "Diterima (3)" in status_chart
    bars = soup.select("svg.bar-chart")[0].select("rect.chart-bar")
    assert [bar["width"] for bar in bars][:1] == ["100.0%"]


def _staff(app: Flask, role: Role) -> StaffUser:
    with app.app_context():
        user = accounts.create_staff(f"{role.value}@makassarkota.go.id", role, STAFF_PASSWORD)
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
        return user


def test_overview_with_no_requests(client_for) -> None:
    response = client_for(Role.REVIEWER).get("/staf/")
    assert response.status_code == 200
    assert "Belum ada permintaan." in response.get_data(as_text=True)


def test_menu_shows_what_the_role_may_open(client_for) -> None:
    def menu(role: Role) -> list[str]:
        soup = soup_of(client_for(role).get("/staf/"))
        return [a["href"] for a in soup.select("nav.staff-nav li a")]

    assert menu(Role.ADMIN) == ["/staf/", "/staf/pendaftaran", "/staf/berita", "/staf/halaman",
                                "/staf/pengaturan", "/staf/akun", "/staf/audit"]
    assert menu(Role.REVIEWER) == ["/staf/", "/staf/pendaftaran"]
    assert menu(Role.COMMUNICATIONS) == ["/staf/", "/staf/berita", "/staf/halaman",
                                         "/staf/pengaturan"]


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
