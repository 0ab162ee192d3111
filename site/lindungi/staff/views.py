"""Signing in and out of /staf/."""

from __future__ import annotations

import hashlib

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, logout_user
from werkzeug.wrappers import Response

from lindungi.audit import actions
from lindungi.extensions import db, limiter
from lindungi.staff import signin
from lindungi.staff.access import (
    ALL_ROLES,
    is_safe_next,
    open_to_anyone,
    require_roles,
    safe_next,
)
from lindungi.staff.blueprint import bp
from lindungi.staff.forms import SignInForm
from lindungi.staff.models import normalise_email
from lindungi.staff.sessions import end_session, start_session


def _client_key() -> str:
    return "sign-in-client:" + (get_remote_address() or "")


def _account_key() -> str:
    # Per submitted address, existing or not; hashed so the limiter's storage holds no emails.
    email = normalise_email(request.form.get("email", ""))[:254]
    return "sign-in-account:" + hashlib.sha256(email.encode()).hexdigest()


def _attempt_failed(response: Response) -> bool:
    # Only failures count: a busy office behind one address signs in every morning.
    return response.status_code != 302


def _target() -> str:
    return safe_next(request.values.get("next"), url_for("review.dashboard"))


def _sign_in_page(form: SignInForm, status: int = 200, **context: object) -> tuple[str, int]:
    wanted = request.values.get("next")
    form.next.data = wanted if is_safe_next(wanted) else ""
    return render_template("staff/sign_in.html", form=form, **context), status


@bp.route("/masuk", methods=["GET", "POST"])
@open_to_anyone
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT"], key_func=_client_key,
               methods=["POST"], deduct_when=_attempt_failed)
@limiter.limit(lambda: current_app.config["SIGN_IN_ACCOUNT_LIMIT"], key_func=_account_key,
               methods=["POST"], deduct_when=_attempt_failed)
def sign_in() -> Response | tuple[str, int]:
    if request.method == "GET" and current_user.is_authenticated:
        return redirect(_target())
    form = SignInForm()
    if not form.validate_on_submit():
        return _sign_in_page(form)
    user = signin.authenticate(form.email.data, form.password.data)
    if user is None:
        db.session.commit()  # the failure count and the audit row
        form.password.data = ""
        return _sign_in_page(form, failed=True)
    start_session(user)
    db.session.commit()
    return redirect(_target())


@bp.errorhandler(429)
def too_many_attempts(_error: Exception) -> tuple[str, int]:
    """The same words whether the address has an account or not."""
    form = SignInForm(formdata=None, email=request.form.get("email", "")[:254])
    return _sign_in_page(form, 429, too_many=True)


@bp.post("/keluar")
@require_roles(*ALL_ROLES)
def sign_out() -> Response:
    user = current_user._get_current_object()
    actions.log(actions.SIGN_OUT, actor_id=user.id, target_type="staff_user", target_id=user.id)
    end_session(user)  # bumps the session version: a copied cookie stops working too
    logout_user()  # signals user_logged_out: other capabilities forget what they kept
    db.session.commit()
    flash(_("You have signed out."), "success")
    return redirect(url_for("staff.sign_in"))
