"""Public pages in a real browser on a 360px phone: home -> news -> article -> share -> language
switch, and live search. No CSP report, no serious or critical axe finding on any page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from playwright.sync_api import expect

from tests.support.apps import BASE_URL

pytestmark = pytest.mark.browser
SIGNING = "penandatanganan-kerja-sama-rs-primaya"


@pytest.fixture
def app(make_seeded_app) -> Flask:  # the seeded content, for the live server
    return make_seeded_app()


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_home_news_article_share_and_language_switch(live_server, phone) -> None:
    page = phone.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{live_server.url}/id/")
    expect(page.locator("h1")).to_have_text("Perlindungan bagi pekerja rentan Makassar")
    expect(page.locator(".key-figures dd").first).to_have_text("Rp16.800")
    assert fits_the_screen(page)
    phone.assert_clean()

    page.get_by_role("navigation", name="Utama").get_by_role("link", name="Berita").click()
    expect(page).to_have_url(f"{live_server.url}/id/berita")
    expect(page.locator(".news-item")).to_have_count(10)
    assert fits_the_screen(page)
    phone.assert_clean()

    page.locator(f'.news-title a[href="/id/berita/{SIGNING}"]').click()
    expect(page).to_have_url(f"{live_server.url}/id/berita/{SIGNING}")
    expect(page.locator("h1")).to_contain_text("Penandatanganan Kerja Sama RS Primaya")
    assert page.evaluate("document.querySelector('figure.cover img').naturalWidth") > 0
    assert fits_the_screen(page)
    phone.assert_clean()  # the JSON-LD block is data: no CSP report

    share = page.get_by_role("region", name="Bagikan berita ini")
    whatsapp = share.get_by_role("link", name="WhatsApp")
    shared = parse_qs(urlsplit(whatsapp.get_attribute("href")).query)["text"][0]
    assert shared.endswith(f"{BASE_URL}/id/berita/{SIGNING}")
    copy = share.get_by_role("button", name="Salin tautan")
    expect(copy).to_be_visible()  # site.js reveals it where the clipboard works
    copy.click()
    expect(page.locator("#copy-status")).to_have_text("Tautan sudah disalin.")
    assert page.evaluate("navigator.clipboard.readText()") == f"{BASE_URL}/id/berita/{SIGNING}"

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/berita/{SIGNING}")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text("RS Primaya Partnership Signed")
    expect(page.get_by_role("button", name="Copy link")).to_be_visible()
    assert fits_the_screen(page)
    phone.assert_clean()


def test_english_fallback_article_is_clean(live_server, phone) -> None:
    from lindungi.demo.loader import load_articles

    slug = next(a.slug for a in load_articles() if a.en is None)
    page = phone.page
    page.goto(f"{live_server.url}/en/berita/{slug}")
    expect(page.locator(".translation-notice")).to_be_visible()
    expect(page.locator(".article-body")).to_have_attribute("lang", "id")
    phone.assert_clean()


def test_live_search_while_typing(live_server, phone) -> None:
    page = phone.page
    page.goto(f"{live_server.url}/id/cari")
    page.get_by_label("Cari di berita dan halaman informasi").press_sequentially("primaya")
    results = page.locator(".search-results li")
    expect(results.first).to_be_visible()  # swapped in by htmx, no submit pressed
    expect(page.locator("#search-status")).to_contain_text("primaya")
    expect(page.locator(".search-results mark").first).to_have_text("Primaya")
    expect(page).to_have_url(f"{live_server.url}/id/cari?q=primaya")
    assert fits_the_screen(page)
    phone.assert_clean()


@pytest.mark.parametrize("path", ["/id/manfaat", "/en/manfaat/jkk", "/id/klaim", "/en/faq",
                                  "/id/kontak", "/en/privasi"])
def test_information_pages_are_clean_on_a_phone(live_server, phone, path: str) -> None:
    page = phone.page
    page.goto(f"{live_server.url}{path}")
    expect(page.locator("h1")).to_be_visible()
    assert fits_the_screen(page)
    phone.assert_clean()
