"""News articles: the list with filters, a new article, and editing one."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from lindungi.content import operations
from lindungi.content.models import Article, Category
from lindungi.content.sections import CATEGORY_LABELS
from lindungi.content.web import figures_for, render_body
from lindungi.editor import queries, saving
from lindungi.editor.blueprint import EDITORS, bp
from lindungi.editor.forms import ArticleFilterForm, ArticleForm
from lindungi.editor.states import STATE_LABELS, STATE_TAGS, State, article_state
from lindungi.extensions import db
from lindungi.formatting import format_datetime_wita
from lindungi.staff.access import require_roles
from lindungi.templating import locale_code
from lindungi.timeutil import utcnow


def load_article(article_id: int) -> Article:
    return db.get_or_404(Article, article_id)


def wants_preview() -> bool:
    """The no-JavaScript "Preview" button: show the text rendered, save nothing."""
    return request.form.get("action") == "preview"


def previews(form: Any) -> dict[str, object]:
    return {lang: render_body(form[f"{lang}_body"].data or "", lang) for lang in ("id", "en")}


@bp.get("/berita")
@require_roles(*EDITORS)
def articles() -> str:
    form = ArticleFilterForm(formdata=request.args)
    form.validate()
    category = form.chosen_category()
    filters = queries.ArticleFilters(
        state=form.chosen_state(), category=Category(category) if category else None,
        words=(form.q.data or "")[:100],
    )
    now = utcnow()
    listing = queries.article_list(filters, now)
    return render_template(
        "editor/articles.html", form=form, listing=listing, now=now, state_of=article_state,
        state_labels=STATE_LABELS, state_tags=STATE_TAGS, category_labels=CATEGORY_LABELS,
        page_url=_page_url,
    )


def _page_url(page: int) -> str:
    args = {k: v for k, v in request.args.items() if v and k != "page"}
    return url_for("editor.articles", page=page, **args)


def _form_page(form: ArticleForm, article: Article | None, **context: Any) -> str:
    now = utcnow()
    return render_template(
        "editor/article_form.html", form=form, article=article, now=now,
        state=article_state(article, now) if article else None,
        state_labels=STATE_LABELS, state_tags=STATE_TAGS, previews=previews(form),
        figures=figures_for("id"), **context,
    )


def _saved_message(article: Article) -> str:
    state = article_state(article, utcnow())
    if state == State.SCHEDULED and article.publish_at is not None:
        return _("The article is saved. It will appear on the site on %(time)s.",
                 time=format_datetime_wita(article.publish_at, locale_code()))
    if state == State.PUBLISHED:
        return _("The article is saved and is on the site.")
    return _("The article is saved. It is not on the site.")


@bp.route("/berita/baru", methods=["GET", "POST"])
@require_roles(*EDITORS)
def new_article() -> str | Response:
    now = utcnow()
    form = ArticleForm(data=saving.article_initial(None, now), now=now)
    if wants_preview() or not form.validate_on_submit():
        return _form_page(form, None)
    article = operations.create_article(saving.article_data(form, None, now),
                                        actor_id=current_user.id)
    db.session.commit()
    flash(_saved_message(article), "success")
    return redirect(url_for("editor.edit_article", article_id=article.id))


@bp.route("/berita/<int:article_id>", methods=["GET", "POST"])
@require_roles(*EDITORS)
def edit_article(article_id: int) -> str | Response:
    article = load_article(article_id)
    now = utcnow()
    initial = saving.article_initial(article, now) if request.method == "GET" else None
    form = ArticleForm(data=initial, article_id=article.id,
                       has_cover=article.cover is not None, now=now)
    if wants_preview() or not form.validate_on_submit():
        return _form_page(form, article)
    try:
        if form.version.data != article.version:
            raise operations.EditConflict("stale form")
        operations.update_article(
            article, saving.article_data(form, article, now), actor_id=current_user.id,
            notify_readers=bool(form.notify_readers.data), expected_version=form.version.data,
        )
    except operations.EditConflict:
        return _conflict(form, article_id)
    db.session.commit()
    flash(_saved_message(article), "success")
    return redirect(url_for("editor.edit_article", article_id=article.id))


def _conflict(form: ArticleForm, article_id: int) -> str:
    """Someone saved in between: keep this person's words in the form, save nothing, and let
    a second save (made knowingly) replace the other one."""
    db.session.rollback()
    article = load_article(article_id)
    form.version.data = article.version
    form.version.raw_data = [str(article.version)]
    return _form_page(form, article, conflict=True)
