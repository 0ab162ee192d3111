"""`flask seed-demo`: the demo content, loaded once, through the content operations."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from PIL import Image, ImageChops, ImageStat

from lindungi.content import search
from lindungi.content.media import file_name
from lindungi.content.models import Article, MediaImage, Page, PartnerHospital, PublishStatus
from lindungi.content.sections import PAGE_KEYS
from lindungi.demo.loader import cover_names, cover_path, load_articles
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


def _mean_difference(one: Image.Image, other: Image.Image) -> float:
    return max(ImageStat.Stat(ImageChops.difference(one, other)).mean)


def test_seeded_covers_are_the_committed_files(app: Flask) -> None:
    """Each article shows its own committed cover, re-encoded by the upload pipeline (lossy WebP,
    so close to the file, and far from every other cover)."""
    committed = {name: Image.open(cover_path(name)).convert("RGB") for name in cover_names()}
    covers = {a.slug: a.cover for a in load_articles() if a.cover}
    with app.app_context():
        articles = db.session.scalars(sa.select(Article).where(Article.slug.in_(covers))).all()
        assert len(articles) == len(covers) == len(committed)
        for article in articles:
            image = article.cover
            assert image is not None, article.slug
            stored = Path(app.config["MEDIA_DIR"]) / file_name(image.key, 1200)
            with Image.open(stored) as seeded:
                differences = {name: _mean_difference(seeded.convert("RGB"), original)
                               for name, original in committed.items()}
            own = covers[article.slug]
            assert differences[own] < 3, article.slug
            assert min(differences, key=differences.__getitem__) == own, article.slug


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
