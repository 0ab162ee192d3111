"""gettext in templates without Flask-Babel's per-call look-ups.

Flask-Babel's template callables find the domain, the locale and the catalog again on every
call (a page makes some sixty), through several context-local proxies each time. These find the
request's catalog once and keep it beside the locale Flask-Babel chose for the request; a
different locale (force_locale, babel.refresh) is a different Locale object, so the catalog is
looked up again then. Outside a request they fall back to Flask-Babel. The wrappers behave as
Jinja's "newstyle" gettext: the result is escaped-safe Markup under autoescape and is always a
%-format string (so "%%" means "%").
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.globals import _cv_app
from flask_babel import get_locale, get_translations
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

_KEPT = "lindungi_catalog"  # (locale, translations) beside Flask-Babel's own request state


def current_catalog() -> Any:
    """The translations of the current request's locale."""
    app_ctx = _cv_app.get(None)
    state = app_ctx.g.__dict__.get("_flask_babel") if app_ctx is not None else None
    locale = getattr(state, "babel_locale", None)
    if locale is not None:
        kept = getattr(state, _KEPT, None)
        if kept is not None and kept[0] is locale:
            return kept[1]
    translations = get_translations()
    state = app_ctx.g.__dict__.get("_flask_babel") if app_ctx is not None else None
    if state is not None:
        locale = get_locale()  # now chosen and kept by Flask-Babel for this request
        setattr(state, _KEPT, (locale, translations))
    return translations


def _finish(context: Context, text: str, variables: dict[str, Any]) -> str:
    if context.eval_ctx.autoescape:
        text = Markup(text)  # noqa: S704 - our own catalog, as Jinja's newstyle gettext does
    return text % variables


@pass_context
def gettext(__context: Context, __string: str, **variables: Any) -> str:
    return _finish(__context, current_catalog().ugettext(__string), variables)


@pass_context
def ngettext(__context: Context, __singular: str, __plural: str, __num: int,
             **variables: Any) -> str:
    variables.setdefault("num", __num)
    text = current_catalog().ungettext(__singular, __plural, __num)
    return _finish(__context, text, variables)


@pass_context
def pgettext(__context: Context, __string_ctx: str, __string: str, **variables: Any) -> str:
    variables.setdefault("context", __string_ctx)
    return _finish(__context, current_catalog().upgettext(__string_ctx, __string), variables)


@pass_context
def npgettext(__context: Context, __string_ctx: str, __singular: str, __plural: str,
              __num: int, **variables: Any) -> str:
    variables.setdefault("context", __string_ctx)
    variables.setdefault("num", __num)
    text = current_catalog().unpgettext(__string_ctx, __singular, __plural, __num)
    return _finish(__context, text, variables)


def init_app(app: Flask) -> None:
    """Replace the callables Flask-Babel installed (call after babel.init_app). `_` is gettext
    itself rather than Jinja's alias, which looks gettext up and calls it on every use."""
    app.jinja_env.globals.update(gettext=gettext, _=gettext, ngettext=ngettext,
                                 pgettext=pgettext, npgettext=npgettext)
