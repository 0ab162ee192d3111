"""Markdown written by communications staff, turned into safe HTML.

markdown-it-py with the "js-default" preset (raw HTML off, tables on), then nh3 with an allow-list:
headings, paragraphs, lists, links, emphasis, tables, blockquotes, and images from the site's
uploaded media only (/media/<key>-<width>.webp).
Links may use http, https, mailto, tel or a site path; links to other sites get
rel="noopener noreferrer". ``[[key]]`` tokens become formatted program figures (and the settings
staff fill in, such as contact channels) before parsing, so no amount is ever typed into an article.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

TOKEN_RE = re.compile(r"\[\[([a-z0-9_]+)\]\]")
EXTERNAL_REL = "noopener noreferrer"

ALLOWED_TAGS = frozenset({
    "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "ul", "ol", "li", "a", "em", "strong", "s",
    "del", "code", "pre", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "img",
})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_markdown = MarkdownIt("js-default")


def is_site_path(url: str) -> bool:
    """A path on this site ("/id/klaim"); not "//host" or "/\\host", which browsers read as
    another host."""
    return url.startswith("/") and not url.startswith(("//", "/\\"))


# An uploaded image as the media route serves it. Nothing else may be an image source: an
# <img src="/staf/..."> in a public article would make every signed-in reader's browser request a
# staff page with their cookies (a side effect they never chose), and another site's image would
# be a third-party request.
MEDIA_SOURCE = re.compile(r"/media/[0-9a-f]{32}-[0-9]{2,4}\.webp")


def is_site_media(url: str) -> bool:
    return MEDIA_SOURCE.fullmatch(url) is not None


def is_external(url: str, site_host: str | None) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    return not site_host or parts.netloc.lower() != site_host.lower()


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """Second line of defence after the token pass: never raises (nh3 would only report it)."""
    if tag == "img" and attribute == "src":
        return value if is_site_media(value) else None
    if tag == "a" and attribute == "href":
        stripped = value.strip()
        if stripped.startswith(("//", "\\", "/\\")):
            return None
        return value
    if tag == "a" and attribute == "rel":
        return EXTERNAL_REL if value == EXTERNAL_REL else None
    return value


_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_attribute_filter,
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    set_tag_attribute_values={"img": {"loading": "lazy", "decoding": "async"}},
)


def replace_tokens(text: str, values: Mapping[str, str]) -> str:
    """``[[key]]`` -> its formatted figure; an unknown key stays visible so staff notice it.
    A line (paragraph, list item) holding a setting that is not filled in (value "") is left
    out whole: a promise or a contact channel the city has not confirmed is never shown."""
    if "" in values.values():
        text = "\n".join(
            line for line in text.split("\n")
            if not any(values.get(name) == "" for name in TOKEN_RE.findall(line))
        )
    return TOKEN_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def unknown_tokens(text: str, known: Mapping[str, object]) -> list[str]:
    """Token names in `text` that are not figures (for the editor's validation)."""
    return [name for name in TOKEN_RE.findall(text) if name not in known]


def _adjust_tokens(tokens: list[Token], site_host: str | None) -> None:
    for token in tokens:
        # The page title is the only <h1>: "# Heading" in a body becomes <h2>.
        if token.type in ("heading_open", "heading_close") and token.tag == "h1":
            token.tag = "h2"
        if token.children:
            _adjust_inline(token.children, site_host)


def _adjust_inline(children: list[Token], site_host: str | None) -> None:
    for index, child in enumerate(children):
        if child.type == "link_open":
            href = str(child.attrGet("href") or "")
            if is_external(href, site_host):
                child.attrSet("rel", EXTERNAL_REL)
        elif child.type == "image" and not is_site_media(str(child.attrGet("src") or "")):
            # Not an uploaded image (another site, a staff page): keep only its words.
            alt = Token("text", "", 0, content=child.content)
            children[index] = alt


def render_markdown(text: str, figures: Mapping[str, str], site_host: str | None = None) -> Markup:
    """Safe HTML for a body written in Markdown."""
    tokens = _markdown.parse(replace_tokens(text, figures))
    _adjust_tokens(tokens, site_host)
    raw = _markdown.renderer.render(tokens, _markdown.options, {})
    clean = _cleaner.clean(raw)
    # Wide tables scroll inside their box on a 360px phone instead of widening the page.
    clean = clean.replace("<table>", '<div class="table-scroll"><table>').replace(
        "</table>", "</table></div>"
    )
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above


def plain_text(text: str, figures: Mapping[str, str]) -> str:
    """The words of a Markdown body, for search and feed summaries."""
    rendered = _markdown.render(replace_tokens(text, figures))
    words = nh3.clean(rendered, tags=set(), link_rel=None)
    return re.sub(r"\s+", " ", html.unescape(words)).strip()


@dataclass(frozen=True)
class Section:
    heading: str
    body: Markup


def split_sections(
    text: str, figures: Mapping[str, str], site_host: str | None = None
) -> tuple[Markup, list[Section]]:
    """An introduction and one section per "## " heading (the FAQ: one question each)."""
    intro: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("## "):
            sections.append((line[3:].strip(), []))
        elif sections:
            sections[-1][1].append(line)
        else:
            intro.append(line)
    return (
        render_markdown("\n".join(intro), figures, site_host),
        [
            Section(
                heading=replace_tokens(heading, figures),
                body=render_markdown("\n".join(lines), figures, site_host),
            )
            for heading, lines in sections
        ],
    )


def text_with_figures(text: str, figures: Mapping[str, str]) -> Markup:
    """A plain field (title, summary, caption) with its tokens filled in, escaped."""
    return escape(replace_tokens(text, figures))
