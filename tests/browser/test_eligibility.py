"""The eligibility checker in a real browser: answered with the keyboard only on a 360px phone,
the live result follows the answers, and the result leads into the enrollment request."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

LIKELY = "Hasil: pekerja kemungkinan besar bisa dilindungi"
NOT_ELIGIBLE = "Hasil: program ini tidak bisa melindungi pekerja"


def press(page: Page, key: str, times: int = 1) -> None:
    for _ in range(times):
        page.keyboard.press(key)


def result_heading(page: Page):
    return page.locator("#eligibility-result h2")


def test_keyboard_only_on_a_phone(live_server, phone) -> None:
    page = phone.page
    page.goto(f"{live_server.url}/id/cek-kelayakan")
    region = page.locator("#eligibility-result")
    expect(region).to_have_attribute("aria-live", "polite")

    # The skip link, then into the form: the first question's first radio.
    press(page, "Tab")
    press(page, "Enter")
    press(page, "Tab")
    expect(page.get_by_role("radio", name="Ya").first).to_be_focused()
    press(page, "Space")  # lives in Makassar: yes
    press(page, "Tab")
    expect(page.locator("#kecamatan")).to_be_focused()
    page.keyboard.type("Rappocini")
    expect(page.locator("#kecamatan")).to_have_value("73.71.13")
    press(page, "Tab")
    page.keyboard.type("30")
    press(page, "Tab")  # leaving the field sends the change
    # Half-answered: a gentle prompt, not a wall of errors.
    expect(region).to_contain_text("Jawab semua pertanyaan untuk melihat hasilnya")
    expect(page.locator(".field-error")).to_have_count(0)
    expect(page.locator("#occupation")).to_be_focused()
    page.keyboard.type("Pedagang kaki")
    expect(page.locator("#occupation")).to_have_value("street_vendor")
    for name in ("civil_servant", "employee", "member"):
        press(page, "Tab")
        expect(page.locator(f"#{name}-0")).to_be_focused()
        press(page, "ArrowDown")  # "Tidak" (no), the second choice
        expect(page.locator(f"#{name}-1")).to_be_checked()
    press(page, "Tab")
    expect(page.locator("#decile-0")).to_be_focused()
    press(page, "ArrowRight", 2)
    expect(page.locator("#decile-2")).to_be_checked()  # decile 3
    expect(result_heading(page)).to_have_text(LIKELY)

    # Decile 3 -> 6: the result changes in place, and the address follows the answers.
    press(page, "ArrowRight", 3)
    expect(result_heading(page)).to_have_text(NOT_ELIGIBLE)
    expect(region.locator("ul.not-met li")).to_contain_text(["desil 6"])
    expect(page).to_have_url(re.compile(r"decile=6"))
    press(page, "ArrowLeft", 3)
    expect(result_heading(page)).to_have_text(LIKELY)
    expect(page.locator(".field-error")).to_have_count(0)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    phone.assert_clean()

    # Past the submit button, the first link of the result is the enrollment request.
    press(page, "Tab", 2)
    link = page.locator("#enrollment-link")
    expect(link).to_be_focused()
    href = urlsplit(link.get_attribute("href"))
    assert href.path == "/id/daftar"
    assert parse_qs(href.query) == {
        "kecamatan": ["73.71.13"], "occupation": ["street_vendor"], "decile": ["3"],
        "member": ["no"],
    }  # fmt: skip
    press(page, "Enter")
    # The enrollment request keeps the answers (in the session until the first step is saved,
    # then in the draft) and drops them from the address; the worker's pages then have
    # them chosen, not asked again. Nothing is started yet, so the page offers to start.
    expect(page).to_have_url(f"{live_server.url}/id/daftar")
    phone.assert_clean()
    page.get_by_role("link", name="Mulai sekarang").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tentang permohonan")
    page.get_by_label("Untuk saya sendiri: saya pekerjanya").check()
    page.get_by_role("button", name="Lanjutkan").click()
    # The worker's pages (one topic each) start with identity; the kecamatan and work come
    # later, already chosen (tests/functional/test_enrollment_prefill.py follows them).
    expect(page.get_by_role("heading", level=1)).to_have_text("Nama dan nomor identitas Anda")
    phone.assert_clean()


def test_sending_incomplete_answers_shows_the_messages(live_server, phone) -> None:
    page = phone.page
    page.goto(f"{live_server.url}/en/cek-kelayakan")
    page.locator("#age").focus()
    page.keyboard.type("44")
    press(page, "Enter")  # the form's own submit: a full page with the messages
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Select yes if the worker lives in Kota Makassar")
    expect(page.locator("#makassar-error")).to_be_visible()
    expect(page.locator("#age")).to_have_value("44")
    phone.assert_clean()


@pytest.mark.parametrize(
    "query",
    ["", "?makassar=yes&kecamatan=73.71.13&age=30&occupation=imam&civil_servant=no"
         "&employee=no&member=unknown&decile=unknown", "?age=x&check=1"],
)  # fmt: skip
def test_desktop_is_clean(live_server, desktop, query: str) -> None:
    desktop.page.goto(f"{live_server.url}/en/cek-kelayakan{query}")
    expect(desktop.page.locator("h1")).to_have_text("Check whether a worker can be covered")
    desktop.assert_clean()
