"""Languages from the URL, the root redirect, the catalog, and WITA dates and Rupiah."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from lindungi.formatting import format_datetime_wita, format_rupiah
from lindungi.paths import PROJECT_ROOT
from tests.support.checking import soup_of

PO_FILE = PROJECT_ROOT / "translations" / "id" / "LC_MESSAGES" / "messages.po"


@pytest.mark.parametrize(
    ("accept", "target"),
    [(None, "/id/"), ("en-US,en;q=0.9", "/en/"), ("id-ID,id;q=0.9,en;q=0.8", "/id/"),
     ("fr-FR", "/id/"), ("ms,en;q=0.5", "/en/")],
)
def test_root_redirects_by_accept_language(client, accept: str | None, target: str) -> None:
    headers = {"Accept-Language": accept} if accept else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.headers["Location"] == target
    assert "Accept-Language" in response.headers["Vary"]


@pytest.mark.parametrize(("lang", "skip_text"), [("id", "Langsung ke isi utama"),
                                                 ("en", "Skip to main content")])
def test_locale_comes_from_url_prefix(client, lang: str, skip_text: str) -> None:
    soup = soup_of(client.get(f"/{lang}/", headers={"Accept-Language": "fr"}))
    assert soup.html["lang"] == lang
    assert soup.select_one(".skip-link").get_text(strip=True) == skip_text


def test_language_switcher_keeps_the_page(client) -> None:
    soup = soup_of(client.get("/id/"))
    link = soup.select_one(".lang-switch a[hreflang=en]")
    assert link["href"] == "/en/"
    soup = soup_of(client.get("/en/"))
    assert soup.select_one(".lang-switch a[hreflang=id]")["href"] == "/id/"


def test_indonesian_catalog_is_complete_and_current(tmp_path: Path) -> None:
    pot = tmp_path / "messages.pot"
    subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg",
         "-k", "_l", "-k", "N_", "--no-location", "-o", str(pot), "."],
        cwd=PROJECT_ROOT, check=True,
    )
    with pot.open("rb") as handle:
        extracted = {m.id for m in read_po(handle) if m.id}
    with PO_FILE.open("rb") as handle:
        catalog = read_po(handle)
    translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy
                  and (all(m.string) if isinstance(m.string, tuple) else True)}
    missing = sorted(str(mid) for mid in extracted - translated)
    assert not missing, f"{len(missing)} msgids lack an Indonesian translation: {missing[:10]}"
    with (tmp_path / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)  # raises on a catalog that does not compile


def test_catalog_placeholders_match() -> None:
    """A translation must use exactly the %(name)s placeholders of its msgid."""
    import re

    pattern = re.compile(r"%\((\w+)\)s")
    with PO_FILE.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(pattern.findall(ids[0]))
        for string in strings:
            assert set(pattern.findall(string)) == wanted, message.id


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("id", "Jumat, 13 Februari 2026, 13.20 WITA"), ("en", "Friday, 13 February 2026, 13:20 WITA")],
)
def test_dates_are_shown_in_wita(locale: str, expected: str) -> None:
    moment = datetime(2026, 2, 13, 5, 20, tzinfo=UTC)
    assert format_datetime_wita(moment, locale) == expected
    assert format_datetime_wita(moment.replace(tzinfo=None), locale) == expected


@pytest.mark.parametrize(
    ("amount", "locale", "expected"),
    [(16_800, "id", "Rp16.800"), (42_000_000, "id", "Rp42.000.000"), (16_800, "en", "Rp16,800")],
)
def test_money_is_rupiah(amount: int, locale: str, expected: str) -> None:
    assert format_rupiah(amount, locale) == expected
