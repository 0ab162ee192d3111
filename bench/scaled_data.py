"""Scaled data for `make bench`, inserted in bulk through SQLAlchemy Core (one executemany per
few thousand rows, never the ORM one by one): articles cloned from the demo articles (with their
stored rendering, so pages show what `flask content render` made), enrollment requests with one
to three workers (review_queue.fill), staff accounts, and enrollment drafts ready to be sent.

The database must already hold the schema and the demo content (`flask db upgrade`,
`flask seed-demo`, `flask content render`), made with the same LINDUNGI_BASE_URL as the server
that will show them: the stored rendering names the site's host.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import Flask
from itsdangerous import URLSafeTimedSerializer

from bench.review_queue import NAMES
from bench.review_queue import fill as fill_requests
from lindungi.content.models import Article, ArticleText, PublishStatus
from lindungi.enrollment.models import EnrollmentDraft
from lindungi.extensions import db
from lindungi.staff.models import Role, StaffUser
from lindungi.timeutil import utcnow

CHUNK = 5000
STAFF_PASSWORD = "bench password 1"  # noqa: S105 - throwaway accounts in a throwaway database


def _insert(table: sa.Table, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(sa.insert(table), rows[start:start + CHUNK])


def fill_articles(count: int, rng: random.Random) -> list[str]:
    """`count` published articles in both languages, publish dates spread over three years;
    returns their slugs."""
    demo = db.session.scalars(sa.select(Article).where(
        Article.status == PublishStatus.PUBLISHED)).all()
    templates = [(article, {t.lang: t for t in article.texts}) for article in demo
                 if len(article.texts) >= 2]
    first_id = (db.session.scalar(sa.select(sa.func.max(Article.id))) or 0) + 1
    now = utcnow()
    articles, texts, slugs = [], [], []
    columns = [c.name for c in ArticleText.__table__.columns if c.name not in ("id", "article_id")]
    for offset in range(count):
        article, by_lang = templates[offset % len(templates)]
        article_id = first_id + offset
        slug = f"{article.slug[:60]}-{offset}"
        published = now - timedelta(minutes=rng.randint(60, 3 * 365 * 24 * 60))
        articles.append({
            "id": article_id, "slug": slug, "category": article.category.value,
            "status": PublishStatus.PUBLISHED.value, "publish_at": published,
            "cover_id": article.cover_id, "created_at": published, "updated_at": published,
            "version": 1,
        })
        for text in by_lang.values():
            texts.append({"article_id": article_id,
                          **{name: getattr(text, name) for name in columns}})
        slugs.append(slug)
    _insert(Article.__table__, articles)
    _insert(ArticleText.__table__, texts)
    db.session.commit()
    return slugs


def fill_staff(count: int) -> list[str]:
    """`count` reviewers (one password hash, copied: hashing is slow on purpose)."""
    from lindungi.staff import accounts

    first = accounts.create_staff("bench0@makassarkota.go.id", Role.REVIEWER, STAFF_PASSWORD)
    db.session.flush()
    mapper = StaffUser.__mapper__
    columns = {column.name: getattr(first, mapper.get_property_by_column(column).key)
               for column in StaffUser.__table__.columns if column.name != "id"}
    emails = [f"bench{n}@makassarkota.go.id" for n in range(1, count)]
    _insert(StaffUser.__table__, [{**columns, "email": email} for email in emails])
    db.session.commit()
    return [first.email, *emails]


def fill(articles: int, requests: int, staff: int, seed: int = 7) -> dict[str, object]:
    rng = random.Random(seed)
    slugs = fill_articles(articles, rng)
    first_request = (db.session.scalar(sa.text("SELECT max(id) FROM enrollment_request")) or 0)
    fill_requests(requests, rng, first_id=first_request + 1)
    emails = fill_staff(staff)
    return {"slugs": slugs, "staff": emails}


@dataclass
class PreparedDraft:
    cookie: str  # the session cookie's value: this draft's id and a CSRF secret
    csrf_token: str
    token: str  # the check page's submit token (idempotency)


def prepare_drafts(app: Flask, template: dict, count: int, rng: random.Random
                   ) -> list[PreparedDraft]:
    """`count` drafts at the check step, each a copy of `template` (a complete draft's answers)
    with its own workers (NIK, family card and name: each draft is another family, as on a
    real day; copies of one person would make every request a possible duplicate of all the
    earlier ones) and submit token, and the cookie and CSRF token a browser would hold for
    it."""
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    csrf_signer = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="wtf-csrf-token")
    expires = utcnow() + timedelta(hours=2)
    rows, prepared = [], []
    used: set[str] = set()
    for _ in range(count):
        data = dict(template)
        workers = [dict(worker) for worker in data["workers"]]
        for worker in workers:
            worker["nik"] = _unique_nik(worker["nik"], rng, used)
            worker["kk"] = f"{worker['kk'][:6]}{rng.randint(0, 10**10 - 1):010d}"
            worker["full_name"] = f"{rng.choice(NAMES)} {rng.choice(NAMES)} {rng.choice(NAMES)}"
        data["workers"] = workers
        data["token"] = secrets.token_urlsafe(32)
        draft_id = secrets.token_urlsafe(32)
        rows.append({"id": draft_id, "data": data, "created_at": utcnow(),
                     "updated_at": utcnow(), "expires_at": expires})
        raw = secrets.token_hex(20)
        cookie = serializer.dumps({"enrollment_draft": draft_id, "csrf_token": raw,
                                   "_permanent": True})
        prepared.append(PreparedDraft(cookie, csrf_signer.dumps(raw), data["token"]))
    _insert(EnrollmentDraft.__table__, rows)
    db.session.commit()
    return prepared


def _unique_nik(template: str, rng: random.Random, used: set[str]) -> str:
    """The template's city and birth date (so the NIK still matches the worker's answers), another
    district code and serial number."""
    while True:
        nik = f"{template[:4]}{rng.randint(1, 15):02d}{template[6:12]}{rng.randint(1, 9999):04d}"
        if nik not in used:
            used.add(nik)
            return nik
