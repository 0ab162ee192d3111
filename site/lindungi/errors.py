"""Designed, translated error pages. No traceback ever reaches a visitor."""

from __future__ import annotations

from flask import Flask, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from lindungi import pagecache
from lindungi.extensions import db

# What each error means for a resident, and what to do next.
MESSAGES = {
    400: (_l("The request could not be read"), _l(
        "Something in what was sent did not make sense to us. "
        "Go back, check the page and try again."
    )),
    403: (_l("You cannot open this page"), _l(
        "Your account does not have access to this page. "
        "If you think it should, ask an administrator."
    )),
    404: (_l("Page not found"), _l(
        "The address may be mistyped, or the page has moved. "
        "Check the address or start from the home page."
    )),
    405: (_l("That action is not possible here"), _l(
        "This page cannot be used that way. Go back and use the buttons on the page."
    )),
    413: (_l("The file is too large"), _l(
        "What you sent is larger than we accept. Choose a smaller file and try again."
    )),
    429: (_l("Too many attempts"), _l(
        "You have tried this too many times in a short while. Wait a few minutes, then try again."
    )),
    500: (_l("Something went wrong on our side"), _l(
        "The problem is ours, not yours. Please try again in a few minutes. "
        "If it keeps happening, call the hotline."
    )),
}
# 413 for a URL-encoded form, which has no files (LindungiRequest caps it at
# MAX_FORM_MEMORY_SIZE).
TEXT_TOO_LONG_MESSAGE = (_l("What you sent is too long"), _l(
    "The text you sent is longer than we accept. Go back, shorten it and send it again."
))
CSRF_MESSAGE = (_l("This form has expired"), _l(
    "For your security, the form could not be sent. Go back, reload the page and send it again. "
    "Nothing you sent was saved."
))


FALLBACK_PAGE = (
    "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\">"
    "<title>Terjadi kesalahan – Lindungi Makassar</title></head><body><main>"
    "<h1>Terjadi kesalahan / Something went wrong</h1>"
    "<p>Silakan coba lagi beberapa menit lagi. Please try again in a few minutes.</p>"
    "<p><a href=\"/\">Beranda / Home</a></p></main></body></html>"
)


def render_error(code: int, title: str, message: str) -> tuple[str, int]:
    # Whatever the failed request changed is abandoned, and a session broken by a database error
    # (PostgreSQL: "current transaction is aborted") must not break the error page too.
    _roll_back()
    template = "errors/fragment.html" if request.htmx else "errors/error.html"
    try:
        return render_template(template, code=code, title=title, message=message), code
    except Exception:  # the error page itself failed: a static page, never a traceback
        current_app.logger.exception("Error page failed to render")
        return FALLBACK_PAGE, code


def _roll_back() -> None:
    try:
        db.session.rollback()
    except Exception:  # the connection itself is gone: the page must still render
        current_app.logger.exception("Rollback before the error page failed")


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError) -> tuple[str, int]:
        title, message = CSRF_MESSAGE
        return render_error(400, str(title), str(message))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> object:
        code = error.code or 500
        if code < 400:
            return error
        title, message = MESSAGES.get(code, MESSAGES[500 if code >= 500 else 400])
        if code == 413 and request.mimetype == "application/x-www-form-urlencoded":
            title, message = TEXT_TOO_LONG_MESSAGE
        if code == 404:
            # The same for every visitor; the page cache keeps it until the content changes
            # (an article published at this address). Staff 404s are no-store and never kept.
            pagecache.allow_storing()
        return render_error(code, str(title), str(message))

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> tuple[str, int]:
        # Logged with the traceback (never personal data: forms are not logged), shown as a page.
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return http_error(InternalServerError())
