"""Pieces of public pages kept rendered per content version (lindungi.fragments): the official
strip, the menu, the footer, news items and feed entries. Each must follow what it depends on:
the page it is on, the language, an edit, a saved setting; and the editor's preview is never
kept."""

from __future__ import annotations

import pytest
from flask import Flask, g

from lindungi.content import operations, queries
from lindungi.extensions import db
from lindungi.fragments import cached_fragment
from lindungi.site_settings import operations as settings_operations
from tests.support.checking import soup_of

PAGES = {"/id/": "/id/", "/id/berita": "/id/berita", "/id/manfaat": "/id/manfaat",
         "/en/faq": "/en/faq", "/en/": "/en/"}


@pytest.fixture
def app(make_seeded_app) -> Flask:
    return make_seeded_app(PAGE_CACHE=False)


def test_the_menu_marks_the_page_it_is_on(app: Flask) -> None:
    client = app.test_client()
    for _ in range(2):  # the second round reads what the first kept
        for path, current in PAGES.items():
            menu = soup_of(client.get(path)).select_one("nav.main-nav")
            assert [a["href"] for a in menu.select("[aria-current=page]")] == [current], path
            assert {a["href"][:4] for a in menu.select("a")} == {path[:4]}, path


def test_the_footer_and_strip_follow_the_language(app: Flask) -> None:
    client = app.test_client()
    for _ in range(2):
        indonesian, english = (soup_of(client.get(p)) for p in ("/id/faq", "/en/faq"))
        assert "Butuh bantuan?" in indonesian.select_one("footer").text
        assert "Need help?" in english.select_one("footer").text
        assert "Pemerintah Kota Makassar" in english.select_one(".official-details").text
        assert "How do you know?" in english.select_one(".official-details").text
        assert "How do you know?" not in indonesian.select_one(".official-details").text


def test_an_edited_article_changes_in_every_list_at_once(app: Flask) -> None:
    client = app.test_client()
    with app.app_context():
        slug = queries.latest_articles(1)[0].slug
    paths = ("/id/", "/id/berita", "/id/berita/feed.xml", f"/id/berita/{slug}")
    before = {path: client.get(path).data for path in paths}
    with app.app_context():
        article = queries.latest_articles(1)[0]
        old_title = article.text_or_fallback("id").title.encode()
        assert old_title in before["/id/berita"]
        data = operations.ArticleData(
            slug=article.slug, category=article.category, status=article.status,
            publish_at=article.publish_at, pinned_until=article.pinned_until,
            texts={t.lang: operations.ArticleTextData("Judul yang sudah dibetulkan", t.summary,
                                                      t.body, t.cover_alt, t.cover_caption)
                   for t in article.texts})
        operations.update_article(article, data)
        db.session.commit()
    for path in paths:
        page = client.get(path).data
        assert b"Judul yang sudah dibetulkan" in page, path
        assert old_title not in page, path


def test_a_saved_contact_shows_in_the_footer_at_once(app: Flask) -> None:
    client = app.test_client()
    for _ in range(2):
        assert b"(0411) 5550199" not in client.get("/id/berita").data
    with app.app_context():
        settings_operations.save_settings({"phone": "+624115550199"}, actor_id=None)
        db.session.commit()
    footer = soup_of(client.get("/id/berita")).select_one("footer")
    assert "(0411) 5550199" in footer.text


def test_the_editors_preview_is_rendered_every_time(app: Flask) -> None:
    calls: list[int] = []

    def caller() -> str:
        calls.append(1)
        return "<p>piece</p>"

    with app.test_request_context("/id/"):
        for _ in range(2):
            assert cached_fragment("test-piece", caller=caller) == "<p>piece</p>"
        assert len(calls) == 1  # kept after the first
        g.editor_preview = object()
        cached_fragment("test-piece", caller=caller)
        cached_fragment("test-piece", caller=caller)
        assert len(calls) == 3


def test_the_head_and_the_language_switch_follow_the_address(app: Flask) -> None:
    client = app.test_client()
    for _ in range(2):
        for query, canonical in (("", "/id/berita"), ("?page=2", "/id/berita?page=2")):
            page = soup_of(client.get(f"/id/berita{query}"))
            assert page.select_one("link[rel=canonical]")["href"].endswith(canonical), query
            switch = page.select_one("nav.lang-switch a[hreflang=en]")["href"]
            assert switch == "/en/berita" + query, query


def test_a_long_query_string_is_kept_as_a_short_key(app: Flask) -> None:
    client = app.test_client()
    client.get("/id/faq?x=" + "a" * 50_000)
    store = app.extensions["versioned_fragments"]
    assert store.entries
    assert max(len(repr(key)) for key in store.entries) < 200
