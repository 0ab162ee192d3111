"""Revisions of an article or a page: the list, what one revision changed, and restoring it
(which saves a new revision, so a restore can itself be undone)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from lindungi.content import operations, queries, revisions
from lindungi.content.models import Article, ArticleRevision, Page, PageRevision
from lindungi.editor.article_views import load_article
from lindungi.editor.blueprint import EDITORS, bp
from lindungi.editor.diffs import snapshot_diff
from lindungi.editor.forms import RestoreForm
from lindungi.editor.labels import ACTION_LABELS, field_label, page_label
from lindungi.editor.page_views import page_key_or_404
from lindungi.extensions import db
from lindungi.staff.access import require_roles
from lindungi.staff.models import StaffUser

# A restore keeps the article's publication state: only these fields come back.
ARTICLE_RESTORED_FIELDS = tuple(
    key for key in revisions.ARTICLE_FIELDS if key not in ("status", "publish_at")
)
Revision = ArticleRevision | PageRevision


@dataclass(frozen=True)
class Subject:
    """The article or page whose revisions are shown, and where its pages are."""

    title: str
    version: int
    current: revisions.Snapshot
    revisions: list[Revision]
    fields: tuple[str, ...]
    restored_fields: tuple[str, ...]
    edit_url: str
    list_url: str
    revision_url: Callable[[int], str]
    restore_url: Callable[[int], str]


def _article_subject(article: Article) -> Subject:
    return Subject(
        title=article.text_or_fallback("id").title, version=article.version,
        current=revisions.article_snapshot(article),
        revisions=list(revisions.article_revisions(article.id)),
        fields=revisions.ARTICLE_FIELDS, restored_fields=ARTICLE_RESTORED_FIELDS,
        edit_url=url_for("editor.edit_article", article_id=article.id),
        list_url=url_for("editor.article_revisions", article_id=article.id),
        revision_url=lambda n: url_for("editor.article_revision", article_id=article.id,
                                       number=n),
        restore_url=lambda n: url_for("editor.restore_article", article_id=article.id,
                                      number=n),
    )


def _page_subject(key: str, page: Page) -> Subject:
    return Subject(
        title=page_label(key), version=page.version, current=revisions.page_snapshot(page),
        revisions=list(revisions.page_revisions(page.id)),
        fields=revisions.PAGE_FIELDS, restored_fields=revisions.PAGE_FIELDS,
        edit_url=url_for("editor.edit_page", key=key),
        list_url=url_for("editor.page_revisions", key=key),
        revision_url=lambda n: url_for("editor.page_revision", key=key, number=n),
        restore_url=lambda n: url_for("editor.restore_page", key=key, number=n),
    )


def _load_page(key: str) -> Page:
    return queries.page_by_key_or_404(page_key_or_404(key))


def _authors(items: list[Revision]) -> dict[int, str]:
    ids = {item.actor_id for item in items if item.actor_id is not None}
    if not ids:
        return {}
    rows = db.session.execute(sa.select(StaffUser.id, StaffUser.name, StaffUser.email)
                              .where(StaffUser.id.in_(ids)))
    return {row.id: row.name or row.email for row in rows}


def _list_page(subject: Subject) -> str:
    return render_template(
        "editor/revisions.html", subject=subject, authors=_authors(subject.revisions),
        action_labels=ACTION_LABELS, field_label=field_label,
    )


def _find(subject: Subject, number: int) -> tuple[Revision, Revision | None]:
    by_number = {item.number: item for item in subject.revisions}
    if number not in by_number:
        abort(404)
    return by_number[number], by_number.get(number - 1)


def _revision_page(subject: Subject, number: int) -> str:
    revision, previous = _find(subject, number)
    latest = subject.revisions[0].number
    return render_template(
        "editor/revision.html", subject=subject, revision=revision,
        author=_authors([revision]).get(revision.actor_id or 0),
        action_labels=ACTION_LABELS, is_latest=number == latest,
        changes=snapshot_diff(previous.snapshot if previous else {}, revision.snapshot,
                              subject.fields),
        restoring=snapshot_diff(subject.current, revision.snapshot, subject.fields,
                                only=subject.restored_fields),
        form=RestoreForm(data={"version": subject.version}),
    )


def _restore(subject: Subject, number: int, apply: Callable[[Any, int], object]) -> Response:
    revision, _previous = _find(subject, number)
    form = RestoreForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        apply(revision, form.version.data)
    except operations.EditConflict:
        db.session.rollback()
        flash(_("Someone else saved a change after you opened this page, so nothing was "
                "restored. Check the revisions again."), "warning")
        return redirect(subject.revision_url(number))
    db.session.commit()
    flash(_("Revision %(number)s is restored. This is now the latest revision.",
            number=number), "success")
    return redirect(subject.edit_url)


@bp.get("/berita/<int:article_id>/revisi")
@require_roles(*EDITORS)
def article_revisions(article_id: int) -> str:
    return _list_page(_article_subject(load_article(article_id)))


@bp.get("/berita/<int:article_id>/revisi/<int:number>")
@require_roles(*EDITORS)
def article_revision(article_id: int, number: int) -> str:
    return _revision_page(_article_subject(load_article(article_id)), number)


@bp.post("/berita/<int:article_id>/revisi/<int:number>/pulihkan")
@require_roles(*EDITORS)
def restore_article(article_id: int, number: int) -> Response:
    article = load_article(article_id)
    return _restore(_article_subject(article), number, lambda revision, version:
                    operations.restore_article(article, revision, actor_id=current_user.id,
                                               expected_version=version))


@bp.get("/halaman/<key>/revisi")
@require_roles(*EDITORS)
def page_revisions(key: str) -> str:
    return _list_page(_page_subject(key, _load_page(key)))


@bp.get("/halaman/<key>/revisi/<int:number>")
@require_roles(*EDITORS)
def page_revision(key: str, number: int) -> str:
    return _revision_page(_page_subject(key, _load_page(key)), number)


@bp.post("/halaman/<key>/revisi/<int:number>/pulihkan")
@require_roles(*EDITORS)
def restore_page(key: str, number: int) -> Response:
    page = _load_page(key)
    return _restore(_page_subject(key, page), number, lambda revision, version:
                    operations.restore_page(page, revision, actor_id=current_user.id,
                                            expected_version=version))
