"""Two-step sign-in pages: the code after the password, setting it up, and the admin's reset."""

from __future__ import annotations

from flask import (
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from lindungi.extensions import db, limiter
from lindungi.protection.columns import keyring
from lindungi.staff import signin, twofactor
from lindungi.staff.access import (
    ALL_ROLES,
    is_safe_next,
    open_during_setup,
    open_to_anyone,
    require_roles,
    safe_next,
)
from lindungi.staff.blueprint import bp
from lindungi.staff.forms import CodeForm, ConfirmForm, EnrolForm
from lindungi.staff.models import Role, StaffUser
from lindungi.staff.reauth import recent_sign_in
from lindungi.staff.recovery_views import take_new_codes
from lindungi.staff.sessions import pending_user, start_session

# The secret being set up travels in the session cookie sealed, never readable in it.
_ENROLMENT_PURPOSE = "staff_user.totp_enrolment"


def _code_account_key() -> str:
    # Per account waiting for its code: only someone who knows the password gets this far, so
    # this limit cannot be used by a stranger to keep the owner out.
    return f"sign-in-code-account:{session.get('pending_staff_id', '')}"


def _code_failed(response: Response) -> bool:
    return request.method == "POST" and response.status_code != 302


@bp.route("/masuk/kode", methods=["GET", "POST"])
@open_to_anyone
@limiter.limit(lambda: current_app.config["SIGN_IN_CODE_LIMIT"], key_func=_code_account_key,
               methods=["POST"], deduct_when=_code_failed)
def sign_in_code() -> Response | tuple[str, int]:
    user = pending_user()
    if user is None:
        flash(_("Sign in with your email address and password first."), "info")
        return redirect(url_for("staff.sign_in"))
    form = CodeForm()
    if form.validate_on_submit():
        code = form.code.data
        if twofactor.accept_code(user, code):
            method = "code"
        elif twofactor.use_recovery_code(user, code):
            method = "recovery_code"
        else:
            signin.failed(user, "code")
            db.session.commit()
            form.code.errors = [*form.code.errors,
                                _("That code is not right or was already used. Enter the code "
                                  "your app shows now.")]
            return _code_page(form)
        start_session(user)
        signin.signed_in(user, method)
        db.session.commit()
        if method == "recovery_code":
            flash(_("You signed in with a recovery code. It cannot be used again."), "info")
        return redirect(safe_next(form.next.data, url_for("review.dashboard")))
    return _code_page(form)


def _code_page(form: CodeForm) -> tuple[str, int]:
    wanted = request.values.get("next")
    form.next.data = wanted if is_safe_next(wanted) else ""
    return render_template("staff/sign_in_code.html", form=form), 200


def _enrolment_secret() -> str:
    sealed = session.get("totp_enrolment")
    if sealed:
        return keyring().open(sealed, _ENROLMENT_PURPOSE)
    secret = twofactor.new_secret()
    session["totp_enrolment"] = keyring().seal(secret, _ENROLMENT_PURPOSE)
    return secret


def _no_store(body: str) -> Response:
    response = make_response(body)
    response.headers["Cache-Control"] = "no-store"
    return response


def _two_factor_page() -> str:
    return url_for("staff.two_factor")


# Turning it on is an account change (someone at an unattended session could add their own
# phone): the POST asks for a recent sign-in; the secret being set up stays in the session.
@bp.route("/dua-langkah", methods=["GET", "POST"])
@require_roles(*ALL_ROLES)
@open_during_setup
@recent_sign_in(back=_two_factor_page, methods=("POST",))
def two_factor() -> Response:
    user: StaffUser = current_user._get_current_object()
    if user.has_two_factor:
        renewed = take_new_codes()
        if renewed:  # just made (recovery_views): shown this once
            return _no_store(render_template("staff/two_factor.html", recovery_codes=renewed,
                                             renewed=True))
        return _no_store(render_template(
            "staff/two_factor.html", enabled=True,
            remaining=twofactor.remaining_recovery_codes(user)))
    secret = _enrolment_secret()
    form = EnrolForm()
    if form.validate_on_submit():
        codes = twofactor.enable(user, secret, form.code.data)
        if codes is not None:
            session.pop("totp_enrolment", None)
            db.session.commit()
            # Shown in this response only (not stored, not redirected to): only their hashes
            # are kept.
            return _no_store(render_template("staff/two_factor.html", recovery_codes=codes))
        form.code.errors = [*form.code.errors,
                            _("That code does not match. Check the time on your phone, then "
                              "enter the code your app shows now.")]
    uri = twofactor.provisioning_uri(secret, user.email)
    return _no_store(render_template(
        "staff/two_factor.html", form=form, secret=secret,
        qr_code=twofactor.qr_code_data_uri(uri),
        secret_groups=" ".join(secret[i:i + 4] for i in range(0, len(secret), 4))))


def _account_page(account_id: int) -> str:
    return url_for("staff.account", account_id=account_id)


@bp.post("/akun/<int:account_id>/dua-langkah")
@require_roles(Role.ADMIN)
@recent_sign_in(back=_account_page)
def account_two_factor_reset(account_id: int) -> Response:
    user = db.get_or_404(StaffUser, account_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        twofactor.reset(user, actor_id=current_user.id)
        db.session.commit()
        flash(_("Two-step sign-in is reset. The account sets it up again at its next "
                "sign-in, and its open sessions have ended."), "success")
    return redirect(_account_page(account_id))
