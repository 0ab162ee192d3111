"""`flask --app lindungi figures refresh`: count the requests once and store the snapshot the
public page shows. Run it on a schedule (README); pages never count requests themselves.

Months are calendar months in WITA; a request's month for "received" is when it was sent, for
"decided" and the median when it was first decided, for "covered" when its workers were
registered with BPJS Ketenagakerjaan. By kecamatan: a request counts where its first worker
lives, a covered worker where that worker lives.
"""

from __future__ import annotations

import secrets
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa

from lindungi.core import disclosure
from lindungi.core.places import kecamatan_list
from lindungi.enrollment.models import (
    EnrollmentRequest,
    EnrollmentWorker,
    RequestStatus,
    StatusChange,
)
from lindungi.extensions import db
from lindungi.formatting import to_wita
from lindungi.public_figures.models import Dimension, FigureRow
from lindungi.timeutil import utcnow

MONTHS = 12


@dataclass
class Tally:
    covered: int = 0
    received: int = 0
    decided: int = 0
    days: list[float] = field(default_factory=list)

    def median(self) -> float | None:
        return round(statistics.median(self.days), 1) if self.days else None


def month_key(moment: datetime) -> str:
    return f"{to_wita(moment):%Y-%m}"


def last_months(now: datetime, count: int = MONTHS) -> list[str]:
    """The last `count` months (WITA) as "YYYY-MM", oldest first, this month last."""
    today = to_wita(now).date()
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(f"{date(year, month, 1):%Y-%m}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _tallies() -> tuple[Tally, dict[str, Tally], dict[str, Tally]]:
    total = Tally()
    by_kecamatan: dict[str, Tally] = defaultdict(Tally)
    by_month: dict[str, Tally] = defaultdict(Tally)
    R = EnrollmentRequest
    for kecamatan, sent, decided in db.session.execute(
            sa.select(R.kecamatan_code, R.created_at, R.decided_at)):
        for tally in (total, by_kecamatan[kecamatan], by_month[month_key(sent)]):
            tally.received += 1
        if decided is not None:
            days = (decided - sent).total_seconds() / 86400
            for tally in (total, by_kecamatan[kecamatan], by_month[month_key(decided)]):
                tally.decided += 1
                tally.days.append(days)
    registered = (sa.select(StatusChange.request_id, sa.func.min(StatusChange.at).label("at"))
                  .where(StatusChange.to_status == RequestStatus.REGISTERED)
                  .group_by(StatusChange.request_id).subquery())
    W = EnrollmentWorker
    covered = Counter(db.session.execute(
        sa.select(W.kecamatan_code, registered.c.at)
        .join(registered, registered.c.request_id == W.request_id)
        .join(R, R.id == W.request_id)
        .where(R.status == RequestStatus.REGISTERED)).all())
    for (kecamatan, at), count in covered.items():
        for tally in (total, by_kecamatan[kecamatan], by_month[month_key(at)]):
            tally.covered += count
    return total, by_kecamatan, by_month


def _rows(dimension: Dimension, tallies: dict[str, Tally], keys: list[str],
          stamp: dict[str, object]) -> list[FigureRow]:
    """One row per key, each count column protected as a column with a published total."""
    columns = {
        name: disclosure.protect_column({key: getattr(tallies[key], name) for key in keys})
        for name in ("covered", "received", "decided")
    }
    return [
        FigureRow(dimension=dimension, key=key, position=position, **stamp,
                  covered=columns["covered"][key], received=columns["received"][key],
                  decided=columns["decided"][key],
                  median_days=disclosure.protect_median(tallies[key].median(),
                                                        tallies[key].decided))
        for position, key in enumerate(keys)
    ]


def refresh() -> int:
    """Replace the snapshot (the caller commits, so the page never sees half of one)."""
    now = utcnow()
    stamp: dict[str, object] = {"refreshed_at": now, "batch": secrets.token_hex(8)}
    total, by_kecamatan, by_month = _tallies()
    rows = [FigureRow(
        dimension=Dimension.TOTAL, key="", position=0, **stamp,
        covered=disclosure.protect_total(total.covered),
        received=disclosure.protect_total(total.received),
        decided=disclosure.protect_total(total.decided),
        median_days=disclosure.protect_median(total.median(), total.decided))]
    rows += _rows(Dimension.KECAMATAN, by_kecamatan, [k.code for k in kecamatan_list()], stamp)
    rows += _rows(Dimension.MONTH, by_month, last_months(now), stamp)
    db.session.execute(sa.delete(FigureRow))
    db.session.add_all(rows)
    db.session.flush()
    return len(rows)
