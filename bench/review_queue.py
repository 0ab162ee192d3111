"""How fast the review screens are with many requests (not a test: prints timings).

    .venv/bin/python bench/review_queue.py [--requests 100000] [--database sqlite:///...]

Fills a throw-away SQLite database (or the URL given, which it empties first) with requests
spread over a year, then times the queue with the common filters and sorts, a name search, the
overview and one request's page, each as a signed-in reviewer.
"""

from __future__ import annotations

import argparse
import random
import secrets
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa
from tests.support.staff import sign_in_as

from lindungi import create_app
from lindungi.core.places import kecamatan_list, kelurahan_for
from lindungi.core.reference import new_reference
from lindungi.enrollment.models import (
    EnrollmentRequest,
    EnrollmentWorker,
    RequestStatus,
)
from lindungi.extensions import db
from lindungi.staff import accounts
from lindungi.staff.models import Role

NAMES = ["Daeng", "Andi", "Baso", "Sitti", "Muhammad", "Nurhayati", "Rahman", "Tenri", "Ince",
         "Hasan", "Aminah", "Rahma", "Ridwan", "Syamsul", "Haerul", "Fatimah"]


def fill(count: int, rng: random.Random) -> None:
    places = [(kec.code, kel.code) for kec in kecamatan_list() for kel in kelurahan_for(kec.code)]
    statuses = list(RequestStatus)
    start = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=365)
    request_rows, worker_rows = [], []
    for number in range(1, count + 1):
        kec, kel = rng.choice(places)
        created = start + timedelta(minutes=rng.randint(0, 365 * 24 * 60))
        status = rng.choice(statuses)
        decided = created + timedelta(days=rng.randint(1, 30)) if status in (
            RequestStatus.APPROVED, RequestStatus.REJECTED, RequestStatus.REGISTERED) else None
        request_rows.append({
            "id": number, "reference": new_reference(rng), "status": status.value,
            "idempotency_token": secrets.token_hex(16), "created_at": created,
            "updated_at": created, "decided_at": decided, "for_self": True,
            "applicant_name": "", "applicant_relationship": "", "phone_e164": "+6281234567890",
            "email": "", "preferred_lang": "id", "consent_notice_version": "2026-01",
            "consented_at": created, "public_message": "", "rejection_reason": "",
            "flagged": rng.random() < 0.1, "kecamatan_code": kec, "version": 1,
        })
        for position in range(1, rng.choice([1, 1, 1, 2, 3]) + 1):
            worker_rows.append({
                "request_id": number, "position": position,
                "full_name": f"{rng.choice(NAMES)} {rng.choice(NAMES)}",
                "nik": f"7371{rng.randint(10**11, 10**12 - 1)}", "kk": "7371010101090001",
                "birth_date": date(rng.randint(1961, 2007), rng.randint(1, 12), 1), "sex": "M",
                "place_of_birth": "", "mother_maiden_name": "", "address": "Jl. Contoh",
                "rt_rw": "", "kecamatan_code": kec, "kelurahan_code": kel,
                "occupation": "fisher", "income_band": "lowest", "already_member": False,
                "decile": rng.randint(1, 5), "heir_name": "Ahli Waris",
                "heir_relationship": "spouse", "heir_phone_e164": "",
                "nik_outside_makassar": False, "kpj_number": "",
            })
    for chunk in range(0, len(request_rows), 5000):
        db.session.execute(sa.insert(EnrollmentRequest.__table__), request_rows[chunk:chunk + 5000])
    for chunk in range(0, len(worker_rows), 5000):
        db.session.execute(sa.insert(EnrollmentWorker.__table__), worker_rows[chunk:chunk + 5000])
    db.session.commit()


def timed(client, path: str, method: str = "get", **kwargs) -> float:
    started = time.perf_counter()
    response = getattr(client, method)(path, **kwargs)
    elapsed = time.perf_counter() - started
    assert response.status_code in (200, 303), (path, response.status_code)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--database", default="")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="lindungi-bench-")
    url = args.database or f"sqlite:///{folder}/bench.sqlite3"
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url,
                      "RATELIMIT_STORAGE_URI": "memory://", "WTF_CSRF_ENABLED": False})
    with app.app_context():
        db.drop_all()
        db.create_all()
        started = time.perf_counter()
        fill(args.requests, random.Random(7))
        print(f"filled {args.requests:,} requests in {time.perf_counter() - started:.1f}s")
        user = accounts.create_staff("bench@makassarkota.go.id", Role.REVIEWER, "bench password 1")
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
    client = app.test_client()
    sign_in_as(client, user)
    paths = [
        "/staf/pendaftaran", "/staf/pendaftaran?page=2000", "/staf/pendaftaran?sort=-received",
        "/staf/pendaftaran?status=received", "/staf/pendaftaran?status=received&sort=-received",
        "/staf/pendaftaran?kecamatan=73.71.10&flagged=y",
        "/staf/pendaftaran?since=2026-01-01&until=2026-01-31", "/staf/pendaftaran?sort=name",
        "/staf/", f"/staf/pendaftaran/{args.requests // 2}",
    ]
    for path in paths:
        timed(client, path)  # warm the cache
        best = min(timed(client, path) for _ in range(3))
        print(f"{best * 1000:8.1f} ms  GET {path}")
    client.post("/staf/pendaftaran", data={"search-q": "daeng andi"})
    best = min(timed(client, "/staf/pendaftaran") for _ in range(3))
    print(f"{best * 1000:8.1f} ms  GET /staf/pendaftaran (name search)")


if __name__ == "__main__":
    main()
