"""Templates translate with the request's catalog, found once per request (template_i18n), and
build addresses through urlmemo: both must say exactly what Flask-Babel and url_for say."""

from __future__ import annotations

import pytest
from flask import Flask, render_template_string
from flask import url_for as flask_url_for
from flask_babel import force_locale

from lindungi.urlmemo import url_for

RESULTS = ('{{ ngettext("%(num)s result for “%(query)s”", "%(num)s results for “%(query)s”",'
           ' count, query=query) }}')


@pytest.mark.parametrize(("lang", "expected"), [("id", "Langsung ke isi utama"),
                                                ("en", "Skip to main content")])
def test_gettext_follows_the_page_language(app: Flask, lang: str, expected: str) -> None:
    with app.test_request_context(f"/{lang}/berita"):
        app.preprocess_request()
        assert render_template_string('{{ _("Skip to main content") }}') == expected
        assert render_template_string('{{ gettext("Skip to main content") }}') == expected


@pytest.mark.parametrize(("lang", "count", "expected"), [
    ("en", 1, "1 result for “&lt;b&gt;”"), ("en", 2, "2 results for “&lt;b&gt;”"),
    ("id", 1, "1 hasil untuk “&lt;b&gt;”"), ("id", 5, "5 hasil untuk “&lt;b&gt;”"),
])
def test_ngettext_picks_the_plural_form_and_escapes(app: Flask, lang: str, count: int,
                                                    expected: str) -> None:
    with app.test_request_context(f"/{lang}/cari"):
        app.preprocess_request()
        assert render_template_string(RESULTS, count=count, query="<b>") == expected


def test_a_forced_locale_inside_a_request_is_followed(app: Flask) -> None:
    text = '{{ _("Skip to main content") }}'
    with app.test_request_context("/en/"):
        app.preprocess_request()
        assert render_template_string(text) == "Skip to main content"
        with force_locale("id"):
            assert render_template_string(text) == "Langsung ke isi utama"
        assert render_template_string(text) == "Skip to main content"


def test_percent_signs_and_variables_as_jinja_newstyle_gettext(app: Flask) -> None:
    with app.test_request_context("/en/"):
        app.preprocess_request()
        assert render_template_string('{{ _("100%% free, %(who)s", who="<i>") }}') == \
            "100% free, &lt;i&gt;"


@pytest.mark.parametrize("path", ["/id/berita", "/en/berita", "/en/faq"])
def test_kept_addresses_are_url_for_s(app: Flask, path: str) -> None:
    calls = [("public.home", {}), ("public.news", {"page": 3}), ("public.news", {"page": None}),
             ("public.article", {"slug": "kabar"}), ("public.home", {"lang": "id"}),
             ("site.media", {"name": "a-640.webp"}), ("static", {"filename": "css/site.css"})]
    for script_root in ("", "/lindungi"):
        with app.test_request_context(path, base_url=f"http://localhost{script_root}"):
            app.preprocess_request()
            for endpoint, values in calls:
                for _ in range(2):  # built, then kept
                    assert url_for(endpoint, **values) == flask_url_for(endpoint, **values)
            assert url_for("public.home").startswith(f"{script_root}/{path.split('/')[1]}/")
