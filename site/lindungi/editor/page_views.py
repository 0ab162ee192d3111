"""The long-form pages (benefits, the three programs, claim guide, FAQ, contact, privacy): the
list and editing one. A page the site has but nobody wrote yet is created by its first save."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from lindungi.content import operations, queries
from lindungi.content.models import Page
from lindungi.content.sections import PAGE_ENDPOINTS
from lindungi.content.web import figures_for
from lindungi.editor import saving
from lindungi.editor.article_views import previews, wants_preview
from lindungi.editor.blueprint import EDITORS, bp
from lindungi.editor.forms import PageForm
from lindungi.editor.labels import PAGE_LABELS, page_label
from lindungi.editor.queries import pages_by_key
from lindungi.extensions import db
from lindungi.staff.access import require_roles


def page_key_or_404(key: str) -> str:
    if key not in PAGE_ENDPOINTS:
        abort(404)
    return key


@bp.get("/halaman")
@require_roles(*EDITORS)
def pages() -> str:
    return render_template("editor/pages.html", pages=pages_by_key(), labels=PAGE_LABELS)


def _form_page(form: PageForm, key: str, page: Page | None, **context: object) -> str:
    return render_template(
        "editor/page_form.html", form=form, key=key, page=page, label=page_label(key),
        previews=previews(form), figures=figures_for("id"), **context,
    )


@bp.route("/halaman/<key>", methods=["GET", "POST"])
@require_roles(*EDITORS)
def edit_page(key: str) -> str | Response:
    page = queries.page_by_key(page_key_or_404(key))
    initial = saving.page_initial(page) if page is not None else None
    form = PageForm(data=initial)
    if wants_preview() or not form.validate_on_submit():
        return _form_page(form, key, page)
    texts = saving.page_texts(form)
    try:
        if page is None:
            operations.create_page(key, texts, actor_id=current_user.id)
        else:
            if form.version.data != page.version:
                raise operations.EditConflict("stale form")
            operations.update_page(page, texts, actor_id=current_user.id,
                                   expected_version=form.version.data)
    except operations.EditConflict:
        return _conflict(form, key)
    db.session.commit()
    flash(_("The page is saved and is on the site."), "success")
    return redirect(url_for("editor.edit_page", key=key))


def _conflict(form: PageForm, key: str) -> str:
    db.session.rollback()
    page = queries.page_by_key(key)
    if page is not None:
        form.version.data = page.version
        form.version.raw_data = [str(page.version)]
    return _form_page(form, key, page, conflict=True)
