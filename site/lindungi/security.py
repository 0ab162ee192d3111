"""Headers every response carries, and the cache policy for pages with personal data."""

from __future__ import annotations

from flask import Flask, Response, g, request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
        "manifest-src 'self'",
    ]
)

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


# Every response carries these, files served outside Flask (WhiteNoise) included. Pages add
# Permissions-Policy, which governs what a document may use.
_FOR_FILES_TOO = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    # Not no-referrer: Flask-WTF's HTTPS check needs a same-origin Referer on every POST.
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)


def static_file_headers() -> dict[str, str]:
    """What files served outside Flask (WhiteNoise) carry, as pages do."""
    return dict(_FOR_FILES_TOO)


def mark_private() -> None:
    """Call from a view whose page shows or collects personal data: never cached anywhere."""
    g.private_page = True


def _every_response(production: bool) -> tuple[tuple[str, str, str], ...]:
    """(lower-case name, name, value) of the headers every response carries unless its view
    set them itself."""
    headers = [*_FOR_FILES_TOO, ("Permissions-Policy", PERMISSIONS_POLICY)]
    if production:
        headers.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    return tuple((name.lower(), name, value) for name, value in headers)


def init_app(app: Flask) -> None:
    every_response = _every_response(app.config["ENV"] == "production")

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        headers = response.headers
        # The names present, read once: a setdefault per header scans the whole list each time.
        present = {name.lower() for name, _value in headers.items()}
        for lower_name, name, value in every_response:
            if lower_name not in present:
                headers.add(name, value)
        if response.mimetype == "text/html":
            # One URL serves a whole page or an htmx fragment; caches must keep them apart.
            response.vary.add("HX-Request")
        if g.get("private_page") or request.path.startswith("/staf"):
            response.headers["Cache-Control"] = "no-store"
        return response
