"""A setting staff save reaches the next anonymous request at once: site settings are part of
the page cache's content version, and the bodies rendered when saved that show a setting are
stored again (a stale stored body would otherwise outlive the cached page)."""

from __future__ import annotations

import sqlalchemy as sa

from lindungi.content import prerender
from lindungi.content.models import PageText
from lindungi.extensions import db
from lindungi.site_settings.values import phone_display
from lindungi.staff.models import Role

HEADER = "X-Page-Cache"
OLD, NEW = "+62411777321", "+62411555987"


def stored_hit(client, path: str) -> bytes:
    client.get(path)
    hit = client.get(path)
    assert hit.headers[HEADER] == "hit", path
    return hit.data


def test_a_cached_page_shows_a_new_phone_number_right_after_staff_save_it(
        app, fill_settings, client_for) -> None:
    fill_settings(phone=OLD)
    visitor = app.test_client()  # anonymous: served from the page cache
    for path in ("/id/kontak", "/id/klaim", "/en/manfaat"):
        assert phone_display(OLD).encode() in stored_hit(visitor, path), path

    staff = client_for(Role.COMMUNICATIONS)
    saved = staff.post("/staf/pengaturan", data={"csrf_token": staff.token, "phone": "0411 555987"})
    assert saved.status_code == 302

    for path in ("/id/kontak", "/id/klaim", "/en/manfaat"):
        fresh = visitor.get(path)
        assert fresh.headers[HEADER] == "miss", path
        assert phone_display(NEW).encode() in fresh.data, path
        assert phone_display(OLD).encode() not in fresh.data, path


def test_a_setting_no_body_names_also_reaches_cached_pages(app, fill_settings) -> None:
    """The map link appears only in the contact block of templates, so no stored body (and no
    search document) changes with it: the settings row alone must change the content version."""
    fill_settings(phone=OLD)
    visitor = app.test_client()
    assert b"openstreetmap" not in stored_hit(visitor, "/id/kontak")
    fill_settings(map_url="https://www.openstreetmap.org/?mlat=-5.14&mlon=119.41")
    fresh = visitor.get("/id/kontak")
    assert fresh.headers[HEADER] == "miss"
    assert b"openstreetmap.org/?mlat=-5.14" in fresh.data


def test_saving_a_setting_stores_the_bodies_that_show_it_again(app, fill_settings) -> None:
    fill_settings(phone=OLD)
    with app.test_request_context("/id/klaim"):
        text = db.session.scalar(sa.select(PageText).where(
            PageText.lang == "id", PageText.body.contains("[[phone]]")))
        assert text is not None and phone_display(OLD) in text.rendered["html"]
        assert prerender.body_html(text) == text.rendered["html"]  # the stored one is current
    fill_settings(phone=NEW)
    with app.test_request_context("/id/klaim"):
        text = db.session.get(PageText, text.id)
        assert phone_display(NEW) in text.rendered["html"]
        assert text.rendered["key"] == prerender.render_key(text.body, text.lang)
