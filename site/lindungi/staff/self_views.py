"""A staff member's own account: changing the password, and confirming it is them again."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from lindungi.audit import actions
from lindungi.extensions import db, limiter
from lindungi.staff import accounts, signin, twofactor
from lindungi.staff.access import (
    ALL_ROLES,
    is_safe_next,
    open_during_setup,
    require_roles,
    safe_next,
)
from lindungi.staff.blueprint import bp
from lindungi.staff.forms import ChangePasswordForm, ReauthForm
from lindungi.staff.models import StaffUser
from lindungi.staff.sessions import mark_reauthenticated, start_session


def _account_key() -> str:
    return f"staff-confirm:{current_user.get_id()}"


def _failed(response: Response) -> bool:
    return response.status_code != 302


@bp.route("/kata-sandi", methods=["GET", "POST"])
@require_roles(*ALL_ROLES)
@open_during_setup
@limiter.limit(lambda: current_app.config["SIGN_IN_CODE_LIMIT"], key_func=_account_key,
               methods=["POST"], deduct_when=_failed)
def change_password() -> Response | str:
    user: StaffUser = current_user._get_current_object()
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_own_password(user, form.current_password.data, form.password.data)
        except accounts.AccountError as error:
            db.session.rollback()
            field = form.current_password if error.field == "current" else form.password
            field.errors = [*field.errors, _(error.message, **error.params)]
        else:
            start_session(user)  # this session goes on with the new version; others end
            db.session.commit()
            flash(_("Your password is changed. Your other sessions have ended."), "success")
            return redirect(url_for("review.dashboard"))
    return render_template("staff/change_password.html", form=form,
                           forced=user.must_change_password)


# Open during set-up too: turning two-step sign-in on may ask for it (then the password).
@bp.route("/konfirmasi", methods=["GET", "POST"])
@require_roles(*ALL_ROLES)
@open_during_setup
@limiter.limit(lambda: current_app.config["SIGN_IN_CODE_LIMIT"], key_func=_account_key,
               methods=["POST"], deduct_when=_failed)
def reauthenticate() -> Response | str:
    user: StaffUser = current_user._get_current_object()
    form = ReauthForm()
    wanted = form.next.data if form.is_submitted() else None
    target = safe_next(wanted or None, url_for("review.dashboard"))
    if form.validate_on_submit():
        if user.has_two_factor:
            confirmed = twofactor.accept_code(user, form.code.data or "")
            field = form.code
            message = _("That code is not right or was already used. Enter the code your app "
                        "shows now.")
        else:
            confirmed = user.check_password(form.password.data or "")
            field = form.password
            message = _("That password is not right.")
        if confirmed:
            mark_reauthenticated()
            actions.log(actions.REAUTHENTICATED, actor_id=user.id, target_type="staff_user",
                        target_id=user.id)
            db.session.commit()
            return redirect(target)
        signin.failed(user, "confirm")
        db.session.commit()
        field.errors = [*field.errors, message]
    if not form.is_submitted():
        wanted = request.args.get("next")
        form.next.data = wanted if is_safe_next(wanted) else ""
    return render_template("staff/reauthenticate.html", form=form,
                           uses_code=user.has_two_factor)
