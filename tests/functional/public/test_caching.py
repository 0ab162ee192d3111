"""ETags from the content's latest change, 304 on conditional requests, public Cache-Control."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from lindungi.content import operations, queries
from lindungi.extensions import db

PAGES = ["/id/", "/en/berita", "/id/berita/penandatanganan-kerja-sama-rs-primaya",
         "/id/manfaat", "/en/klaim", "/id/faq", "/id/cari?q=klaim", "/id/berita/feed.xml",
         "/sitemap.xml", "/robots.txt"]


@pytest.mark.parametrize("path", PAGES)
def test_conditional_request_gets_304(client, path: str) -> None:
    first = client.get(path)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    assert again.headers["Cache-Control"] == "public, max-age=300"
    assert "Set-Cookie" not in first.headers and "Set-Cookie" not in again.headers
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


def test_cache_seconds_is_configurable(make_seeded_app) -> None:
    app = make_seeded_app(PUBLIC_CACHE_SECONDS=60)
    assert app.test_client().get("/id/").headers["Cache-Control"] == "public, max-age=60"


def test_etag_changes_when_content_changes(client, app: Flask) -> None:
    etag = client.get("/id/faq").headers["ETag"]
    with app.app_context():
        page = queries.page_by_key("faq")
        texts = {t.lang: operations.PageTextData(t.title + "!", t.body, t.summary)
                 for t in page.texts}
        operations.update_page(page, texts)
        db.session.commit()
    response = client.get("/id/faq", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.headers["ETag"] != etag


def test_etag_changes_when_a_scheduled_article_goes_live(client, app: Flask) -> None:
    with app.app_context():
        operations.create_article(operations.ArticleData(
            slug="besok", category=queries.latest_articles(1)[0].category,
            texts={"id": operations.ArticleTextData("Besok", "Ringkas.", "Isi.")},
            status=operations.PublishStatus.PUBLISHED,
            publish_at=queries.now() + timedelta(hours=2),
        ))
        db.session.commit()
    etag = client.get("/id/").headers["ETag"]
    assert client.get("/id/", headers={"If-None-Match": etag}).status_code == 304
    app.config["NOW"] = app.config["NOW"] + timedelta(hours=3)
    fresh = client.get("/id/", headers={"If-None-Match": etag})
    assert fresh.status_code == 200
    assert "/id/berita/besok" in fresh.get_data(as_text=True)


def test_fragment_and_page_have_different_etags(client) -> None:
    page = client.get("/id/cari?q=klaim")
    fragment = client.get("/id/cari?q=klaim", headers={"HX-Request": "true"})
    assert page.headers["ETag"] != fragment.headers["ETag"]
    assert "HX-Request" in page.headers["Vary"] and "HX-Request" in fragment.headers["Vary"]
    conditional = client.get("/id/cari?q=klaim", headers={"If-None-Match": page.headers["ETag"],
                                                          "HX-Request": "true"})
    assert conditional.status_code == 200


def test_languages_have_different_etags(client) -> None:
    assert client.get("/id/").headers["ETag"] != client.get("/en/").headers["ETag"]


def test_not_found_is_not_cached_as_public(client) -> None:
    response = client.get("/id/berita/tidak-ada")
    assert response.status_code == 404
    assert "public" not in response.headers.get("Cache-Control", "")
