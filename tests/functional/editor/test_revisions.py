"""Every save keeps a revision (who, when, what changed); the difference view shows changes
field by field, escaped; restoring saves a new revision and is audited."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from lindungi.audit.models import AuditEvent
from lindungi.content import revisions
from lindungi.content.models import ArticleRevision, PageRevision, PublishStatus
from lindungi.extensions import db
from tests.support.checking import soup_of
from tests.support.editor import article_by_title, article_values, load_article, post_article

TITLE = "Jadwal Verifikasi Data Peserta"
HOSTILE_TITLE = "Jadwal <b>baru</b> & <script>alert(1)</script>"


def write_two_revisions(app: Flask, editor) -> int:
    post_article(editor, **article_values())
    article = article_by_title(app, TITLE)
    response = post_article(editor, f"/staf/berita/{article.id}", **article_values(
        id_title=HOSTILE_TITLE, id_body="Baris satu.\n\nBaris dua diganti.",
        state="published", slug=article.slug, version=str(article.version)))
    assert response.status_code == 302
    return article.id


def article_revisions(app: Flask, article_id: int) -> list[ArticleRevision]:
    with app.app_context():
        found = revisions.article_revisions(article_id)
        db.session.expunge_all()
        return found


def test_every_save_keeps_a_revision_with_who_and_what(app: Flask, editor) -> None:
    article_id = write_two_revisions(app, editor)
    second, first = article_revisions(app, article_id)
    assert (first.number, first.action, first.actor_id) == (1, "create", editor.user.id)
    assert (second.number, second.action) == (2, "update")
    assert second.changes == ["id.title", "id.body", "status", "publish_at"]
    assert second.snapshot["id.title"] == HOSTILE_TITLE
    assert first.snapshot["id.title"] == TITLE
    rows = soup_of(editor.get(f"/staf/berita/{article_id}/revisi")).select("tbody tr")
    assert len(rows) == 2
    latest = rows[0].get_text(" ", strip=True)
    assert "Revisi 2" in latest and "Berlaku" in latest and editor.user.email in latest
    assert "Judul (bahasa Indonesia), Isi teks (bahasa Indonesia), Penerbitan" in latest


def test_the_difference_view_is_field_by_field_and_escaped(app: Flask, editor) -> None:
    article_id = write_two_revisions(app, editor)
    response = editor.get(f"/staf/berita/{article_id}/revisi/2")
    html = response.get_data(as_text=True)
    assert "<script>alert(1)" not in html and "<b>baru" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    soup = soup_of(response)
    fields = {dt.get_text(strip=True): dt.find_next_sibling("dd")
              for dt in soup.select("#changes-title ~ .diff-list dt")}
    assert list(fields) == ["Judul (bahasa Indonesia)", "Isi teks (bahasa Indonesia)",
                            "Penerbitan", "Waktu terbit"]
    title = fields["Judul (bahasa Indonesia)"]
    assert [d.get_text() for d in title.select("del")] == ["Dihapus: Verifikasi Data Peserta"]
    assert "Ditambahkan: <b>baru</b> & <script>alert(1)</script>" in [
        i.get_text() for i in title.select("ins")]
    body = fields["Isi teks (bahasa Indonesia)"]
    assert [li.get_text() for li in body.select("li del")] == [
        "Dihapus: Petugas akan datang ke kelurahan.", "Dihapus: ## Yang dibawa", "Dihapus: ",
        "Dihapus: - KTP", "Dihapus: - KK"]
    assert fields["Penerbitan"].get_text(" ", strip=True) == "Dihapus: Draf Ditambahkan: Terbit"
    assert soup.select_one("form[action$='/pulihkan']") is None  # the current one


def test_restoring_saves_a_new_revision_and_keeps_the_publication(app: Flask, editor) -> None:
    article_id = write_two_revisions(app, editor)
    page = soup_of(editor.get(f"/staf/berita/{article_id}/revisi/1"))
    restoring = [dt.get_text(strip=True)
                 for dt in page.select("#restoring-title ~ .diff-list dt")]
    assert restoring == ["Judul (bahasa Indonesia)", "Isi teks (bahasa Indonesia)"]
    version = page.find(id="version")["value"]
    response = editor.post(f"/staf/berita/{article_id}/revisi/1/pulihkan",
                           data={"csrf_token": editor.token, "version": version})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/staf/berita/{article_id}"
    article = load_article(app, article_id)
    assert article.text("id").title == TITLE
    assert article.status == PublishStatus.PUBLISHED  # a restore never hides an article
    latest = article_revisions(app, article_id)[0]
    assert (latest.number, latest.action, latest.restored_from) == (3, "restore", 1)
    assert latest.changes == ["id.title", "id.body"]
    with app.app_context():
        event = db.session.scalar(sa.select(AuditEvent).where(
            AuditEvent.action == "article.restore"))
        assert event.target_id == str(article_id) and event.detail["revision"] == 1
        assert event.actor_id == editor.user.id
    listing = soup_of(editor.get(f"/staf/berita/{article_id}/revisi")).select("tbody tr")
    assert "Memulihkan revisi 1" in listing[0].get_text(" ", strip=True)


def test_a_stale_restore_changes_nothing(app: Flask, editor) -> None:
    article_id = write_two_revisions(app, editor)
    stale = str(load_article(app, article_id).version - 1)
    response = editor.post(f"/staf/berita/{article_id}/revisi/1/pulihkan",
                           data={"csrf_token": editor.token, "version": stale})
    assert response.headers["Location"] == f"/staf/berita/{article_id}/revisi/1"
    assert load_article(app, article_id).text("id").title == HOSTILE_TITLE
    assert len(article_revisions(app, article_id)) == 2
    page = editor.get(response.headers["Location"]).get_data(as_text=True)
    assert "tidak ada yang dipulihkan" in page


def test_an_unknown_revision_is_404(app: Flask, editor) -> None:
    article_id = write_two_revisions(app, editor)
    assert editor.get(f"/staf/berita/{article_id}/revisi/9").status_code == 404
    assert editor.get("/staf/berita/999/revisi").status_code == 404


def test_pages_keep_revisions_and_restore_them(app: Flask, editor) -> None:
    form = soup_of(editor.get("/staf/halaman/faq"))
    values = {area["name"]: area.get_text() for area in form.select("textarea")}
    values.update({field["name"]: field["value"] for field in form.select(
        "form.editor-form input[name]") if field["name"] != "csrf_token"})
    original_title = values["id_title"]
    values.update(id_title="Tanya Jawab Terbaru", action="save", csrf_token=editor.token)
    response = editor.post("/staf/halaman/faq", data=values)
    assert response.status_code == 302
    assert soup_of(editor.get("/id/faq")).h1.get_text(strip=True) == "Tanya Jawab Terbaru"
    with app.app_context():
        numbers = db.session.execute(sa.select(PageRevision.number, PageRevision.changes)
                                     .order_by(PageRevision.number)).all()
    assert numbers[-1] == (2, ["id.title"])
    page = soup_of(editor.get("/staf/halaman/faq/revisi/1"))
    response = editor.post("/staf/halaman/faq/revisi/1/pulihkan", data={
        "csrf_token": editor.token, "version": page.find(id="version")["value"]})
    assert response.headers["Location"] == "/staf/halaman/faq"
    assert soup_of(editor.get("/id/faq")).h1.get_text(strip=True) == original_title
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id)).where(
            AuditEvent.action == "page.restore")) == 1
