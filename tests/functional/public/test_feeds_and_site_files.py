"""Atom feeds and the sitemap parsed as XML; robots.txt, manifest, favicon and media files."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from lindungi.demo.loader import PAGE_KEYS, load_articles
from tests.support.apps import BASE_URL

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse_xml(data: bytes) -> ET.Element:
    return ET.fromstring(data)  # noqa: S314 - our own responses, not untrusted input


@pytest.mark.parametrize("lang", ["id", "en"])
def test_atom_feed_is_valid_and_newest_first(client, lang: str) -> None:
    response = client.get(f"/{lang}/berita/feed.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = parse_xml(response.data)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get(XML_LANG) == lang
    assert feed.find(f"{ATOM}id").text == f"{BASE_URL}/{lang}/berita/feed.xml"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{BASE_URL}/{lang}/berita/feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(load_articles())
    published = [e.find(f"{ATOM}published").text for e in entries]
    assert published == sorted(published, reverse=True)
    ids = set()
    for entry in entries:
        ids.add(entry.find(f"{ATOM}id").text)
        link = entry.find(f"{ATOM}link").get("href")
        assert link.startswith(f"{BASE_URL}/{lang}/berita/")
        assert entry.find(f"{ATOM}title").text
        assert entry.find(f"{ATOM}updated").text.endswith("+08:00")
        content = entry.find(f"{ATOM}content")
        assert content.get("type") == "html" and "<p>" in content.text  # escaped HTML, as text
    assert len(ids) == len(entries)
    assert feed.find(f"{ATOM}updated").text == max(e.find(f"{ATOM}updated").text
                                                   for e in entries)


def test_english_feed_marks_untranslated_entries(client) -> None:
    feed = parse_xml(client.get("/en/berita/feed.xml").data)
    untranslated = {a.slug for a in load_articles() if a.en is None}
    for entry in feed.findall(f"{ATOM}entry"):
        slug = entry.find(f"{ATOM}link").get("href").rsplit("/", 1)[1]
        assert (entry.get(XML_LANG) == "id") == (slug in untranslated)


def test_news_page_links_to_the_feed(client) -> None:
    body = client.get("/id/berita").get_data(as_text=True)
    assert 'href="/id/berita/feed.xml" type="application/atom+xml"' in body


def sitemap_files(client) -> list[str]:
    """The files /sitemap.xml (an index) lists, as paths."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    index = parse_xml(response.data)
    assert index.tag == f"{SITEMAP}sitemapindex"
    locs = [s.find(f"{SITEMAP}loc").text for s in index.findall(f"{SITEMAP}sitemap")]
    assert all(loc.startswith(BASE_URL + "/sitemap-") for loc in locs)
    return [loc.removeprefix(BASE_URL) for loc in locs]


def sitemap_urls(client) -> list[ET.Element]:
    """Every <url> of every file the index lists, each file checked on the way."""
    found = []
    for path in sitemap_files(client):
        response = client.get(path)
        assert response.status_code == 200 and response.mimetype == "application/xml", path
        root = parse_xml(response.data)
        assert root.tag == f"{SITEMAP}urlset", path
        found += root.findall(f"{SITEMAP}url")
    return found


def test_sitemap_lists_every_public_url_with_alternates(client) -> None:
    assert sitemap_files(client) == ["/sitemap-halaman.xml", "/sitemap-berita-1.xml"]
    found = sitemap_urls(client)
    urls = {u.find(f"{SITEMAP}loc").text: u for u in found}
    assert len(urls) == len(found)  # each address once
    articles = load_articles()
    services = 3  # eligibility check, enrollment request, status lookup
    expected = (2 + services + len(PAGE_KEYS)) * 2 + sum(2 if a.en else 1 for a in articles)
    assert len(urls) == expected
    assert all(loc.startswith(BASE_URL + "/") for loc in urls)
    assert not any("/staf" in loc or "/cari" in loc for loc in urls)
    for path in ["/id/", "/en/manfaat/jkm", "/id/klaim", "/en/privasi", "/id/cek-kelayakan",
                 "/en/daftar", "/id/status"]:
        assert BASE_URL + path in urls
    signing = urls[f"{BASE_URL}/id/berita/penandatanganan-kerja-sama-rs-primaya"]
    alternates = {link.get("hreflang"): link.get("href")
                  for link in signing.findall(f"{XHTML}link")}
    assert alternates == {
        "id": f"{BASE_URL}/id/berita/penandatanganan-kerja-sama-rs-primaya",
        "en": f"{BASE_URL}/en/berita/penandatanganan-kerja-sama-rs-primaya",
    }
    assert signing.find(f"{SITEMAP}lastmod").text == "2026-02-13T16:05:00+08:00"
    untranslated = next(a for a in articles if a.en is None)
    assert f"{BASE_URL}/en/berita/{untranslated.slug}" not in urls


def test_sitemap_is_split_into_files_that_list_each_article_once(
    client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lindungi.public import sitemaps

    articles = load_articles()
    monkeypatch.setattr(sitemaps, "ARTICLES_PER_FILE", 4)
    files = sitemap_files(client)
    expected_files = -(-len(articles) // 4)
    assert files == ["/sitemap-halaman.xml",
                     *[f"/sitemap-berita-{n}.xml" for n in range(1, expected_files + 1)]]
    locs = [u.find(f"{SITEMAP}loc").text for u in sitemap_urls(client)]
    article_locs = [loc for loc in locs if "/berita/" in loc]
    assert len(article_locs) == len(set(article_locs)) == sum(2 if a.en else 1 for a in articles)
    assert {loc.rsplit("/", 1)[1] for loc in article_locs} == {a.slug for a in articles}
    assert client.get(f"/sitemap-berita-{expected_files + 1}.xml").status_code == 404
    assert client.get("/sitemap-berita-01.xml").status_code == 404


def test_robots_keeps_crawlers_out_of_staff_pages(client) -> None:
    response = client.get("/robots.txt")
    assert response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /staf/" in lines
    assert "Disallow: /id/daftar/" in lines and "Disallow: /en/daftar/" in lines
    assert f"Sitemap: {BASE_URL}/sitemap.xml" in lines


def test_manifest_and_icons(client) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = json.loads(response.data)
    assert manifest["name"] == "Lindungi Makassar"
    assert manifest["start_url"] == "/"
    for icon in manifest["icons"]:
        with client.get(icon["src"]) as file_response:
            assert file_response.status_code == 200, icon
    page = client.get("/id/").get_data(as_text=True)
    assert 'rel="manifest" href="/manifest.webmanifest"' in page


def test_favicon(client) -> None:
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.data[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_media_files_are_served_with_long_cache(client) -> None:
    from tests.support.checking import soup_of

    src = soup_of(client.get("/id/berita")).select_one(".news-item img")["src"]
    with client.get(src) as response:
        assert response.status_code == 200
        assert response.mimetype == "image/webp"
        assert response.data[8:12] == b"WEBP"
        cache = response.headers["Cache-Control"]
    assert "max-age=31536000" in cache and "immutable" in cache and "public" in cache


@pytest.mark.parametrize("name", ["..%2Fconfig.py", "abc.webp", "x" * 32 + "-320.svg",
                                  "0" * 32 + "-320.webp"])
def test_media_route_refuses_other_names(client, name: str) -> None:
    assert client.get(f"/media/{name}").status_code == 404
