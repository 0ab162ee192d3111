"""The long-form pages: the list, editing (English optional), a page not written yet, and the
public page's ETag changing with a save."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from lindungi.content.models import Page
from lindungi.extensions import db
from tests.support.checking import soup_of


def page_values(editor, key: str) -> dict[str, str]:
    form = soup_of(editor.get(f"/staf/halaman/{key}"))
    values = {area["name"]: area.get_text() for area in form.select("textarea")}
    values.update({field["name"]: field["value"] for field in form.select(
        "form.editor-form input[name]") if field["name"] != "csrf_token"})
    values.update(action="save", csrf_token=editor.token)
    return values


def test_the_list_has_every_page(editor) -> None:
    soup = soup_of(editor.get("/staf/halaman"))
    links = [a["href"] for a in soup.select(".editor-table td a")]
    assert links == [f"/staf/halaman/{key}" for key in
                     ("manfaat", "jkk", "jkm", "jht", "klaim", "faq", "kontak", "privasi")]


def test_saving_a_page_changes_the_public_page_and_its_etag(editor, client) -> None:
    etag = client.get("/en/kontak").headers["ETag"]
    values = page_values(editor, "kontak")
    values["en_body"] = "Call **175**, or come to the city hall."
    assert editor.post("/staf/halaman/kontak", data=values).status_code == 302
    response = client.get("/en/kontak", headers={"If-None-Match": etag})
    assert response.status_code == 200 and response.headers["ETag"] != etag
    assert soup_of(response).select_one(".prose strong").get_text() == "175"


def test_english_is_all_or_nothing_and_can_be_left_out(app: Flask, editor, client) -> None:
    values = page_values(editor, "privasi")
    values["en_title"] = ""
    soup = soup_of(editor.post("/staf/halaman/privasi", data=values))
    assert [a["href"] for a in soup.select(".error-summary a")] == ["#en_title"]
    values.update(en_body="", en_summary="")
    assert editor.post("/staf/halaman/privasi", data=values).status_code == 302
    english = soup_of(client.get("/en/privasi"))
    assert english.select_one(".translation-notice")  # the Indonesian text, with the notice


def test_the_preview_button_shows_the_text_without_saving(app: Flask, editor) -> None:
    values = page_values(editor, "faq")
    values.update(id_body="## Pertanyaan baru?\n\nJawaban.", action="preview")
    response = editor.post("/staf/halaman/faq", data=values)
    assert soup_of(response).select_one("#preview-id h2").get_text() == "Pertanyaan baru?"
    assert "Pertanyaan baru?" not in editor.get("/id/faq").get_data(as_text=True)


def test_a_page_not_written_yet_is_created_by_its_first_save(app: Flask, editor, client) -> None:
    with app.app_context():
        db.session.execute(sa.delete(Page).where(Page.key == "jht"))
        db.session.commit()
    assert client.get("/id/manfaat/jht").status_code == 404
    soup = soup_of(editor.get("/staf/halaman"))
    assert "Belum ditulis" in soup.select_one("a[href='/staf/halaman/jht']").find_parent("tr").text
    response = editor.post("/staf/halaman/jht", data={
        "csrf_token": editor.token, "action": "save", "id_title": "Jaminan Hari Tua",
        "id_body": "Tabungan untuk hari tua."})
    assert response.status_code == 302
    assert soup_of(client.get("/id/manfaat/jht")).h1.get_text(strip=True) == "Jaminan Hari Tua"
    assert editor.get("/staf/halaman/tidak-ada").status_code == 404
