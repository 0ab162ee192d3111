"""Home and the long-form pages (benefits, programs, claim guide, FAQ, contact, privacy)."""

from __future__ import annotations

from typing import Any

from flask import abort, render_template

from lindungi.caching import cacheable
from lindungi.content import public_data
from lindungi.content.web import figures_for, page_locale
from lindungi.enrollment import window
from lindungi.program import program_parameters
from lindungi.public import tables
from lindungi.public.blueprint import bp

HOME_NEWS = 3


@bp.get("/")
@cacheable
def home() -> str:
    pinned, latest = public_data.home_articles(HOME_NEWS)
    return render_template(
        "public/home.html",
        pinned=pinned,
        latest=latest,
        params=program_parameters(),
        figures=figures_for(page_locale()),
        enrollment_window=window.state(),
    )


def _render_page(template: str, key: str, **context: Any) -> str:
    page = public_data.public_page(key)
    if page is None:
        abort(404)
    lang = page_locale()
    return render_template(
        template, page=page, text=page.text_or_fallback(lang),
        head_langs=[t.lang for t in page.texts], canonical_lang=page.text_or_fallback(lang).lang,
        **context,
    )


@bp.get("/manfaat")
@cacheable
def benefits() -> str:
    locale = page_locale()
    return _render_page(
        "public/benefits.html", "manfaat",
        contributions=tables.contribution_rows(locale),
        totals=tables.contribution_totals(locale),
        who=tables.figure_rows("who", locale),
        programs=["jkk", "jkm", "jht"],
    )


@bp.get("/manfaat/<any(jkk, jkm, jht):program>")
@cacheable
def program(program: str) -> str:
    locale = page_locale()
    return _render_page(
        "public/program.html", program, program=program,
        contributions=tables.contribution_rows(locale, program),
        figures_table=tables.figure_rows(program, locale),
    )


@bp.get("/klaim")
@cacheable
def claim() -> str:
    return _render_page("public/claim.html", "klaim", hospitals=public_data.partner_hospitals(),
                        params=program_parameters())


@bp.get("/faq")
@cacheable
def faq() -> str:
    return _render_page("public/faq.html", "faq")


@bp.get("/kontak")
@cacheable
def contact() -> str:
    return _render_page("public/page.html", "kontak", params=program_parameters())


@bp.get("/privasi")
@cacheable
def privacy() -> str:
    return _render_page("public/page.html", "privasi")

