"""The content version that every public page's ETag and the page cache follow: replaced after
every commit that changes what public pages show (whatever kind of change), left alone by other
commits, and the same for every request in between (reading it sends no SQL)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.content import operations, queries
from lindungi.content.models import Article, ArticleText, PartnerHospital
from lindungi.enrollment import window
from lindungi.enrollment.models import EnrollmentDraft
from lindungi.extensions import db
from lindungi.pagecache import version
from lindungi.public_figures.refresh import refresh
from lindungi.timeutil import utcnow
from tests.support.statements import counting_statements


def _current(app: Flask) -> str:
    with app.app_context():
        return version.current()


def _edit_page() -> None:
    page = queries.page_by_key("faq")
    operations.update_page(page, {t.lang: operations.PageTextData(t.title + "!", t.body, t.summary)
                                  for t in page.texts})


def _unpublish_article() -> None:
    article = queries.latest_articles(1)[0]
    article.status = operations.PublishStatus.DRAFT


def _hospital() -> None:
    db.session.scalars(sa.select(PartnerHospital)).first().name += " (baru)"


def _bulk_insert_article() -> None:
    now = utcnow()
    [article_id] = db.session.execute(sa.insert(Article.__table__).values(
        slug="massal", category="news", status="published", publish_at=now, created_at=now,
        updated_at=now, version=1).returning(Article.__table__.c.id)).one()
    db.session.execute(sa.insert(ArticleText.__table__), [{
        "article_id": article_id, "lang": "id", "title": "Massal", "body": "Isi.",
        "summary": "Ringkas.", "cover_alt": "", "cover_caption": ""}])


def _bulk_delete_redirects() -> None:
    from lindungi.content.models import SlugRedirect

    db.session.execute(sa.delete(SlugRedirect))


CHANGES: dict[str, Callable[[], object]] = {
    "page edit": _edit_page,
    "unpublish": _unpublish_article,
    "partner hospital": _hospital,
    "requests closed": lambda: window.close(None, "Tutup.", "Closed."),
    "figures refresh": refresh,
    "bulk insert of an article": _bulk_insert_article,
    "bulk delete of redirects": _bulk_delete_redirects,
}


@pytest.mark.parametrize("page_cache", [True, False], ids=["cache", "no-cache"])
@pytest.mark.parametrize("change", list(CHANGES))
def test_every_kind_of_content_commit_replaces_the_version(
    make_seeded_app, change: str, page_cache: bool
) -> None:
    app = make_seeded_app(PAGE_CACHE=page_cache)
    client = app.test_client()
    before = _current(app)
    etag = client.get("/id/faq").headers["ETag"]
    with app.test_request_context():  # the audit row of a window change notes the request
        CHANGES[change]()
        db.session.commit()
    assert _current(app) != before
    assert client.get("/id/faq", headers={"If-None-Match": etag}).status_code == 200


def test_a_rolled_back_change_and_other_commits_keep_it(app: Flask) -> None:
    before = _current(app)
    with app.app_context():
        _edit_page()
        db.session.rollback()
        db.session.add(EnrollmentDraft(id="d" * 43, data={}, created_at=utcnow(),
                                       updated_at=utcnow(), expires_at=utcnow()))
        db.session.commit()
    assert _current(app) == before


def test_reading_it_sends_no_sql(app: Flask) -> None:
    before = _current(app)
    with counting_statements(app) as statements, app.app_context():
        assert version.current() == before
    assert statements == []
