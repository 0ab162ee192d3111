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
    open_during_setup,
    open_to_anyone,
    require_roles,
    safe_next,
)
from lindungi.staff.blueprint import bp
from lindungi.staff.forms import SignInForm
from lindungi.staff.models import find_by_email, normalise_email
from lindungi.staff.sessions import end_session, start_pending, start_session


def _client_key() -> str:
    return "sign-in-client:" + (get_remote_address() or "")


def _client_account_key() -> str:
    # Per client address and submitted email, existing or not (hashed: the limiter's storage
    # holds no emails). Not per email alone: a stranger failing on purpose pauses only their
    # own address for that account, never the owner's sign-in from elsewhere.
    email = normalise_email(request.form.get("email", ""))[:254]
    pair = f"{get_remote_address() or ''} {email}"
    return "sign-in-account:" + hashlib.sha256(pair.encode()).hexdigest()


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
@limiter.limit(lambda: current_app.config["SIGN_IN_ACCOUNT_LIMIT"],
               key_func=_client_account_key, methods=["POST"], deduct_when=_attempt_failed)
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
    if user.has_two_factor:
        start_pending(user)  # not signed in until the code (twofactor_views.sign_in_code)
        db.session.commit()
        return redirect(url_for("staff.sign_in_code", next=form.next.data or None))
    start_session(user)
    signin.signed_in(user, "password")
    db.session.commit()
    return redirect(_target())


@bp.errorhandler(429)
def too_many_attempts(_error: Exception) -> Response | tuple[str, int]:
    """The same words whether the address has an account or not."""
    if request.endpoint != "staff.sign_in":
        return render_template("staff/too_many.html"), 429
    email = request.form.get("email", "")[:254]
    user = find_by_email(email) if "@" in email else None
    if user is not None:
        # Who is being tried, for the admins; the address is in the row's client column.
        actions.log(actions.SIGN_IN_THROTTLED, target_type="staff_user", target_id=user.id)
        db.session.commit()
    form = SignInForm(formdata=None, email=email)
    return _sign_in_page(form, 429, too_many=True)


@bp.post("/keluar")
@require_roles(*ALL_ROLES)
@open_during_setup
def sign_out() -> Response:
    user = current_user._get_current_object()
    actions.log(actions.SIGN_OUT, actor_id=user.id, target_type="staff_user", target_id=user.id)
    end_session(user)  # bumps the session version: a copied cookie stops working too
    logout_user()  # signals user_logged_out: other capabilities forget what they kept
    db.session.commit()
    flash(_("You have signed out."), "success")
    response = redirect(url_for("staff.sign_in"))
    if current_app.config["ENV"] == "production":
        # The browser drops what this site left in its cache and storage (htmx's history
        # snapshots of staff pages), and its cookies; the flash message may go with them.
        response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response
