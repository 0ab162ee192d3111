"""Every public page, in both languages, states a channel or a promise only when it is
configured: with the settings empty none appears (and nothing says "not yet listed"); filled,
each appears where it belongs, with the configured value."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from lindungi.site_settings.values import phone_display
from tests.support.launch import FILLED, public_paths, set_settings

LANGS = ("id", "en")

# Unconfirmed promises the site once made, and phrases that stand in for a missing value.
NEVER_UNLESS_SET = [
    re.compile(r"\b\d+ (hari kerja|working days)"),
    re.compile(r"(?<!× )\b24 (jam|hours)\b"),  # "3 × 24 jam" is the law (UU 27/2022), not this
    re.compile(r"(tahun|years?) (setelah keputusan|after the (last )?decision)"),
    re.compile(r"(not (yet )?listed|belum (di)?cantumkan|belum tercantum)", re.IGNORECASE),
    re.compile(r"(Pejabat pelindungan data pribadi|Personal data protection officer):"),
    re.compile(r"Ditetapkan Pemkot|Set by the city"),
]


def page_soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert "[[" not in soup.get_text(), url
    return soup


def page_text(client, url: str) -> str:
    return page_soup(client, url).get_text(" ", strip=True)


def all_pages(app, client) -> dict[str, BeautifulSoup]:
    return {f"/{lang}{path}": page_soup(client, f"/{lang}{path}")
            for lang in LANGS for path in public_paths(app)}


def configured_values() -> list[str]:
    return [FILLED["office_address"], FILLED["office_hours"], FILLED["office_hours_en"],
            phone_display(FILLED["phone"]), phone_display(FILLED["whatsapp"]), FILLED["email"],
            FILLED["privacy_officer"]]


def test_nothing_unconfirmed_is_stated_while_settings_are_empty(app, client) -> None:
    pages = all_pages(app, client)
    assert len(pages) > 40
    for url, soup in pages.items():
        text = soup.get_text(" ", strip=True)
        for pattern in NEVER_UNLESS_SET:
            assert not pattern.search(text), f"{url}: {pattern.pattern!r}"
        for value in configured_values():
            assert value not in text, f"{url}: {value}"
        # No block of the city's channels, and no hospital phone line without a number.
        assert soup.select(".contacts, .city-contact") == [], url
        for row in soup.select(".hospital .facts div"):
            assert row.dd.get_text(strip=True), url


def test_filled_settings_appear_where_they_belong(app, client, fill_settings) -> None:
    fill_settings()
    phone, whatsapp = phone_display(FILLED["phone"]), phone_display(FILLED["whatsapp"])
    faq_id, faq_en = page_text(client, "/id/faq"), page_text(client, "/en/faq")
    assert "9 hari kerja" in faq_id and "9 working days" in faq_en
    privacy = page_text(client, "/id/privasi")
    assert "7 tahun setelah keputusan" in privacy and "3 tahun setelah keputusan" in privacy
    assert FILLED["privacy_officer"] in privacy
    assert "7 years after the last decision" in page_text(client, "/en/privasi")
    for lang in LANGS:
        contact = page_text(client, f"/{lang}/kontak")
        for value in (FILLED["office_address"], phone, whatsapp, FILLED["email"]):
            assert value in contact, (lang, value)
        assert FILLED["office_hours" if lang == "id" else "office_hours_en"] in contact
        claim = page_text(client, f"/{lang}/klaim")
        assert phone in claim and whatsapp in claim and FILLED["office_address"] in claim
        fraud = page_text(client, f"/{lang}/berita/waspada-pungutan-pendaftaran-dan-klaim-gratis")
        assert phone in fraud and FILLED["email"] in fraud
        # The footer of every page carries the channels too.
        assert phone in page_text(client, f"/{lang}/manfaat")


def test_each_setting_appears_alone_and_only_its_lines(app, client, fill_settings) -> None:
    """Only the phone set: the phone line appears, the other channels' lines do not."""
    fill_settings(phone=FILLED["phone"])
    claim = page_text(client, "/en/klaim")
    assert phone_display(FILLED["phone"]) in claim
    assert "Disnaker WhatsApp" not in claim and "Disnaker office" not in claim
    soup = BeautifulSoup(client.get("/id/kontak").get_data(as_text=True), "html.parser")
    labels = [dt.get_text(strip=True) for dt in soup.select(".city-contact dt")]
    assert labels == ["Telepon"]
    assert soup.select_one('.city-contact a[href="tel:+62411777321"]') is not None


@pytest.mark.parametrize("lang", LANGS)
def test_settings_change_the_pages_etag(app, client, fill_settings, lang) -> None:
    """Public pages are cached by ETag: a saved setting must make every copy stale."""
    before = client.get(f"/{lang}/kontak").headers["ETag"]
    fill_settings(phone=FILLED["phone"])
    after = client.get(f"/{lang}/kontak", headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["ETag"] != before


def test_bpjs_line_only_when_set(client, fill_settings) -> None:
    assert "bekerja sama dengan BPJS" not in page_text(client, "/id/")
    fill_settings(bpjs_partnership="1")
    assert "bekerja sama dengan BPJS Ketenagakerjaan" in page_text(client, "/id/")
    assert "in cooperation with BPJS Ketenagakerjaan" in page_text(client, "/en/")


# Item 3 of issue 14, each promise as the pages word it.
DECISION_TIME = re.compile(r"\b(\d+) (hari kerja|working days)")
RETENTION = re.compile(r"\b(\d+) (tahun|years?) (setelah keputusan|after the (last )?decision)")
HOURS_24 = re.compile(r"(?<!× )\b24 (jam|hours)\b")
AGE_RANGE = re.compile(r"\b(\d{2})\s*(–|-|sampai|hingga|to)\s*(\d{2})\b(?= ?(tahun|years|\.|,|\)))")
JKM_TOTAL = ("Rp42.000.000", "Rp42,000,000")
JKM_CONDITION = re.compile(r"\b3 (bulan|months)\b")


def test_every_page_states_only_the_configured_promises(make_seeded_app) -> None:
    """Everything filled in, and an age range other than the 18–65 assumption: each promise of
    item 3 that any public page makes carries a configured value, never a leftover one."""
    app = make_seeded_app(PROGRAM_MIN_AGE=21, PROGRAM_MAX_AGE=59)
    set_settings(app)
    client = app.test_client()
    seen = {"decision": 0, "retention": 0, "jkm": 0, "age": 0}
    for url, soup in all_pages(app, client).items():
        main = soup.select_one("main").get_text(" ", strip=True)
        for match in DECISION_TIME.finditer(main):
            assert match.group(1) == FILLED["decision_working_days"], (url, match.group(0))
            seen["decision"] += 1
        for match in RETENTION.finditer(main):
            assert match.group(1) in (FILLED["retention_approved_years"],
                                      FILLED["retention_rejected_years"]), (url, match.group(0))
            seen["retention"] += 1
        assert not HOURS_24.search(main), url  # no 24-hour unit nobody confirmed
        for total in JKM_TOTAL:
            for found in re.finditer(re.escape(total), main):
                near = main[max(found.start() - 400, 0):found.end() + 400]
                assert JKM_CONDITION.search(near), (url, "JKM total without its condition")
                seen["jkm"] += 1
        for match in AGE_RANGE.finditer(main):
            ages = (match.group(1), match.group(3))
            assert not {"18", "65"} & set(ages), (url, match.group(0))
            seen["age"] += ages == ("21", "59")
        assert not re.search(r"Ditetapkan Pemkot|Set by the city", main), url
    # Each promise was really met somewhere (the scan is not vacuous).
    assert all(seen.values()), seen
