"""Small things public templates need: absolute URLs from BASE_URL, language alternates, image
sources, share links, and where each long-form page lives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from flask import current_app, request

from lindungi.assets import static_url
from lindungi.content.models import MediaImage
from lindungi.content.sections import PAGE_ENDPOINTS
from lindungi.urlmemo import url_for


def absolute_url(endpoint: str, **values: Any) -> str:
    """An address for other sites and apps (feeds, share links, canonical): from BASE_URL, since
    the Host header of a request can be anything the client sends."""
    if endpoint == "static":
        return current_app.config["BASE_URL"].rstrip("/") + static_url(values["filename"])
    return current_app.config["BASE_URL"].rstrip("/") + url_for(endpoint, **values)


PAGE_SENTINEL = 987654321


def numbered_page_urls(endpoint: str, **values: Any) -> Callable[[int | None], str]:
    """The addresses of a list's pages, `href(number)` (None: the first page, without ?page=),
    exactly as url_for(endpoint, page=number, **values) makes them: url_for runs twice, not
    once per link (a list of 10,000 articles links 1,000 pages)."""
    first = url_for(endpoint, **values)
    head, _, tail = url_for(endpoint, page=PAGE_SENTINEL, **values).partition(str(PAGE_SENTINEL))

    def href(number: int | None) -> str:
        return first if number is None else f"{head}{int(number)}{tail}"

    return href


def page_url(key: str, **values: Any) -> str:
    endpoint, args = PAGE_ENDPOINTS[key]
    return url_for(endpoint, **args, **values)


@dataclass(frozen=True)
class HeadLinks:
    canonical: str
    alternates: list[tuple[str, str]]  # (hreflang, absolute URL), x-default last


def head_links(langs: list[str] | None = None, canonical_lang: str | None = None) -> HeadLinks:
    """Canonical and hreflang links for the current page. `langs`: the languages the page really
    exists in (an article without English has only "id"); query arguments other than the page
    number and filter are left out so search-engine copies stay few."""
    endpoint = request.endpoint or "public.home"
    values: dict[str, Any] = dict(request.view_args or {})
    values.update({k: v for k, v in request.args.items() if k in ("page", "kategori")})
    supported = current_app.config["SUPPORTED_LOCALES"]
    langs = langs or list(supported)
    here = canonical_lang or (values.get("lang") or _lang())
    if here not in langs:
        here = langs[0]
    values.pop("lang", None)
    alternates = [(code, absolute_url(endpoint, lang=code, **values)) for code in langs]
    default = current_app.config["DEFAULT_LOCALE"]
    if default in langs:
        alternates.append(("x-default", absolute_url(endpoint, lang=default, **values)))
    return HeadLinks(absolute_url(endpoint, lang=here, **values), alternates)


def _lang() -> str:
    from lindungi.i18n import current_lang

    return current_lang()


def media_url(image: MediaImage, width: int | None = None) -> str:
    chosen = width if width in image.widths else max(image.widths)
    return url_for("site.media", name=f"{image.key}-{chosen}.webp")


def srcset(image: MediaImage) -> str:
    return ", ".join(f"{media_url(image, w)} {w}w" for w in sorted(image.widths))


def display_height(image: MediaImage, width: int) -> int:
    return round(image.height * width / image.width)


@dataclass(frozen=True)
class ShareLink:
    name: str
    href: str


def share_links(url: str, title: str) -> list[ShareLink]:
    """Plain links to each service's own share page: nothing loads from them until tapped."""
    text = f"{title} {url}"
    return [
        ShareLink("WhatsApp", "https://wa.me/?" + urlencode({"text": text}, quote_via=quote)),
        ShareLink("Facebook", "https://www.facebook.com/sharer/sharer.php?"
                  + urlencode({"u": url}, quote_via=quote)),
        ShareLink("X", "https://x.com/intent/post?"
                  + urlencode({"url": url, "text": title}, quote_via=quote)),
        ShareLink("Telegram", "https://t.me/share/url?"
                  + urlencode({"url": url, "text": title}, quote_via=quote)),
        ShareLink("Line", "https://social-plugins.line.me/lineit/share?"
                  + urlencode({"url": url}, quote_via=quote)),
    ]

