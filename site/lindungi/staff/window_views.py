"""The admin's switch for new enrollment requests: close them with a message, reopen them."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from lindungi.enrollment import window
from lindungi.extensions import db
from lindungi.forms import BaseForm
from lindungi.staff.access import require_roles
from lindungi.staff.blueprint import bp
from lindungi.staff.forms import TOO_LONG
from lindungi.staff.models import Role


class CloseForm(BaseForm):
    message_id = TextAreaField(_l("Message in Indonesian"), validators=[
        DataRequired(_l("Enter the message in Indonesian")),
        Length(max=window.MESSAGE_MAX, message=TOO_LONG)])
    message_en = TextAreaField(_l("Message in English"), validators=[
        DataRequired(_l("Enter the message in English")),
        Length(max=window.MESSAGE_MAX, message=TOO_LONG)])


class ReopenForm(BaseForm):
    """Only the CSRF token: reopening asks nothing."""


def _page(close_form: CloseForm | None = None) -> str:
    current = window.state()
    if close_form is None:
        close_form = CloseForm(formdata=None, data={
            "message_id": current.message_id, "message_en": current.message_en})
    return render_template("staff/window.html", state=current, close_form=close_form,
                           reopen_form=ReopenForm(formdata=None))


@bp.get("/masa-pendaftaran")
@require_roles(Role.ADMIN)
def enrollment_window() -> str:
    return _page()


@bp.post("/masa-pendaftaran/tutup")
@require_roles(Role.ADMIN)
def close_enrollment() -> Response | str:
    form = CloseForm()
    if not form.validate():
        return _page(form)
    window.close(current_user.id, form.message_id.data, form.message_en.data)
    db.session.commit()
    flash(_("New requests are closed. The public pages show your message."), "success")
    return redirect(url_for("staff.enrollment_window"), 303)


@bp.post("/masa-pendaftaran/buka")
@require_roles(Role.ADMIN)
def reopen_enrollment() -> Response | str:
    if ReopenForm().validate():
        window.reopen(current_user.id)
        db.session.commit()
        flash(_("New requests are open again."), "success")
    return redirect(url_for("staff.enrollment_window"), 303)
