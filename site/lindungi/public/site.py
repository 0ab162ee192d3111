"""Files at the root of the site: robots.txt, web app manifest, favicon, media images (the
sitemap has its own module, sitemaps.py)."""

from __future__ import annotations

import re

from flask import abort, current_app, jsonify, make_response, send_from_directory
from flask_babel import force_locale, gettext
from werkzeug.wrappers import Response

from lindungi.assets import static_url
from lindungi.caching import cacheable
from lindungi.public.blueprint import site_bp

MEDIA_NAME = re.compile(r"^[0-9a-f]{32}-[0-9]{2,4}\.webp$")
ONE_YEAR = 365 * 24 * 60 * 60


@site_bp.get("/robots.txt")
@cacheable
def robots() -> Response:
    lines = [
        "User-agent: *",
        "Disallow: /staf/",
        "Disallow: /id/cari",
        "Disallow: /en/cari",
        # The request form's steps hold personal answers; only its start page is for crawlers.
        "Disallow: /id/daftar/",
        "Disallow: /en/daftar/",
        "",
        f"Sitemap: {current_app.config['BASE_URL'].rstrip('/')}/sitemap.xml",
        "",
    ]
    response = make_response("\n".join(lines))
    response.mimetype = "text/plain"
    return response


@site_bp.get("/manifest.webmanifest")
@cacheable
def manifest() -> Response:
    with force_locale(current_app.config["DEFAULT_LOCALE"]):
        description = gettext("Worker protection, Kota Makassar")
    response = jsonify({
        "name": "Lindungi Makassar",
        "short_name": "Lindungi",
        "description": description,
        "lang": current_app.config["DEFAULT_LOCALE"],
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#0b6e69",
        "icons": [
            {"src": static_url("favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static_url("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static_url("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    })
    response.mimetype = "application/manifest+json"
    return response


@site_bp.get("/favicon.ico")
def favicon() -> Response:
    response = send_from_directory(current_app.static_folder or "static", "favicon.ico",
                                   max_age=ONE_YEAR // 12)
    response.cache_control.public = True
    return response


@site_bp.get("/media/<name>")
def media(name: str) -> Response:
    """Processed images. Names are random and never reused, so a copy can be kept a year."""
    if not MEDIA_NAME.match(name):
        abort(404)
    response = send_from_directory(current_app.config["MEDIA_DIR"], name, max_age=ONE_YEAR,
                                   mimetype="image/webp")
    response.cache_control.public = True
    response.cache_control.immutable = True
    return response
