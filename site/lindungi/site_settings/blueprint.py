"""The site settings' blueprint under /staf. Importing this module attaches its route."""

from __future__ import annotations

from flask import Blueprint

from lindungi.staff.models import Role

bp = Blueprint("site_settings", __name__, url_prefix="/staf")

# Communications staff keep what the public site says; admins may do everything.
SETTINGS_EDITORS = (Role.COMMUNICATIONS, Role.ADMIN)

from lindungi.site_settings import views  # noqa: E402, F401  (routes)
