"""Sample enrollment requests for a newcomer's review desk (`flask seed-demo --with-requests`).

Every value is obviously invented: names start with "CONTOH" (sample), NIK and KK numbers start
with 99 (no Indonesian province has that code), phone numbers are +62 800 000 00xx. Refused
with LINDUNGI_ENV=production: no sample request may ever reach a real desk.
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta

import sqlalchemy as sa

from lindungi.core import places
from lindungi.core.reference import new_reference
from lindungi.enrollment.models import (
    OPEN_STATUSES,
    EnrollmentRequest,
    EnrollmentWorker,
    RequestStatus,
    Sex,
    StatusChange,
)
from lindungi.extensions import db
from lindungi.protection.columns import nik_index
from lindungi.timeutil import utcnow

# How the samples are recognised (idempotent seeding); an idempotency token, not a secret.
TOKEN_PREFIX = "demo-request-"  # noqa: S105

# (name, sex, birth date, kecamatan index, occupation, decile, status, days ago, message)
SAMPLES = (
    ("CONTOH Daeng Tiro", "M", date(1979, 3, 14), 0, "fisher", 2, RequestStatus.RECEIVED, 1, ""),
    ("CONTOH Hasnah Demo", "F", date(1986, 7, 2), 3, "street_vendor", 1,
     RequestStatus.RECEIVED, 6, ""),
    ("CONTOH Baso Sampel", "M", date(1968, 11, 30), 5, "becak_driver", 3,
     RequestStatus.IN_REVIEW, 9, ""),
    ("CONTOH Sitti Uji", "F", date(1990, 1, 21), 7, "domestic_worker", None,
     RequestStatus.NEEDS_INFO, 12,
     "CONTOH: kirim nomor desil dari kantor kelurahan (pesan contoh)."),
    ("CONTOH Imam Percobaan", "M", date(1962, 5, 5), 9, "imam", 2, RequestStatus.APPROVED, 20,
     ""),
    ("CONTOH Rahma Fiktif", "F", date(1983, 9, 9), 11, "waste_picker", 6,
     RequestStatus.REJECTED, 25, ""),
)


class ProductionRefused(Exception):
    """Sample requests are never made on a production installation."""


def _has_samples() -> bool:
    return db.session.scalar(sa.select(sa.func.count(EnrollmentRequest.id)).where(
        EnrollmentRequest.idempotency_token.startswith(TOKEN_PREFIX))) > 0


def seed_requests(production: bool) -> str:
    """Add the sample requests once (flush, not commit)."""
    if production:
        raise ProductionRefused
    if _has_samples():
        return "Sample requests already present; none added."
    kecamatan = places.kecamatan_list()
    now = utcnow()
    for number, (name, sex, born, kec_index, work, decile, status, days_ago,
                 message) in enumerate(SAMPLES, start=1):
        kec = kecamatan[kec_index % len(kecamatan)]
        nik = f"99{number:014d}"
        sent = now - timedelta(days=days_ago)
        request = EnrollmentRequest(
            reference=new_reference(), idempotency_token=f"{TOKEN_PREFIX}{secrets.token_hex(8)}",
            status=status, created_at=sent, updated_at=sent, for_self=True,
            phone_e164=f"+6280000000{number:03d}", email="", consent_notice_version="demo",
            consented_at=sent, kecamatan_code=kec.code, public_message=message,
            rejection_reason="decile_above_limit" if status is RequestStatus.REJECTED else "",
            decided_at=sent + timedelta(days=3) if status in (
                RequestStatus.APPROVED, RequestStatus.REJECTED) else None,
        )
        request.workers = [EnrollmentWorker(
            position=1, full_name=name, nik=nik, kk=f"99{number:014d}", birth_date=born,
            sex=Sex(sex), place_of_birth="Contoh", address=f"Jalan Contoh No. {number}",
            rt_rw="001/001", kecamatan_code=kec.code,
            kelurahan_code=places.kelurahan_for(kec.code)[0].code, occupation=work,
            income_band="under_1m", decile=decile, heir_name="CONTOH Ahli Waris",
            heir_relationship="spouse",
            # The open-NIK rule holds the blind index, never the NIK itself.
            open_nik=nik_index(nik) if status in OPEN_STATUSES else None,
        )]
        if status is not RequestStatus.RECEIVED:
            request.history = [StatusChange(at=sent + timedelta(days=2),
                                            from_status=RequestStatus.RECEIVED, to_status=status,
                                            public_message=message)]
        db.session.add(request)
    db.session.flush()
    return f"Added {len(SAMPLES)} sample requests (names start with CONTOH)."
