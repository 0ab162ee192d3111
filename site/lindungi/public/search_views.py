"""Search across news and pages: a plain GET form; htmx swaps in live results while typing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import request, url_for
from flask_babel import gettext
from markupsafe import Markup
from werkzeug.wrappers import Response

from lindungi.caching import cacheable
from lindungi.content import search as engine
from lindungi.content.models import DocumentKind
from lindungi.content.web import page_locale
from lindungi.htmx import render_page_or_fragment
from lindungi.public.blueprint import bp
from lindungi.public.helpers import page_url

MAX_QUERY = 200


@dataclass(frozen=True)
class Result:
    url: str
    title: Markup
    excerpt: Markup
    kind_label: str
    published_at: datetime | None
    text_lang: str


def _result(hit: engine.SearchHit, terms: list[str]) -> Result:
    if hit.kind == DocumentKind.ARTICLE:
        url, label = url_for("public.article", slug=hit.url_key), gettext("News")
    else:
        url, label = page_url(hit.url_key), gettext("Information page")
    text = hit.body if any(t in hit.body.lower() for t in terms) else hit.summary or hit.body
    return Result(
        url=url,
        title=engine.highlight(hit.title, terms),
        excerpt=engine.highlight(engine.excerpt(text, terms), terms),
        kind_label=label,
        published_at=hit.published_at,
        text_lang=hit.text_lang,
    )


@bp.get("/cari")
@cacheable
def search() -> Response:
    query = request.args.get("q", "").strip()[:MAX_QUERY]
    terms = engine.terms_of(query)
    hits = engine.search(query, page_locale()) if terms else []
    return render_page_or_fragment(
        "public/search.html", "public/_search_fragment.html",
        query=query, searched=bool(terms), results=[_result(h, terms) for h in hits],
    )
