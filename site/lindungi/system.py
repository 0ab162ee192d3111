"""Routes outside any language: the root redirect and the health check."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, url_for
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
