"""Item 6 of issue 15: a GET changes nothing. The case from the attack review: a Markdown image
pointing at a staff page, in a published article read by a signed-in reviewer."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from lindungi.audit.models import AuditEvent
from lindungi.content.models import Article
from lindungi.extensions import db
from lindungi.staff.models import Role
from tests.security.conftest import staff_client
from tests.support.checking import soup_of
from tests.support.editor import article_values, post_article
from tests.support.staff import create_request

IMAGE_FETCH = {"Sec-Fetch-Dest": "image", "Sec-Fetch-Site": "same-origin"}
PAGE_LOAD = {"Sec-Fetch-Dest": "document", "Sec-Fetch-Site": "same-origin"}


def audit_actions(app: Flask) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


def test_a_staff_image_in_an_article_writes_nothing_for_a_reviewer(db_app: Flask) -> None:
    request = create_request(db_app)
    editor = staff_client(db_app, Role.COMMUNICATIONS)
    body = (f"Baca ini.\n\n![](/staf/pendaftaran/{request.id})\n\n"
            "![](/staf/pendaftaran/ekspor.csv)\n\n<img src=\"/staf/pendaftaran/1\">")
    response = post_article(editor, **article_values(
        id_title="Pengumuman Penting", id_body=body, state="published"))
    assert response.status_code == 302
    reviewer = staff_client(db_app, Role.REVIEWER, "r@makassarkota.go.id")
    before = audit_actions(db_app)

    with db_app.app_context():
        slug = db.session.scalars(sa.select(Article.slug)).one()
    page = reviewer.get(f"/id/berita/{slug}", headers=PAGE_LOAD)
    assert page.status_code == 200
    sources = [img["src"] for img in soup_of(page).select("main img")]
    assert not any(src.startswith("/staf") for src in sources)
    # Even if an image of a staff page got onto a page, the browser's fetch of it writes nothing.
    for src in [*sources, f"/staf/pendaftaran/{request.id}", "/staf/pendaftaran/ekspor.csv"]:
        reviewer.get(src, headers=IMAGE_FETCH, check=False).close()
    # A link from another site, and a fetch from a browser that does not say what it is.
    reviewer.get(f"/staf/pendaftaran/{request.id}",
                 headers={"Sec-Fetch-Dest": "document", "Sec-Fetch-Site": "cross-site"})
    masked = reviewer.get(f"/staf/pendaftaran/{request.id}")
    assert request.workers[0].nik not in masked.get_data(as_text=True)
    assert audit_actions(db_app) == before


def test_the_full_numbers_come_with_a_page_load_or_the_button(db_app: Flask) -> None:
    request = create_request(db_app)
    nik = request.workers[0].nik
    reviewer = staff_client(db_app, Role.REVIEWER)
    page = reviewer.get(f"/staf/pendaftaran/{request.id}", headers=PAGE_LOAD)
    assert nik in page.get_data(as_text=True)
    assert audit_actions(db_app)[-1] == "request.view_identity"
    count = len(audit_actions(db_app))
    shown = reviewer.post(f"/staf/pendaftaran/{request.id}/identitas",
                          data={"csrf_token": reviewer.token})
    assert nik in shown.get_data(as_text=True)
    assert len(audit_actions(db_app)) == count + 1
    forged = reviewer.post(f"/staf/pendaftaran/{request.id}/identitas", data={})
    assert forged.status_code == 400
    assert len(audit_actions(db_app)) == count + 1


def test_the_export_is_a_post(db_app: Flask) -> None:
    reviewer = staff_client(db_app, Role.REVIEWER)
    assert reviewer.get("/staf/pendaftaran/ekspor.csv", headers=PAGE_LOAD).status_code == 405
    assert reviewer.post("/staf/pendaftaran/ekspor.csv", data={}).status_code == 400
    assert "export.approved_csv" not in audit_actions(db_app)
    done = reviewer.post("/staf/pendaftaran/ekspor.csv", data={"csrf_token": reviewer.token})
    assert done.mimetype == "text/csv"
    assert audit_actions(db_app)[-1] == "export.approved_csv"
