"""Save and return: a draft saved on one phone continues in another browser context (no shared
cookies), with the code and a worker's date of birth."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.test_enrollment import MARISO, MARISO_KELURAHAN, OWN_TITLES, _fill_worker
from tests.support.enrollment import NOW

pytestmark = pytest.mark.browser


def test_save_on_one_phone_and_continue_on_another(live_server, phone, desktop) -> None:
    live_server.app.config["NOW"] = NOW
    page = phone.page
    heading = page.get_by_role("heading", level=1)
    page.goto(f"{live_server.url}/id/daftar/pemohon")
    page.get_by_label("Untuk saya sendiri").check()
    page.get_by_role("button", name="Lanjutkan").click()
    _fill_worker(page, phone, prefix="", name="Siti Aminah", nik="7371015208800001", day="12",
                 month="8", year="1980", sex="Perempuan", kecamatan=MARISO.name,
                 kelurahan=MARISO_KELURAHAN.name, titles=OWN_TITLES)
    page.get_by_label("Tidak", exact=True).check()
    page.get_by_role("button", name="Lanjutkan").click()
    expect(heading).to_have_text("Bagaimana petugas dapat menghubungi Anda?")
    page.get_by_role("button", name="Simpan dulu, isi lagi nanti").click()
    expect(heading).to_have_text("Jawaban Anda sudah disimpan")
    phone.assert_clean()
    code = page.locator("#resume-code").inner_text().strip()
    link = page.locator("#resume-link").get_attribute("href")
    assert "Siti" not in link and "1980" not in link and link.endswith(f"kode={code}")
    # No contact step yet: the saved page sends the code to a number typed there.
    page.get_by_label("WhatsApp").check()
    page.locator("#phone").fill("0813 1111 2222")
    page.get_by_role("button", name="Kirim kode").click()
    expect(page.locator("#resume-sent")).to_contain_text("WhatsApp")
    expect(page.locator("#resume-code")).to_have_text(code)
    phone.assert_clean()

    other = desktop.page
    parts = urlsplit(link)
    other.goto(f"{live_server.url}{parts.path}?{parts.query}")
    expect(other.get_by_label("Kode")).to_have_value(code)
    desktop.assert_clean()
    other.get_by_label("Tanggal", exact=True).fill("12")
    other.get_by_label("Bulan", exact=True).fill("8")
    other.get_by_label("Tahun", exact=True).fill("1980")
    other.get_by_role("button", name="Lanjutkan").click()
    expect(other.get_by_role("heading", level=1)).to_have_text(
        "Bagaimana petugas dapat menghubungi Anda?")
    other.get_by_role("link", name="Kembali").click()
    expect(other.get_by_role("heading", level=1)).to_have_text("Pekerja dalam permohonan ini")
    expect(other.locator(".worker-list-name")).to_have_text(["Siti Aminah"])
