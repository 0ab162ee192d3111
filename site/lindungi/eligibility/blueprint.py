"""The checker's blueprint, under /id/ and /en/. Importing this module attaches its route."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("eligibility", __name__)

from lindungi.eligibility import views  # noqa: E402, F401  (routes)
