"""Public information pages: home, news and feeds, benefits, claim guide, FAQ, contact, privacy,
search, and the root files (sitemap, robots.txt, manifest, favicon, media).

`blueprint.bp` is registered under /id/ and /en/; `blueprint.site_bp` at the root.
"""
