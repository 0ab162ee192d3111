"""The live preview (an htmx POST with the CSRF header) and the full previews of a draft article
and of a page, rendered by the public templates, behind sign-in."""

from __future__ import annotations

from flask import Flask

from tests.support.checking import soup_of
from tests.support.editor import article_by_title, article_values, post_article

TITLE = "Jadwal Verifikasi Data Peserta"


def live(editor, lang: str, text: str, with_token: bool = True):
    headers = {"HX-Request": "true"}
    if with_token:
        headers["X-CSRFToken"] = editor.token
    return editor.post("/staf/pratinjau", data={"lang": lang, f"{lang}_body": text},
                       headers=headers)


def test_the_live_preview_renders_markdown_with_figures_in_the_language(editor) -> None:
    response = live(editor, "id", "## Santunan\n\nSebesar **[[jkm_lump_sum]]**.")
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.find("html") is None  # a fragment
    assert soup.h2.get_text() == "Santunan"
    assert soup.strong.get_text() == "Rp20.000.000"
    assert soup_of(live(editor, "en", "**[[jkm_lump_sum]]**")).strong.get_text() == "Rp20,000,000"
    warning = soup_of(live(editor, "id", "[[tidak_ada]]")).select_one(".field-error")
    assert "[[tidak_ada]]" in warning.get_text()


def test_the_live_preview_needs_the_csrf_header(editor) -> None:
    assert live(editor, "id", "teks", with_token=False).status_code == 400


def test_the_editor_wires_the_live_preview(editor) -> None:
    soup = soup_of(editor.get("/staf/berita/baru"))
    body = soup.find(id="en_body")
    assert body["hx-post"] == "/staf/pratinjau"
    assert body["hx-trigger"] == "input changed delay:500ms"
    assert body["hx-target"] == "#preview-en" and soup.find(id="preview-en") is not None
    assert body["hx-params"] == "en_body,lang" and body["hx-vals"] == '{"lang": "en"}'
    assert soup.body["hx-headers"].startswith('{"X-CSRFToken": ')
    buttons = {b["value"]: b.get_text() for b in soup.select("form.editor-form button")}
    assert buttons == {"save": "Simpan artikel", "preview": "Pratinjau"}


def test_a_draft_is_previewed_exactly_as_the_public_page(app: Flask, editor, client) -> None:
    post_article(editor, **article_values(id_body="Isi **penting** di sini."))
    article = article_by_title(app, TITLE)
    assert client.get(f"/id/berita/{article.slug}").status_code == 404
    response = editor.get(f"/staf/berita/{article.id}/pratinjau")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    soup = soup_of(response)
    banner = soup.select_one(".preview-banner").get_text(" ", strip=True)
    assert "Draf: masyarakat tidak dapat melihat artikel ini." in banner
    assert soup.select_one(".preview-banner a")["href"] == f"/staf/berita/{article.id}"
    assert soup.h1.get_text(strip=True) == TITLE
    assert soup.select_one(".article-body strong").get_text() == "penting"
    assert soup.select_one(".main-nav a")["href"] == "/id/"  # the public navigation
    english = soup_of(editor.get(f"/staf/berita/{article.id}/pratinjau/en"))
    assert english.html["lang"] == "en"
    assert english.select_one(".translation-notice")  # no English text yet: as the public sees
    link = soup.select_one(".preview-banner a[hreflang=en]")
    assert link["href"] == f"/staf/berita/{article.id}/pratinjau/en"


def test_a_scheduled_article_preview_says_when(app: Flask, editor) -> None:
    post_article(editor, **article_values(state="scheduled", publish_at="2026-12-01T08:00"))
    article = article_by_title(app, TITLE)
    banner = soup_of(editor.get(f"/staf/berita/{article.id}/pratinjau"))
    assert "Selasa, 1 Desember 2026, 08.00 WITA" in banner.select_one(".preview-banner").text


def test_a_page_preview_uses_the_public_view(editor, client) -> None:
    preview = soup_of(editor.get("/staf/halaman/manfaat/pratinjau/en"))
    public = soup_of(client.get("/en/manfaat"))
    assert preview.select_one(".preview-banner")
    assert preview.h1.get_text() == public.h1.get_text()
    assert len(preview.select("table.figures")) == len(public.select("table.figures")) > 0
    assert editor.get("/staf/halaman/tidak-ada/pratinjau").status_code == 404
