"""Helpers for the launch-readiness tests (issue 14): filled settings and every public page."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from lindungi.content.models import Article
from lindungi.extensions import db

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


def public_paths(app: Flask) -> list[str]:
    """Every public page without a language prefix: the fixed pages, every published article
    and the service pages (checker, request start, status lookup, review request, continuing
    a saved draft, programme figures)."""
    with app.app_context():
        slugs = list(db.session.scalars(sa.select(Article.slug)))
    fixed = ["/", "/berita", "/berita?page=2", "/manfaat", "/manfaat/jkk", "/manfaat/jkm",
             "/manfaat/jht", "/klaim", "/faq", "/kontak", "/privasi", "/cari", "/cari?q=klaim",
             "/cek-kelayakan", "/daftar", "/status", "/status/tinjau-ulang", "/daftar/lanjut",
             "/angka"]
    return fixed + [f"/berita/{slug}" for slug in slugs]


def set_settings(app: Flask, **values: str) -> None:
    """Store site settings as staff would at /staf/pengaturan (all of FILLED when none given)."""
    from lindungi.site_settings.operations import save_settings

    with app.app_context():
        save_settings(values or FILLED)
        db.session.commit()
