"""Cover uploads through the article form: recognised by content (not by name), at most 5 MB,
no huge dimensions, EXIF (GPS too) gone from every stored width; alt text with every cover."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from flask import Flask
from PIL import Image

from lindungi.content import media
from tests.support.checking import soup_of
from tests.support.editor import (
    article_by_title,
    article_values,
    english_values,
    picture,
    post_article,
    upload,
)

TITLE = "Jadwal Verifikasi Data Peserta"


def cover_error(response) -> str:
    assert response.status_code == 200
    soup = soup_of(response)
    error = soup.select_one("#cover-error")
    assert error is not None, "no error next to the picture field"
    # The other values are kept.
    assert soup.find(id="id_title")["value"] == TITLE
    assert soup.find(id="id_cover_alt")["value"] == "Petugas di kelurahan"
    return error.get_text(" ", strip=True)


def with_cover(data: bytes, name: str = "sampul.jpg", **overrides) -> dict:
    return article_values(cover=upload(data, name), id_cover_alt="Petugas di kelurahan",
                          **overrides)


def stored_files(app: Flask, image: media.MediaImage) -> list[Path]:
    folder = Path(app.config["MEDIA_DIR"])
    return [folder / media.file_name(image.key, width) for width in image.widths]


def png_claiming(width: int, height: int) -> bytes:
    """A real PNG header that claims these dimensions, with almost no pixel data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0"))
            + chunk(b"IEND", b""))


def test_a_png_named_jpg_is_recognised_and_accepted(app: Flask, editor) -> None:
    response = post_article(editor, **with_cover(picture(1400, 700, "PNG"), "foto.jpg"))
    assert response.status_code == 302
    cover = article_by_title(app, TITLE).cover
    assert cover is not None
    assert (cover.width, cover.height) == (1400, 700)
    assert cover.widths == [320, 640, 960, 1200]
    for path in stored_files(app, cover):
        assert path.name.startswith(cover.key) and "foto" not in path.name
        with Image.open(path) as stored:
            assert stored.format == "WEBP"


def test_a_text_file_named_jpg_is_refused(app: Flask, editor) -> None:
    response = post_article(editor, **with_cover(b"Bukan gambar, hanya teks.\n" * 20))
    assert cover_error(response) == "Galat: Berkas ini bukan gambar JPEG, PNG, atau WebP."
    assert list(Path(app.config["MEDIA_DIR"]).glob("*.part")) == []


def test_a_file_over_5_mb_is_refused_with_the_values_kept(editor) -> None:
    too_big = picture(400, 300, "PNG") + b"\0" * (media.MAX_UPLOAD_BYTES + 1)
    response = post_article(editor, **with_cover(too_big, "besar.png"))
    assert "lebih dari 5 MB" in cover_error(response)


def test_a_request_over_the_server_limit_gets_the_413_page(app: Flask, editor) -> None:
    huge = b"\xff\xd8\xff" + b"\0" * app.config["MAX_CONTENT_LENGTH"]
    response = post_article(editor, **with_cover(huge))
    assert response.status_code == 413
    assert soup_of(response).h1.get_text(strip=True) == "Berkas terlalu besar"


@pytest.mark.parametrize(("width", "height", "words"), [
    (9000, 200, "paling banyak 8000 piksel"),  # one side too long
    (7000, 7000, "paling banyak 8000 piksel"),  # too many pixels in all
    (100, 100, "terlalu kecil"),
])
def test_pictures_of_the_wrong_dimensions_are_refused(editor, width: int, height: int,
                                                      words: str) -> None:
    data = png_claiming(width, height) if width > 1000 else picture(width, height)
    assert words in cover_error(post_article(editor, **with_cover(data, "x.png")))


def test_exif_and_gps_are_gone_from_every_stored_width(app: Flask, editor) -> None:
    exif = Image.Exif()
    exif[0x010F] = "KameraMerek"  # Make
    exif[0x8825] = {1: "S", 2: (5.0, 8.0, 52.0), 3: "E", 4: (119.0, 25.0, 12.0)}  # GPS
    original = picture(1300, 700, "JPEG", exif=exif.tobytes(), quality=90)
    with Image.open(__import__("io").BytesIO(original)) as check:
        assert check.getexif().get_ifd(0x8825)  # the test picture really has a location
    assert post_article(editor, **with_cover(original)).status_code == 302
    cover = article_by_title(app, TITLE).cover
    assert cover is not None and len(cover.widths) == 4
    for path in stored_files(app, cover):
        raw = path.read_bytes()
        assert b"Exif" not in raw and b"KameraMerek" not in raw
        with Image.open(path) as stored:
            assert not stored.getexif()
            assert "exif" not in stored.info


def test_a_cover_needs_alt_text_in_each_language(editor) -> None:
    values = article_values(cover=upload(picture()), **english_values())
    soup = soup_of(post_article(editor, **values))
    errors = [a["href"] for a in soup.select(".error-summary a")]
    assert errors == ["#id_cover_alt", "#en_cover_alt"]


def test_a_cover_can_be_removed(app: Flask, editor) -> None:
    post_article(editor, **with_cover(picture()))
    article = article_by_title(app, TITLE)
    assert article.cover is not None
    path = f"/staf/berita/{article.id}"
    assert soup_of(editor.get(path)).select_one(".editor-cover img")
    response = post_article(editor, path, **article_values(
        remove_cover="y", version=str(article.version)))
    assert response.status_code == 302
    assert article_by_title(app, TITLE).cover is None
