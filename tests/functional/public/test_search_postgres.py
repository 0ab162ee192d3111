"""The same search function on PostgreSQL full-text search (production's database)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from flask import Flask

from lindungi.content import operations, queries, search
from lindungi.content.models import Category, PublishStatus
from lindungi.extensions import db
from tests.support.apps import FIXED_NOW

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_app(make_postgres_app: Callable[..., Flask]) -> Iterator[Flask]:
    app = make_postgres_app(NOW=FIXED_NOW)
    with app.app_context():
        yield app


def _article(slug: str, title: str, body: str, *, hours: int = -1, en: str | None = None):
    texts = {"id": operations.ArticleTextData(title, "Ringkasan.", body)}
    if en:
        texts["en"] = operations.ArticleTextData(en, "Summary.", body)
    return operations.create_article(operations.ArticleData(
        slug=slug, category=Category.PARTNERSHIPS, status=PublishStatus.PUBLISHED,
        publish_at=queries.now() + timedelta(hours=hours), texts=texts,
    ))


def test_search_on_postgresql(pg_app) -> None:
    assert db.engine.dialect.name == "postgresql"
    _article("primaya", "Kerja sama RS Primaya", "Perawatan kecelakaan kerja di rumah sakit.",
             en="Primaya Hospital partnership")
    _article("nelayan", "Pendataan nelayan", "Nelayan di kepulauan didata petugas.")
    _article("nanti", "Primaya nanti", "Belum terbit.", hours=5)
    operations.create_page("klaim", {"id": operations.PageTextData(
        "Setelah kecelakaan", "Laporkan dalam 48 jam ke BPJS.", "Panduan klaim.")})
    db.session.commit()

    hits = search.search("primaya", "id")
    assert [h.url_key for h in hits] == ["primaya"]  # the scheduled one is not out yet
    assert [h.url_key for h in search.search("kecela kerja", "id")] == ["primaya"]  # prefixes
    assert {h.url_key for h in search.search("laporkan", "id")} == {"klaim"}
    assert search.search("primaya nelayan", "id") == []  # every word must match
    english = search.search("nelayan", "en")  # Indonesian-only article, found in English too
    assert [(h.url_key, h.text_lang) for h in english] == [("nelayan", "id")]
    for query in ['"', "a & b | !c", "primaya:*", "(", "' OR 1=1 --"]:
        search.search(query, "id")  # no syntax error reaches the visitor
