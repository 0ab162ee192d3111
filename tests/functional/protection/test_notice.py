"""The privacy notice is true and is the consent's version: it shows the retention periods from
the site settings (those `flask privacy purge` applies), names who sees full NIK and KK, does
not list data that is never asked; consent records the privacy page's revision (an edit asks
again) and whether it was given on the workers' behalf."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from lindungi.content import operations
from lindungi.content.models import Page
from lindungi.enrollment.models import EnrollmentRequest
from lindungi.extensions import db
from tests.support.checking import soup_of
from tests.support.enrollment import Flow
from tests.support.launch import set_settings


def page_text(client, path: str) -> str:
    return soup_of(client.get(path)).select_one("main").get_text(" ", strip=True)


def test_the_notice_says_what_is_true(make_seeded_app) -> None:
    app = make_seeded_app()
    set_settings(app, retention_approved_years="3", retention_rejected_years="1")
    client = app.test_client()
    notice = page_text(client, "/id/privasi")
    assert "lokasi kerja" not in notice.lower()
    assert "disimpan selama 3 tahun setelah keputusan terakhir" in notice
    assert "disimpan selama 1 tahun setelah keputusan" in notice
    assert "Petugas verifikasi dan administrator" in notice and "NIK dan nomor KK utuh" in notice
    english = page_text(client, "/en/privasi")
    assert "place of work" not in english and "masked on screen" not in english
    assert "kept for 3 years after the last decision" in english
    assert "reviewers and administrators" in english
    assert "masked on screen" not in page_text(client, "/en/faq")


def test_consent_shows_the_same_periods_and_who_sees_what(make_seeded_app) -> None:
    app = make_seeded_app()
    set_settings(app, retention_approved_years="3", retention_rejected_years="2")
    flow = Flow(app.test_client(), "en")
    flow.applicant()
    flow.worker()
    flow.contact()
    text = soup_of(flow.get("/daftar/persetujuan")).select_one("main").get_text(" ", strip=True)
    assert "kept for 3 years after the last decision" in text
    assert "not approved is kept for 2 years" in text
    assert "reviewers and administrators see the full details" in text


def privacy_version(app: Flask) -> str:
    with app.app_context():
        return db.session.scalar(sa.select(EnrollmentRequest.consent_notice_version))


def test_consent_names_the_page_revision_and_an_edit_asks_again(make_seeded_app) -> None:
    app = make_seeded_app()
    flow = Flow(app.test_client(), "id")
    flow.up_to_check()
    with app.app_context():
        page = db.session.scalar(sa.select(Page).where(Page.key == "privasi"))
        texts = {text.lang: operations.PageTextData(text.title, text.body + "\n\nTambahan.",
                                                    text.summary) for text in page.texts}
        operations.update_page(page, texts)
        db.session.commit()
    assert flow.get("/daftar/periksa").location == "/id/daftar/persetujuan"
    flow.consent()
    flow.submit(flow.submit_token())
    assert privacy_version(app) == "privasi-r2"


def test_consent_for_someone_else_says_so(make_seeded_app) -> None:
    app = make_seeded_app()
    flow = Flow(app.test_client(), "en")
    flow.applicant(who="other", applicant_name="Andi Baso", relationship="child")
    flow.worker()
    flow.contact()
    label = soup_of(flow.get("/daftar/persetujuan")).select_one(".choices label")
    assert "they know about it and agree" in label.get_text(" ", strip=True)
    flow.consent()
    flow.submit(flow.submit_token())
    with app.app_context():
        request = db.session.scalar(sa.select(EnrollmentRequest))
        assert request.consent_on_behalf is True and request.for_self is False
