"""`flask seed-demo`: the demo content, loaded once, through the content operations."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from lindungi.content import search
from lindungi.content.models import Article, MediaImage, Page, PartnerHospital, PublishStatus
from lindungi.demo.loader import PAGE_KEYS, load_articles
from lindungi.extensions import db


def _counts() -> tuple[int, int, int, int]:
    return tuple(db.session.scalar(sa.select(sa.func.count()).select_from(model))
                 for model in (Article, Page, PartnerHospital, MediaImage))


def test_seeded_content(app: Flask) -> None:
    with app.app_context():
        articles = db.session.scalars(sa.select(Article)).all()
        assert len(articles) >= 8
        assert all(a.status == PublishStatus.PUBLISHED for a in articles)
        assert sum(1 for a in articles if a.text("en")) > len(articles) / 2
        assert {a.publish_at.year for a in articles} == {2025, 2026}
        assert len({a.category for a in articles}) == 4
        for article in articles:
            if article.cover is not None:
                assert all(t.cover_alt for t in article.texts)
                assert max(article.cover.widths) == 1200
        pages = {p.key: p for p in db.session.scalars(sa.select(Page))}
        assert set(pages) == set(PAGE_KEYS)
        assert all({t.lang for t in p.texts} == {"id", "en"} for p in pages.values())
        hospital = db.session.scalars(sa.select(PartnerHospital)).one()
        assert hospital.phone == ""  # never invented
        assert not search.index_missing()
        lead = db.session.scalar(sa.select(Article).where(
            Article.slug == "penandatanganan-kerja-sama-rs-primaya"))
        # Reported as 13.20 WIB, i.e. 14.20 WITA, stored as UTC.
        assert lead.publish_at.isoformat() == "2026-02-13T06:20:00"


def test_seed_is_idempotent(app: Flask) -> None:
    from lindungi.demo.seed import seed_demo

    with app.app_context():
        before = _counts()
        assert before[0] == len(load_articles())
        assert seed_demo(only_if_empty=False).startswith("Seeded 0 articles, 0 pages and 0")
        assert "nothing seeded" in seed_demo(only_if_empty=True)
        db.session.commit()
        assert _counts() == before


def test_cli_seeds_an_empty_database_once(make_app) -> None:
    app = make_app()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo", "--if-empty"])
    assert first.exit_code == 0, first.output
    assert f"Seeded {len(load_articles())} articles, 8 pages" in first.output
    second = runner.invoke(args=["seed-demo", "--if-empty"])
    assert "nothing seeded" in second.output
    with app.app_context():
        assert _counts()[0] == len(load_articles())
        db.engine.dispose()
