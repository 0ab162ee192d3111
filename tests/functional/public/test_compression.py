"""Responses are compressed by the app when the browser accepts it: pages the cache stores from
their stored bodies, everything else through Flask-Compress; Vary: Accept-Encoding on both."""

from __future__ import annotations

import gzip

import pytest

from lindungi.pagecache.entry import brotli
from tests.support.checking import check_html

GZIP = {"Accept-Encoding": "gzip"}


def _html(response) -> str:
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    return gzip.decompress(response.data).decode()


def test_a_page_the_cache_stores_is_compressed_once(client) -> None:
    first = client.get("/id/", headers=GZIP, check=False)
    assert first.headers["X-Page-Cache"] == "miss"
    check_html(_html(first))
    again = client.get("/id/", headers=GZIP, check=False)
    assert again.headers["X-Page-Cache"] == "hit" and again.data == first.data


@pytest.mark.parametrize("path", ["/id/daftar", "/id/status", "/staf/masuk",
                                  "/id/cek-kelayakan?usia=30", "/id/cari?q=klaim"])
def test_pages_the_cache_never_stores_are_compressed_too(client, path: str) -> None:
    response = client.get(path, headers=GZIP, check=False)
    assert response.status_code == 200
    check_html(_html(response))


def test_uncompressed_without_accept_encoding(client) -> None:
    response = client.get("/id/daftar")
    assert "Content-Encoding" not in response.headers
    assert "Accept-Encoding" in response.headers["Vary"]


def test_with_the_page_cache_off_public_pages_are_compressed_by_the_app(make_seeded_app) -> None:
    client = make_seeded_app(PAGE_CACHE=False).test_client()
    response = client.get("/en/berita", headers=GZIP, check=False)
    check_html(_html(response))
    etag = response.headers["ETag"]
    conditional = client.get("/en/berita", headers={**GZIP, "If-None-Match": etag}, check=False)
    assert conditional.status_code == 304


@pytest.mark.skipif(brotli is None, reason="brotli is not installed")
def test_brotli_for_uncached_pages(client) -> None:
    response = client.get("/id/daftar", headers={"Accept-Encoding": "gzip, br"}, check=False)
    assert response.headers["Content-Encoding"] == "br"
    check_html(brotli.decompress(response.data).decode())


def test_compression_off_for_a_proxy_that_compresses(make_seeded_app) -> None:
    client = make_seeded_app(COMPRESS=False, PAGE_CACHE=False).test_client()
    assert "Content-Encoding" not in client.get("/id/daftar", headers=GZIP).headers
