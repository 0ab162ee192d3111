"""Personal data at rest: a raw copy of the database (SQLite file and WAL; every PostgreSQL
table through COPY) taken after a full enrollment holds no NIK, KK, phone or date of birth in
any common spelling, while the same dump does hold the request's reference and name (so it is
a real dump). SQLite files are private to their owner."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.enrollment.models import EnrollmentWorker
from lindungi.extensions import db
from tests.support.checking import CheckingClient
from tests.support.enrollment import Flow, make_nik

POSTGRES_URL = os.environ.get("LINDUNGI_TEST_POSTGRES_URL")
BORN = date(1980, 8, 12)
NIK = make_nik(BORN, "F")
KK = "7371010101100001"
MOTHER = "Hasnawati"
SECRETS = [
    NIK, "7371 0152 0880 0001", KK,
    "+6281234567890", "6281234567890", "081234567890", "0812 3456 7890", "81234567890",
    "+6281399998888", "081399998888",
    "1980-08-12", "12-08-1980", "12/08/1980", "12.08.1980", "1980/08/12", "19800812",
    "12081980", "12 Agustus 1980", "12 August 1980", "August 12, 1980", "12/8/1980",
    MOTHER,
]


def enroll(client: CheckingClient) -> str:
    """One complete request, through every step, with the optional fields filled."""
    flow = Flow(client, "id")
    assert flow.applicant().status_code == 303
    assert flow.worker(1, mother_maiden_name=MOTHER, heir_phone="0813 9999 8888").status_code \
        == 303
    assert flow.contact().status_code == 303
    assert flow.consent().status_code == 303
    assert flow.submit(flow.submit_token()).status_code in (200, 303)
    with client.application.app_context():
        worker = db.session.scalar(sa.select(EnrollmentWorker))
        assert worker is not None and worker.nik == NIK and worker.mother_maiden_name == MOTHER
        return worker.request.reference


def assert_nothing_personal(dump: bytes, reference: str) -> None:
    assert reference.encode() in dump and b"Siti Aminah" in dump  # the dump is the data
    found = [secret for secret in SECRETS if secret.encode() in dump]
    assert found == []


@pytest.mark.sqlite_only(reason="reads the SQLite file and its WAL (PostgreSQL: the dump test)")
def test_a_sqlite_dump_after_enrollment_holds_no_identity_numbers(app: Flask, client,
                                                                   tmp_path: Path) -> None:
    reference = enroll(client)
    files = [tmp_path / f"test.sqlite3{suffix}" for suffix in ("", "-wal", "-shm")]
    assert files[1].exists()  # WAL mode: the latest writes live in the WAL
    assert_nothing_personal(b"".join(path.read_bytes() for path in files if path.exists()),
                            reference)
    with app.app_context():  # and after a checkpoint, in the main file
        db.session.remove()
        raw = db.engine.raw_connection()
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
    assert_nothing_personal(files[0].read_bytes(), reference)


@pytest.mark.sqlite_only(reason="reads the SQLite file and its WAL (PostgreSQL: the dump test)")
def test_free_text_about_the_case_is_sealed_too(app: Flask, client, make_staff,
                                                 tmp_path: Path) -> None:
    """A reviewer's question, the applicant's answer and a staff note can hold a NIK or a phone
    number: none of it is readable in the file."""
    from lindungi.enrollment import replies
    from lindungi.enrollment.models import EnrollmentRequest
    from lindungi.review import operations

    reference = enroll(client)
    staff = make_staff()
    with app.app_context():
        request = db.session.scalar(sa.select(EnrollmentRequest))
        reviewer = db.session.merge(staff)
        operations.ask_for_information(request, reviewer, request.version,
                                       f"Kirim foto KK {KK}", note=f"NIK {NIK}")
        assert replies.answer_more_information(request, "Telepon saya 081234567890")
        operations.add_note(request, reviewer, f"Ditelepon ke +6281234567890, ibu {MOTHER}")
        db.session.commit()
        texts = [(c.public_message, c.internal_note) for c in request.history]
        assert (f"Kirim foto KK {KK}", f"NIK {NIK}") in texts  # read back in plain
    files = [tmp_path / f"test.sqlite3{suffix}" for suffix in ("", "-wal")]
    assert_nothing_personal(b"".join(path.read_bytes() for path in files if path.exists()),
                            reference)


@pytest.mark.sqlite_only(reason="file modes of the database file, WAL and shared memory")
def test_sqlite_files_are_readable_by_their_owner_only(app: Flask, client,
                                                        tmp_path: Path) -> None:
    database = tmp_path / "test.sqlite3"
    database.chmod(0o644)  # as a database made before this rule
    enroll(client)
    with app.app_context():
        db.engine.dispose()  # a new connection tightens the file
        db.session.execute(sa.text("SELECT 1"))
    for suffix in ("", "-wal", "-shm"):
        path = tmp_path / f"test.sqlite3{suffix}"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, suffix


def test_a_new_database_and_the_instance_folder_are_private(make_app, tmp_path: Path) -> None:
    folder = tmp_path / "fresh"
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'new.sqlite3'}")
    app.instance_path = str(folder)
    folder.mkdir()
    with app.app_context():
        db.create_all()
        db.session.execute(sa.text("SELECT 1"))
        db.engine.dispose()
    for name in ("new.sqlite3", "new.sqlite3-wal", "new.sqlite3-shm"):
        if (folder / name).exists():
            assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
    from lindungi.protection.files import private_dir

    private_dir(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_sealed_column_cannot_be_compared_in_sql(app: Flask) -> None:
    with app.app_context(), pytest.raises(TypeError, match="blind index"):
        sa.select(EnrollmentWorker.id).where(EnrollmentWorker.nik == NIK)


@pytest.fixture
def pg_app(make_app) -> Iterator[Flask]:
    if not POSTGRES_URL:
        pytest.skip("LINDUNGI_TEST_POSTGRES_URL is not set (tests/run-suite.sh sets it)")
    app = make_app(SQLALCHEMY_DATABASE_URI=POSTGRES_URL)
    app.test_client_class = CheckingClient
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def copy_every_table(app: Flask) -> bytes:
    chunks: list[bytes] = []
    with app.app_context():
        raw = db.engine.raw_connection()
        try:
            cursor = raw.driver_connection.cursor()
            for table in db.metadata.sorted_tables:
                with cursor.copy(f'COPY "{table.name}" TO STDOUT') as copy:
                    chunks.extend(bytes(data) for data in copy)
        finally:
            raw.close()
    return b"".join(chunks)


@pytest.mark.postgres
def test_a_postgres_dump_after_enrollment_holds_no_identity_numbers(pg_app: Flask) -> None:
    reference = enroll(pg_app.test_client())
    assert_nothing_personal(copy_every_table(pg_app), reference)
