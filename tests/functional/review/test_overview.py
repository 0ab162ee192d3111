"""The overview's numbers and charts."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from flask import Flask

from lindungi.enrollment.models import RequestStatus
from lindungi.extensions import db
from lindungi.staff import accounts
from lindungi.staff.models import Role, StaffUser
from tests.support.apps import STAFF_PASSWORD
from tests.support.checking import CheckingClient, soup_of
from tests.support.staff import create_request, fixed_now, sign_in_as

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
    assert by_status["Sudah masuk – menunggu pemeriksaan"] == "3" and by_status["Disetujui"] == "1"
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
    assert "Sudah masuk – menunggu pemeriksaan (3)" in status_chart
    # Each count opens the queue with that filter.
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".chart-table a")}
    assert links["Disetujui"] == "/staf/pendaftaran?status=approved"
    assert links["Mariso"] == "/staf/pendaftaran?kecamatan=73.71.01"
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
