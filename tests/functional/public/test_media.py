"""Cover images: recognised by content, size limits, bombs refused, EXIF dropped, WebP widths."""

from __future__ import annotations

import struct
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from flask import Flask
from PIL import Image

from lindungi.content import media
from lindungi.extensions import db


def _image_bytes(fmt: str, size=(1600, 900), **save) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (11, 110, 105)).save(buffer, format=fmt, **save)
    return buffer.getvalue()


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims huge dimensions but carries almost no data (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0"))
            + chunk(b"IEND", b""))


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_formats_are_recognised_by_content(fmt: str) -> None:
    assert media.sniff_format(_image_bytes(fmt, (400, 300))) == fmt


def test_upload_becomes_webp_at_several_widths(app: Flask) -> None:
    with app.app_context():
        image = media.save_image(_image_bytes("JPEG"))
        db.session.commit()
        assert image.widths == [320, 640, 960, 1200]
        assert (image.width, image.height) == (1600, 900)
        folder = Path(app.config["MEDIA_DIR"])
        for width in image.widths:
            with Image.open(folder / media.file_name(image.key, width)) as stored:
                assert stored.format == "WEBP"
                assert stored.width == width
        assert len(image.key) == 32 and image.key != media.save_image(_image_bytes("PNG")).key


def test_small_picture_keeps_its_own_width() -> None:
    processed = media.process_image(_image_bytes("PNG", (700, 400)))
    assert sorted(processed.variants) == [320, 640, 700]


def test_exif_is_dropped() -> None:
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x8825] = {2: (5.0, 8.0, 0.0)}  # GPS
    processed = media.process_image(_image_bytes("JPEG", exif=exif.tobytes()))
    for data in processed.variants.values():
        with Image.open(BytesIO(data)) as reopened:
            assert not reopened.getexif()
        assert b"Camera maker" not in data


@pytest.mark.parametrize(("data", "message"), [
    (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "not a JPEG, PNG or WebP"),
    (b"GIF89a" + b"\0" * 100, "not a JPEG, PNG or WebP"),
    (b"\xff\xd8\xff" + b"garbage" * 10, "could not be read"),
    (_png_header_only(30_000, 30_000), "too many pixels"),  # beyond Pillow's hard limit
    (_png_header_only(10_000, 10_000), "too many pixels"),  # in Pillow's warning-only range
    (_png_header_only(8_001, 1_000), "too large"),
])
def test_refused_uploads(data: bytes, message: str) -> None:
    with pytest.raises(media.MediaError) as caught:
        media.process_image(data)
    assert message in str(caught.value)


def test_too_small_and_too_heavy() -> None:
    with pytest.raises(media.MediaError, match="too small"):
        media.process_image(_image_bytes("PNG", (200, 100)))
    with pytest.raises(media.MediaError, match="larger than 5 MB"):
        media.process_image(_image_bytes("PNG", (400, 300)) + b"\0" * media.MAX_UPLOAD_BYTES)
