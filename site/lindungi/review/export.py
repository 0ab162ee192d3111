"""The CSV of approved requests for BPJS Ketenagakerjaan, safe to open in a spreadsheet.

A cell that starts with = + - @, a tab or a carriage return would run as a formula in Excel or
LibreOffice ("CSV injection"), and names and addresses are typed by the public: such cells get a
leading single quote. Every cell is quoted and numbers stay text (a NIK keeps all 16 digits and
never turns into 7.37E+15 in an importer that respects quoting). UTF-8 with a BOM so Excel reads
names with accents correctly.
"""

from __future__ import annotations

import csv
import io

import sqlalchemy as sa

from lindungi.audit import actions
from lindungi.enrollment.models import EnrollmentRequest, RequestStatus
from lindungi.extensions import db
from lindungi.program import program_parameters
from lindungi.review.export_layout import COLUMNS, HEADER, ExportRow
from lindungi.staff.models import StaffUser

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def approved_requests() -> list[EnrollmentRequest]:
    """Approved and not yet registered, oldest decision first (workers load in one query)."""
    return list(db.session.scalars(
        sa.select(EnrollmentRequest)
        .where(EnrollmentRequest.status == RequestStatus.APPROVED)
        .order_by(EnrollmentRequest.decided_at, EnrollmentRequest.id)
    ))


def export_rows(requests: list[EnrollmentRequest]) -> list[ExportRow]:
    params = program_parameters()
    rows = []
    for request in requests:
        for worker in request.workers:
            rows.append(ExportRow(len(rows) + 1, request, worker, params))
    return rows


def to_csv(rows: list[ExportRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([escape_cell(cell(row)) for _name, cell in COLUMNS])
    return "\ufeff" + buffer.getvalue()


def export_approved(staff: StaffUser) -> tuple[str, int]:
    """The CSV text and its number of workers; the export is audited (the caller commits)."""
    requests = approved_requests()
    rows = export_rows(requests)
    actions.log(actions.EXPORTED, actor_id=staff.id, target_type="export",
                requests=len(requests), workers=len(rows))
    db.session.flush()
    return to_csv(rows), len(rows)
