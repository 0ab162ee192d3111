"""Without the page cache, public pages read their data once per content version in each
process (lindungi.versioned): never a moment older than the version every server reads."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from lindungi.content import operations
from lindungi.content.models import Category, PublishStatus
from lindungi.extensions import db
from lindungi.site_settings import operations as settings_operations
from tests.support.redis_server import fresh_redis, redis_url  # noqa: F401 - fixtures
from tests.support.statements import counting_statements

TITLE = b"Kabar baru hari ini"
PATHS = ("/id/", "/id/berita", "/id/berita/feed.xml")


def _publish(app: Flask, slug: str = "kabar-baru", **values: object) -> None:
    values.setdefault("publish_at", (app.config["NOW"] - timedelta(minutes=1)).replace(tzinfo=None))
    with app.app_context():
        operations.create_article(operations.ArticleData(
            slug=slug, category=Category.SERVICE,
            texts={"id": operations.ArticleTextData("Kabar baru hari ini", "Ringkasan.", "Isi.")},
            status=PublishStatus.PUBLISHED,
            **values,  # type: ignore[arg-type]
        ))
        db.session.commit()


def _read_twice(client, path: str) -> bytes:
    client.get(path)
    return client.get(path).data


def test_a_page_read_again_sends_no_sql(make_seeded_app) -> None:
    app = make_seeded_app(PAGE_CACHE=False)
    client = app.test_client()
    for path in (*PATHS, "/en/berita?page=2", "/id/faq", "/en/klaim",
                 "/id/berita/penandatanganan-kerja-sama-rs-primaya"):
        first = client.get(path)
        with counting_statements(app) as statements:
            again = client.get(path)
        assert statements == [], path
        assert again.data == first.data, path


def test_a_publish_through_another_worker_shows_at_once(make_seeded_app) -> None:
    """Two apps on one database and one version file stand for two gunicorn workers."""
    reader, writer = make_seeded_app(PAGE_CACHE=False), make_seeded_app(PAGE_CACHE=False)
    client = reader.test_client()
    for path in PATHS:
        assert TITLE not in _read_twice(client, path)
    assert client.get("/id/berita/kabar-baru").status_code == 404
    _publish(writer)
    for path in PATHS:
        assert TITLE in client.get(path).data, path
    assert client.get("/id/berita/kabar-baru").status_code == 200


@pytest.mark.usefixtures("fresh_redis")
def test_a_publish_through_another_server_shows_at_once(make_seeded_app, fresh_redis) -> None:  # noqa: F811
    servers = [make_seeded_app(PAGE_CACHE=False, REDIS_URL=fresh_redis,
                               PAGE_CACHE_VERSION_FILE=f"/nonexistent/{n}") for n in range(2)]
    client = servers[1].test_client()
    assert TITLE not in _read_twice(client, "/id/berita")
    _publish(servers[0])
    assert TITLE in client.get("/id/berita").data


def test_a_scheduled_article_appears_at_its_time(make_seeded_app) -> None:
    app = make_seeded_app(PAGE_CACHE=False)
    client = app.test_client()
    go_live = app.config["NOW"] + timedelta(hours=2)
    _publish(app, publish_at=go_live.replace(tzinfo=None))
    for path in PATHS:
        assert TITLE not in _read_twice(client, path)
    app.config["NOW"] = go_live - timedelta(seconds=1)
    assert TITLE not in client.get("/id/").data
    app.config["NOW"] = go_live
    for path in PATHS:
        assert TITLE in client.get(path).data, path


def test_a_saved_setting_shows_at_once(make_seeded_app) -> None:
    app = make_seeded_app(PAGE_CACHE=False)
    client = app.test_client()
    assert b"(0411) 5550199" not in _read_twice(client, "/id/kontak")
    with app.app_context():
        settings_operations.save_settings({"phone": "+624115550199"}, actor_id=None)
        db.session.commit()
    assert b"(0411) 5550199" in client.get("/id/kontak").data
