"""The full-page cache in front of Flask: what is stored, what never is, and what is served."""

from __future__ import annotations

import gzip

import pytest
from flask import Flask, abort, make_response, session

from lindungi import pagecache
from lindungi.config import from_environment
from lindungi.pagecache.entry import brotli
from tests.support.statements import counting_statements

HEADER = "X-Page-Cache"
SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
                    "Permissions-Policy", "X-Frame-Options", "Cross-Origin-Opener-Policy")
PUBLIC_PAGES = ["/id/", "/en/", "/id/berita", "/en/berita?page=2", "/id/berita/feed.xml",
                "/id/berita/penandatanganan-kerja-sama-rs-primaya", "/en/manfaat",
                "/id/manfaat/jkk", "/id/faq", "/en/klaim", "/id/kontak", "/id/privasi",
                "/id/cek-kelayakan", "/id/cari", "/sitemap.xml", "/robots.txt",
                "/manifest.webmanifest"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_public_page_is_served_from_the_cache_without_reaching_flask(
    client, app: Flask, path: str
) -> None:
    first = client.get(path)
    assert first.status_code == 200 and first.headers[HEADER] == "miss"
    with counting_statements(app) as statements:
        again = client.get(path)
    assert again.headers[HEADER] == "hit"
    assert statements == []  # no routing, no view, no query
    assert again.data == first.data
    for name in (*SECURITY_HEADERS, "Cache-Control", "ETag", "Content-Type"):
        assert again.headers[name] == first.headers[name], name
    assert again.headers["Cache-Control"] == "public, max-age=300"
    assert "Set-Cookie" not in again.headers


def test_a_hit_carries_every_security_header(client) -> None:
    client.get("/id/")
    hit = client.get("/id/")
    assert hit.headers[HEADER] == "hit"
    assert "script-src 'self'" in hit.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in hit.headers["Content-Security-Policy"]
    assert hit.headers["X-Content-Type-Options"] == "nosniff"
    assert hit.headers["X-Frame-Options"] == "DENY"
    assert all(hit.headers.get(name) for name in SECURITY_HEADERS)


def test_etag_and_304_on_hits(client) -> None:
    etag = client.get("/id/faq").headers["ETag"]
    assert client.get("/id/faq").headers[HEADER] == "hit"
    again = client.get("/id/faq", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers[HEADER] == "hit" and again.headers["ETag"] == etag
    assert again.headers["Cache-Control"] == "public, max-age=300"
    assert "Content-Security-Policy" in again.headers
    # Weak comparison: a proxy may have weakened the tag.
    assert client.get("/id/faq", headers={"If-None-Match": f"W/{etag}"}).status_code == 304
    other = client.get("/id/faq", headers={"If-None-Match": '"other"'})
    assert other.status_code == 200 and other.headers[HEADER] == "hit"


def test_gzip_body_is_stored_beside_the_plain_one(client) -> None:
    plain = client.get("/id/")
    zipped = client.get("/id/", headers={"Accept-Encoding": "gzip, deflate"}, check=False)
    assert zipped.headers[HEADER] == "hit"
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.data) == plain.data
    assert int(zipped.headers["Content-Length"]) == len(zipped.data) < len(plain.data) / 2
    assert "Accept-Encoding" in zipped.headers["Vary"] and "HX-Request" in zipped.headers["Vary"]
    assert "Accept-Encoding" in plain.headers["Vary"]
    # Each encoding has its own validator, and each gets its 304.
    assert zipped.headers["ETag"] != plain.headers["ETag"]
    conditional = client.get("/id/", headers={"Accept-Encoding": "gzip",
                                              "If-None-Match": zipped.headers["ETag"]},
                             check=False)
    assert conditional.status_code == 304
    refused = client.get("/id/", headers={"Accept-Encoding": "gzip;q=0"})
    assert "Content-Encoding" not in refused.headers and refused.data == plain.data


@pytest.mark.skipif(brotli is None, reason="brotli is not installed")
def test_brotli_when_the_browser_accepts_it(client) -> None:
    plain = client.get("/id/")
    squeezed = client.get("/id/", headers={"Accept-Encoding": "gzip, deflate, br"},
                          check=False)
    assert squeezed.headers["Content-Encoding"] == "br"
    assert brotli.decompress(squeezed.data) == plain.data


def test_head_is_answered_from_the_cache(client) -> None:
    body = client.get("/id/berita").data
    head = client.head("/id/berita")
    assert head.headers[HEADER] == "hit" and head.data == b""
    assert int(head.headers["Content-Length"]) == len(body)


def test_key_has_language_query_and_htmx(client) -> None:
    client.get("/id/")
    assert client.get("/en/").headers[HEADER] == "miss"
    client.get("/en/berita")
    assert client.get("/en/berita?page=2").headers[HEADER] == "miss"
    client.get("/id/cari")
    fragment = client.get("/id/cari", headers={"HX-Request": "true"})
    assert fragment.headers[HEADER] == "miss" and b"<html" not in fragment.data
    assert client.get("/id/cari").data.count(b"<html") == 1
    # A 404 outside a language speaks the browser's language, and is kept per language.
    english = client.get("/nowhere", headers={"Accept-Language": "en"})
    indonesian = client.get("/nowhere", headers={"Accept-Language": "id"})
    assert english.status_code == indonesian.status_code == 404
    assert indonesian.headers[HEADER] == "miss" and english.data != indonesian.data
    assert client.get("/nowhere", headers={"Accept-Language": "en"}).headers[HEADER] == "hit"


def test_not_found_is_kept_but_other_errors_are_not(client, app: Flask) -> None:
    @app.get("/id/test-unavailable")
    def unavailable() -> object:
        pagecache.allow_storing()
        abort(503)

    client.get("/id/berita/tidak-ada")
    assert client.get("/id/berita/tidak-ada").headers[HEADER] == "hit"

    for _ in range(2):
        response = client.get("/id/test-unavailable")
        assert response.status_code == 503 and HEADER not in response.headers


def test_responses_that_set_or_vary_on_a_cookie_are_not_kept(client, app: Flask) -> None:
    @app.get("/id/test-sets-cookie")
    def sets_cookie() -> object:
        pagecache.allow_storing()
        response = make_response("<p>hi</p>")
        response.set_cookie("flavour", "kopi")
        return response

    @app.get("/id/test-varies-on-cookie")
    def varies_on_cookie() -> object:
        pagecache.allow_storing()
        session["seen"] = "yes"  # a page that uses the session gets Vary: Cookie and a cookie
        response = make_response("<p>seen</p>")
        response.vary.add("Cookie")
        return response

    @app.get("/id/test-private")
    def private() -> object:
        pagecache.allow_storing()
        response = make_response("<p>mine</p>")
        response.cache_control.private = True
        return response

    for path in ("/id/test-sets-cookie", "/id/test-varies-on-cookie", "/id/test-private"):
        client.get(path, check=False)
        client._cookies.clear()  # the next request is anonymous again
        second = client.get(path, check=False)
        assert second.status_code == 200 and HEADER not in second.headers, path


@pytest.mark.parametrize("path", ["/staf/masuk", "/id/daftar", "/id/status",
                                  "/id/cek-kelayakan?usia=30", "/id/cari?q=klaim",
                                  "/healthz", "/"])
def test_never_kept(client, path: str) -> None:
    client.get(path, check=False)
    client._cookies.clear()  # a page that sets a cookie must not make the next request bypass
    again = client.get(path, check=False)
    assert again.headers.get(HEADER) is None or again.headers[HEADER] != "hit", path


def test_the_checkers_result_fragment_is_kept_but_never_the_page_with_the_answers(
    client, app: Flask
) -> None:
    answers = ("/id/cek-kelayakan?makassar=yes&kecamatan=73.71.13&age=30"
               "&occupation=street_vendor&civil_servant=no&employee=no&member=no&decile=3")
    htmx = {"HX-Request": "true"}
    first = client.get(answers, headers=htmx)
    assert first.headers[HEADER] == "miss" and "result-panel" in first.get_data(as_text=True)
    with counting_statements(app) as statements:
        again = client.get(answers, headers=htmx)
    assert again.headers[HEADER] == "hit" and statements == []
    assert again.data == first.data and "<html" not in again.get_data(as_text=True)
    other = client.get(answers.replace("age=30", "age=70"), headers=htmx)
    assert other.headers[HEADER] == "miss" and other.data != first.data
    client.get(answers)
    assert client.get(answers).headers.get(HEADER) != "hit"  # it holds the filled-in form


def test_posts_and_requests_with_a_cookie_bypass_the_cache(client) -> None:
    client.get("/id/")
    assert client.get("/id/").headers[HEADER] == "hit"
    assert client.post("/id/", check=False).status_code in (400, 405)
    client.set_cookie("lindungi_session", "something")
    with_cookie = client.get("/id/")
    assert with_cookie.status_code == 200 and HEADER not in with_cookie.headers
    assert client.get("/id/", headers={"Authorization": "Basic eDp5"}).headers.get(HEADER) is None


def test_page_cache_off(make_seeded_app) -> None:
    assert from_environment({"LINDUNGI_PAGE_CACHE": "0"})["PAGE_CACHE"] is False
    app = make_seeded_app(PAGE_CACHE=False)
    client = app.test_client()
    client.get("/id/")
    response = client.get("/id/")
    assert response.status_code == 200 and HEADER not in response.headers
    assert "page_cache" not in app.extensions
