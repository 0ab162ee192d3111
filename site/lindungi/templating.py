"""What every template can use, registered here and nowhere else: formatting and Markdown filters,
the language switcher, site settings, public page helpers, the staff menu and the editor's preview
banner.

Public pages must never read the session (they stay cacheable): whatever depends on the signed-in
user is a callable that only staff templates call."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, g, request, url_for
from flask_babel import get_locale
from flask_login import current_user

from lindungi import formatting
from lindungi.assets import static_url
from lindungi.content import prerender, web
from lindungi.content.sections import CATEGORY_LABELS, category_slug
from lindungi.fragments import cached_fragment
from lindungi.i18n import LANGUAGE_NAMES, other_languages
from lindungi.program import program_parameters
from lindungi.public import helpers
from lindungi.site_settings import values as site_values
from lindungi.staff.navigation import staff_navigation


def locale_code() -> str:
    return str(get_locale() or current_app.config["DEFAULT_LOCALE"])


# The query parameters a public page reads: list pages, search, the eligibility checker's answers
# (also the enrollment start page's prefill). Only these follow the visitor to the other language:
# anything else (?_method=, ?_external=, ?endpoint=, or a path argument like ?program=) would reach
# url_for and break the page.
SWITCHABLE_QUERY = frozenset({
    "page", "kategori", "q",
    "makassar", "kecamatan", "age", "occupation", "civil_servant", "employee", "member", "decile",
    "check",
})


def same_page_in(lang: str) -> str:
    """This page in another language (the switcher keeps the current page and its query)."""
    endpoint = request.endpoint
    if endpoint and current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        values: dict[str, Any] = dict(request.view_args or {})
        values.update(
            (name, value) for name, value in request.args.items()
            if name in SWITCHABLE_QUERY and name not in values
        )
        values["lang"] = lang
        return url_for(endpoint, **values)
    return url_for("public.home", lang=lang)


def official_host() -> str:
    """This site's address as residents should check it: only a .go.id host from BASE_URL
    (never the request's Host header, which the client chooses)."""
    host = urlsplit(current_app.config["BASE_URL"]).hostname or ""
    return host if host.endswith(".go.id") else ""


def init_app(app: Flask) -> None:
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals["cached_fragment"] = cached_fragment
    app.jinja_env.filters.update(
        datetime_wita=lambda value: formatting.format_datetime_wita(value, locale_code()),
        date_long=lambda value: formatting.format_date_long(value, locale_code()),
        date_short=lambda value: formatting.format_date_short(value, locale_code()),
        rupiah=lambda value: formatting.format_rupiah(value, locale_code()),
        number=lambda value: formatting.format_number(value, locale_code()),
        iso_wita=formatting.iso_wita,
        markdown=web.render_body,
        with_figures=web.with_figures,
        sections=web.sections,
        # Article and page bodies: the HTML stored when saved (content.prerender).
        body_html=prerender.body_html,
        body_sections=prerender.body_sections,
    )

    @app.context_processor
    def site_context() -> dict[str, Any]:
        return {
            "locale_code": locale_code(),
            "other_languages": other_languages,
            "language_names": LANGUAGE_NAMES,
            "same_page_in": same_page_in,
            "has_endpoint": lambda name: name in current_app.view_functions,
            "hotline": program_parameters().call_centre,
            "static_url": static_url,  # every file in static/, under its hashed name
            "site_values": site_values.current,
            "official_host": official_host(),
            "logo_url": current_app.config["LOGO_URL"],
            "age_source": current_app.config["PROGRAM_AGE_SOURCE"],
            "absolute_url": helpers.absolute_url,
            "page_url": helpers.page_url,
            "numbered_page_urls": helpers.numbered_page_urls,
            "head_links": helpers.head_links,
            "media_url": helpers.media_url,
            "srcset": helpers.srcset,
            "display_height": helpers.display_height,
            "category_labels": CATEGORY_LABELS,
            "category_slug": category_slug,
            # Set only by the editor's preview views (behind sign-in): a banner above the page.
            "editor_preview": g.get("editor_preview"),
            # Callables: public pages never call them, so they never read the session.
            "staff_user": lambda: current_user,
            "staff_navigation": staff_navigation,
        }
