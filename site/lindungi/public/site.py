"""Files at the root of the site: sitemap, robots.txt, web app manifest, favicon, media images."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from flask import abort, current_app, jsonify, make_response, render_template, send_from_directory
from flask_babel import force_locale, gettext
from werkzeug.wrappers import Response

from lindungi.caching import cacheable
from lindungi.content import queries
from lindungi.content.sections import PAGE_ENDPOINTS
from lindungi.public.blueprint import site_bp
from lindungi.public.helpers import absolute_url

MEDIA_NAME = re.compile(r"^[0-9a-f]{32}-[0-9]{2,4}\.webp$")
ONE_YEAR = 365 * 24 * 60 * 60
SERVICE_ENDPOINTS = ("eligibility.check", "enrollment.start", "enrollment.status")


@dataclass
class SitemapEntry:
    alternates: dict[str, str]  # lang -> absolute URL
    lastmod: datetime | None = None


def _entry(endpoint: str, langs: list[str], lastmod: datetime | None = None,
           **values: str) -> SitemapEntry:
    alternates = {lang: absolute_url(endpoint, lang=lang, **values) for lang in langs}
    return SitemapEntry(alternates, lastmod)


def _sitemap_entries() -> list[SitemapEntry]:
    langs = list(current_app.config["SUPPORTED_LOCALES"])
    entries = [_entry("public.home", langs), _entry("public.news", langs)]
    # The other capabilities' public pages: the checker, the request and the status lookup.
    entries += [_entry(endpoint, langs) for endpoint in SERVICE_ENDPOINTS
                if endpoint in current_app.view_functions]
    for key, (endpoint, values) in PAGE_ENDPOINTS.items():
        page = queries.public_page(key)
        if page is not None:
            entries.append(_entry(endpoint, langs, page.updated_at, **values))
    for article in queries.all_published():
        own = [t.lang for t in article.texts if t.lang in langs]
        changed = article.content_updated_at or article.publish_at
        entries.append(_entry("public.article", own, changed, slug=article.slug))
    return entries


@site_bp.get("/sitemap.xml")
@cacheable
def sitemap() -> Response:
    body = render_template("public/sitemap.xml", entries=_sitemap_entries())
    response = make_response(body)
    response.mimetype = "application/xml"
    return response


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
            {"src": "/static/favicon.svg", "sizes": "any", "type": "image/svg+xml"},
            {"src": "/static/icons/icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "/static/icons/icon-512.png", "sizes": "512x512", "type": "image/png"},
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
