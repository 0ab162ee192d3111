"""The official strip, the city's name, the logo slot and the home image (issue 14, item 1)."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image

from lindungi import create_app
from lindungi.config import ConfigError
from lindungi.staff.models import Role
from tests.support.apps import base_config
from tests.support.checking import soup_of


def test_strip_names_the_city_and_the_address_from_base_url(client) -> None:
    soup = soup_of(client.get("/id/"))
    strip = soup.select_one(".official-banner details")
    assert "Situs resmi Pemerintah Kota Makassar" in strip.summary.get_text(" ", strip=True)
    assert "Bagaimana Anda tahu?" in strip.summary.get_text(" ", strip=True)
    panel = strip.select_one(".official-panel").get_text(" ", strip=True)
    assert "lindungi.makassarkota.go.id" in panel  # BASE_URL of the seeded test app
    assert "Jangan pernah membayar siapa pun" in panel
    assert "Pemerintah Kota Makassar" in soup.select_one(".brand").get_text(" ", strip=True)
    assert soup.select_one(".brand-mark") is not None and soup.select_one(".brand-logo") is None


def test_an_address_not_on_go_id_is_never_shown_as_official(make_seeded_app) -> None:
    app = make_seeded_app(BASE_URL="https://lindungi-makassar.example.com")
    panel = soup_of(app.test_client().get("/en/")).select_one(".official-panel")
    assert "example.com" not in panel.get_text()
    assert ".go.id" in panel.get_text()


def test_the_emblem_is_only_a_configured_file_of_this_site(make_seeded_app, tmp_path) -> None:
    app = make_seeded_app(LOGO_URL="/static/icons/icon-192.png")
    logo = soup_of(app.test_client().get("/id/")).select_one("img.brand-logo")
    assert logo["src"] == "/static/icons/icon-192.png" and logo["alt"] == ""
    for bad in ("https://upload.wikimedia.org/lambang.png", "//cdn.example/x.png",
                "/static/../instance/config.py"):
        with pytest.raises(ConfigError, match="LOGO_URL"):
            create_app({**base_config(tmp_path), "LOGO_URL": bad})


def _png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (900, 600), (11, 110, 105)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_communications_staff_fill_the_home_image(app, client, client_for) -> None:
    assert soup_of(client.get("/id/")).select_one(".home-image") is None
    staff = client_for(Role.COMMUNICATIONS)
    response = staff.post("/staf/pengaturan", data={
        "csrf_token": staff.token, "home_image": (BytesIO(_png()), "balai.png"),
        "home_image_alt": "Petugas membantu warga mendaftar", "home_image_alt_en": "Staff help",
    }, content_type="multipart/form-data")
    assert response.status_code == 302
    image = soup_of(client.get("/id/")).select_one(".home-image img")
    assert image["alt"] == "Petugas membantu warga mendaftar"
    assert image["src"].startswith("/media/")
    assert soup_of(client.get("/en/")).select_one(".home-image img")["alt"] == "Staff help"
    staff.post("/staf/pengaturan", data={"csrf_token": staff.token, "remove_home_image": "y"})
    assert soup_of(client.get("/id/")).select_one(".home-image") is None
