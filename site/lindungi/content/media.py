"""Cover images: checked, re-encoded and resized before anything is stored.

An upload is recognised by its first bytes (JPEG, PNG or WebP, whatever its name or declared type),
opened by Pillow with that one format allowed and decompression-bomb warnings raised as errors,
checked for size, then re-encoded as WebP at a few widths. Re-encoding drops EXIF (locations,
camera serials) and anything hidden after the pixels. Files get random names chosen here, in
MEDIA_DIR, which every app server must share.
"""

from __future__ import annotations

import os
import secrets
import tempfile
import warnings
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

from lindungi.content.models import MediaImage
from lindungi.extensions import db

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MIN_WIDTH, MIN_HEIGHT = 320, 160
MAX_SIDE = 8000
MAX_PIXELS = 40_000_000
WIDTHS = (320, 640, 960, 1200)
WEBP_QUALITY = 80

# First bytes of each accepted format; nothing else is opened.
_SIGNATURES = {
    "JPEG": (b"\xff\xd8\xff",),
    "PNG": (b"\x89PNG\r\n\x1a\n",),
}


class MediaError(ValueError):
    """An upload we refuse; str(error) is a message for the person who sent it."""

    def __init__(self, message: object) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class ProcessedImage:
    width: int
    height: int
    variants: dict[int, bytes]  # width -> WebP bytes


def sniff_format(data: bytes) -> str | None:
    """JPEG, PNG or WEBP from the file's own first bytes, else None."""
    for name, signatures in _SIGNATURES.items():
        if data.startswith(signatures):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def _open(data: bytes, fmt: str) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(BytesIO(data), formats=[fmt])
            _check_dimensions(*image.size)
            image.load()
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
            raise MediaError(_l("The picture has too many pixels. Choose a smaller picture.")) \
                from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
            if isinstance(error, MediaError):
                raise
            raise MediaError(_l("The picture could not be read. Choose a JPEG, PNG or WebP "
                                "picture.")) from error
    return image


def _check_dimensions(width: int, height: int) -> None:
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise MediaError(_l("The picture is too large. It can be at most 8000 pixels on each "
                            "side."))
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        raise MediaError(_l("The picture is too small. It must be at least 320 pixels wide "
                            "and 160 pixels high."))


def target_widths(width: int) -> list[int]:
    """The standard widths below the original, plus the original (capped at the largest)."""
    largest = min(width, WIDTHS[-1])
    return [w for w in WIDTHS if w < largest] + [largest]


def process_image(data: bytes) -> ProcessedImage:
    """Check an upload and re-encode it at every target width (pure: writes nothing)."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise MediaError(_l("The picture is larger than 5 MB. Choose a smaller picture."))
    fmt = sniff_format(data)
    if fmt is None:
        raise MediaError(_l("This file is not a JPEG, PNG or WebP picture."))
    image = _open(data, fmt)
    image = ImageOps.exif_transpose(image)  # keep the photo upright once EXIF is gone
    has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    width, height = image.size
    variants: dict[int, bytes] = {}
    for target in target_widths(width):
        resized = image if target == width else image.resize(
            (target, max(1, round(height * target / width))), Image.Resampling.LANCZOS
        )
        out = BytesIO()
        resized.save(out, format="WEBP", quality=WEBP_QUALITY, method=4)
        variants[target] = out.getvalue()
    return ProcessedImage(width=width, height=height, variants=variants)


def media_dir() -> Path:
    return Path(current_app.config["MEDIA_DIR"])


def file_name(key: str, width: int) -> str:
    return f"{key}-{width}.webp"


def _write(path: Path, data: bytes) -> None:
    # Write beside the target and rename, so a reader never sees half a file.
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".part") as handle:
        handle.write(data)
    os.chmod(handle.name, 0o644)  # readable by a front web server that may serve MEDIA_DIR
    os.replace(handle.name, path)


def save_image(data: bytes) -> MediaImage:
    """Process an upload, write its files and add its row (flushed, not committed)."""
    return store_processed(process_image(data))


def store_processed(processed: ProcessedImage) -> MediaImage:
    """Write an image checked by process_image() (the editor checks it while validating the
    form) and add its row (flushed, not committed)."""
    folder = media_dir()
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(16)
    for width, content in processed.variants.items():
        _write(folder / file_name(key, width), content)
    image = MediaImage(
        key=key, width=processed.width, height=processed.height,
        widths=sorted(processed.variants),
    )
    db.session.add(image)
    db.session.flush()
    return image
