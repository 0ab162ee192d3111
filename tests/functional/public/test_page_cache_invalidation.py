"""Stored pages never outlive a change: publish, edit, unpublish, a page saved, a scheduled
article's time, and the same across workers (one version file) and servers (Redis)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from lindungi.content import operations, queries
from lindungi.content.models import Category, PublishStatus
from lindungi.extensions import db
from tests.support.redis_server import fresh_redis, redis_url  # noqa: F401 - fixtures

HEADER = "X-Page-Cache"


def _draft(app: Flask, slug: str = "kabar-baru", title: str = "Kabar baru hari ini",
           **values: object) -> int:
    with app.app_context():
        article = operations.create_article(operations.ArticleData(
            slug=slug, category=Category.SERVICE,
            texts={"id": operations.ArticleTextData(title, "Ringkasan.", "Isi berita.")},
            **values,  # type: ignore[arg-type]
        ))
        db.session.commit()
        return article.id


def _set_status(app: Flask, article_id: int, status: PublishStatus) -> None:
    with app.app_context():
        article = db.session.get(operations.Article, article_id)
        operations.set_article_status(article, status)
        db.session.commit()


def _stored(client, path: str) -> bytes:
    client.get(path)
    hit = client.get(path)
    assert hit.headers[HEADER] == "hit", path
    return hit.data


def test_publish_and_unpublish_reach_the_next_request(client, app: Flask) -> None:
    article_id = _draft(app)
    assert b"Kabar baru hari ini" not in _stored(client, "/id/berita")
    assert client.get("/id/berita/kabar-baru").status_code == 404
    assert client.get("/id/berita/kabar-baru").headers[HEADER] == "hit"

    _set_status(app, article_id, PublishStatus.PUBLISHED)
    listing = client.get("/id/berita")
    assert listing.headers[HEADER] == "miss" and b"Kabar baru hari ini" in listing.data
    assert client.get("/id/berita/kabar-baru").status_code == 200
    assert b"Kabar baru hari ini" in _stored(client, "/id/")

    _set_status(app, article_id, PublishStatus.DRAFT)
    assert client.get("/id/berita/kabar-baru").status_code == 404
    assert b"Kabar baru hari ini" not in client.get("/id/").data


def test_an_edit_and_a_page_save_reach_the_next_request(client, app: Flask) -> None:
    _stored(client, "/id/faq")
    _stored(client, "/id/berita/penandatanganan-kerja-sama-rs-primaya")
    with app.app_context():
        page = queries.page_by_key("faq")
        texts = {t.lang: operations.PageTextData("Tanya jawab baru", t.body, t.summary)
                 for t in page.texts}
        operations.update_page(page, texts)
        db.session.commit()
    assert b"Tanya jawab baru" in client.get("/id/faq").data
    with app.app_context():
        article = queries.article_by_slug("penandatanganan-kerja-sama-rs-primaya")
        data = operations.article_data_from_revision(article, article_revision(article))
        data.texts["id"].title = "Judul yang diperbaiki"
        operations.update_article(article, data)
        db.session.commit()
    fresh = client.get("/id/berita/penandatanganan-kerja-sama-rs-primaya")
    assert fresh.headers[HEADER] == "miss" and b"Judul yang diperbaiki" in fresh.data


def article_revision(article: operations.Article) -> operations.ArticleRevision:
    return db.session.scalars(
        db.select(operations.ArticleRevision)
        .where(operations.ArticleRevision.article_id == article.id)
        .order_by(operations.ArticleRevision.number.desc())
    ).first()


def test_a_scheduled_article_appears_at_its_time(client, app: Flask) -> None:
    go_live = app.config["NOW"] + timedelta(hours=2)
    _draft(app, status=PublishStatus.PUBLISHED, publish_at=go_live.replace(tzinfo=None))
    assert b"Kabar baru hari ini" not in _stored(client, "/id/")
    assert b"Kabar baru hari ini" not in _stored(client, "/id/berita/feed.xml")

    app.config["NOW"] = go_live - timedelta(seconds=1)
    assert client.get("/id/").headers[HEADER] == "hit"  # not yet
    app.config["NOW"] = go_live
    home = client.get("/id/")
    assert home.headers[HEADER] == "miss" and b"Kabar baru hari ini" in home.data
    assert b"Kabar baru hari ini" in client.get("/id/berita/feed.xml").data
    assert client.get("/id/").headers[HEADER] == "hit"  # a new version, stored again


def test_workers_of_one_machine_share_the_version(make_seeded_app) -> None:
    """Two apps on one database and one version file stand for two gunicorn workers."""
    first, second = make_seeded_app(), make_seeded_app()
    assert first.config["PAGE_CACHE_VERSION_FILE"] == second.config["PAGE_CACHE_VERSION_FILE"]
    reader = second.test_client()
    _stored(reader, "/id/berita")
    article_id = _draft(first)
    _set_status(first, article_id, PublishStatus.PUBLISHED)
    fresh = reader.get("/id/berita")
    assert fresh.headers[HEADER] == "miss" and b"Kabar baru hari ini" in fresh.data


@pytest.mark.usefixtures("fresh_redis")
def test_servers_share_version_and_pages_through_redis(make_seeded_app, fresh_redis) -> None:  # noqa: F811
    servers = [make_seeded_app(REDIS_URL=fresh_redis, PAGE_CACHE_VERSION_FILE=f"/nonexistent/{n}")
               for n in range(2)]
    one, two = (app.test_client() for app in servers)
    assert one.get("/id/berita").headers[HEADER] == "miss"
    assert two.get("/id/berita").headers[HEADER] == "hit"  # stored by the other server

    article_id = _draft(servers[0])
    _set_status(servers[0], article_id, PublishStatus.PUBLISHED)
    fresh = two.get("/id/berita")
    assert fresh.headers[HEADER] == "miss" and b"Kabar baru hari ini" in fresh.data
    assert one.get("/id/berita").headers[HEADER] == "hit"


def test_redis_keys_do_not_hold_the_address(make_seeded_app, fresh_redis) -> None:  # noqa: F811
    import redis

    client = make_seeded_app(REDIS_URL=fresh_redis).test_client()
    client.get("/id/berita?dari=Siti-Aminah-7371014808800001")
    assert client.get("/id/berita?dari=Siti-Aminah-7371014808800001").headers[HEADER] == "hit"
    server = redis.Redis.from_url(fresh_redis)
    keys = server.keys("*")
    server.close()
    assert len(keys) >= 2 and not [k for k in keys if b"Siti" in k or b"7371" in k]


def test_pages_are_served_when_redis_is_down(make_seeded_app) -> None:
    app = make_seeded_app(REDIS_URL="redis://127.0.0.1:1/0")
    client = app.test_client()
    for _ in range(2):
        response = client.get("/id/")
        assert response.status_code == 200 and response.headers[HEADER] == "miss"
