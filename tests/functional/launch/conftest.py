"""Launch readiness (issue 14): site settings, promises on public pages, demo content, the
launch check. Tested against the demo content (seeded once, copied per test)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.content.models import Article
from lindungi.extensions import db
from lindungi.site_settings.operations import save_settings
from lindungi.staff.models import Role, StaffUser
from tests.checking import CheckingClient
from tests.public_fixtures import (  # noqa: F401 - fixtures
    BASE_URL,
    FIXED_NOW,
    make_seeded_app,
    public_app,
    seeded_files,
)
from tests.staff_helpers import csrf_token, sign_in_as

# Every filled setting a test uses: values no page could show by chance.
FILLED = {
    "office_address": "Jalan Contoh Uji No. 99, Kelurahan Maricaya",
    "office_hours": "Senin sampai Kamis, 07.45–14.15 WITA",
    "office_hours_en": "Monday to Thursday, 07:45–14:15 WITA",
    "phone": "+62411777321",
    "whatsapp": "+6281299887766",
    "email": "uji-disnaker@makassarkota.go.id",
    "map_url": "https://www.openstreetmap.org/?mlat=-5.15&mlon=119.43",
    "decision_working_days": "9",
    "retention_approved_years": "7",
    "retention_rejected_years": "3",
    "privacy_officer": "Kepala Bidang Uji Data, Disnaker",
}


@pytest.fixture
def app(public_app: Flask) -> Flask:  # noqa: F811 - the fixture, imported above
    return public_app


@pytest.fixture
def fill_settings(app: Flask) -> Callable[..., None]:
    def fill(**values: str) -> None:
        with app.app_context():
            save_settings(values or FILLED)
            db.session.commit()

    return fill


@pytest.fixture
def client_for(app: Flask, make_staff: Callable[..., StaffUser]) -> Callable[..., CheckingClient]:
    """client_for(Role.COMMUNICATIONS) -> a client signed in as a new account of that role."""

    def factory(role: Role = Role.COMMUNICATIONS, **kwargs: Any) -> CheckingClient:
        user = make_staff(role=role, **kwargs)
        client = app.test_client()
        sign_in_as(client, user)
        client.user = user  # type: ignore[attr-defined]
        client.token = csrf_token(client)  # type: ignore[attr-defined]
        return client  # type: ignore[return-value]

    return factory


def public_paths(app: Flask) -> list[str]:
    """Every public page without a language prefix: the fixed pages, every published article
    and the service pages (checker, request start, status lookup)."""
    with app.app_context():
        slugs = list(db.session.scalars(sa.select(Article.slug)))
    fixed = ["/", "/berita", "/berita?page=2", "/manfaat", "/manfaat/jkk", "/manfaat/jkm",
             "/manfaat/jht", "/klaim", "/faq", "/kontak", "/privasi", "/cari", "/cari?q=klaim",
             "/cek-kelayakan", "/daftar", "/status"]
    return fixed + [f"/berita/{slug}" for slug in slugs]
