"""Parts of public pages rendered once per content version and language, then reused.

Some pieces of every page are the same for every visitor until content changes: the official
strip, the menu, the footer, a news item in a list. Rendering them is most of a page's time when
the page cache is off or cold, so a template may wrap one in a call block:

    {% call cached_fragment("footer") %}...{% endcall %}

The HTML is kept in this process under the shared content version (lindungi.versioned), so a
publish or a saved setting on any server renders it again. The key is completed here with the
page language and the URL language; the template adds whatever else the piece depends on (the
current endpoint for the menu, an article's id). Never cached: the editor's preview (it shows
unpublished text), and anything but a GET or HEAD (versioned.cached renders those every time).
What goes in must not depend on the visitor: no session, no CSRF token."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable

from flask import g, request
from markupsafe import Markup

from lindungi import versioned
from lindungi.i18n import current_lang


def cached_fragment(*key: Hashable, caller: Callable[[], str], per_address: bool = False
                    ) -> Markup:
    """`per_address`: the piece depends on the whole address (path and query string), which
    goes into the key as a digest: a hostile query string of any length then costs 16 bytes."""
    if g.get("editor_preview") is not None:
        return Markup(caller())  # noqa: S704 - rendered by our autoescaping templates
    from lindungi.templating import locale_code

    full_key = ("fragment", locale_code(), current_lang(), *key)
    if per_address:
        full_key += (hashlib.blake2b(request.full_path.encode(), digest_size=16).digest(),)
    return versioned.cached(full_key, lambda: Markup(caller()),  # noqa: S704 - as above
                            store=versioned.FRAGMENTS)
