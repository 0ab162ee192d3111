"""The CSV for BPJS Ketenagakerjaan: approved requests only, the layout in one module, cells that
cannot run as formulas, and an audit row for every download."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.audit.models import AuditEvent
from lindungi.enrollment.models import RequestStatus, Sex
from lindungi.extensions import db
from lindungi.review.export import escape_cell
from lindungi.review.export_layout import HEADER
from lindungi.staff.models import Role
from tests.support.staff import export_approved

S = RequestStatus
EXPECTED_HEADER = [
    "NO", "NIK", "NAMA_LENGKAP", "TEMPAT_LAHIR", "TGL_LAHIR", "JENIS_KELAMIN",
    "NAMA_IBU_KANDUNG", "ALAMAT", "RT_RW", "KELURAHAN", "KECAMATAN", "KAB_KOTA", "KODE_POS",
    "NO_HP", "EMAIL", "NO_KK", "JENIS_PEKERJAAN", "LOKASI_KERJA", "PENGHASILAN", "PROGRAM",
    "PERIODE_BAYAR", "KANTOR_CABANG", "NO_KPJ", "AHLI_WARIS", "HUBUNGAN_AHLI_WARIS",
    "REFERENSI", "TGL_DISETUJUI",
]


def read_csv(response) -> list[dict[str, str]]:
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def export_events(app: Flask) -> list[AuditEvent]:
    with app.app_context():
        rows = db.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.action == "export.approved_csv")).all()
        db.session.expunge_all()
        return list(rows)


@pytest.fixture
def reviewer(client_for):
    return client_for(Role.REVIEWER)


def test_layout_is_the_default_from_domain_notes() -> None:
    assert HEADER == EXPECTED_HEADER


def test_export_has_one_row_per_worker_of_approved_requests(app: Flask, reviewer,
                                                            make_request) -> None:
    approved = make_request(
        status=S.APPROVED, decided_at=datetime(2026, 2, 13, 17, 30),  # 14 Feb in Makassar
        email="keluarga@example.com",
        workers=[
            {"full_name": "Daeng Sutte", "nik": "7371011506850001",
             "birth_date": date(1985, 6, 15), "occupation": "becak_driver"},
            {"full_name": "Sitti Aminah", "sex": Sex.FEMALE, "nik": "7371015703900002",
             "birth_date": date(1990, 3, 17), "kelurahan_code": "73.71.01.1002"},
        ])
    for status in (S.RECEIVED, S.IN_REVIEW, S.NEEDS_INFO, S.REJECTED, S.REGISTERED):
        make_request(status=status)
    response = export_approved(reviewer)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="pendaftaran-disetujui-')
    assert response.headers["Cache-Control"] == "no-store"
    rows = read_csv(response)
    assert [row["REFERENSI"] for row in rows] == [approved.reference] * 2
    first, second = rows
    assert list(first) == EXPECTED_HEADER
    assert first["NO"] == "1" and second["NO"] == "2"
    assert first["NIK"] == "7371011506850001"  # all 16 digits, as text
    assert first["NAMA_LENGKAP"] == "DAENG SUTTE"
    assert first["TGL_LAHIR"] == "15-06-1985" and second["TGL_LAHIR"] == "17-03-1990"
    assert (first["JENIS_KELAMIN"], second["JENIS_KELAMIN"]) == ("L", "P")
    assert first["KECAMATAN"] == "MARISO" and first["KAB_KOTA"] == "KOTA MAKASSAR"
    assert first["KELURAHAN"] and first["KELURAHAN"] != second["KELURAHAN"]
    assert first["NO_HP"] == "6281234567890"
    assert first["EMAIL"] == "keluarga@example.com"
    assert first["NO_KK"] == "7371010101090001"
    assert first["JENIS_PEKERJAAN"] == "PENGAYUH BECAK"
    assert first["PENGHASILAN"] == "1000000" and first["PROGRAM"] == "JKK+JKM"
    assert first["AHLI_WARIS"] == "SITTI AMINAH"
    assert first["TGL_DISETUJUI"] == "14-02-2026"
    text = response.get_data().decode("utf-8")
    assert '"7371011506850001"' in text  # every cell quoted: importers keep it as text


def test_cells_that_could_run_as_formulas_are_neutralised(reviewer, make_request) -> None:
    make_request(status=S.APPROVED, workers=[{
        "full_name": '=HYPERLINK("http://evil.example","klik")', "address": "+1+1",
        "place_of_birth": "-2+3", "mother_maiden_name": "@SUM(A1)", "rt_rw": "\t001",
        "heir_name": "\rCMD", "heir_relationship": "spouse, \"adik\"",
    }])
    [row] = read_csv(export_approved(reviewer))
    assert row["NAMA_LENGKAP"] == "'=HYPERLINK(\"HTTP://EVIL.EXAMPLE\",\"KLIK\")"
    assert row["ALAMAT"] == "'+1+1"
    assert row["TEMPAT_LAHIR"] == "'-2+3"
    assert row["NAMA_IBU_KANDUNG"] == "'@SUM(A1)"
    assert row["RT_RW"] == "'\t001"
    assert row["AHLI_WARIS"] == "'\rCMD"
    assert row["HUBUNGAN_AHLI_WARIS"] == 'SPOUSE, "ADIK"'  # quotes and commas survive


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+62", "'+62"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("Daeng", "Daeng"), ("", ""), ("a=b", "a=b"),
])
def test_escape_cell(value: str, expected: str) -> None:
    assert escape_cell(value) == expected


def test_every_export_is_audited(app: Flask, reviewer, make_request) -> None:
    make_request(status=S.APPROVED, workers=[{}, {}])
    make_request(status=S.APPROVED)
    export_approved(reviewer)
    export_approved(reviewer)
    events = export_events(app)
    assert len(events) == 2
    assert events[0].actor_id == reviewer.user.id
    assert events[0].detail == {"requests": 2, "workers": 3}


def test_empty_export_has_the_header(reviewer) -> None:
    response = export_approved(reviewer)
    assert read_csv(response) == []
    assert response.get_data().decode("utf-8").removeprefix("\ufeff").startswith('"NO","NIK"')


def test_communications_cannot_export(app: Flask, client_for, make_request) -> None:
    make_request(status=S.APPROVED)
    response = export_approved(client_for(Role.COMMUNICATIONS))
    assert response.status_code == 403
    assert export_events(app) == []
