"""The editor in a real browser (desktop, where the preview sits beside the text): a
communications staff member signs in, writes an article in both languages watching the live
preview, adds a cover, schedules it, and sees it appear on /id/berita and /en/berita when the
app's clock reaches its time. No CSP report and no serious axe finding on the editor's pages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask
from playwright.sync_api import expect

from lindungi.staff.models import Role
from tests.support.apps import STAFF_PASSWORD
from tests.support.editor import picture

pytestmark = pytest.mark.browser
TITLE_ID = "Jadwal Verifikasi Data Peserta Desember"
TITLE_EN = "Participant Data Checks in December"
# The demo clock is 25 November 2026, 10:00 WITA; the article is due on the 26th at 09:30 WITA.
DUE = datetime(2026, 11, 26, 1, 30, tzinfo=UTC)


@pytest.fixture
def app(make_seeded_app) -> Flask:  # the seeded content, for the live server
    return make_seeded_app()


def test_write_schedule_and_see_it_appear(live_server, desktop, make_staff) -> None:
    staff = make_staff(role=Role.COMMUNICATIONS, email="humas@makassarkota.go.id")
    page = desktop.page
    page.goto(f"{live_server.url}/staf/masuk")
    page.get_by_label("Alamat email").fill(staff.email)
    page.get_by_label("Kata sandi").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("navigation", name="Petugas").get_by_role("link", name="Berita").click()
    expect(page.locator("h1")).to_have_text("Artikel berita")
    desktop.assert_clean()

    page.get_by_role("link", name="Tulis artikel baru").click()
    expect(page.locator("h1")).to_have_text("Artikel baru")
    indonesian = page.get_by_role("group", name="Bahasa Indonesia (wajib)")
    indonesian.get_by_label("Judul").fill(TITLE_ID)
    indonesian.get_by_label("Ringkasan").fill("Petugas kelurahan memeriksa data peserta.")
    indonesian.get_by_label("Isi teks (Markdown)").press_sequentially(
        "## Yang dibawa\n\nSantunan kematian **[[jkm_lump_sum]]**.")
    preview = page.locator("#preview-id")
    expect(preview.locator("h2")).to_have_text("Yang dibawa")
    expect(preview.locator("strong")).to_have_text("Rp20.000.000")

    english = page.get_by_role("group", name="Bahasa Inggris (tidak wajib)")
    english.get_by_label("Judul").fill(TITLE_EN)
    english.get_by_label("Ringkasan").fill("Kelurahan staff check participants' data.")
    english.get_by_label("Isi teks (Markdown)").press_sequentially(
        "## What to bring\n\nDeath benefit **[[jkm_lump_sum]]**.")
    expect(page.locator("#preview-en h2")).to_have_text("What to bring")
    expect(page.locator("#preview-en strong")).to_have_text("Rp20,000,000")
    # Beside the text on a wide screen.
    source = page.locator("#en_body").bounding_box()
    pane = page.locator("#preview-en").bounding_box()
    assert pane["x"] > source["x"] + source["width"]

    page.locator("#cover").set_input_files(files=[{
        "name": "sampul.png", "mimeType": "image/png", "buffer": picture(1200, 630)}])
    page.get_by_label("Keterangan isi gambar, dalam bahasa Indonesia").fill(
        "Petugas memeriksa berkas warga di kantor kelurahan")
    page.get_by_label("Keterangan isi gambar, dalam bahasa Inggris").fill(
        "Staff checking residents' papers at the kelurahan office")
    page.get_by_role("group", name="Kategori").get_by_label("Info layanan").check()
    page.get_by_role("group", name="Keadaan").get_by_label("Terjadwal").check()
    page.get_by_label("Waktu terbit (WITA)").fill("2026-11-26T09:30")
    desktop.assert_clean()
    page.get_by_role("button", name="Simpan artikel").click()

    expect(page.locator(".notice.success")).to_contain_text(
        "akan tampil di situs pada Kamis, 26 November 2026, 09.30 WITA")
    expect(page.locator(".editor-status")).to_contain_text("Terjadwal")
    desktop.assert_clean()

    page.goto(f"{live_server.url}/id/berita")
    expect(page.locator(".news-title").first).not_to_have_text(TITLE_ID)
    expect(page.get_by_text(TITLE_ID)).to_have_count(0)

    live_server.app.config["NOW"] = DUE
    # The browser may keep the list for PUBLIC_CACHE_SECONDS; reloading revalidates it with
    # its ETag, which the scheduled article changed when its time came.
    page.reload()
    expect(page.locator(".news-title").first).to_have_text(TITLE_ID)
    page.goto(f"{live_server.url}/en/berita")
    expect(page.locator(".news-title").first).to_have_text(TITLE_EN)
    page.locator(".news-title a").first.click()
    expect(page.locator("h1")).to_have_text(TITLE_EN)
    cover = page.locator("figure.cover img")
    expect(cover).to_have_attribute("alt", "Staff checking residents' papers at the kelurahan "
                                           "office")
    assert page.evaluate("document.querySelector('figure.cover img').naturalWidth") > 0


def test_editor_pages_on_a_phone(live_server, phone, make_staff) -> None:
    """Every kind of editor page at 360px: clean, and nothing wider than the screen (the
    preview pane goes below the text)."""
    staff = make_staff(role=Role.COMMUNICATIONS)
    page = phone.page
    page.goto(f"{live_server.url}/staf/masuk")
    page.get_by_label("Alamat email").fill(staff.email)
    page.get_by_label("Kata sandi").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    for path in ("/staf/berita", "/staf/berita/5", "/staf/berita/5/revisi",
                 "/staf/berita/5/revisi/1", "/staf/berita/5/pratinjau", "/staf/halaman",
                 "/staf/halaman/faq", "/staf/halaman/faq/pratinjau/en"):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, path
        phone.assert_clean()
    page.goto(f"{live_server.url}/staf/berita/5")
    source = page.locator("#id_body").bounding_box()
    pane = page.locator("#preview-id").bounding_box()
    assert pane["y"] > source["y"] + source["height"]
