"""Search with FTS5 on SQLite: the page without JavaScript, live htmx results, safe highlighting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from lindungi.content import operations, queries, search
from lindungi.content.models import Category, DocumentKind, PublishStatus
from lindungi.demo.loader import load_articles
from lindungi.extensions import db
from tests.support.checking import soup_of
from tests.support.statements import counting_statements


def _titles(soup) -> list[str]:
    return [a.get_text() for a in soup.select(".search-results li > a")]


def test_search_form_works_without_javascript(client) -> None:
    soup = soup_of(client.get("/id/cari"))
    form = soup.select_one("form.search-form")
    assert form["action"] == "/id/cari" and form["method"] == "get"
    field = form.select_one("input[name=q]")
    assert soup.select_one(f'label[for="{field["id"]}"]')
    assert form.select_one("button[type=submit]")
    # htmx enhances the same field: debounced on input and keyup, results swapped in place.
    assert field["hx-get"] == "/id/cari"
    assert "input changed delay:" in field["hx-trigger"]
    assert "keyup changed delay:" in field["hx-trigger"]
    assert field["hx-target"] == "#search-results"


def test_search_finds_news_and_pages_with_highlights(client) -> None:
    soup = soup_of(client.get("/id/cari?q=primaya"))
    results = soup.select(".search-results li")
    assert results
    titles = _titles(soup)
    assert any("RS Primaya" in t for t in titles)
    assert soup.select_one(".search-results mark").get_text().lower().startswith("primaya")
    hrefs = [a["href"] for a in soup.select(".search-results li > a")]
    assert "/id/berita/penandatanganan-kerja-sama-rs-primaya" in hrefs
    assert "/id/klaim" in hrefs  # a page, not only news
    assert "primaya" in soup.select_one("#search-status").get_text().lower()


def test_every_word_must_match_and_words_match_as_prefixes(client) -> None:
    both = _titles(soup_of(client.get("/en/cari?q=primaya+hosp")))
    assert both
    narrower = _titles(soup_of(client.get("/en/cari?q=primaya+hosp+zzzznothing")))
    assert narrower == []
    assert _titles(soup_of(client.get("/id/cari?q=kecela")))  # "kecelakaan" while typing


def test_english_search_finds_indonesian_only_articles(client) -> None:
    article = next(a for a in load_articles() if a.en is None)
    word = article.id.title.split()[0]
    soup = soup_of(client.get(f"/en/cari?q={word}"))
    link = soup.select_one(f'.search-results a[href="/en/berita/{article.slug}"]')
    assert link is not None and link["lang"] == "id"


def test_no_results_and_empty_query_messages(client) -> None:
    body = client.get("/en/cari?q=qwertyzxcv").get_data(as_text=True)
    assert "Nothing matched every word you typed" in body
    assert "0 results" in body
    assert "Type a word to search" in client.get("/en/cari").get_data(as_text=True)


@pytest.mark.parametrize("query", ['"', "AND", "NEAR(", "primaya*", "a OR b", "-x", "' ; --",
                                   "title:primaya", "😀", "x" * 500])
def test_search_syntax_from_the_public_never_breaks(client, query: str) -> None:
    assert client.get("/id/cari", query_string={"q": query}).status_code == 200


def test_query_is_escaped_everywhere(client, app: Flask) -> None:
    with app.app_context():
        operations.create_article(operations.ArticleData(
            slug="kode", category=Category.SERVICE, status=PublishStatus.PUBLISHED,
            publish_at=queries.now() - timedelta(minutes=1),
            texts={"id": operations.ArticleTextData(
                "Tanda <b>tebal</b> di judul", "Ringkasan.", "Teks dengan <script>x</script>.")},
        ))
        db.session.commit()
    response = client.get("/id/cari", query_string={"q": "<script>tebal</script>"})
    html = response.get_data(as_text=True)
    assert "<script>tebal" not in html
    soup = soup_of(response)
    assert soup.select_one(".search-results mark").get_text() == "tebal"
    assert soup.select_one(".search-results b") is None
    assert "&lt;b&gt;" in str(soup.select_one(".search-results li > a"))


def test_htmx_request_gets_only_the_results(client) -> None:
    response = client.get("/id/cari?q=primaya", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert "<html" not in html
    soup = soup_of(response)
    assert soup.select(".search-results li")
    status = soup.select_one("#search-status")
    assert status["hx-swap-oob"] == "true" and status["role"] == "status"


def test_index_follows_edits_and_schedule(client, app: Flask) -> None:
    with app.app_context():
        article = operations.create_article(operations.ArticleData(
            slug="terjadwal", category=Category.SERVICE, status=PublishStatus.PUBLISHED,
            publish_at=queries.now() + timedelta(hours=1),
            texts={"id": operations.ArticleTextData("Pengumuman zamrud", "Ringkas.", "Isi.")},
        ))
        db.session.commit()
        article_id = article.id
    assert _titles(soup_of(client.get("/id/cari?q=zamrud"))) == []
    app.config["NOW"] = app.config["NOW"] + timedelta(hours=2)
    assert _titles(soup_of(client.get("/id/cari?q=zamrud"))) == ["Pengumuman zamrud"]
    with app.app_context():
        article = db.session.get(operations.Article, article_id)
        operations.set_article_status(article, PublishStatus.ARCHIVED)
        db.session.commit()
    assert _titles(soup_of(client.get("/id/cari?q=zamrud"))) == []
    with app.app_context():
        operations.delete_article(db.session.get(operations.Article, article_id))
        db.session.commit()
        assert db.session.query(search.SearchDocument).filter_by(
            kind=DocumentKind.ARTICLE, ref_id=article_id).count() == 0


def _looks_up_or_makes_tables(statement: str) -> bool:
    text = statement.lstrip().lower()
    return ("sqlite_master" in text or "table_info" in text or "pg_catalog" in text
            or "information_schema" in text or text.startswith("create"))


def test_writes_and_searches_never_look_up_tables(client, app: Flask) -> None:
    """The migrations make the index tables, so keeping the index and searching it send no
    schema queries: one SQL statement per row written, none for the schema."""
    with counting_statements(app) as statements:
        with app.app_context():
            article = operations.create_article(operations.ArticleData(
                slug="zamrud", category=Category.SERVICE, status=PublishStatus.PUBLISHED,
                publish_at=queries.now(),
                texts={"id": operations.ArticleTextData("Pengumuman zamrud", "Ringkas.", "Isi.")},
            ))
            db.session.commit()
            assert [hit.url_key for hit in search.search("zamrud", "id")] == ["zamrud"]
            operations.delete_article(article)
            db.session.commit()
        assert _titles(soup_of(client.get("/id/cari?q=primaya")))
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):  # PostgreSQL: no FTS5 table
        assert any("search_fts" in statement for statement in statements)
    assert [s for s in statements if _looks_up_or_makes_tables(s)] == []


@pytest.mark.sqlite_only(reason="drops SQLite's FTS5 table; PostgreSQL has none")
def test_rebuild_recreates_a_missing_index(app: Flask) -> None:
    with app.app_context():
        db.session.execute(search.sa.text(f"DROP TABLE {search.FTS_TABLE}"))
        db.session.commit()
        assert search.index_missing()  # what `flask seed-demo` looks for to call rebuild()
        assert search.rebuild() == len(load_articles()) + 8
        db.session.commit()
        assert search.search("primaya", "id")


def test_terms_are_plain_words() -> None:
    assert search.terms_of('"RS" OR primaya* NEAR(x) -a_b') == ["rs", "or", "primaya", "near",
                                                                 "x", "a", "b"]
    assert search.terms_of("   ") == []
    assert len(search.terms_of(" ".join(f"w{i}" for i in range(20)))) == search.MAX_TERMS
