"""A staff member makes new recovery codes for their own two-step sign-in (a POST behind a
recent sign-in). The new codes are shown once, on the two-step page the POST redirects to: they
wait in the session cookie sealed with the data key (never readable there, never in a URL) and
are taken out by the first page that shows them."""

from __future__ import annotations

import json

from flask import flash, redirect, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from lindungi.extensions import db
from lindungi.protection.columns import keyring
from lindungi.protection.crypto import CannotOpen
from lindungi.staff import twofactor
from lindungi.staff.access import ALL_ROLES, require_roles
from lindungi.staff.blueprint import bp
from lindungi.staff.forms import ConfirmForm
from lindungi.staff.models import StaffUser
from lindungi.staff.reauth import recent_sign_in

_SESSION_KEY = "new_recovery_codes"
_PURPOSE = "staff_user.new_recovery_codes"


def take_new_codes() -> list[str] | None:
    """The codes just made, once: the session no longer holds them afterwards."""
    sealed = session.pop(_SESSION_KEY, None)
    if not sealed:
        return None
    try:
        codes = json.loads(keyring().open(sealed, _PURPOSE))
    except (CannotOpen, ValueError):  # a key rotated in between: the owner makes new ones
        return None
    return [str(code) for code in codes] if isinstance(codes, list) else None


def _two_factor_page() -> str:
    return url_for("staff.two_factor")


@bp.post("/dua-langkah/kode-cadangan")
@require_roles(*ALL_ROLES)
@recent_sign_in(back=_two_factor_page)
def renew_recovery_codes() -> Response:
    user: StaffUser = current_user._get_current_object()
    if not ConfirmForm().validate_on_submit():
        return redirect(_two_factor_page(), 303)
    if not user.has_two_factor:
        flash(_("Two-step sign-in is not on for your account, so it has no recovery codes."),
              "info")
        return redirect(_two_factor_page(), 303)
    codes = twofactor.renew_recovery_codes(user)
    db.session.commit()
    session[_SESSION_KEY] = keyring().seal(json.dumps(codes), _PURPOSE)
    return redirect(_two_factor_page(), 303)
