"""Writing and editing articles: required texts, English all or nothing, slugs and their
redirects, the list's states and filters, the no-JavaScript preview, and optimistic locking."""

from __future__ import annotations

from datetime import datetime

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.audit.models import AuditEvent
from lindungi.content import operations
from lindungi.content.models import Article, PublishStatus, SlugRedirect
from lindungi.extensions import db
from tests.support.checking import soup_of
from tests.support.editor import (
    article_by_title,
    article_values,
    english_values,
    load_article,
    post_article,
)

SIGNING = "penandatanganan-kerja-sama-rs-primaya"


def errors_of(response) -> dict[str, str]:
    """Field id -> message, from the error summary."""
    soup = soup_of(response)
    return {a["href"].lstrip("#"): a.get_text(strip=True)
            for a in soup.select(".error-summary a")}


def test_a_new_draft_is_saved_with_a_slug_from_the_title(app: Flask, editor) -> None:
    response = post_article(editor, **article_values(id_title="Jadwal Verifikasi: Data 2027!"))
    assert response.status_code == 302
    article = article_by_title(app, "Jadwal Verifikasi: Data 2027!")
    assert response.headers["Location"] == f"/staf/berita/{article.id}"
    assert article.slug == "jadwal-verifikasi-data-2027"
    assert article.status == PublishStatus.DRAFT
    assert [t.lang for t in article.texts] == ["id"]
    page = editor.get(response.headers["Location"])
    assert "Artikel tersimpan. Artikel belum tampil di situs." in page.get_data(as_text=True)
    assert editor.get("/id/berita/jadwal-verifikasi-data-2027").status_code == 404


def test_a_taken_generated_slug_gets_a_number(app: Flask, editor) -> None:
    for _ in range(2):
        post_article(editor, **article_values(id_title="Pengumuman"))
    with app.app_context():
        slugs = set(db.session.scalars(sa.select(Article.slug).where(
            Article.slug.like("pengumuman%"))))
    assert slugs == {"pengumuman", "pengumuman-2"}


def test_indonesian_texts_are_required(editor) -> None:
    response = post_article(editor, **article_values(id_title="", id_summary="", id_body="",
                                                     category=None))
    assert response.status_code == 200
    assert list(errors_of(response)) == ["id_title", "id_summary", "id_body", "category"]
    assert soup_of(response).title.get_text().startswith("Galat:")


def test_english_is_all_or_nothing(app: Flask, editor) -> None:
    response = post_article(editor, **article_values(en_title="Only a title"))
    assert list(errors_of(response)) == ["en_summary", "en_body"]
    assert "kosongkan semua kolom bahasa Inggris" in errors_of(response)["en_summary"]
    response = post_article(editor, **article_values(**english_values()))
    assert response.status_code == 302
    article = article_by_title(app, "Jadwal Verifikasi Data Peserta")
    assert sorted(t.lang for t in article.texts) == ["en", "id"]


def test_values_are_kept_when_the_form_has_a_problem(editor) -> None:
    response = post_article(editor, **article_values(id_summary="", slug="Bad Slug"))
    soup = soup_of(response)
    assert soup.find(id="id_title")["value"] == "Jadwal Verifikasi Data Peserta"
    assert "## Yang dibawa" in soup.find(id="id_body").get_text()
    assert soup.find(id="slug")["value"] == "Bad Slug"
    assert "huruf kecil" in errors_of(response)["slug"]


def test_a_figure_that_does_not_exist_is_refused(editor) -> None:
    response = post_article(editor, **article_values(id_body="Iuran [[iuran_palsu]] sebulan."))
    assert "[[iuran_palsu]]" in errors_of(response)["id_body"]


def test_a_slug_used_by_another_article_is_refused(editor) -> None:
    response = post_article(editor, **article_values(slug=SIGNING))
    assert "sudah dipakai" in errors_of(response)["slug"]


