"""Migration 0003 converts rows stored before it: personal data sealed, the NIK's blind index
filled (open_nik too), the same values read back through the models; a downgrade opens them
again. Migration 0012 then fills the KK + date of birth + name index, and 0014 seals the free
text about the case (the reviewer's message, the applicant's answer, staff notes). On SQLite and on
PostgreSQL (when a server is available, as in `make test`)."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from lindungi import create_app
from lindungi.enrollment.models import (
    EnrollmentDraft,
    EnrollmentRequest,
    EnrollmentWorker,
    InternalNote,
)
from lindungi.extensions import db
from lindungi.protection.columns import nik_index, person_index
from lindungi.review.models import QueueSearch
from tests.support.apps import base_config

POSTGRES_URL = os.environ.get("LINDUNGI_TEST_POSTGRES_URL")
NIK, KK, PHONE, HEIR_PHONE = "7371015208800001", "7371010101100001", "+6281234567890", "+62411555"
BORN = date(1980, 8, 12)
NOW = datetime(2026, 11, 1, 8, 0)
MESSAGE = "Kirim foto KK 7371010101100001"
ANSWER = "Nomor saya 081234567890"
NOTE = "Ditelepon ke +6281234567890"
DRAFT_JSON = '{"format": 1, "workers": [{"nik": "7371015208800001"}]}'

STAFF = ("INSERT INTO staff_user (id, email, name, password_hash, role, active, session_version, "
         "failed_sign_ins, created_at) VALUES (1, 'a@makassarkota.go.id', '', 'x', 'admin', "
         "true, 1, 0, :now)")
REQUEST = (
    "INSERT INTO enrollment_request (id, reference, idempotency_token, status, created_at, "
    "updated_at, for_self, applicant_name, applicant_relationship, phone_e164, email, "
    "preferred_lang, consent_notice_version, consented_at, public_message, rejection_reason, "
    "flagged, kecamatan_code, version) VALUES (:id, :reference, :token, :status, :now, :now, "
    "true, '', '', :phone, '', 'id', '2026-11-01', :now, '', '', false, '73.71.01', 1)")
WORKER = (
    "INSERT INTO enrollment_worker (id, request_id, position, full_name, nik, kk, birth_date, "
    "sex, place_of_birth, mother_maiden_name, address, rt_rw, kecamatan_code, kelurahan_code, "
    "occupation, income_band, already_member, heir_name, heir_relationship, heir_phone_e164, "
    "nik_outside_makassar, kpj_number, open_nik) VALUES (:id, :request_id, 1, 'Siti Aminah', "
    ":nik, :kk, :born, 'F', 'Makassar', 'Hasnah', 'Jl. Cendrawasih 12', '', '73.71.01', "
    "'73.71.01.1001', 'street_vendor', 'under_1m', false, 'Budi', 'spouse', :heir, false, '', "
    ":open_nik)")


def _fill_before_0003() -> None:
    run = db.session.execute
    run(sa.text(STAFF), {"now": NOW})
    for number, (status, open_nik) in enumerate((("received", NIK), ("rejected", None)), 1):
        run(sa.text(REQUEST), {"id": number, "reference": f"LM-TEST-000{number}",
                               "token": f"token-{number}", "status": status, "now": NOW,
                               "phone": PHONE})
        run(sa.text(WORKER), {"id": number, "request_id": number, "nik": NIK, "kk": KK,
                              "born": BORN, "heir": HEIR_PHONE, "open_nik": open_nik})
    run(sa.text("UPDATE enrollment_request SET public_message = :message WHERE id = 1"),
        {"message": MESSAGE})
    run(sa.text("INSERT INTO status_change (id, request_id, at, from_status, to_status, staff_id, "
                "public_message, reason_code, internal_note) VALUES (1, 1, :now, 'needs_info', "
                "'in_review', NULL, :message, 'applicant_answer', :answer)"),
        {"now": NOW, "message": MESSAGE, "answer": ANSWER})
    run(sa.text("INSERT INTO internal_note (id, request_id, staff_id, at, body) "
                "VALUES (1, 1, 1, :now, :note)"), {"now": NOW, "note": NOTE})
    run(sa.text("INSERT INTO enrollment_draft (id, data, created_at, updated_at, expires_at) "
                "VALUES ('draft-1', :data, :now, :now, :now)"), {"data": DRAFT_JSON, "now": NOW})
    run(sa.text("INSERT INTO queue_search (id, staff_id, text, expires_at) "
                "VALUES ('search-1', 1, :text, :now)"), {"text": NIK, "now": NOW})
    db.session.commit()


FREE_TEXT = ("SELECT r.public_message, c.public_message, c.internal_note, n.body "
             "FROM enrollment_request r JOIN status_change c ON c.request_id = r.id "
             "JOIN internal_note n ON n.request_id = r.id WHERE r.id = 1")


def _check_free_text(sealed: bool) -> None:
    raw = tuple(db.session.execute(sa.text(FREE_TEXT)).one())
    if sealed:
        assert all(str(value).startswith("t1$") for value in raw), raw
        request = db.session.get(EnrollmentRequest, 1)
        assert request is not None and request.public_message == MESSAGE
        assert [(c.public_message, c.internal_note) for c in request.history] == [
            (MESSAGE, ANSWER)]
        assert db.session.scalar(sa.select(InternalNote.body)) == NOTE
    else:
        assert raw == (MESSAGE, MESSAGE, ANSWER, NOTE)


SEALED_COLUMNS = "nik, kk, birth_date, heir_phone_e164, mother_maiden_name, open_nik"


def _raw_worker(columns: str = SEALED_COLUMNS + ", nik_index") -> dict[str, object]:
    row = db.session.execute(sa.text(
        f"SELECT {columns} FROM enrollment_worker WHERE id = 1")).mappings().one()  # noqa: S608
    return dict(row)


def _check_conversion(url: str) -> None:
    app = create_app({**base_config(Path("/nonexistent")), "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        downgrade(revision="base")
        upgrade(revision="0002")
        _fill_before_0003()
        upgrade()
        raw = _raw_worker()
        for name in ("nik", "kk", "birth_date", "heir_phone_e164", "mother_maiden_name"):
            assert str(raw[name]).startswith("t1$"), name
        assert NIK not in str(raw) and KK not in str(raw) and "1980" not in str(raw)
        assert raw["nik_index"] == raw["open_nik"] == nik_index(NIK)
        # Migration 0012 fills the KK + date of birth + name index of rows already stored.
        person = _raw_worker("person_index")["person_index"]
        assert person == person_index(KK, BORN, "siti  AMINAH")

        workers = db.session.scalars(sa.select(EnrollmentWorker).order_by(EnrollmentWorker.id))
        found = [(w.nik, w.kk, w.birth_date, w.heir_phone_e164, w.mother_maiden_name,
                  w.open_nik is not None, w.request.phone_e164) for w in workers]
        assert found == [(NIK, KK, BORN, HEIR_PHONE, "Hasnah", True, PHONE),
                         (NIK, KK, BORN, HEIR_PHONE, "Hasnah", False, PHONE)]
        draft = db.session.get(EnrollmentDraft, "draft-1")
        assert draft is not None and draft.data["workers"] == [{"nik": NIK}]
        search = db.session.get(QueueSearch, "search-1")
        assert search is not None and search.text == NIK
        _check_free_text(sealed=True)
        db.session.commit()

        downgrade(revision="0013")
        _check_free_text(sealed=False)
        db.session.commit()

        downgrade(revision="0002")
        raw = _raw_worker(SEALED_COLUMNS)
        assert (raw["nik"], raw["kk"], raw["open_nik"]) == (NIK, KK, NIK)
        assert str(raw["birth_date"]) == "1980-08-12"
        assert db.session.scalar(sa.text("SELECT text FROM queue_search")) == NIK
        _check_free_text(sealed=False)
        db.session.commit()
        downgrade(revision="base")
        db.session.remove()
        db.engine.dispose()


def test_rows_made_before_the_migration_are_sealed_on_sqlite(tmp_path: Path) -> None:
    _check_conversion(f"sqlite:///{tmp_path / 'before.sqlite3'}")


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="LINDUNGI_TEST_POSTGRES_URL is not set")
def test_rows_made_before_the_migration_are_sealed_on_postgres() -> None:
    _check_conversion(POSTGRES_URL)
