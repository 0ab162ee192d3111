"""Static files: content-hashed names from one helper, a year-long immutable cache, compressed
copies, the same security headers as pages, and nothing inline for the CSP."""

from __future__ import annotations

import gzip
import re

from flask import Flask

from lindungi.assets import build, hashed_name
from lindungi.paths import PROJECT_ROOT
from tests.support.checking import soup_of

IMMUTABLE = "public, max-age=31536000, immutable"


def _fetch(client, url: str, **kwargs):
    """A static file, read and closed (WhiteNoise answers with an open file)."""
    response = client.get(url, **kwargs)
    response.get_data()
    response.close()
    return response


def _assets(client, path: str = "/id/daftar") -> list[str]:
    soup = soup_of(client.get(path))
    found = [tag["href"] for tag in soup.find_all("link", href=True)
             if tag["href"].startswith("/static/")]
    return found + [tag["src"] for tag in soup.find_all("script", src=True)]


def test_pages_link_hashed_names_that_are_kept_a_year(client) -> None:
    names = _assets(client)
    assert len(names) >= 4
    for url in names:
        assert re.search(r"\.[0-9a-f]{12}\.(css|js|svg)$", url), url
        response = _fetch(client, url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == IMMUTABLE
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_hashed_file_matches_the_source_and_is_compressed(client) -> None:
    css = next(url for url in _assets(client) if url.endswith(".css"))
    source = (PROJECT_ROOT / "static/css/site.css").read_bytes()
    assert _fetch(client, css).data == source
    zipped = _fetch(client, css, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.data) == source
    assert "Accept-Encoding" in zipped.headers["Vary"]


def test_plain_names_still_answer_with_a_short_cache(client) -> None:
    response = _fetch(client, "/static/css/site.css")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=300"


def test_manifest_and_feed_name_hashed_icons(client) -> None:
    icons = [icon["src"] for icon in client.get("/manifest.webmanifest").json["icons"]]
    assert all(re.search(r"\.[0-9a-f]{12}\.(png|svg)$", src) for src in icons)
    assert all(_fetch(client, src).status_code == 200 for src in icons)
    assert re.search(rb"/static/icons/icon-192\.[0-9a-f]{12}\.png</icon>",
                     client.get("/id/berita/feed.xml").data)


def test_templates_reach_static_files_only_through_static_url() -> None:
    for template in (PROJECT_ROOT / "templates").rglob("*"):
        if template.is_file():
            text = template.read_text()
            assert "url_for('static'" not in text and 'url_for("static"' not in text, template
            assert "'/static/" not in text and '"/static/' not in text, template


def test_build_names_follow_the_content(tmp_path) -> None:
    (tmp_path / "static/css").mkdir(parents=True)
    (tmp_path / "static/css/a.css").write_text("body{color:red}" * 100)
    first = build(tmp_path / "static", tmp_path / "out")
    assert first["css/a.css"] == hashed_name("css/a.css", (tmp_path / "static/css/a.css")
                                             .read_bytes())
    assert (tmp_path / "out" / (first["css/a.css"] + ".gz")).exists()
    (tmp_path / "static/css/a.css").write_text("body{color:blue}" * 100)
    second = build(tmp_path / "static", tmp_path / "out")
    assert second["css/a.css"] != first["css/a.css"]
    assert (tmp_path / "out" / first["css/a.css"]).exists()  # pages cached earlier still work


def test_csp_stays_strict(app: Flask, client) -> None:
    response = client.get("/id/daftar")
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    soup = soup_of(response)
    assert not soup.find("style") and not soup.find(style=True)
    assert not [s for s in soup.find_all("script") if not s.get("src")
                and s.get("type") != "application/ld+json"]
