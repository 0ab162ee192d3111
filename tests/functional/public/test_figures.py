"""Public programme figures: refreshed by a command into a snapshot, shown as a table, a chart
and a CSV, with small counts hidden (core.disclosure)."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from lindungi.core import places
from lindungi.enrollment.models import RequestStatus, StatusChange
from lindungi.extensions import db
from lindungi.public_figures.models import FigureRow
from tests.support.checking import soup_of
from tests.support.staff import create_request, fixed_now

NOW = fixed_now(2026, 11, 20)
SENT = datetime(2026, 11, 2, 3)  # UTC, November in WITA
MARISO, MAMAJANG = "73.71.01", "73.71.02"


@pytest.fixture(autouse=True)
def clock(app):
    app.config["NOW"] = NOW


def _requests(app, count: int, kecamatan: str, *, decided_after_days: float | None = None,
              registered: bool = False) -> None:
    kelurahan = places.kelurahan_for(kecamatan)[0].code
    for _ in range(count):
        decided = None if decided_after_days is None else SENT + timedelta(days=decided_after_days)
        status = (RequestStatus.REGISTERED if registered else
                  RequestStatus.APPROVED if decided else RequestStatus.RECEIVED)
        made = create_request(app, workers=[{"kecamatan_code": kecamatan,
                                             "kelurahan_code": kelurahan}],
                              created_at=SENT, decided_at=decided, status=status)
        if registered:
            with app.app_context():
                db.session.add(StatusChange(request_id=made.id, at=decided,
                                            from_status=RequestStatus.APPROVED,
                                            to_status=RequestStatus.REGISTERED))
                db.session.commit()


def _refresh(runner) -> None:
    result = runner.invoke(args=["figures", "refresh"])
    assert result.exit_code == 0, result.output


def _row(soup, table: str, key: str) -> list[str]:
    row = soup.select_one(f"#{table} tr[data-key='{key}']")
    return [cell.get_text(" ", strip=True) for cell in row.select("td")]


NOT_SHOWN = "– not shown"


def test_before_the_first_refresh_the_page_says_so(client) -> None:
    soup = soup_of(client.get("/en/angka"))
    assert soup.select_one("#no-figures") is not None
    assert soup.select_one("table") is None


def test_small_counts_are_hidden_and_so_is_the_cell_that_would_give_them_away(
        app, client, runner) -> None:
    _requests(app, 12, MARISO, decided_after_days=3, registered=True)
    _requests(app, 3, MAMAJANG, decided_after_days=5)
    _refresh(runner)
    soup = soup_of(client.get("/en/angka"))
    # Mamajang's 3 is small; Mariso's 12 would then be the total (15) minus 3: hidden too.
    # Covered: Mariso's 12 workers are the only ones (nothing small to protect).
    assert _row(soup, "by-kecamatan", MAMAJANG) == ["0", NOT_SHOWN, NOT_SHOWN, NOT_SHOWN]
    assert _row(soup, "by-kecamatan", MARISO) == ["12", NOT_SHOWN, NOT_SHOWN, "3"]
    assert _row(soup, "by-kecamatan", "73.71.03") == ["0", "0", "0", NOT_SHOWN]
    assert _row(soup, "by-kecamatan", "total") == ["12", "15", "15", "3"]
    assert _row(soup, "by-month", "2026-11") == ["12", "15", "15", "3"]
    assert _row(soup, "by-month", "2026-10") == ["0", "0", "0", NOT_SHOWN]
    assert len(soup.select("#by-month tbody tr")) == 12
    assert soup.select_one("#suppression-rule") is not None
    # The chart draws the shown months only, with a title and a description.
    chart = soup.select_one("svg.bar-chart")
    assert chart.select_one("title").get_text() == "Requests received each month"
    assert [t.get_text() for t in chart.select("text")][-1] == "Nov 2026: 15"


def test_the_snapshot_never_holds_a_small_count(app, runner) -> None:
    _requests(app, 4, MARISO)
    _requests(app, 11, MAMAJANG)
    _refresh(runner)
    with app.app_context():
        values = db.session.execute(sa.select(
            FigureRow.covered, FigureRow.received, FigureRow.decided)).all()
    assert all(value is None or value == 0 or value >= 10 for row in values for value in row)


def test_the_csv_has_the_same_figures_with_hidden_cells_empty(app, client, runner) -> None:
    _requests(app, 12, MARISO, decided_after_days=2)
    _requests(app, 3, MAMAJANG)
    _refresh(runner)
    response = client.get("/id/angka.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][2:] == ["Pekerja terlindungi", "Permohonan diterima", "Permohonan diputus",
                           "Median hari sampai keputusan"]
    by_label = {row[1]: row[2:] for row in rows[1:]}
    assert by_label["Mamajang"] == ["0", "", "0", ""]
    assert by_label["Mariso"] == ["0", "", "12", "2"]
    assert by_label["Semua"] == ["0", "15", "12", "2"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_page_reads_the_snapshot_and_its_etag_follows_each_refresh(app, client,
                                                                         runner) -> None:
    _requests(app, 10, MARISO)
    _refresh(runner)
    first = client.get("/en/angka")
    assert _row(soup_of(first), "by-kecamatan", "total")[1] == "10"
    _requests(app, 5, MARISO)
    unchanged = client.get("/en/angka", headers={"If-None-Match": first.headers["ETag"]})
    assert unchanged.status_code == 304  # not counted per request
    _refresh(runner)
    again = client.get("/en/angka", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200
    assert _row(soup_of(again), "by-kecamatan", "total")[1] == "15"
    assert "Set-Cookie" not in again.headers
