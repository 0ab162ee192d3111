"""Compressed responses when no proxy compresses: Flask-Compress (brotli, else gzip) for what the
page cache does not store; pages the cache stores are compressed once, when stored, and served
from there. Either way the response says Vary: Accept-Encoding.

A deployment whose proxy compresses sets LINDUNGI_COMPRESS=0."""

from __future__ import annotations

from flask import Flask, Response
from flask_compress import Compress

from lindungi import pagecache

compress = Compress()

SETTINGS = {
    "COMPRESS_REGISTER": False,  # our after_request below decides, with the page cache
    "COMPRESS_ALGORITHM": ["br", "gzip"],
    # Pages made per request are compressed per request: quick levels (brotli 1 is about 8%
    # bigger than brotli 3 at half its time, 0.05 ms for a news page). The page cache
    # compresses what it stores once, harder (pagecache.entry).
    "COMPRESS_BR_LEVEL": 1,
    "COMPRESS_BR_WINDOW": 18,  # 256 KB: more than any page, and less memory to set up
    "COMPRESS_LEVEL": 4,
    "COMPRESS_MIN_SIZE": 500,
    "COMPRESS_MIMETYPES": [
        "text/html", "text/css", "text/plain", "text/xml", "text/csv", "text/javascript",
        "application/javascript", "application/json", "application/xml",
        "application/atom+xml", "application/manifest+json", "image/svg+xml",
    ],
}


def init_app(app: Flask) -> None:
    for name, value in SETTINGS.items():
        app.config.setdefault(name, value)
    if not app.config["COMPRESS"]:
        return
    compress.init_app(app)

    @app.after_request
    def compress_response(response: Response) -> Response:
        if pagecache.will_be_stored():
            return response  # the cache keeps it plain and compressed, and picks per request
        return compress.after_request(response)
