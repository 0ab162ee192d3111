"""Public pages are fast without the page cache too: a small number of SQL statements per page,
the same with 13 articles or 60, and Markdown rendered when saved, not when shown."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from lindungi.content import operations, queries, rendering
from lindungi.content.models import ArticleText, Category, PublishStatus
from lindungi.content.prerender import body_html
from lindungi.extensions import db
from tests.support.statements import counting_statements

# Statements per page, BEGIN included, with the page cache off: a ceiling, not a count. The
# ETag costs none (the content version is a file stat or one Redis GET); the home page and the
# checker read whether new requests are open, to show the admins' message.
# Every page reads the site settings once (the footer's contact channels, setting tokens).
PAGES = {
    "/id/": 7, "/en/": 7, "/id/berita": 5, "/en/berita?page=2": 5, "/id/berita/feed.xml": 4,
    "/id/berita/penandatanganan-kerja-sama-rs-primaya": 10, "/en/manfaat": 4,
    "/id/manfaat/jkk": 4, "/id/faq": 4, "/en/klaim": 5, "/id/kontak": 4, "/sitemap.xml": 3,
    "/sitemap-halaman.xml": 4, "/sitemap-berita-1.xml": 4, "/id/cek-kelayakan": 3,
}


def _counts(app: Flask) -> dict[str, int]:
    client = app.test_client()
    found = {}
    for path in PAGES:
        assert client.get(path).status_code == 200, path
        with counting_statements(app) as statements:
            client.get(path)
        found[path] = len(statements)
    return found


def _add_articles(app: Flask, count: int) -> None:
    with app.app_context():
        start = queries.now() - timedelta(days=30)
        for n in range(count):
            operations.create_article(operations.ArticleData(
                slug=f"kabar-{n}", category=list(Category)[n % len(Category)],
                texts={"id": operations.ArticleTextData(f"Kabar {n}", "Ringkas.", "Isi **kabar**."),
                       "en": operations.ArticleTextData(f"News {n}", "Short.", "Some *news*.")},
                status=PublishStatus.PUBLISHED, publish_at=start + timedelta(hours=n),
            ))
        db.session.commit()


def test_statements_per_page_are_few_and_do_not_grow_with_content(make_seeded_app) -> None:
    app = make_seeded_app(PAGE_CACHE=False)
    before = _counts(app)
    assert {path: n for path, n in before.items() if n > PAGES[path]} == {}
    _add_articles(app, 47)
    assert _counts(app) == before


def test_bodies_are_rendered_when_saved(app: Flask) -> None:
    with app.app_context():
        for text in db.session.scalars(db.select(ArticleText)):
            assert text.rendered and text.rendered["html"] == str(body_html(text))


def test_pages_show_stored_html_without_rendering_markdown(
    client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("Markdown rendered while showing a page")

    monkeypatch.setattr(rendering, "render_markdown", refuse)
    monkeypatch.setattr(rendering, "split_sections", refuse)
    for path in ("/id/berita/penandatanganan-kerja-sama-rs-primaya", "/en/faq", "/id/manfaat",
                 "/id/manfaat/jht", "/en/klaim", "/id/privasi", "/id/berita/feed.xml"):
        assert client.get(path).status_code == 200, path


def test_a_stale_rendering_is_not_shown(app: Flask) -> None:
    with app.app_context():
        text = db.session.scalars(db.select(ArticleText)).first()
        text.body = "Isi yang **baru**, belum disimpan."  # as an unsaved preview would
        assert "<strong>baru</strong>" in str(body_html(text))
        db.session.rollback()


def test_render_command_fills_in_missing_renderings(app: Flask, runner) -> None:
    with app.app_context():
        for text in db.session.scalars(db.select(ArticleText)):
            text.rendered = None
        db.session.commit()
    result = runner.invoke(args=["content", "render"])
    assert result.exit_code == 0 and "texts rendered" in result.output
    with app.app_context():
        assert all(t.rendered for t in db.session.scalars(db.select(ArticleText)))
    assert runner.invoke(args=["content", "render"]).output.startswith("0 texts")
