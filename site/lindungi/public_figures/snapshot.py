"""What the public figures page reads: the stored snapshot only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from lindungi.extensions import db
from lindungi.public_figures.models import Dimension, FigureRow


@dataclass(frozen=True)
class Snapshot:
    refreshed_at: datetime
    total: FigureRow
    by_kecamatan: list[FigureRow]
    by_month: list[FigureRow]


def version() -> str | None:
    """Which snapshot is published (part of the public pages' ETag)."""
    return db.session.scalar(sa.select(FigureRow.batch).where(
        FigureRow.dimension == Dimension.TOTAL))


def load() -> Snapshot | None:
    rows = list(db.session.scalars(sa.select(FigureRow).order_by(FigureRow.position)))
    total = next((row for row in rows if row.dimension == Dimension.TOTAL), None)
    if total is None:
        return None
    return Snapshot(
        refreshed_at=total.refreshed_at, total=total,
        by_kecamatan=[row for row in rows if row.dimension == Dimension.KECAMATAN],
        by_month=[row for row in rows if row.dimension == Dimension.MONTH],
    )
