"""Staff pages have their own header, menu and footer: staff work in Indonesian (no language
switch), the menu offers what the role may open, and the public footer's help lines are for
residents."""

from __future__ import annotations

import pytest

from lindungi.staff.models import Role
from tests.support.checking import soup_of

PUBLIC_FOOTER = "Butuh bantuan?"


def assert_staff_layout(response) -> None:
    soup = soup_of(response)
    assert soup.select_one(".lang-switch") is None
    assert soup.select("a[hreflang]") == []
    assert soup.select_one("header .staff-area-label").get_text(strip=True) == "Area petugas"
    footer = soup.select_one("footer.staff-footer")
    assert footer is not None and len(soup.select("footer")) == 1
    assert PUBLIC_FOOTER not in footer.get_text()
    assert footer.select_one("a")["href"] == "/id/"


def test_sign_in_page(client) -> None:
    assert_staff_layout(client.get("/staf/masuk", headers={"Accept-Language": "en"}))


@pytest.mark.parametrize("path", ["/staf/", "/staf/pendaftaran", "/staf/akun", "/staf/audit",
                                  "/staf/masa-pendaftaran"])
def test_signed_in_pages(auth, client, path) -> None:
    auth.login(role=Role.ADMIN)
    response = client.get(path)
    assert response.status_code == 200
    assert_staff_layout(response)


def test_public_pages_keep_the_language_switch_and_footer(client) -> None:
    soup = soup_of(client.get("/id/"))
    assert soup.select_one(".lang-switch a[hreflang=en]") is not None
    assert PUBLIC_FOOTER in soup.select_one("footer").get_text()


def test_menu_shows_what_the_role_may_open(client_for) -> None:
    def menu(role: Role) -> list[str]:
        soup = soup_of(client_for(role).get("/staf/"))
        return [a["href"] for a in soup.select("nav.staff-nav li a")]

    # Every role ends with its own account page (the name next to "Sign out").
    assert menu(Role.ADMIN) == ["/staf/", "/staf/pendaftaran", "/staf/berita", "/staf/halaman",
                                "/staf/pengaturan", "/staf/akun", "/staf/masa-pendaftaran",
                                "/staf/pesan", "/staf/audit", "/staf/data-pribadi",
                                "/staf/akun-saya", "/staf/kata-sandi"]
    assert menu(Role.REVIEWER) == ["/staf/", "/staf/pendaftaran", "/staf/akun-saya",
                                   "/staf/kata-sandi"]
    assert menu(Role.COMMUNICATIONS) == ["/staf/", "/staf/berita", "/staf/halaman",
                                         "/staf/pengaturan", "/staf/akun-saya", "/staf/kata-sandi"]
