"""A family sends a two-worker request on a 360px phone, by labels only, one topic per page
(never more than 8 questions), then checks its status."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from lindungi.core import places
from tests.support.enrollment import NOW

pytestmark = pytest.mark.browser

MARISO = places.kecamatan_by_code("73.71.01")
MARISO_KELURAHAN = places.kelurahan_for("73.71.01")[1]
TAMALATE = places.kecamatan_by_code("73.71.10")
TAMALATE_KELURAHAN = places.kelurahan_for("73.71.10")[0]


# The questions on the step (named controls; a radio group is one question).
COUNT_QUESTIONS = """() => new Set([...document.querySelectorAll(
    '#enrollment-step input[name], #enrollment-step select[name], #enrollment-step textarea[name]')]
    .filter(el => !['hidden', 'submit'].includes(el.type)).map(el => el.name)).size"""


def _next(page: Page, phone, button: str = "Simpan dan lanjutkan") -> None:
    """Check the page (axe, CSP, at most 8 questions), then press its button."""
    assert page.evaluate(COUNT_QUESTIONS) <= 8
    phone.assert_clean()
    page.get_by_role("button", name=button).click()


# The worker pages' headings, about someone else and about the applicant.
WORKER_TITLES = ("Nama dan nomor identitas pekerja", "Tanggal lahir dan jenis kelamin pekerja",
                 "Alamat pekerja di Makassar", "Pekerjaan dan penghasilan pekerja",
                 "Ahli waris pekerja")
OWN_TITLES = ("Nama dan nomor identitas Anda", "Tanggal lahir dan jenis kelamin Anda",
              "Alamat Anda di Makassar", "Pekerjaan dan penghasilan Anda", "Ahli waris Anda")


def _fill_worker(page: Page, phone, *, prefix: str, name: str, nik: str, day: str, month: str,
                 year: str, sex: str, kecamatan: str, kelurahan: str,
                 titles: tuple[str, ...] = WORKER_TITLES) -> None:
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(f"{prefix}{titles[0]}")
    page.get_by_label("Nama lengkap, sesuai KTP").fill(name)
    page.get_by_label("NIK (Nomor Induk Kependudukan)").fill(nik)
    page.get_by_label("Nomor kartu keluarga (KK)").fill("7371 0101 0110 0001")
    _next(page, phone)
    expect(heading).to_have_text(f"{prefix}{titles[1]}")
    page.get_by_label("Tanggal", exact=True).fill(day)
    page.get_by_label("Bulan", exact=True).fill(month)
    page.get_by_label("Tahun", exact=True).fill(year)
    page.get_by_label(sex, exact=True).check()
    _next(page, phone)
    expect(heading).to_have_text(f"{prefix}{titles[2]}")
    page.get_by_label("Alamat jalan").fill("Jalan Cendrawasih No. 12")
    page.get_by_label("Kecamatan", exact=True).select_option(label=kecamatan)
    # htmx swaps in the chosen kecamatan's kelurahan only.
    expect(page.locator("#kelurahan optgroup")).to_have_count(0)
    page.get_by_label("Kelurahan", exact=True).select_option(label=kelurahan)
    _next(page, phone)
    expect(heading).to_have_text(f"{prefix}{titles[3]}")
    page.get_by_label("Pekerjaan utama").select_option(label="Nelayan")
    page.get_by_label("Kurang dari Rp1.000.000 per bulan").check()
    page.get_by_label("Tidak", exact=True).check()
    _next(page, phone)
    expect(heading).to_have_text(f"{prefix}{titles[4]}")
    page.get_by_label("Nama lengkap ahli waris").fill("Budi Santoso")
    page.get_by_label("Anak", exact=True).check()
    _next(page, phone)
    expect(heading).to_have_text("Pekerja dalam permohonan ini")


def test_two_worker_request_then_status_on_a_phone(live_server, phone) -> None:
    live_server.app.config["NOW"] = NOW
    page = phone.page
    heading = page.get_by_role("heading", level=1)

    page.goto(f"{live_server.url}/id/daftar")
    phone.assert_clean()
    page.get_by_role("link", name="Mulai sekarang").click()

    expect(heading).to_have_text("Tentang permohonan")
    expect(page.get_by_text("Langkah 1 dari 5")).to_be_visible()
    # The questions about the sender show only once "someone else" is chosen (no script).
    expect(page.get_by_label("Nama lengkap Anda")).to_be_hidden()
    page.get_by_label("Untuk orang lain: keluarga, tetangga, atau orang yang saya bantu").check()
    page.get_by_label("Nama lengkap Anda").fill("Rahmat Hidayat")
    page.get_by_label("Anak kandungnya").check()
    _next(page, phone, "Lanjutkan")

    page.evaluate("window.__sameDocument = true")
    _fill_worker(page, phone, prefix="", name="Siti Aminah", nik="7371015208800001", day="12",
                 month="8", year="1980", sex="Perempuan", kecamatan=MARISO.name,
                 kelurahan=MARISO_KELURAHAN.name)
    page.get_by_label("Ya", exact=True).check()
    _next(page, phone, "Lanjutkan")

    # The second worker's pages arrive by htmx: same document, new address and title.
    expect(heading).to_have_text("Pekerja 2: Nama dan nomor identitas pekerja")
    assert page.evaluate("window.__sameDocument") is True
    expect(page).to_have_url(f"{live_server.url}/id/daftar/pekerja/2")
    expect(page).to_have_title("Pekerja 2: Nama dan nomor identitas pekerja – Lindungi Makassar")
    expect(page.get_by_label("Nama lengkap, sesuai KTP")).to_have_value("")
    _fill_worker(page, phone, prefix="Pekerja 2: ", name="Andi Baso", nik="7371013001750007",
                 day="30", month="1", year="1975", sex="Laki-laki", kecamatan=TAMALATE.name,
                 kelurahan=TAMALATE_KELURAHAN.name)
    page.get_by_label("Tidak", exact=True).check()
    _next(page, phone, "Lanjutkan")

    expect(heading).to_have_text("Bagaimana petugas dapat menghubungi Anda?")
    page.get_by_label("WhatsApp").check()
    page.get_by_label("Nomor HP").fill("0812 3456 7890")
    _next(page, phone, "Lanjutkan")

    expect(heading).to_have_text("Cara Pemkot memakai data ini")
    page.get_by_label("Saya sudah membaca pemberitahuan privasi").check()
    _next(page, phone, "Lanjutkan")

    expect(heading).to_have_text("Periksa jawaban Anda sebelum mengirim permohonan")
    # Whole numbers for the person who just typed them.
    expect(page.get_by_text("7371015208800001")).to_be_visible()
    phone.assert_clean()

    # Change an answer from the check page, and come back to it.
    page.get_by_role("link", name="Ubah nama lengkap pekerja 2").click()
    expect(heading).to_have_text("Pekerja 2: Nama dan nomor identitas pekerja")
    page.get_by_label("Nama lengkap, sesuai KTP").fill("Andi Baso Tang")
    page.get_by_role("button", name="Simpan dan lanjutkan").click()
    expect(heading).to_have_text("Periksa jawaban Anda sebelum mengirim permohonan")
    expect(page.get_by_role("heading", name="Pekerja 2: Andi Baso Tang")).to_be_visible()

    page.get_by_role("button", name="Kirim permohonan").click()
    expect(heading).to_have_text("Permohonan terkirim")
    reference = page.locator("#reference").inner_text().strip()
    assert reference.startswith("LM-") and len(reference) == 12
    phone.assert_clean()

    page.get_by_role("main").get_by_role("link", name="Cek status permohonan").click()
    expect(heading).to_have_text("Cek status permohonan")
    page.get_by_label("Nomor referensi").fill(reference.lower())
    page.get_by_label("Tanggal", exact=True).fill("30")
    page.get_by_label("Bulan", exact=True).fill("1")
    page.get_by_label("Tahun", exact=True).fill("1975")
    phone.assert_clean()
    page.get_by_role("button", name="Cek status").click()

    expect(heading).to_have_text(f"Status permohonan {reference}")
    expect(page.locator(".status-label")).to_have_text("Sudah masuk – menunggu pemeriksaan")
    expect(page.get_by_text("Dikirim pada")).to_be_visible()
    expect(page.get_by_text("Siti, Andi")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    phone.assert_clean()
