"""Every public page answers in both languages, with the parts the issue asks for."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from lindungi.core.parameters import contribution_table
from lindungi.formatting import format_rupiah
from lindungi.program import program_parameters
from tests.support.apps import BASE_URL, FIXED_NOW
from tests.support.checking import soup_of

LANGS = ["id", "en"]
PATHS = ["/", "/berita", "/berita/penandatanganan-kerja-sama-rs-primaya", "/manfaat",
         "/manfaat/jkk", "/manfaat/jkm", "/manfaat/jht", "/klaim", "/faq", "/kontak", "/privasi",
         "/cari", "/cari?q=primaya"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PATHS)
def test_every_public_page_in_both_languages(client, lang: str, path: str) -> None:
    response = client.get(f"/{lang}{path}")
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.html["lang"] == lang
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert response.headers["ETag"]
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical.startswith(BASE_URL + "/")
    hreflangs = {link["hreflang"] for link in soup.find_all("link", rel="alternate")
                 if link.get("hreflang")}
    assert {"id", "x-default"} <= hreflangs
    feed = soup.find("link", attrs={"type": "application/atom+xml"})
    assert feed["href"] == f"/{lang}/berita/feed.xml"


@pytest.mark.parametrize(("lang", "city_pays", "jkm_total"),
                         [("id", "Rp16.800", "Rp42.000.000"), ("en", "Rp16,800", "Rp42,000,000")])
def test_home_key_figures_come_from_parameters(client, lang, city_pays, jkm_total) -> None:
    params = program_parameters()
    assert format_rupiah(params.city_contribution_monthly, lang) == city_pays
    soup = soup_of(client.get(f"/{lang}/"))
    figures = [dd.get_text(strip=True) for dd in soup.select(".key-figures dd")]
    assert figures == [city_pays, jkm_total]


def test_home_calls_to_action_and_latest_news(client, app: Flask) -> None:
    soup = soup_of(client.get("/id/"))
    targets = [a["href"] for a in soup.select(".cta-list a")]
    assert "/id/klaim" in targets
    for endpoint, path in (("eligibility.check", "/id/cek-kelayakan"),
                           ("enrollment.start", "/id/daftar")):
        assert (path in targets) == (endpoint in app.view_functions)
    assert len(targets) >= 2
    news = soup.select(".news-list .news-item")
    assert len(news) == 3
    assert news[0].select_one("time")["datetime"].startswith("2026-11-02")
    assert all(item.select_one("img")["alt"] for item in news if item.select_one("img"))


def test_pinned_banner_shows_until_it_expires(client, app: Flask) -> None:
    banner = soup_of(client.get("/id/")).select_one(".notice.pinned a")
    assert banner["href"] == "/id/berita/masa-verifikasi-data-peserta-november-desember-2026"
    app.config["NOW"] = FIXED_NOW + timedelta(days=40)  # into January 2027
    assert soup_of(client.get("/id/")).select_one(".notice.pinned") is None


def test_home_without_any_content(make_app) -> None:
    app = make_app()
    response = app.test_client().get("/en/")
    assert response.status_code == 200
    assert "No news has been published yet" in response.get_data(as_text=True)


def _rows(soup, section_heading_id: str) -> list[list[str]]:
    table = soup.find(id=section_heading_id).find_parent("section").select_one("table.figures")
    return [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
            for row in table.select("tbody tr, tfoot tr")]


def test_benefits_table_is_computed_with_regulations(client) -> None:
    soup = soup_of(client.get("/id/manfaat"))
    rows = _rows(soup, "pays-title")
    table = contribution_table(program_parameters())
    assert len(rows) == len(table) + 2  # each program, then the two totals
    for cells, row in zip(rows, table, strict=False):
        assert cells[1] == format_rupiah(row.monthly_amount, "id")
        assert row.source.split(";")[0] in cells[0]
    assert rows[-2][1] == "Rp16.800" and rows[-1][1] == "Rp36.800"
    assert "1%" in rows[0][0]  # the basis, with its params


def test_age_range_follows_configuration(make_seeded_app) -> None:
    app = make_seeded_app(PROGRAM_MAX_AGE=60)
    soup = soup_of(app.test_client().get("/en/manfaat"))
    ages = {cells[0].split(" Rule")[0]: cells[1] for cells in _rows(soup, "who-figures-title")}
    assert ages["Oldest age to join"] == "60"
    assert ages["Youngest age to join"] == "18"


@pytest.mark.parametrize(("program", "expected"), [
    ("jkm", "Rp42.000.000"), ("jkk", "Rp5.000.000"), ("jht", "56"),
])
def test_program_pages_show_their_amounts(client, program: str, expected: str) -> None:
    soup = soup_of(client.get(f"/id/manfaat/{program}"))
    amounts = [cells[1] for cells in _rows(soup, "amounts-title")]
    assert expected in amounts
    pays = _rows(soup, "pays-title")
    assert len(pays) == 1 and program.upper() in pays[0][0]


def test_no_figure_is_left_as_a_token(client) -> None:
    for path in ["/id/manfaat", "/en/manfaat/jkk", "/id/klaim", "/id/faq", "/en/kontak"]:
        assert "[[" not in client.get(path).get_data(as_text=True), path


def test_claim_page_lists_partner_hospital_without_inventing_a_phone(client) -> None:
    soup = soup_of(client.get("/en/klaim"))
    hospital = soup.select_one(".hospital")
    assert hospital.h3.get_text(strip=True) == "RS Primaya Makassar"
    text = hospital.get_text(" ", strip=True)
    assert "Jalan Aroepala" in text
    assert "Not listed here yet" in text and "175" in text
    assert not hospital.select('a[href^="tel:"]')
    map_link = hospital.select_one('a[href^="https://www.openstreetmap.org"]')
    assert map_link["rel"] == ["noopener", "noreferrer"]
    assert "24" in text  # opening hours
    assert "report" in hospital.select_one(".emergency-note").get_text()


def test_claim_page_shows_a_verified_phone(client, app: Flask) -> None:
    from lindungi.content import operations, queries
    from lindungi.extensions import db

    with app.app_context():
        hospital = queries.partner_hospitals()[0]
        data = operations.HospitalData(name=hospital.name, address=hospital.address,
                                       phone="0411 000000")
        operations.update_hospital(hospital, data)
        db.session.commit()
    soup = soup_of(client.get("/id/klaim"))
    assert soup.select_one('.hospital a[href="tel:0411000000"]')


def test_faq_questions_are_details_without_script(client) -> None:
    from lindungi.demo.loader import load_pages, split_faq

    faq = next(p for p in load_pages() if p.key == "faq")
    soup = soup_of(client.get("/id/faq"))
    summaries = [s.get_text(strip=True) for s in soup.select(".faq details > summary")]
    assert summaries[0] == split_faq(faq.id.body)[0][0]
    assert len(summaries) == len(split_faq(faq.id.body))
    assert not soup.select(".faq h2")  # questions are summaries, not loose headings


def test_contact_page_has_the_call_centre(client) -> None:
    soup = soup_of(client.get("/id/kontak"))
    assert soup.select_one('.hotline a[href="tel:175"]')
    assert soup.select(".prose h2")  # offices from the page content


def test_page_missing_from_database_is_404(make_app) -> None:
    app = make_app()
    assert app.test_client().get("/id/privasi").status_code == 404
