"""Nothing a staff member types can run script on a public page: each hostile input, typed into
every field of the editor in both languages (titles, summaries, bodies, picture descriptions and
captions), comes out escaped or removed on the home page, the news lists, the article pages,
search results, both feeds, the sitemap, the previews and the editor's own pages."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from flask import Flask

from lindungi.content import operations
from lindungi.content.models import Category, PublishStatus
from lindungi.extensions import db
from lindungi.textinput import single_line
from tests.support.checking import soup_of
from tests.support.editor import article_by_title, picture, post_article, upload

HOSTILE = [
    '<script>alert("x1")</script>',
    '<img src=x onerror=alert("x2")>',
    '[klik](javascript:alert("x3"))',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==)",
    "![jauh](//evil.example/x5.png)",
    "![jauh](https://evil.example/x5b.png)",
    '<div onclick="alert(6)">\n\nblok HTML mentah\n\n</div>',
    '[judul](https://example.org "x\\" onmouseover=\\"alert(7)")',
    '[kutip](https://example.org/"onmouseover="alert(8))',
    '<svg onload=alert(9)><circle r="9"/></svg>',
    '<iframe src="https://evil.example/x10"></iframe>',
    '<p style="background:url(javascript:alert(11))">gaya</p>',
    "[a](JaVaScRiPt:alert(12)) [b](  javascript:alert(13)) [c](&#106;avascript:alert(14))",
    '"><script>alert(15)</script><a href="',
]
WORD = "Zebrakuda"  # found by search, and by no demo article
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "xlink:href"}
DANGEROUS_TAGS = {"iframe", "svg", "object", "embed", "frame", "frameset", "math", "style",
                  "base", "applet", "video", "audio"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:", "//", "\\\\")


def fields_for(hostile: str) -> dict[str, str]:
    values = {}
    for lang in ("id", "en"):
        values.update({
            f"{lang}_title": f"{WORD} {hostile}"[:200],
            f"{lang}_summary": f"{WORD} ringkasan {hostile}",
            f"{lang}_body": f"{WORD} isi.\n\n{hostile}\n\nAkhir {hostile}",
            f"{lang}_cover_alt": f"Gambar {hostile}",
            f"{lang}_cover_caption": f"Keterangan {hostile}",
        })
    return values


def assert_inert(html: str, where: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name not in DANGEROUS_TAGS, f"<{tag.name}> on {where}"
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), f"{name}= on {where}"
            assert name.lower() != "style", f"style= on {where}"
            if name.lower() in URL_ATTRIBUTES:
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert not text.strip().lower().startswith(BAD_SCHEMES), f"{name}={text} {where}"
                # Nothing loads from another site (a share link may quote the title).
                host = urlsplit(text.strip()).hostname or ""
                assert "evil.example" not in host, f"{name}={text} on {where}"
                if name.lower() != "href":
                    assert "evil.example" not in text, f"{name}={text} on {where}"
        if tag.name == "img":
            assert tag["src"].startswith("/") and not tag["src"].startswith("//"), where
        if tag.name == "script":
            if tag.get("type") == "application/ld+json":
                assert "</" not in tag.string and json.loads(tag.string), where
            else:
                assert tag.get("src", "").startswith("/static/") and not tag.string, where
    return soup


def assert_feed_inert(body: str, where: str) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    # Well-formed: no markup escaped the XML text. Our own response, not untrusted input.
    root = ET.fromstring(body)  # noqa: S314
    for element in root.iter():
        assert element.tag.startswith(atom), f"{element.tag} in {where}"
        if element.tag == f"{atom}content":
            assert_inert(element.text or "", where)


def assert_sitemap_clean(body: str) -> None:
    root = ET.fromstring(body)  # noqa: S314 - our own response
    for element in root.iter():
        assert element.tag.split("}")[0] in ("{http://www.sitemaps.org/schemas/sitemap/0.9",
                                             "{http://www.w3.org/1999/xhtml")
        for value in element.attrib.values():
            assert value.startswith(("https://lindungi.makassarkota.go.id/", "alternate",
                                     "id", "en", "x-default"))


def publish_through_the_editor(app: Flask, editor, hostile: str) -> tuple[int, str]:
    values = {**fields_for(hostile), "category": "service", "state": "published",
              "pinned": "y", "pinned_until": "2026-12-31", "action": "save",
              "cover": upload(picture(640, 360), "sampul.png")}
    response = post_article(editor, **values)
    assert response.status_code == 302, soup_of(response).select(".error-summary a")
    # A title is one line: line breaks typed into it are stored as spaces.
    article = article_by_title(app, single_line(values["id_title"]))
    return article.id, article.slug


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_input_is_inert_everywhere(app: Flask, editor, client, hostile: str) -> None:
    article_id, slug = publish_through_the_editor(app, editor, hostile)
    line = single_line(hostile)  # title, alt text and caption are one-line fields
    title = f"{WORD} {line}"[:200]
    for lang in ("id", "en"):
        page = assert_inert(client.get(f"/{lang}/berita/{slug}").get_data(as_text=True),
                            f"/{lang}/berita/{slug}")
        assert page.h1.get_text(strip=True) == title  # escaped, shown as typed
        assert page.select_one("figure.cover img")["alt"] == f"Gambar {line}"
        assert page.select_one("figure.cover figcaption").get_text() == f"Keterangan {line}"
        suffix = "/en" if lang == "en" else ""
        preview = assert_inert(editor.get(f"/staf/berita/{article_id}/pratinjau{suffix}")
                               .get_data(as_text=True), "preview")
        assert preview.h1.get_text(strip=True) == title
        for path in (f"/{lang}/", f"/{lang}/berita", f"/{lang}/cari?q={WORD}"):
            soup = assert_inert(client.get(path).get_data(as_text=True), path)
            assert title in soup.get_text(), f"the title is missing on {path}"
        assert_feed_inert(client.get(f"/{lang}/berita/feed.xml").get_data(as_text=True),
                          f"/{lang}/berita/feed.xml")
    assert_sitemap_clean(client.get("/sitemap.xml").get_data(as_text=True))
    for path in ("/sitemap-halaman.xml", "/sitemap-berita-1.xml"):
        assert_sitemap_clean(client.get(path).get_data(as_text=True))
    for path in ("/staf/berita", f"/staf/berita/{article_id}",
                 f"/staf/berita/{article_id}/revisi/1"):
        assert_inert(editor.get(path).get_data(as_text=True), path)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_the_live_preview_is_sanitised(editor, hostile: str) -> None:
    response = editor.post("/staf/pratinjau", data={"lang": "en", "en_body": hostile},
                           headers={"X-CSRFToken": editor.token, "HX-Request": "true"})
    assert response.status_code == 200
    assert_inert(response.get_data(as_text=True), "live preview")


def test_an_unknown_figure_is_refused_by_the_editor_and_shown_as_typed(
        app: Flask, editor, client) -> None:
    response = post_article(editor, id_title=f"{WORD} [[unknown_token]]", id_summary="Ringkas.",
                            id_body="Nilai [[unknown_token]].", category="service",
                            state="published", action="save")
    soup = soup_of(response)
    assert [a["href"] for a in soup.select(".error-summary a")] == ["#id_title", "#id_body"]
    # Written some other way (the seed, a script), it stays visible text and breaks nothing.
    with app.app_context():
        operations.create_article(operations.ArticleData(
            slug="angka-tak-dikenal", category=Category.SERVICE, status=PublishStatus.PUBLISHED,
            publish_at=datetime(2026, 11, 25, 1, 0),
            texts={"id": operations.ArticleTextData(
                f"{WORD} [[unknown_token]]", "[[unknown_token]]", "Nilai [[unknown_token]].")},
        ))
        db.session.commit()
    page = assert_inert(client.get("/id/berita/angka-tak-dikenal").get_data(as_text=True), "x")
    assert page.h1.get_text(strip=True) == f"{WORD} [[unknown_token]]"
    assert "Nilai [[unknown_token]]." in page.select_one(".article-body").get_text()
