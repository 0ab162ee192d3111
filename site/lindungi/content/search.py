"""Full-text search over published news and pages, behind one function.

`search()` matches words with SQLite FTS5 on the embedded default and with PostgreSQL full-text
search in production. Both see the same rows (SearchDocument: plain text with figures filled in)
and treat words the same way: no stemming, prefix matching (so "kecela" finds "kecelakaan"
while typing), every word required. The operations module keeps the rows in sync.

The tables come from the migrations (search_document from 0001, SQLite's FTS5 table search_fts
from 0002), so writes and searches run no table checks; rebuild() alone makes the FTS5 table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from markupsafe import Markup, escape

from lindungi.content import queries
from lindungi.content.figures import formatted_figures
from lindungi.content.models import Article, DocumentKind, Page, PublishStatus, SearchDocument
from lindungi.content.rendering import plain_text, replace_tokens
from lindungi.extensions import db

FTS_TABLE = "search_fts"
MAX_TERMS = 8
MAX_TERM_LENGTH = 40
# Pages have no publication date: they are visible from the start of time.
PAGE_VISIBLE_FROM = datetime(2000, 1, 1)
_WORD = re.compile(r"[^\W_]+")
_ASCII_PUNCTUATION = r"[!-/:-@\[-`{-~]+"  # for PostgreSQL's regexp_replace; "_" included
_FTS_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, summary, body, tokenize = 'unicode61 remove_diacritics 2')"
)
_fts = sa.table(FTS_TABLE, sa.column("rowid"), sa.column("title"), sa.column("summary"),
                sa.column("body"))


def _on_sqlite() -> bool:
    return db.engine.dialect.name == "sqlite"


def terms_of(query: str) -> list[str]:
    """The words of a query, lower case, without operators: what both engines are given."""
    words = [w.lower()[:MAX_TERM_LENGTH] for w in _WORD.findall(query)]
    return list(dict.fromkeys(words))[:MAX_TERMS]


# ---------------------------------------------------------------- index upkeep


def _put(kind: DocumentKind, ref_id: int, lang: str, **fields: object) -> None:
    stmt = sa.select(SearchDocument).filter_by(kind=kind, ref_id=ref_id, lang=lang)
    doc = db.session.scalar(stmt)
    if doc is None:
        doc = SearchDocument(kind=kind, ref_id=ref_id, lang=lang)
        db.session.add(doc)
    for name, value in fields.items():
        setattr(doc, name, value)
    db.session.flush()
    if _on_sqlite():
        db.session.execute(sa.delete(_fts).where(_fts.c.rowid == doc.id))
        db.session.execute(sa.insert(_fts).values(
            rowid=doc.id, title=doc.title, summary=doc.summary, body=doc.body
        ))


def remove(kind: DocumentKind, ref_id: int) -> None:
    docs = db.session.scalars(sa.select(SearchDocument).filter_by(kind=kind, ref_id=ref_id)).all()
    for doc in docs:
        if _on_sqlite():
            db.session.execute(sa.delete(_fts).where(_fts.c.rowid == doc.id))
        db.session.delete(doc)
    db.session.flush()


def _languages() -> list[str]:
    return list(current_app.config["SUPPORTED_LOCALES"])


def _index(kind: DocumentKind, item: Article | Page, url_key: str,
           visible_from: datetime | None, published_at: datetime | None) -> None:
    """One row per language; a language without its own text gets the Indonesian one, so an
    English search still finds an article written only in Indonesian."""
    for lang in _languages():
        text = item.text_or_fallback(lang)
        figures = formatted_figures(text.lang)
        _put(
            kind, item.id, lang, text_lang=text.lang, url_key=url_key,
            title=replace_tokens(text.title, figures),
            summary=replace_tokens(text.summary, figures),
            body=plain_text(text.body, figures), visible_from=visible_from,
            published_at=published_at,
        )


def index_article(article: Article) -> None:
    visible = article.publish_at if article.status == PublishStatus.PUBLISHED else None
    _index(DocumentKind.ARTICLE, article, article.slug, visible, article.publish_at)


def index_page(page: Page) -> None:
    _index(DocumentKind.PAGE, page, page.key, PAGE_VISIBLE_FROM, None)


def rebuild() -> int:
    """Index every article and page from scratch (after a restore or a figure change). On
    SQLite the FTS5 table is dropped and made again, which also brings back a missing one."""
    if _on_sqlite():
        db.session.execute(sa.text(f"DROP TABLE IF EXISTS {FTS_TABLE}"))
        db.session.execute(sa.text(_FTS_DDL))
    db.session.execute(sa.delete(SearchDocument))
    count = 0
    for article in db.session.scalars(sa.select(Article)):
        index_article(article)
        count += 1
    for page in db.session.scalars(sa.select(Page)):
        index_page(page)
        count += 1
    return count


def index_missing() -> bool:
    """True when an index table is absent: a database restored without SQLite's FTS5 table
    (migration 0002 makes it), which `flask seed-demo` repairs with rebuild()."""
    inspector = sa.inspect(db.session.connection())
    names = {SearchDocument.__tablename__} | ({FTS_TABLE} if _on_sqlite() else set())
    return not all(inspector.has_table(name) for name in names)


# ---------------------------------------------------------------- searching


@dataclass(frozen=True)
class SearchHit:
    kind: DocumentKind
    url_key: str
    text_lang: str
    title: str
    summary: str
    body: str
    published_at: datetime | None


def _visible(lang: str, now: datetime) -> list[sa.ColumnElement[bool]]:
    from lindungi.content.queries import hides_demo

    conditions = [
        SearchDocument.lang == lang,
        SearchDocument.visible_from.is_not(None),
        SearchDocument.visible_from <= now,
    ]
    if hides_demo():  # production never shows demonstration content, in search either
        demo_articles = sa.select(Article.id).where(Article.is_demo.is_(True))
        demo_pages = sa.select(Page.id).where(Page.is_demo.is_(True))
        conditions.append(sa.not_(sa.or_(
            sa.and_(SearchDocument.kind == DocumentKind.ARTICLE,
                    SearchDocument.ref_id.in_(demo_articles)),
            sa.and_(SearchDocument.kind == DocumentKind.PAGE,
                    SearchDocument.ref_id.in_(demo_pages)),
        )))
    return conditions


def _sqlite_ids(terms: Sequence[str], lang: str, now: datetime, limit: int) -> list[int]:
    # Each word quoted (no FTS operators from the public) and used as a prefix.
    match = " ".join(f'"{term}"*' for term in terms)
    rank = sa.func.bm25(sa.literal_column(FTS_TABLE), 10.0, 4.0, 1.0)
    stmt = (
        sa.select(SearchDocument.id)
        .join(_fts, _fts.c.rowid == SearchDocument.id)
        .where(sa.literal_column(FTS_TABLE).op("MATCH")(match), *_visible(lang, now))
        .order_by(rank)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def _postgres_ids(terms: Sequence[str], lang: str, now: datetime, limit: int) -> list[int]:
    config = sa.literal_column("'simple'::regconfig")

    def weighted(column: sa.ColumnElement[str], weight: str) -> sa.ColumnElement[object]:
        # ASCII punctuation becomes a space first: PostgreSQL's parser would otherwise drop
        # "<b>" or "<script>" as HTML tags and keep "a.b.id" or "x@y" as one token, where FTS5
        # and terms_of() see plain words ("b", "script", "a", "b", "id").
        words = sa.func.regexp_replace(sa.func.coalesce(column, ""), _ASCII_PUNCTUATION, " ", "g")
        return sa.func.setweight(sa.func.to_tsvector(config, words),
                                 sa.literal_column(f"'{weight}'::\"char\""))

    document = weighted(SearchDocument.title, "A").op("||")(
        weighted(SearchDocument.summary, "B")).op("||")(weighted(SearchDocument.body, "C"))
    query = sa.func.to_tsquery(config, " & ".join(f"{term}:*" for term in terms))
    stmt = (
        sa.select(SearchDocument.id)
        .where(document.op("@@")(query), *_visible(lang, now))
        .order_by(sa.func.ts_rank(document, query).desc(), SearchDocument.id)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def search(
    query: str, lang: str, *, now: datetime | None = None, limit: int = 20
) -> list[SearchHit]:
    """Published articles and pages matching every word of `query`, best first."""
    terms = terms_of(query)
    if not terms:
        return []
    moment = now or queries.now()
    finder = _sqlite_ids if _on_sqlite() else _postgres_ids
    ids = finder(terms, lang, moment, limit)
    if not ids:
        return []
    docs = {d.id: d for d in db.session.scalars(
        sa.select(SearchDocument).where(SearchDocument.id.in_(ids)))}
    return [_hit(docs[i]) for i in ids if i in docs]


def _hit(doc: SearchDocument) -> SearchHit:
    return SearchHit(doc.kind, doc.url_key, doc.text_lang, doc.title, doc.summary, doc.body,
                     doc.published_at)


# ---------------------------------------------------------------- showing matches


def _term_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE) if alternatives else None


def highlight(text: str, terms: Sequence[str]) -> Markup:
    """`text` escaped, with the matched words in <mark>: the words come from the visitor, so
    nothing of theirs is ever inserted as HTML."""
    pattern = _term_pattern(terms)
    if pattern is None:
        return escape(text)
    parts: list[Markup] = []
    position = 0
    for match in pattern.finditer(text):
        parts.append(escape(text[position:match.start()]))
        parts.append(Markup("<mark>{}</mark>").format(match.group(0)))
        position = match.end()
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


def excerpt(text: str, terms: Sequence[str], width: int = 180) -> str:
    """About `width` characters of `text` around the first matched word."""
    if len(text) <= width:
        return text
    pattern = _term_pattern(terms)
    found = pattern.search(text) if pattern else None
    start = 0 if found is None else max(0, found.start() - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < found.start() else start
    end = min(len(text), start + width)
    space = text.rfind(" ", start, end)
    if end < len(text) and space > start:
        end = space
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
