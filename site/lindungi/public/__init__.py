"""Public information pages: home, news and feeds, benefits, claim guide, FAQ, contact, privacy,
search, and the root files (sitemap, robots.txt, manifest, favicon, media).

`views.bp` (under /id/ and /en/) is registered by create_app like every localized blueprint;
init_site adds what has no language: the `site` blueprint, and the template filters and helpers.
"""

from __future__ import annotations

from flask import Flask


def init_site(app: Flask) -> None:
    from lindungi.content import web
    from lindungi.public import helpers
    from lindungi.public.site import site_bp

    web.init_app(app)
    helpers.init_app(app)
    app.register_blueprint(site_bp)
