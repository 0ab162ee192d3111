"""The signed-in staff member's own account page (/staf/akun-saya): who they are, and the language
of the staff area, which applies to every /staf/ page from the next one on."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms import RadioField
from wtforms.validators import AnyOf

from lindungi.extensions import db
from lindungi.i18n import LANGUAGE_NAMES
from lindungi.staff import accounts
from lindungi.staff.access import require_roles
from lindungi.staff.blueprint import bp
from lindungi.staff.forms import ROLE_LABELS, StaffForm
from lindungi.staff.models import STAFF_LANGUAGES, Role


def language_choices() -> list[tuple[str, str]]:
    # Each language is named in itself, so a person who cannot read the page still finds theirs.
    return [(code, LANGUAGE_NAMES[code]) for code in STAFF_LANGUAGES]


class LanguageForm(StaffForm):
    language = RadioField(_l("Language of the staff area"), choices=language_choices,
                          validate_choice=False,
                          validators=[AnyOf(STAFF_LANGUAGES, _l("Choose a language."))])


def _page(form: LanguageForm) -> str:
    return render_template("staff/my_account.html", account=current_user, form=form,
                           role_labels=ROLE_LABELS)


@bp.get("/akun-saya")
@require_roles(*Role)
def my_account() -> str:
    return _page(LanguageForm(formdata=None, language=current_user.language))


@bp.post("/akun-saya/bahasa")
@require_roles(*Role)
def my_language() -> Response | str:
    form = LanguageForm()
    if not form.validate():
        return _page(form)
    accounts.set_language(current_user, form.language.data)
    db.session.commit()
    with force_locale(form.language.data):  # the message in the language just chosen
        flash(_("The staff area is now in %(language)s.",
                language=LANGUAGE_NAMES[form.language.data]), "success")
    return redirect(url_for("staff.my_account"), 303)