def test_changing_the_slug_keeps_the_old_address_with_a_301(app: Flask, editor) -> None:
    with app.app_context():
        article = db.session.scalar(sa.select(Article).where(Article.slug == SIGNING))
        article_id, version = article.id, article.version
    form = soup_of(editor.get(f"/staf/berita/{article_id}"))
    values = {field["name"]: field.get("value", "") for field in form.select(
        "form.editor-form input[name]") if field.get("type") not in ("checkbox", "radio", "file")}
    values.update({area["name"]: area.get_text() for area in form.select("textarea")})
    values.update(category="partnerships", state="published", action="save",
                  slug="kerja-sama-rs-primaya", version=str(version))
    values.pop("csrf_token")
    response = post_article(editor, f"/staf/berita/{article_id}", **values)
    assert response.status_code == 302, errors_of(response)
    for lang in ("id", "en"):
        moved = editor.get(f"/{lang}/berita/{SIGNING}")
        assert moved.status_code == 301
        assert moved.headers["Location"] == f"/{lang}/berita/kerja-sama-rs-primaya"
        assert editor.get(f"/{lang}/berita/kerja-sama-rs-primaya").status_code == 200
    with app.app_context():
        assert db.session.scalar(sa.select(SlugRedirect.old_slug)) == SIGNING
    # The cover and the publish time were kept as they were.
    article = load_article(app, article_id)
    assert article.cover is not None
    assert article.publish_at == datetime(2026, 2, 13, 5, 20)


def test_a_concurrent_save_is_not_overwritten(app: Flask, editor, client_for) -> None:
    other = client_for()
    response = post_article(editor, **article_values())
    path = response.headers["Location"]
    article_id = int(path.rsplit("/", 1)[1])
    version = load_article(app, article_id).version
    first = post_article(other, path, **article_values(id_title="Judul dari orang lain",
                                                       version=str(version)))
    assert first.status_code == 302
    late = post_article(editor, path, **article_values(id_title="Judul saya",
                                                       version=str(version)))
    assert late.status_code == 200
    soup = soup_of(late)
    assert "Ada orang lain yang menyimpan perubahan" in soup.select_one(".notice.warning").text
    assert soup.find(id="id_title")["value"] == "Judul saya"  # their words are kept
    assert soup.find(id="version")["value"] == str(version + 1)
    assert load_article(app, article_id).text("id").title == "Judul dari orang lain"


def test_the_preview_button_renders_without_saving(app: Flask, editor) -> None:
    response = post_article(editor, **article_values(
        id_body="## Jadwal\n\n**Senin** di kantor lurah.", action="preview"))
    assert response.status_code == 200
    preview = soup_of(response).find(id="preview-id")
    assert preview.find("h2").get_text() == "Jadwal"
    assert preview.find("strong").get_text() == "Senin"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Article.id))) == 13


def test_the_list_shows_each_state_and_filters(app: Flask, editor) -> None:
    post_article(editor, **article_values(id_title="Rancangan Pengumuman"))
    soup = soup_of(editor.get("/staf/berita"))
    assert soup.select_one(".result-count").get_text(strip=True) == "14 artikel"
    soup = soup_of(editor.get("/staf/berita?state=draft"))
    assert [a.get_text() for a in soup.select(".editor-table td a")] == ["Rancangan Pengumuman"]
    soup = soup_of(editor.get("/staf/berita?state=published&category=partnerships&q=primaya"))
    titles = [a.get_text() for a in soup.select(".editor-table td a")]
    assert titles and all("Primaya" in title for title in titles)
    assert soup_of(editor.get("/staf/berita?state=nonsense")).select_one(".result-count")


@pytest.mark.parametrize(("state", "expected"), [("published", "article.publish"),
                                                 ("archived", "article.unpublish")])
def test_publishing_and_unpublishing_are_audited(app: Flask, editor, state: str,
                                                 expected: str) -> None:
    with app.app_context():
        article = db.session.scalar(sa.select(Article).where(Article.slug == SIGNING))
        article_id = article.id
        if state == "published":
            operations.set_article_status(article, PublishStatus.DRAFT)
        db.session.commit()
    version = load_article(app, article_id).version
    values = article_values(state=state, version=str(version), slug=SIGNING,
                            id_cover_alt="Penandatanganan", **english_values(
                                en_cover_alt="Signing"))
    assert post_article(editor, f"/staf/berita/{article_id}", **values).status_code == 302
    with app.app_context():
        event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == expected)
                                  .order_by(AuditEvent.id.desc()))
        assert event is not None and event.target_id == str(article_id)
        assert event.actor_id == editor.user.id
