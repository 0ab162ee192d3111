"""Links shared on WhatsApp show a card: every public page, in both languages, has a meta
description, Open Graph tags, a canonical link and hreflang alternates (one mechanism:
templates/public/layout.html)."""

from __future__ import annotations

from tests.support.apps import BASE_URL
from tests.support.checking import soup_of
from tests.support.launch import public_paths


def test_every_public_page_has_a_description_a_card_and_alternates(app, client) -> None:
    checked = 0
    for lang in ("id", "en"):
        for path in public_paths(app):
            url = f"/{lang}{path}"
            soup = soup_of(client.get(url))
            description = soup.select_one('meta[name="description"]')
            assert description is not None and len(description["content"].strip()) > 30, url
            og = {m["property"]: m["content"] for m in soup.select("meta[property]")}
            for name in ("og:title", "og:type", "og:url", "og:site_name", "og:locale"):
                assert og.get(name, "").strip(), f"{url}: {name}"
            assert og["og:url"].startswith(BASE_URL + "/"), url
            canonical = soup.select_one('link[rel="canonical"]')["href"]
            assert canonical.startswith(BASE_URL + "/"), url
            alternates = {link["hreflang"]: link["href"]
                          for link in soup.select('link[rel="alternate"][hreflang]')}
            assert "x-default" in alternates and "id" in alternates, url
            assert all(href.startswith(BASE_URL + "/") for href in alternates.values()), url
            checked += 1
    assert checked >= 2 * 29


def test_service_pages_describe_themselves_in_the_page_language(client) -> None:
    for path, word_id, word_en in [("/cek-kelayakan", "pekerja", "worker"),
                                   ("/daftar", "permohonan", "request"),
                                   ("/status", "permohonan", "request")]:
        for lang, word in (("id", word_id), ("en", word_en)):
            soup = soup_of(client.get(f"/{lang}{path}"))
            assert word in soup.select_one('meta[name="description"]')["content"].lower()
            alternates = {link["hreflang"]: link["href"]
                          for link in soup.select('link[rel="alternate"][hreflang]')}
            assert alternates["en"] == f"{BASE_URL}/en{path}"
            assert alternates["id"] == f"{BASE_URL}/id{path}"
