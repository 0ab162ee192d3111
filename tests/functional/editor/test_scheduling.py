"""Publish times are typed and shown in WITA and stored in UTC; a scheduled article appears on
the news list, the feeds, the sitemap, search and the home page by itself when its time comes,
and the pages' ETags change with it. The announcement banner ends with its last WITA day."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask

from tests.support.checking import soup_of
from tests.support.editor import article_by_title, article_values, english_values, post_article

TITLE = "Jadwal Verifikasi Data Peserta"
SLUG = "jadwal-verifikasi-data-peserta"
# FIXED_NOW is 25 November 2026, 10:00 WITA (02:00 UTC).
BEFORE = datetime(2026, 11, 26, 1, 29, tzinfo=UTC)
AFTER = datetime(2026, 11, 26, 1, 30, tzinfo=UTC)
PUBLIC = ["/id/berita", "/en/berita", "/id/berita/feed.xml", "/en/berita/feed.xml",
          "/sitemap-berita-1.xml", "/id/", "/id/cari?q=verifikasi"]


def schedule(editor, **overrides) -> None:
    values = article_values(state="scheduled", publish_at="2026-11-26T09:30",
                            **english_values(), **overrides)
    response = post_article(editor, **values)
    assert response.status_code == 302, soup_of(response).select(".error-summary a")


def shows_the_article(client, path: str) -> bool:
    body = client.get(path).get_data(as_text=True)
    return SLUG in body


def test_the_time_is_entered_and_shown_in_wita_and_stored_in_utc(app: Flask, editor) -> None:
    schedule(editor)
    article = article_by_title(app, TITLE)
    assert article.publish_at == datetime(2026, 11, 26, 1, 30)  # naive UTC
    page = soup_of(editor.get(f"/staf/berita/{article.id}"))
    assert page.find(id="publish_at")["value"] == "2026-11-26T09:30"
    assert page.find("input", attrs={"name": "state", "checked": True})["value"] == "scheduled"
    status = page.select_one(".editor-status").get_text(" ", strip=True)
    assert "Terjadwal" in status and "Kamis, 26 November 2026, 09.30 WITA" in status
    listing = soup_of(editor.get("/staf/berita?state=scheduled"))
    assert [a.get_text() for a in listing.select(".editor-table td a")] == [TITLE]


def test_a_scheduled_article_appears_by_itself_at_its_time(app: Flask, editor, client) -> None:
    schedule(editor)
    app.config["NOW"] = BEFORE
    etags = {}
    for path in PUBLIC:
        assert not shows_the_article(client, path), path
        etags[path] = client.get(path).headers["ETag"]
    for lang in ("id", "en"):
        assert client.get(f"/{lang}/berita/{SLUG}").status_code == 404

    app.config["NOW"] = AFTER
    for path in PUBLIC:
        assert shows_the_article(client, path), path
        again = client.get(path, headers={"If-None-Match": etags[path]})
        assert again.status_code == 200 and again.headers["ETag"] != etags[path], path
    english = soup_of(client.get(f"/en/berita/{SLUG}"))
    assert english.h1.get_text(strip=True) == "Participant Data Checks"
    assert english.find("time")["datetime"] == "2026-11-26T09:30:00+08:00"


@pytest.mark.parametrize(("state", "when", "words"), [
    ("scheduled", "", "belum lewat"),
    ("scheduled", "2026-11-25T09:59", "belum lewat"),
    ("published", "2026-11-25T10:30", "belum tiba"),
    ("scheduled", "besok pagi", "tanggal dan jam"),
    ("scheduled", "2026-02-30T09:00", "tanggal dan jam"),
])
def test_impossible_times_are_refused(editor, state: str, when: str, words: str) -> None:
    soup = soup_of(post_article(editor, **article_values(state=state, publish_at=when)))
    assert words in soup.select_one("#publish_at-error").get_text()


def test_published_without_a_time_means_now(app: Flask, editor) -> None:
    assert post_article(editor, **article_values(state="published")).status_code == 302
    assert article_by_title(app, TITLE).publish_at == datetime(2026, 11, 25, 2, 0)
    assert shows_the_article(app.test_client(), "/id/berita")


def test_the_banner_lasts_until_the_end_of_its_wita_day(app: Flask, editor, client) -> None:
    soup = soup_of(post_article(editor, **article_values(pinned="y")))
    assert soup.select_one("#pinned_until-error")
    values = article_values(state="published", pinned="y", pinned_until="2026-11-27")
    assert post_article(editor, **values).status_code == 302
    assert article_by_title(app, TITLE).pinned_until == datetime(2026, 11, 27, 16, 0)
    app.config["NOW"] = datetime(2026, 11, 27, 15, 59, tzinfo=UTC)  # 23:59 WITA
    banner = soup_of(client.get("/id/")).select_one(".notice.pinned a")
    assert banner["href"] == f"/id/berita/{SLUG}"
    app.config["NOW"] = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)  # midnight WITA
    banner = soup_of(client.get("/id/")).select_one(".notice.pinned a")
    assert banner is None or banner["href"] != f"/id/berita/{SLUG}"
