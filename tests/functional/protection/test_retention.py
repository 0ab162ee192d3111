"""`flask --app lindungi privacy purge`, with the clock moved (app.config["NOW"]): what the
privacy notice promises is what gets deleted (the periods are the site settings the notice and
the consent step show; a kind whose period is empty is kept, and the run says so), the
statistics keep anonymous counts, and the run is in the audit log. --dry-run only counts."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.audit import actions
from lindungi.audit.models import AuditEvent
from lindungi.enrollment.models import (
    EnrollmentDraft,
    EnrollmentRequest,
    EnrollmentWorker,
    InternalNote,
    RequestStatus,
    StatusChange,
)
from lindungi.extensions import db
from lindungi.protection.models import EnrollmentStatistic
from lindungi.protection.retention import months_before
from lindungi.review.models import QueueSearch
from lindungi.site_settings.models import SiteSetting
from lindungi.staff import accounts
from lindungi.staff.models import Role
from tests.support.apps import STAFF_PASSWORD
from tests.support.checking import soup_of
from tests.support.launch import set_settings
from tests.support.staff import create_request, fixed_now

S = RequestStatus
NOW = datetime(2028, 12, 1, 2, 0)


def made(app: Flask, status: RequestStatus, decided: datetime | None, *, workers: int = 1,
         last_change: datetime | None = None) -> int:
    request = create_request(
        app, workers=[{"nik": f"737101150685{n:04d}"} for n in range(workers)],
        status=status, decided_at=decided, created_at=datetime(2026, 10, 5, 3),
        updated_at=decided or datetime(2026, 10, 5, 3))
    if last_change is not None:
        with app.app_context():
            db.session.add(StatusChange(request_id=request.id, at=last_change,
                                        from_status=S.APPROVED, to_status=status))
            db.session.commit()
    return request.id


@pytest.fixture
def aged(app: Flask) -> dict[str, int]:
    """Requests, drafts, searches and audit rows of every age around the limits."""
    ids = {
        "approved_due": made(app, S.APPROVED, NOW - timedelta(days=731), workers=2),
        "approved_kept": made(app, S.APPROVED, NOW - timedelta(days=729)),
        "registered_late": made(app, S.REGISTERED, NOW - timedelta(days=900),
                                last_change=NOW - timedelta(days=400)),
        "rejected_due": made(app, S.REJECTED, NOW - timedelta(days=366)),
        "rejected_kept": made(app, S.REJECTED, NOW - timedelta(days=364)),
        "open_old": made(app, S.RECEIVED, None),
    }
    with app.app_context():
        # The periods as staff set them (rows written directly: no audit row of their own).
        db.session.add_all([SiteSetting(key="retention_approved_years", value="2"),
                            SiteSetting(key="retention_rejected_years", value="1")])
        staff = accounts.create_staff("a@makassarkota.go.id", Role.ADMIN, STAFF_PASSWORD)
        db.session.flush()
        db.session.add(InternalNote(request_id=ids["approved_due"], staff_id=staff.id,
                                    body="Dokumen lengkap", at=NOW - timedelta(days=800)))
        for hours in (-1, 1):
            db.session.add(EnrollmentDraft(id=secrets.token_urlsafe(32), data={"format": 1},
                                           expires_at=NOW + timedelta(hours=hours)))
            db.session.add(QueueSearch(id=secrets.token_urlsafe(32), staff_id=staff.id,
                                       text="Siti", expires_at=NOW + timedelta(hours=hours)))
        for days, client, reason in ((800, "10.0.0.9", "x"), (30, "10.0.0.8", "y")):
            event = db.session.get(AuditEvent, actions.log(
                actions.IDENTITY_VIEWED, target_type="enrollment_request", reason=reason))
            event.at, event.client = NOW - timedelta(days=days), client
            event.detail = {"reason": reason}  # as a view in a request stores it
        db.session.commit()
    app.config["NOW"] = fixed_now(NOW.year, NOW.month, NOW.day, NOW.hour)
    return ids


def remaining(app: Flask) -> set[int]:
    with app.app_context():
        return set(db.session.scalars(sa.select(EnrollmentRequest.id)))


def counts(app: Flask) -> dict[str, int]:
    with app.app_context():
        return {model.__tablename__: db.session.scalar(sa.select(sa.func.count()).select_from(
            model)) or 0 for model in (EnrollmentWorker, StatusChange, InternalNote,
                                       EnrollmentDraft, QueueSearch)}


def test_purge_deletes_what_the_notice_says_and_keeps_counts(app: Flask, aged, client,
                                                             auth) -> None:
    result = app.test_cli_runner().invoke(args=["privacy", "purge"])
    assert result.exit_code == 0, result.output
    # Audit rows: the old identity view, and the account's creation (today, 2 years before NOW).
    assert ("deleted requests: 2, deleted workers: 3, deleted drafts: 1, deleted searches: 1, "
            "trimmed audit rows: 2") in result.output
    assert remaining(app) == {aged[name] for name in (
        "approved_kept", "registered_late", "rejected_kept", "open_old")}
    assert counts(app) == {"enrollment_worker": 4, "status_change": 1, "internal_note": 0,
                           "enrollment_draft": 1, "queue_search": 1}
    with app.app_context():
        statistics = {(s.month, s.kecamatan_code, s.status, s.requests, s.workers)
                      for s in db.session.scalars(sa.select(EnrollmentStatistic))}
        assert statistics == {("2026-10", "73.71.01", "approved", 1, 2),
                              ("2026-10", "73.71.01", "rejected", 1, 1)}
        trimmed = db.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.action == "request.view_identity").order_by(AuditEvent.at)).all()
        assert [(e.client, e.detail) for e in trimmed] == [("", {}),
                                                           ("10.0.0.8", {"reason": "y"})]
        run = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "privacy.purge"))
        assert run is not None and run.detail == {
            "deleted_requests": 2, "deleted_workers": 3, "deleted_drafts": 1,
            "deleted_searches": 1, "trimmed_audit_rows": 2,
            "via": "cli"}
    auth.login(role=Role.ADMIN)
    log = soup_of(client.get("/staf/audit")).get_text(" ", strip=True)
    assert "2 permohonan dihapus" in log and "1 draf yang belum dikirim dihapus" in log
    # A second run finds nothing due and writes no audit row.
    again = app.test_cli_runner().invoke(args=["privacy", "purge"])
    assert "deleted requests: 0, deleted workers: 0" in again.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "privacy.purge")) == 1


def test_a_dry_run_counts_and_changes_nothing(app: Flask, aged) -> None:
    before = (remaining(app), counts(app))
    result = app.test_cli_runner().invoke(args=["privacy", "purge", "--dry-run"])
    assert result.exit_code == 0
    assert "Due (nothing changed): deleted requests: 2, deleted workers: 3" in result.output
    assert (remaining(app), counts(app)) == before
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(EnrollmentStatistic.id))) == 0


def test_the_periods_are_settings(make_app, tmp_path) -> None:
    app = make_app()
    set_settings(app, retention_approved_years="3", retention_rejected_years="2")
    kept = made(app, S.APPROVED, NOW - timedelta(days=731))
    also_kept = made(app, S.REJECTED, NOW - timedelta(days=366))
    due = made(app, S.REJECTED, NOW - timedelta(days=731))
    app.config["NOW"] = fixed_now(NOW.year, NOW.month, NOW.day, NOW.hour)
    result = app.test_cli_runner().invoke(args=["privacy", "purge"])
    assert result.exit_code == 0 and "Skipped" not in result.output
    assert remaining(app) == {kept, also_kept}
    assert due not in remaining(app)


def test_a_kind_whose_period_is_empty_is_kept_and_the_run_says_so(make_app) -> None:
    app = make_app()
    set_settings(app, retention_rejected_years="1")
    approved = made(app, S.APPROVED, NOW - timedelta(days=4000))
    registered = made(app, S.REGISTERED, NOW - timedelta(days=4000))
    rejected = made(app, S.REJECTED, NOW - timedelta(days=366))
    app.config["NOW"] = fixed_now(NOW.year, NOW.month, NOW.day, NOW.hour)
    result = app.test_cli_runner().invoke(args=["privacy", "purge"])
    assert result.exit_code == 0, result.output
    assert "Skipped approved or registered requests: their retention period is not set" in (
        result.output)
    assert "requests not approved" not in result.output
    assert "deleted requests: 1," in result.output
    assert remaining(app) == {approved, registered}
    assert rejected not in remaining(app)


def test_with_no_period_set_no_request_is_deleted(make_app) -> None:
    app = make_app()
    old = {made(app, status, NOW - timedelta(days=4000))
           for status in (S.APPROVED, S.REGISTERED, S.REJECTED)}
    app.config["NOW"] = fixed_now(NOW.year, NOW.month, NOW.day, NOW.hour)
    result = app.test_cli_runner().invoke(args=["privacy", "purge", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Skipped approved or registered requests" in result.output
    assert "Skipped requests not approved" in result.output
    assert "deleted requests: 0, deleted workers: 0" in result.output
    assert app.test_cli_runner().invoke(args=["privacy", "purge"]).exit_code == 0
    assert remaining(app) == old


@pytest.mark.parametrize(("moment", "months", "expected"), [
    (datetime(2028, 12, 1), 24, datetime(2026, 12, 1)),
    (datetime(2028, 2, 29), 12, datetime(2027, 2, 28)),
    (datetime(2027, 3, 31), 1, datetime(2027, 2, 28)),
    (datetime(2027, 1, 15), 1, datetime(2026, 12, 15)),
])
def test_months_before(moment: datetime, months: int, expected: datetime) -> None:
    assert months_before(moment, months) == expected
