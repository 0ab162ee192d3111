"""Retention as the privacy notice states it (`flask --app lindungi privacy purge`).

- A request approved or registered is deleted `retention_approved_years` after its last
  decision (the approval, or the registration that followed it); a request not approved,
  `retention_rejected_years` after the refusal. Both are site settings (/staf/pengaturan), the
  same ones the privacy notice and the consent step show: one source, so what the site promises
  is what gets deleted. While a period is empty, the site states none for that kind and the
  purge deletes none of that kind (it says so; `flask launch-check` lists the empty setting).
  Its workers, history and internal notes go with it; anonymous counts stay in
  enrollment_statistic. Requests still being handled are kept.
- Drafts and the queue's saved searches are deleted once expired.
- Audit rows older than AUDIT_DETAIL_MONTHS keep who did what to which record and when, but lose
  their details and the client address.

Each run that changes something writes one audit row with the counts.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import current_app

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
from lindungi.review.models import QueueSearch
from lindungi.site_settings import values as site_values

R = EnrollmentRequest
KEPT_AFTER_APPROVAL = (RequestStatus.APPROVED, RequestStatus.REGISTERED)


@dataclass(frozen=True)
class PurgeReport:
    # Stored as the audit row's detail under these names (audit.details words them).
    deleted_requests: int = 0
    deleted_workers: int = 0
    deleted_drafts: int = 0
    deleted_searches: int = 0
    trimmed_audit_rows: int = 0

    @property
    def changed_anything(self) -> bool:
        return any(asdict(self).values())


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` earlier (the month's last day when it has fewer days)."""
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _last_decision() -> sa.ColumnElement[datetime]:
    latest = (sa.select(sa.func.max(StatusChange.at)).where(StatusChange.request_id == R.id)
              .correlate(R).scalar_subquery())
    return sa.func.coalesce(latest, R.decided_at, R.updated_at)


@dataclass(frozen=True)
class Periods:
    """The retention periods in years as staff set them; None while a setting is empty."""

    approved_years: int | None
    rejected_years: int | None

    def unset(self) -> list[str]:
        """The kinds of request the purge leaves alone because their period is not set."""
        kinds = (("approved or registered requests", self.approved_years),
                 ("requests not approved", self.rejected_years))
        return [kind for kind, years in kinds if not years]


def periods() -> Periods:
    """Read from the database now (not this request's copy): the settings the notice shows."""
    site = site_values.load()
    return Periods(site.whole("retention_approved_years"),
                   site.whole("retention_rejected_years"))


def due_request_ids(now: datetime, kept: Periods) -> list[int]:
    decided = _last_decision()
    due = []
    if kept.approved_years:
        cutoff = months_before(now, 12 * kept.approved_years)
        due.append(sa.and_(R.status.in_(KEPT_AFTER_APPROVAL), decided <= cutoff))
    if kept.rejected_years:
        cutoff = months_before(now, 12 * kept.rejected_years)
        due.append(sa.and_(R.status == RequestStatus.REJECTED, decided <= cutoff))
    if not due:
        return []
    return list(db.session.scalars(sa.select(R.id).where(sa.or_(*due)).order_by(R.id)))


def count_and_delete(request_ids: Iterable[int]) -> tuple[int, int]:
    """Add the requests to the anonymous statistics, then delete them with their workers,
    history and notes (foreign keys cascade). Returns (requests, workers)."""
    ids = list(request_ids)
    if not ids:
        return 0, 0
    workers = sa.select(sa.func.count(EnrollmentWorker.id)).where(
        EnrollmentWorker.request_id == R.id).correlate(R).scalar_subquery()
    rows = db.session.execute(
        sa.select(R.created_at, R.kecamatan_code, R.status, workers.label("workers"))
        .where(R.id.in_(ids))).all()
    counted: dict[tuple[str, str, str], EnrollmentStatistic] = {}
    worker_total = 0
    for row in rows:
        key = (row.created_at.strftime("%Y-%m"), row.kecamatan_code, str(row.status.value))
        statistic = counted.get(key) or db.session.scalar(sa.select(EnrollmentStatistic).where(
            EnrollmentStatistic.month == key[0], EnrollmentStatistic.kecamatan_code == key[1],
            EnrollmentStatistic.status == key[2]))
        if statistic is None:
            statistic = EnrollmentStatistic(month=key[0], kecamatan_code=key[1], status=key[2],
                                            requests=0, workers=0)
            db.session.add(statistic)
        statistic.requests += 1
        statistic.workers += int(row.workers or 0)
        counted[key] = statistic
        worker_total += int(row.workers or 0)
    db.session.flush()
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        for model in (StatusChange, InternalNote, EnrollmentWorker):
            db.session.execute(sa.delete(model).where(model.request_id.in_(part)))
        db.session.execute(sa.delete(R).where(R.id.in_(part)))
    return len(rows), worker_total


def _trim_audit(now: datetime) -> int:
    cutoff = months_before(now, int(current_app.config["AUDIT_DETAIL_MONTHS"]))
    result = db.session.execute(
        sa.update(AuditEvent)
        .where(AuditEvent.at <= cutoff, sa.or_(
            AuditEvent.client != "", sa.cast(AuditEvent.detail, sa.Text) != "{}"))
        .values(detail={}, client="")
        .execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0) or 0)


def _delete_expired(model: type[EnrollmentDraft] | type[QueueSearch], now: datetime) -> int:
    result = db.session.execute(sa.delete(model).where(model.expires_at <= now))
    return int(getattr(result, "rowcount", 0) or 0)


def purge(now: datetime, kept: Periods) -> PurgeReport:
    """Delete or anonymise everything due at `now` (naive UTC) under the periods `kept`;
    flushes and audits, the caller commits (or rolls back, for a dry run)."""
    requests, workers = count_and_delete(due_request_ids(now, kept))
    report = PurgeReport(
        deleted_requests=requests, deleted_workers=workers,
        deleted_drafts=_delete_expired(EnrollmentDraft, now),
        deleted_searches=_delete_expired(QueueSearch, now),
        trimmed_audit_rows=_trim_audit(now),
    )
    if report.changed_anything:
        actions.log(actions.PRIVACY_PURGED, target_type="retention", **asdict(report))
    db.session.flush()
    return report
