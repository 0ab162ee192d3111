"""The admin's account screens: the same operations as `flask staff ...`, audited the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from lindungi.extensions import db
from lindungi.staff import accounts, twofactor
from lindungi.staff.access import require_roles
from lindungi.staff.blueprint import bp
from lindungi.staff.forms import (
    ROLE_HINTS,
    ROLE_LABELS,
    ConfirmForm,
    CreateAccountForm,
    PasswordForm,
    RoleForm,
)
from lindungi.staff.models import Role, StaffUser
from lindungi.staff.reauth import recent_sign_in
from lindungi.timeutil import utcnow

ADMIN = Role.ADMIN


def _account_url(account_id: int) -> str:
    return url_for("staff.account", account_id=account_id)


def _load(account_id: int) -> StaffUser:
    return db.get_or_404(StaffUser, account_id)


def _account_page(user: StaffUser, **forms: Any) -> str:
    forms.setdefault("role_form", RoleForm(formdata=None, role=user.role.value))
    forms.setdefault("password_form", PasswordForm(formdata=None))
    forms.setdefault("confirm_form", ConfirmForm(formdata=None))
    errors = [form for form in forms.values() if form.errors]
    # Errors about the whole form (e.g. "not your own account") link to that form's section.
    form_error_links = [("main", message) for form in errors for message in form.form_errors]
    return render_template(
        "staff/account.html", account=user, is_self=user.id == current_user.id,
        recovery_codes_left=twofactor.remaining_recovery_codes(user),
        role_labels=ROLE_LABELS, role_hints=ROLE_HINTS, failed_form=errors[0] if errors else None,
        form_error_links=form_error_links,
        **forms,
    )


def _change(user: StaffUser, form_name: str, form: Any,
            change: Callable[[], object], done: str) -> Response | str:
    """Validate, change, commit, redirect; or show the page again with the message."""
    if form.validate_on_submit():
        try:
            change()
        except accounts.AccountError as error:
            db.session.rollback()
            form.form_errors.append(_(error.message, **error.params))
        else:
            db.session.commit()
            flash(done, "success")
            return redirect(url_for("staff.account", account_id=user.id))
    return _account_page(user, **{form_name: form})


@bp.get("/akun")
@require_roles(ADMIN)
def accounts_list() -> str:
    users = db.session.scalars(sa.select(StaffUser).order_by(StaffUser.email)).all()
    return render_template("staff/accounts.html", users=users, role_labels=ROLE_LABELS,
                           now=utcnow())


@bp.route("/akun/baru", methods=["GET", "POST"])
@require_roles(ADMIN)
@recent_sign_in()
def new_account() -> Response | str:
    form = CreateAccountForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_staff(form.email.data, Role(form.role.data),
                                         form.password.data, name=form.name.data or "",
                                         actor_id=current_user.id)
        except accounts.AccountError as error:
            db.session.rollback()
            form.email.errors = [*form.email.errors, _(error.message, **error.params)]
        else:
            db.session.commit()
            flash(_("The account for %(email)s is ready.", email=user.email), "success")
            return redirect(url_for("staff.account", account_id=user.id))
    return render_template("staff/new_account.html", form=form, role_hints=ROLE_HINTS,
                           role_labels=ROLE_LABELS)


@bp.get("/akun/<int:account_id>")
@require_roles(ADMIN)
def account(account_id: int) -> str:
    return _account_page(_load(account_id))


@bp.post("/akun/<int:account_id>/peran")
@require_roles(ADMIN)
@recent_sign_in(back=_account_url)
def account_role(account_id: int) -> Response | str:
    user = _load(account_id)
    form = RoleForm()
    return _change(
        user, "role_form", form,
        lambda: accounts.set_role(user, Role(form.role.data), actor_id=current_user.id),
        _("The role is changed. The account's open sessions have ended."),
    )


@bp.post("/akun/<int:account_id>/kata-sandi")
@require_roles(ADMIN)
@recent_sign_in(back=_account_url)
def account_password(account_id: int) -> Response | str:
    user = _load(account_id)
    form = PasswordForm()
    return _change(
        user, "password_form", form,
        lambda: accounts.reset_password(user, form.password.data, actor_id=current_user.id),
        _("The password is changed and the account's open sessions have ended. Its owner "
          "is told by e-mail and must choose a new password at the next sign-in."),
    )


@bp.post("/akun/<int:account_id>/nonaktifkan")
@require_roles(ADMIN)
@recent_sign_in(back=_account_url)
def account_disable(account_id: int) -> Response | str:
    user = _load(account_id)
    return _change(
        user, "confirm_form", ConfirmForm(),
        lambda: accounts.set_active(user, False, actor_id=current_user.id),
        _("The account is disabled and its open sessions have ended."),
    )


@bp.post("/akun/<int:account_id>/aktifkan")
@require_roles(ADMIN)
@recent_sign_in(back=_account_url)
def account_enable(account_id: int) -> Response | str:
    user = _load(account_id)
    return _change(
        user, "confirm_form", ConfirmForm(),
        lambda: accounts.set_active(user, True, actor_id=current_user.id),
        _("The account is enabled again."),
    )
