"""/staf/pengaturan: communications staff and admins keep the site settings. Load → authorise
(require_roles) → operation (writes, audits, flushes) → commit once → redirect."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from lindungi.content import media, search
from lindungi.core.promises import BY_KEY
from lindungi.extensions import db
from lindungi.site_settings import values
from lindungi.site_settings.blueprint import SETTINGS_EDITORS, bp
from lindungi.site_settings.forms import SettingsForm
from lindungi.site_settings.operations import save_settings
from lindungi.staff.access import require_roles


def setting_hint(name: str) -> str | None:
    setting = BY_KEY.get(name)
    return _(setting.hint) if setting is not None and setting.hint else None


@bp.route("/pengaturan", methods=["GET", "POST"])
@require_roles(*SETTINGS_EDITORS)
def edit() -> str | Response:
    current = values.load()
    image = current.home_image()
    form = SettingsForm(data=SettingsForm.initial(current), has_home_image=image is not None)
    if not form.validate_on_submit():
        return render_template("site_settings/settings.html", form=form, home_image=image,
                               setting_hint=setting_hint)
    changes = dict(form.cleaned)
    if form.processed_image is not None:
        changes["home_image"] = media.store_processed(form.processed_image).key
    elif form.remove_home_image.data:
        changes["home_image"] = ""
    else:
        changes.pop("home_image", None)
    changed = save_settings(changes, actor_id=current_user.id)
    if changed:
        # Page bodies may hold settings ([[phone]]…): search must read what the pages now say.
        g.pop("site_values", None)
        search.rebuild()
    db.session.commit()
    flash(_("The settings are saved and the public site uses them now.") if changed
          else _("Nothing was changed."), "success")
    return redirect(url_for("site_settings.edit"))
