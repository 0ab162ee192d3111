"""Item 8 of issue 15: control characters and odd query parameters never give a 500, on SQLite
and PostgreSQL, and nothing with a control character is stored."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from io import BytesIO

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.content.models import ArticleText
from lindungi.enrollment.models import EnrollmentRequest, EnrollmentWorker
from lindungi.extensions import db
from lindungi.staff.models import Role
from lindungi.textinput import multi_line, single_line, without_controls
from tests.security.conftest import staff_client
from tests.support.checking import soup_of
from tests.support.editor import article_values, post_article
from tests.support.enrollment import Flow, csrf_token_of

NUL = "\x00"
ODD_QUERIES = ["_method=POST", "endpoint=x", "program=zzz", "_external=1", "_scheme=javascript",
               "_anchor=x", "lang=xx", "slug=..", "values=1", "page=%00", "q=%00%01",
               "kategori=zzz&kategori=layanan", "%00=1"]


def test_the_text_rules() -> None:
    assert without_controls("73\x0071\x1b\x7f\x85ok\n\t") == "7371ok\n\t"
    assert single_line("Siti\r\nAminah\tB") == "Siti Aminah B"
    assert multi_line("a\r\nb\rc\x00") == "a\nb\nc"


def public_pages(app: Flask) -> list[str]:
    """Every public GET page without a path argument but the language, in both languages."""
    paths = []
    for rule in app.url_map.iter_rules():
        if "GET" in (rule.methods or ()) and rule.arguments <= {"lang"} and rule.rule != "/":
            if rule.endpoint.startswith(("staff.", "review.", "editor.", "audit.")):
                continue
            for lang in ("id", "en"):
                paths.append(rule.rule.replace("<lang>", lang))
    return sorted(set(paths))


@pytest.fixture
def public(make_seeded_app: Callable[..., Flask]) -> Flask:
    return make_seeded_app()


def test_odd_query_parameters_never_break_a_public_page(public: Flask) -> None:
    client = public.test_client()
    pages = [*public_pages(public), "/id/manfaat/jkk", "/en/manfaat/jht"]
    assert len(pages) > 20
    failures = []
    for page in pages:
        for query in ODD_QUERIES:
            response = client.get(f"{page}?{query}", check=False)
            response.close()  # a file response (favicon) holds its file open until closed
            if response.status_code >= 500:
                failures.append(f"{page}?{query}: {response.status_code}")
    assert not failures, failures


def test_the_language_switch_keeps_only_known_parameters(public: Flask) -> None:
    page = public.test_client().get("/id/berita?kategori=layanan&_method=POST&endpoint=x")
    switch = [a["href"] for a in soup_of(page).select("a[hreflang='en']")]
    assert switch and all("kategori=layanan" in href for href in switch)
    assert not any("_method" in href or "endpoint" in href for href in switch)


def test_a_nul_in_a_stored_article_does_not_break_the_feed(public: Flask) -> None:
    with public.app_context():
        for text in db.session.scalars(sa.select(ArticleText)):  # rows stored before the rules
            text.title = f"Judul{NUL}dengan\x0bkontrol"
            text.body = f"Isi{NUL} artikel\x1b."
        db.session.commit()
    for lang in ("id", "en"):
        response = public.test_client().get(f"/{lang}/berita/feed.xml")
        assert response.status_code == 200
        root = ET.fromstring(response.get_data())  # noqa: S314 - our own response
        assert any("Juduldengankontrol" in (e.text or "") for e in root.iter())


def test_nul_in_the_sign_in_email(db_app: Flask) -> None:
    client = db_app.test_client()
    token = client.get("/staf/masuk")
    assert token.status_code == 200
    response = client.post("/staf/masuk", data={
        "csrf_token": csrf_token_of(token), "email": f"a{NUL}@makassarkota.go.id",
        "password": f"x{NUL}"})
    assert response.status_code == 200


@pytest.mark.parametrize("htmx", [False, True])
def test_a_request_with_control_characters_is_sent_and_stored_clean(
        db_app: Flask, htmx: bool) -> None:
    flow = Flow(db_app.test_client(), htmx=htmx)
    assert flow.applicant().status_code in (200, 303)
    response = flow.worker(full_name=f"Siti{NUL} Aminah\x1b", address=f"Jl. Cendrawasih{NUL} 12",
                           place_of_birth="Makassar\x7f", heir_name=f"Budi{NUL}")
    assert response.status_code in (200, 303)
    assert flow.contact(phone=f"0812{NUL}3456 7890").status_code in (200, 303)
    assert flow.consent().status_code in (200, 303)
    assert flow.submit(flow.submit_token()).status_code in (200, 303)
    with db_app.app_context():
        worker = db.session.scalars(sa.select(EnrollmentWorker)).one()
        assert worker.full_name == "Siti Aminah"
        assert worker.address == "Jl. Cendrawasih 12"
        assert db.session.scalars(sa.select(EnrollmentRequest)).one().phone_e164


def test_nul_in_the_article_form_and_the_queue_search(db_app: Flask) -> None:
    editor = staff_client(db_app, Role.COMMUNICATIONS)
    response = post_article(editor, **article_values(
        id_title=f"Jadwal{NUL} Verifikasi", id_body=f"Baris satu{NUL}\r\nBaris dua\x1b"))
    assert response.status_code == 302
    with db_app.app_context():
        text = db.session.scalars(sa.select(ArticleText)).one()
        assert (text.title, text.body) == ("Jadwal Verifikasi", "Baris satu\nBaris dua")
    reviewer = staff_client(db_app, Role.REVIEWER, "r@makassarkota.go.id")
    for headers in ({}, {"HX-Request": "true"}):
        response = reviewer.post("/staf/pendaftaran", headers=headers,
                                 data={"csrf_token": reviewer.token, "q": f"Siti{NUL}"})
        assert response.status_code < 500
        assert reviewer.get(f"/staf/pendaftaran?status=%00&since=2026{NUL}").status_code == 200


def test_files_and_json_where_text_belongs(db_app: Flask) -> None:
    """Flask-WTF handed uploads (and a JSON body's numbers) to text fields: a 500. Now only
    file fields take uploads and forms read only form bodies: the form comes back with errors."""
    editor = staff_client(db_app, Role.COMMUNICATIONS)
    response = post_article(editor, **article_values(
        id_title=(BytesIO(b"<b>judul</b>"), "title.png"), publish_at=(BytesIO(b"x"), "a.txt")))
    assert response.status_code == 200
    assert soup_of(response).title.get_text().startswith("Galat:")
    response = editor.post("/staf/berita/baru", json={"id_title": 7, "id_body": ["a"]},
                           headers={"X-CSRFToken": editor.token})
    assert response.status_code == 200
    assert soup_of(response).title.get_text().startswith("Galat:")
    with db_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ArticleText.id))) == 0


def test_a_day_too_large_for_a_machine_integer_is_not_a_date() -> None:
    from lindungi.enrollment.text import InputError, parse_date_parts

    with pytest.raises(InputError, match="not_real"):
        parse_date_parts("73710112088000017371011208800001", "1", "1980")
