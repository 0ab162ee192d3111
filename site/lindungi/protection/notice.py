"""The version of the privacy notice a person agrees to: the privacy page's latest revision.

Every save of the page in the editor records a numbered revision with the full text in both
languages (content.revisions), so "privasi-r7" names exactly the words shown; editing the page
makes a new version, and a draft that agreed to an older one asks for consent again. Before the
page exists (a fresh installation), the consent step's own summary is the notice
(enrollment.settings.NOTICE_VERSION).
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import g, has_app_context

from lindungi.content.models import Page, PageRevision
from lindungi.enrollment.settings import NOTICE_VERSION
from lindungi.extensions import db
from lindungi.versioned import cached

PRIVACY_PAGE_KEY = "privasi"
PREFIX = PRIVACY_PAGE_KEY + "-r"


def current_notice_version() -> str:
    if not has_app_context():
        return NOTICE_VERSION
    version = g.get("privacy_notice_version")
    if version is None:
        version = g.privacy_notice_version = cached(("privacy_notice_version",), _latest)
    return version


def _latest() -> str:
    number = db.session.scalar(
        sa.select(sa.func.max(PageRevision.number))
        .join(Page, PageRevision.page_id == Page.id)
        .where(Page.key == PRIVACY_PAGE_KEY))
    return f"{PREFIX}{number}" if number else NOTICE_VERSION


def notice_revision(version: str) -> PageRevision | None:
    """The revision (with its full text) a recorded consent names, if it is a page revision."""
    if not version.startswith(PREFIX) or not version.removeprefix(PREFIX).isdigit():
        return None
    return db.session.scalar(
        sa.select(PageRevision).join(Page, PageRevision.page_id == Page.id)
        .where(Page.key == PRIVACY_PAGE_KEY,
               PageRevision.number == int(version.removeprefix(PREFIX))))
