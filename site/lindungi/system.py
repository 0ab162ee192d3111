"""Routes outside any language: the root redirect, the health check and security.txt."""

from __future__ import annotations

from datetime import UTC, datetime, time

from flask import Blueprint, abort, current_app, jsonify, make_response, redirect, url_for
from werkzeug.wrappers import Response

from lindungi import readiness
from lindungi.database import database_answers
from lindungi.i18n import preferred_lang
from lindungi.paths import __version__

bp = Blueprint("system", __name__)


@bp.get("/")
def root() -> Response:
    """Send visitors to their language: English only when the browser prefers it."""
    response = redirect(url_for("public.home", lang=preferred_lang()), code=302)
    response.vary.add("Accept-Language")
    response.cache_control.private = True
    return response


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    ok = database_answers()
    body = {"status": "ok" if ok else "unavailable", "version": __version__, "database": ok}
    response = jsonify(body)
    response.cache_control.no_store = True
    current_app.logger.debug("health check: database %s", "ok" if ok else "down")
    return response, 200 if ok else 503


@bp.get("/readyz")
def readyz() -> tuple[Response, int]:
    """For a load balancer: 200 when this server can take traffic, else 503 with the reasons."""
    reasons = readiness.problems()
    response = jsonify({"status": "ready" if not reasons else "unavailable",
                        "version": __version__, "reasons": reasons})
    response.cache_control.no_store = True
    if reasons:
        current_app.logger.warning("not ready: %s", "; ".join(reasons))
    return response, 503 if reasons else 200
@bp.get("/.well-known/security.txt")
def security_txt() -> Response:
    """RFC 9116: where to report a vulnerability. Contact and Expires are both required by the
    RFC, so without a contact, or with an expiry that has passed, there is no file (404) rather
    than one that names nobody or has gone stale."""
    contact = current_app.config["SECURITY_CONTACT"].strip()
    expires = _expiry(current_app.config["SECURITY_TXT_EXPIRES"])
    if not contact or expires is None or expires <= datetime.now(UTC):
        abort(404)
    if "@" in contact and not contact.startswith(("mailto:", "https://")):
        contact = "mailto:" + contact
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        f"Canonical: {current_app.config['BASE_URL'].rstrip('/')}/.well-known/security.txt",
        "Preferred-Languages: id, en",
    ]
    response = make_response("\n".join(lines) + "\n")
    response.mimetype = "text/plain"
    return response


def _expiry(text: str) -> datetime | None:
    try:
        day = datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        return None
    return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)
