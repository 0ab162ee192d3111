"""The two public blueprints: `public` under /id/ and /en/, `site` at the root (sitemap, robots,
manifest, favicon and media files, which have no language). Importing this module attaches every
route: the view modules imported at the end add theirs to `bp` and `site_bp`."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("public", __name__)
site_bp = Blueprint("site", __name__)

from lindungi.public import news, search_views, site, sitemaps, views  # noqa: E402, F401  (routes)
