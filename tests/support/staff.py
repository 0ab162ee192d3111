"""Test helpers for the staff area: enrollment requests made directly in the database, signing in
through the session (fast, no rate limit), and CSRF tokens read from a page.

Plain functions taking the app, so functional and browser tests share them; the functional
tests' conftest wraps them as fixtures (make_request, sign_in_as).
"""

from __future__ import annotations

import itertools
import secrets
from datetime import UTC, date, datetime
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from lindungi.core.reference import new_reference
from lindungi.enrollment.models import (
    EnrollmentRequest,
    EnrollmentWorker,
    RequestStatus,
    Sex,
)
from lindungi.extensions import db
from lindungi.staff import twofactor
from lindungi.staff.models import StaffUser
from lindungi.timeutil import utcnow
from tests.support.checking import soup_of

_serials = itertools.count(1)
KECAMATAN = "73.71.01"  # Mariso
KELURAHAN = "73.71.01.1001"


def make_nik(birth_date: date, sex: Sex = Sex.MALE, region: str = "737101",
             serial: int | None = None) -> str:
    """A structurally valid NIK for this birth date and sex (women: day + 40)."""
    day = birth_date.day + (40 if sex == Sex.FEMALE else 0)
    number = next(_serials) if serial is None else serial
    return f"{region}{day:02d}{birth_date:%m%y}{number % 10000 or 1:04d}"


def worker_data(**overrides: Any) -> dict[str, Any]:
    birth = overrides.get("birth_date", date(1985, 6, 15))
    sex = overrides.get("sex", Sex.MALE)
    data: dict[str, Any] = {
        "full_name": "Daeng Sutte", "birth_date": birth, "sex": sex,
        "kk": "7371010101090001", "place_of_birth": "Makassar",
        "mother_maiden_name": "Hasnah", "address": "Jl. Rajawali No. 7", "rt_rw": "002/003",
        "kecamatan_code": KECAMATAN, "kelurahan_code": KELURAHAN, "occupation": "fisher",
        "income_band": "lowest", "decile": 2, "heir_name": "Sitti Aminah",
        "heir_relationship": "spouse", "heir_phone_e164": "+6281234567891",
    }
    data.update(overrides)
    data.setdefault("nik", make_nik(birth, sex))
    return data


def _worker(position: int, data: dict[str, Any]) -> EnrollmentWorker:
    """A worker row; a true "open_nik" marks its request open for the NIK (the column holds the
    NIK's blind index, set from the NIK)."""
    opened = data.pop("open_nik", None)
    worker = EnrollmentWorker(position=position, **data)
    if opened:
        worker.open_nik = worker.nik_index
    return worker


def create_request(app: Flask, workers: list[dict[str, Any]] | None = None,
                   **overrides: Any) -> EnrollmentRequest:
    """An enrollment request (committed, detached, workers loaded). Each worker dict overrides
    worker_data(); the request's kecamatan is the first worker's."""
    with app.app_context():
        people = [worker_data(**w) for w in (workers or [{}])]
        now = utcnow()
        values: dict[str, Any] = {
            "reference": new_reference(), "idempotency_token": secrets.token_urlsafe(24),
            "status": RequestStatus.RECEIVED, "created_at": now, "updated_at": now,
            "for_self": True, "phone_e164": "+6281234567890", "email": "",
            "consent_notice_version": "2026-01", "consented_at": now,
            "kecamatan_code": people[0]["kecamatan_code"],
        }
        values.update(overrides)
        request = EnrollmentRequest(**values)
        request.workers = [_worker(i, p) for i, p in enumerate(people, 1)]
        db.session.add(request)
        db.session.commit()
        db.session.refresh(request)
        _ = [worker.nik for worker in request.workers]
        db.session.expunge_all()
        return request


def load_request(app: Flask, request_id: int) -> EnrollmentRequest:
    with app.app_context():
        request = db.session.get(EnrollmentRequest, request_id)
        assert request is not None
        _ = [worker.kpj_number for worker in request.workers]
        _ = list(request.history)
        db.session.expunge_all()
        return request


TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def enrol_two_factor(app: Flask, user: StaffUser, secret: str = TEST_TOTP_SECRET) -> str:
    """Turn two-step sign-in on for `user` in the database, as the set-up page does once the
    first code matches (no recovery codes); returns the secret, for `current_code`."""
    with app.app_context():
        stored = db.session.get(StaffUser, user.id)
        assert stored is not None
        stored.totp_secret = secret
        stored.totp_enabled_at = utcnow()
        db.session.commit()
    return secret


def current_code(app: Flask, secret: str = TEST_TOTP_SECRET) -> str:
    """The code an authenticator app shows now (app.config["NOW"] moves it)."""
    with app.app_context():
        return twofactor.current_code(secret)


def sign_in_as(client: FlaskClient, user: StaffUser) -> None:
    """What a successful sign-in (password, then the code for reviewers and admins) leaves in
    the session; the real forms have their own tests. Reviewers and admins are enrolled in
    two-step sign-in first, so the production rule (no page before it is set up) stays on."""
    app = client.application
    with app.app_context():
        stamp = utcnow().timestamp()  # as lindungi.staff.sessions stamps it
        stored = db.session.get(StaffUser, user.id)
        needs_code = stored is not None and twofactor.needs_enrolment(stored)
    if needs_code:
        enrol_two_factor(app, user)
    with client.session_transaction() as session:
        session.clear()
        session.update(staff_id=user.id, staff_version=user.session_version,
                       staff_started=stamp, staff_seen=stamp, staff_reauth=stamp,
                       _user_id=str(user.id), _fresh=True)


def csrf_token(client: FlaskClient, path: str = "/staf/") -> str:
    """The CSRF token from a page's forms (every staff page has the sign-out form)."""
    response = client.get(path)
    field = soup_of(response).find("input", attrs={"name": "csrf_token"})
    assert field is not None, f"no CSRF token on {path} ({response.status_code})"
    return str(field["value"])


def fixed_now(year: int, month: int, day: int, hour: int = 2) -> datetime:
    """An aware UTC moment for app.config["NOW"] (02:00 UTC is 10:00 WITA)."""
    return datetime(year, month, day, hour, tzinfo=UTC)


# Where the `timed_app` fixture's clock stands (tests move it on through app.config["NOW"]).
TIMED_START = fixed_now(2026, 2, 13)


class AuthActions:
    """flaskr's `auth` helper for one test client: auth.login(role=...) makes an account of
    that role and signs the client in as it; auth.logout() signs out through the real form."""

    def __init__(self, client: FlaskClient, make_staff: Any) -> None:
        self._client = client
        self._make_staff = make_staff
        self.user: StaffUser | None = None

    def login(self, role: Any = None, **kwargs: Any) -> StaffUser:
        self.user = self._make_staff(**({"role": role} if role is not None else {}), **kwargs)
        sign_in_as(self._client, self.user)
        return self.user

    def logout(self) -> Any:
        token = csrf_token(self._client)
        return self._client.post("/staf/keluar", data={"csrf_token": token})


def export_approved(client: FlaskClient) -> Any:
    """Download the approved requests as the queue page's button does (a POST with its token)."""
    return client.post("/staf/pendaftaran/ekspor.csv",
                       data={"csrf_token": csrf_token(client, "/staf/pendaftaran")})
