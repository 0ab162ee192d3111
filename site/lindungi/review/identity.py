"""When the request page may show NIK and KK in full (and so write a "viewed NIK" audit row).

A GET must not have side effects: an <img src="/staf/pendaftaran/1"> in any page a reviewer opens
makes their browser fetch it with their cookies. So the full numbers (and the audit row) come only
with a real page load the reviewer made on this site (the browser says `Sec-Fetch-Dest: document`
and `Sec-Fetch-Site: same-origin` or `none` for a typed address or bookmark), or with the page's
"Show NIK and KK" button (a POST with its CSRF token). Anything else (an image, a script, a
link from another site, a browser too old to send these headers) gets the page with the numbers
masked and that button."""

from __future__ import annotations

from flask import request

SAFE_SITES = frozenset({"same-origin", "none"})


def identity_may_be_shown() -> bool:
    if request.method == "POST":
        return True  # CSRFProtect has checked the token: the reviewer asked for it
    return (request.headers.get("Sec-Fetch-Dest") == "document"
            and request.headers.get("Sec-Fetch-Site") in SAFE_SITES
            and not request.htmx)
