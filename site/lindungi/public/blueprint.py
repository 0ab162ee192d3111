"""The two public blueprints: `public` under /id/ and /en/, `site` at the root (sitemap, robots,
manifest, favicon and media files, which have no language)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("public", __name__)
site_bp = Blueprint("site", __name__)
