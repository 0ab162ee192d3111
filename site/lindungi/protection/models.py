"""What stays after personal data is deleted: anonymous counts for the program's statistics."""

from __future__ import annotations

import sqlalchemy as sa
import sqlalchemy.orm as so

from lindungi.extensions import db


class EnrollmentStatistic(db.Model):  # type: ignore[name-defined,misc]
    """Requests and workers deleted by the retention purge or on a person's request, counted by
    the month the request was sent (YYYY-MM), the first worker's kecamatan and the last status.
    Nothing in a row points back to a person."""

    __tablename__ = "enrollment_statistic"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    month: so.Mapped[str] = so.mapped_column(sa.String(7))
    kecamatan_code: so.Mapped[str] = so.mapped_column(sa.String(12))
    status: so.Mapped[str] = so.mapped_column(sa.String(20))
    requests: so.Mapped[int] = so.mapped_column(default=0)
    workers: so.Mapped[int] = so.mapped_column(default=0)

    __table_args__ = (
        sa.UniqueConstraint("month", "kecamatan_code", "status", name="uq_enrollment_statistic"),
    )
