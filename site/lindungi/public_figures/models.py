"""The published programme figures: a snapshot written by `flask figures refresh`, read by the
public page. Cells already have the disclosure rule applied (None: not shown), so a small count
is never stored where a public page could read it."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from lindungi.extensions import db, str_enum


class Dimension(enum.StrEnum):
    TOTAL = "total"  # the whole city, all time; key ""
    KECAMATAN = "kecamatan"  # key: the kecamatan code, all time
    MONTH = "month"  # key: "2026-11" (WITA), the whole city


class FigureRow(db.Model):
    __tablename__ = "public_figure"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    dimension: so.Mapped[Dimension] = so.mapped_column(str_enum(Dimension, 10))
    key: so.Mapped[str] = so.mapped_column(sa.String(12))
    # Workers whose cover started (registered with BPJS Ketenagakerjaan).
    covered: so.Mapped[int | None]
    received: so.Mapped[int | None]  # requests sent
    decided: so.Mapped[int | None]  # requests with a first decision
    median_days: so.Mapped[float | None]  # from sending to the first decision
    refreshed_at: so.Mapped[datetime] = so.mapped_column(index=True)
    # Random per refresh: the pages' ETag changes with every new snapshot, even within one tick.
    batch: so.Mapped[str] = so.mapped_column(sa.String(16))
    position: so.Mapped[int] = so.mapped_column(default=0)  # order on the page

    __table_args__ = (sa.UniqueConstraint("dimension", "key"),)
