"""The news list, article pages, redirects for old addresses and the English fallback."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask

from lindungi.content import operations, queries
from lindungi.content.models import Article, Category, PublishStatus
from lindungi.demo.loader import load_articles
from lindungi.extensions import db
from lindungi.timeutil import utcnow
from tests.support.apps import BASE_URL
from tests.support.checking import soup_of

SIGNING = "penandatanganan-kerja-sama-rs-primaya"


def _dates(soup) -> list[str]:
    return [t["datetime"] for t in soup.select(".news-item time")]


def test_news_list_newest_first_and_paginated(client) -> None:
    total = len(load_articles())
    first = soup_of(client.get("/id/berita"))
    dates = _dates(first)
    assert len(dates) == min(10, total)
    assert dates == sorted(dates, reverse=True)
    pages = [a["href"] for a in first.select(".pagination a")]
    assert "/id/berita?page=2" in pages  # plain links: work without JavaScript
    second = soup_of(client.get("/id/berita?page=2"))
    assert len(_dates(second)) == total - 10
    assert _dates(second)[0] < dates[-1]
    current = second.select_one('.pagination a[aria-current="page"]')
    assert current.get_text(strip=True).endswith("2")


@pytest.mark.parametrize("query", ["page=3", "page=0", "page=-1", "kategori=unknown"])
def test_news_list_rejects_pages_that_do_not_exist(client, query: str) -> None:
    assert client.get(f"/id/berita?{query}").status_code == 404


def test_news_items_have_title_date_summary_and_cover(client) -> None:
    item = soup_of(client.get("/en/berita")).select(".news-item.has-cover")[0]
    assert item.select_one(".news-title a")["href"].startswith("/en/berita/")
    assert item.select_one("time")["datetime"].endswith("+08:00")  # WITA
    assert item.select_one(".news-summary").get_text(strip=True)
    image = item.select_one("img")
    assert image["alt"] and "320w" in image["srcset"] and image["src"].startswith("/media/")


def test_category_filter(client) -> None:
    soup = soup_of(client.get("/en/berita?kategori=klaim"))
    expected = [a for a in load_articles() if a.category == "claims"]
    items = soup.select(".news-item")
    assert len(items) == len(expected)
    assert all("Claims" in i.select_one(".meta").get_text() for i in items)
    current = soup.select_one('.filter-nav a[aria-current="page"]')
    assert current["href"] == "/en/berita?kategori=klaim"


def test_empty_states_are_written_for_people(make_app) -> None:
    app = make_app()
    client = app.test_client()
    assert "No news has been published yet" in client.get("/en/berita").get_data(as_text=True)
    with app.app_context():
        _article("only-claims", Category.CLAIMS)
        db.session.commit()
    body = client.get("/en/berita?kategori=layanan").get_data(as_text=True)
    assert "There is no news in this category yet" in body


def _article(slug: str, category: Category = Category.SERVICE, *, en: bool = True,
             body: str = "Isi berita.", publish_at=None,
             status: PublishStatus = PublishStatus.PUBLISHED) -> Article:
    texts = {"id": operations.ArticleTextData("Judul " + slug, "Ringkasan.", body)}
    if en:
        texts["en"] = operations.ArticleTextData("Title " + slug, "Summary.", body)
    return operations.create_article(operations.ArticleData(
        slug=slug, category=category, texts=texts, status=status,
        publish_at=publish_at or utcnow() - timedelta(hours=1),
    ))


def test_article_page(client) -> None:
    response = client.get(f"/id/berita/{SIGNING}")
    soup = soup_of(response)
    assert soup.h1.get_text(strip=True).startswith("Penandatanganan Kerja Sama RS Primaya")
    meta = soup.select_one(".article-header").get_text(" ", strip=True)
    assert "Jumat, 13 Februari 2026, 13.20 WITA" in meta
    assert "16.05 WITA" in meta  # updated
    cover = soup.select_one("figure.cover")
    assert cover.img["alt"].startswith("Gambar gedung balai kota")
    assert "1200w" in cover.img["srcset"]
    assert cover.figcaption.get_text(strip=True)
    body = soup.select_one(".article-body")
    assert body.find("h2") and body.find("ul")
    assert soup.select_one(".related li a")  # "Baca juga"
    assert soup.select_one('.prev-next a[rel="prev"]')
    assert soup.select_one('.prev-next a[rel="next"]')


def test_article_share_links_and_copy_button(client) -> None:
    soup = soup_of(client.get(f"/en/berita/{SIGNING}"))
    canonical = f"{BASE_URL}/en/berita/{SIGNING}"
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".share-list a")}
    assert list(links) == ["WhatsApp", "Facebook", "X", "Telegram", "Line"]
    for name, href in links.items():
        query = parse_qs(urlsplit(href).query)
        shared = " ".join(v for values in query.values() for v in values)
        assert canonical in shared, name
        assert "https%3A%2F%2F" in href  # the address is encoded, not pasted raw
    assert urlsplit(links["WhatsApp"]).netloc == "wa.me"
    button = soup.select_one("button[data-copy-url]")
    assert button["data-copy-url"] == canonical
    assert button.has_attr("hidden")  # site.js shows it when the clipboard can be used
    assert soup.select_one(f'.share-address a[href="{canonical}"]')


def test_article_social_cards_and_json_ld(client) -> None:
    soup = soup_of(client.get(f"/en/berita/{SIGNING}"))
    og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
    assert og["og:type"] == "article"
    assert og["og:url"] == f"{BASE_URL}/en/berita/{SIGNING}"
    assert og["og:image"].startswith(BASE_URL + "/media/")
    assert og["article:published_time"] == "2026-02-13T13:20:00+08:00"
    twitter = {m["name"]: m["content"] for m in soup.find_all("meta", attrs={"name": True})}
    assert twitter["twitter:card"] == "summary_large_image"
    script = soup.find("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"].startswith("RS Primaya Partnership Signed")
    assert data["datePublished"] == "2026-02-13T13:20:00+08:00"
    assert data["dateModified"] == "2026-02-13T16:05:00+08:00"
    assert data["image"][0] == og["og:image"]


def test_article_canonical_and_hreflang(client) -> None:
    soup = soup_of(client.get(f"/id/berita/{SIGNING}"))
    assert soup.find("link", rel="canonical")["href"] == f"{BASE_URL}/id/berita/{SIGNING}"
    alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", hreflang=True)}
    assert alternates == {
        "id": f"{BASE_URL}/id/berita/{SIGNING}",
        "en": f"{BASE_URL}/en/berita/{SIGNING}",
        "x-default": f"{BASE_URL}/id/berita/{SIGNING}",
    }


def test_english_fallback_shows_indonesian_with_notice(client) -> None:
    indonesian_only = next(a for a in load_articles() if a.en is None)
    response = client.get(f"/en/berita/{indonesian_only.slug}")
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.html["lang"] == "en"
    notice = soup.select_one(".translation-notice")
    assert "not yet available in English" in notice.get_text()
    assert not notice.has_attr("lang")
    assert soup.select_one(".article-body")["lang"] == "id"
    assert soup.h1["lang"] == "id"
    assert soup.h1.get_text(strip=True) == indonesian_only.id.title
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == f"{BASE_URL}/id/berita/{indonesian_only.slug}"
    hreflangs = {link["hreflang"] for link in soup.find_all("link", hreflang=True)}
    assert hreflangs == {"id", "x-default"}
    # A translated article has no notice.
    assert soup_of(client.get(f"/en/berita/{SIGNING}")).select_one(".translation-notice") is None


def test_old_slug_redirects_permanently(client, app: Flask) -> None:
    with app.app_context():
        article = queries.article_by_slug(SIGNING)
        data = operations.ArticleData(
            slug="kerja-sama-rs-primaya", category=article.category, status=article.status,
            publish_at=article.publish_at, cover=article.cover,
            texts={t.lang: operations.ArticleTextData(t.title, t.summary, t.body, t.cover_alt)
                   for t in article.texts},
        )
        operations.update_article(article, data)
        db.session.commit()
    response = client.get(f"/en/berita/{SIGNING}")
    assert response.status_code == 301
    assert response.headers["Location"] == "/en/berita/kerja-sama-rs-primaya"
    assert client.get("/en/berita/kerja-sama-rs-primaya").status_code == 200
    assert client.get("/en/berita/never-existed").status_code == 404


def test_drafts_and_scheduled_articles_stay_hidden_until_their_time(client, app: Flask) -> None:
    with app.app_context():
        _article("draft-news", status=PublishStatus.DRAFT, publish_at=utcnow())
        _article("scheduled-news", publish_at=utcnow() + timedelta(days=1))
        db.session.commit()
    assert client.get("/id/berita/draft-news").status_code == 404
    assert client.get("/id/berita/scheduled-news").status_code == 404
    assert "scheduled-news" not in client.get("/id/berita").get_data(as_text=True)
    app.config["NOW"] = app.config["NOW"] + timedelta(days=2)
    assert client.get("/id/berita/scheduled-news").status_code == 200
    assert "/id/berita/scheduled-news" in client.get("/id/berita").get_data(as_text=True)
    assert client.get("/id/berita/draft-news").status_code == 404


def test_article_body_is_sanitised(client, app: Flask) -> None:
    body = ("<script>alert(1)</script>\n\n[click](javascript:alert(1)) "
            "[far](https://example.org/x) ![x](https://tracker.example/p.png)\n\n"
            "Iuran [[city_contribution_monthly]].")
    with app.app_context():
        _article("unsafe-body", body=body)
        db.session.commit()
    soup = soup_of(client.get("/id/berita/unsafe-body"))
    article_body = soup.select_one(".article-body")
    assert article_body.find("script") is None
    assert "&lt;script&gt;" in str(article_body)
    assert not article_body.select('a[href^="javascript"]')
    assert article_body.select_one('a[href="https://example.org/x"]')["rel"] == ["noopener",
                                                                              "noreferrer"]
    assert article_body.find("img") is None
    assert "Iuran Rp16.800." in article_body.get_text()
