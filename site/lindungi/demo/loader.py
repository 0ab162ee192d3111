"""Load and check the demo content (articles, long-form pages, partner hospitals, covers).

Pure functions: they read the TOML files next to this module with the standard
library's ``tomllib`` and return frozen dataclasses. Nothing here needs an app
or a database; the app decides what to do with the result (seed the database,
render pages...). The names checked here (categories, page keys, the slug rule,
figure tokens) come from the modules the site itself uses, never from a copy.

Every check that fails raises ``ValueError`` whose message starts with the
file name, so a typo in content is easy to find.

Program figures never appear as typed numbers in the content: the text holds
``[[token]]`` placeholders, one for every figure ``core.parameters.figures``
defines, that the site replaces with the formatted value.

Covers are committed WebP files in ``covers/``, drawn by ``tools/draw_demo_covers.py``;
an article names its cover by file stem.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from lindungi.content.models import Category
from lindungi.content.sections import PAGE_KEYS, SLUG_MAX, SLUG_RE
from lindungi.core.parameters import figures
from lindungi.core.promises import TOKENS

DEMO_DIR = Path(__file__).resolve().parent
ARTICLES_DIR = DEMO_DIR / "articles"
PAGES_DIR = DEMO_DIR / "pages"
COVERS_DIR = DEMO_DIR / "covers"
HOSPITALS_FILE = DEMO_DIR / "hospitals.toml"

#: Placeholders the site replaces with formatted program figures: every figure there is, and
#: the settings staff fill in (core.promises; a line holding an empty one is left out).
KNOWN_TOKENS: frozenset[str] = frozenset(figures()) | frozenset(TOKENS)

#: Site pages that content may link to, without the /id or /en prefix.
ALLOWED_LINK_PATHS: frozenset[str] = frozenset(
    {
        "/cek-kelayakan",
        "/daftar",
        "/status",
        "/manfaat",
        "/manfaat/jkk",
        "/manfaat/jkm",
        "/manfaat/jht",
        "/klaim",
        "/faq",
        "/kontak",
        "/privasi",
        "/berita",
    }
)

SUMMARY_MAX = 200
ARTICLE_FILE_RE = re.compile(r"^(\d{2})-([a-z0-9-]+)\.toml$")
# Anything in double brackets, so a misspelt token ([[Min-Age]]) is reported by name.
TOKEN_RE = re.compile(r"\[\[([^\[\]]*)\]\]")
# Markdown inline links: [text](target) — captures the target.
LINK_RE = re.compile(r"\[[^\]]*\]\(\s*([^)\s]+)(?:\s+\"[^\"]*\")?\s*\)")
KECAMATAN_CODE_RE = re.compile(r"^73\.71\.(0[1-9]|1[0-5])$")


# ---------------------------------------------------------------- data types


@dataclass(frozen=True)
class DemoText:
    """One language version of an article."""

    title: str
    summary: str
    body: str
    cover_alt: str | None = None
    cover_caption: str | None = None


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    category: Category
    published_at: datetime
    updated_at: datetime | None
    pinned_until: datetime | None
    cover: str | None
    id: DemoText
    en: DemoText | None
    source_file: str

    def text(self, lang: str) -> DemoText:
        """The text in `lang`, falling back to Indonesian when English is missing."""
        if lang == "en" and self.en is not None:
            return self.en
        return self.id

    def is_pinned(self, now: datetime) -> bool:
        return self.pinned_until is not None and self.published_at <= now <= self.pinned_until


@dataclass(frozen=True)
class DemoPageText:
    title: str
    summary: str
    body: str


@dataclass(frozen=True)
class DemoPage:
    key: str
    id: DemoPageText
    en: DemoPageText
    source_file: str


@dataclass(frozen=True)
class DemoHospital:
    key: str
    name_id: str
    name_en: str
    address: str
    kecamatan_code: str
    beds: int | None
    phone: str  # empty when not verified: never invent one
    map_url: str
    hours_id: str
    hours_en: str
    emergency_note_id: str
    emergency_note_en: str
    services_id: str
    services_en: str


# ---------------------------------------------------------------- helpers


def _fail(path: Path, message: str) -> ValueError:
    return ValueError(f"{path.name}: {message}")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(path, f"invalid TOML: {exc}") from exc


def _check_keys(
    path: Path, table: dict[str, Any], required: set[str], optional: set[str], where: str
) -> None:
    missing = required - table.keys()
    if missing:
        raise _fail(path, f"{where}: missing {', '.join(sorted(missing))}")
    unknown = table.keys() - required - optional
    if unknown:
        raise _fail(path, f"{where}: unknown key(s) {', '.join(sorted(unknown))}")


def _value(path: Path, table: dict[str, Any], key: str, label: str, *, required: bool) -> Any:
    """``table[key]``; None when it is absent and may be."""
    value = table.get(key)
    if value is None and required:
        raise _fail(path, f"{label} is missing")
    return value


def _text_field(
    path: Path, table: dict[str, Any], key: str, where: str, *, required: bool = True
) -> str | None:
    label = f"{where}.{key}"
    value = _value(path, table, key, label, required=required)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail(path, f"{label} must be a string")
    value = value.strip()
    if required and not value:
        raise _fail(path, f"{label} is empty")
    return value or None


def _datetime_field(
    path: Path, data: dict[str, Any], key: str, *, required: bool
) -> datetime | None:
    value = _value(path, data, key, key, required=required)
    if value is not None and (not isinstance(value, datetime) or value.tzinfo is None):
        raise _fail(path, f"{key} must be an offset date-time such as 2026-02-13T13:20:00+08:00")
    return value


def find_tokens(text: str) -> list[str]:
    """All ``[[token]]`` names in `text`, in order."""
    return TOKEN_RE.findall(text)


def find_links(text: str) -> list[str]:
    """All Markdown link targets in `text`, in order."""
    return LINK_RE.findall(text)


def _article_link_slug(target: str, prefix: str) -> str:
    """The slug of a link to a news article in this language ("/id/berita/<slug>"), else ""."""
    start = f"{prefix}/berita/"
    slug = target[len(start):] if target.startswith(start) else ""
    return slug if SLUG_RE.match(slug) else ""


def unknown_token_message(token: str) -> str:
    """Why [[token]] is refused, with the closest figure names as a hint."""
    message = f"unknown token [[{token}]]: not a figure in lindungi.core.parameters"
    spelt = token.strip().lower().replace("-", "_").replace(" ", "_")
    close = difflib.get_close_matches(spelt, sorted(KNOWN_TOKENS), n=3)
    if close:
        message += f" (did you mean {', '.join(f'[[{name}]]' for name in close)}?)"
    return message


def _check_text(path: Path, text: str, where: str, lang: str) -> None:
    for token in find_tokens(text):
        if token not in KNOWN_TOKENS:
            raise _fail(path, f"{where}: {unknown_token_message(token)}")
    leftover = TOKEN_RE.sub("", text)
    if "[[" in leftover or "]]" in leftover:
        raise _fail(path, f"{where}: unbalanced [[ ]] token brackets")
    for target in find_links(text):
        if target.startswith(("http://", "https://", "mailto:", "tel:")):
            raise _fail(
                path, f"{where}: external link {target!r} (content links only to site pages)"
            )
        prefix = f"/{lang}"
        if _article_link_slug(target, prefix):
            continue  # another demo article; load_articles checks that it exists
        if not target.startswith(prefix + "/") or target[len(prefix) :] not in ALLOWED_LINK_PATHS:
            raise _fail(path, f"{where}: link {target!r} is not an allowed {prefix}/... page")


def _iter_fields(text: DemoText | DemoPageText) -> Iterator[tuple[str, str]]:
    for name in ("title", "summary", "body", "cover_alt", "cover_caption"):
        value = getattr(text, name, None)
        if value:
            yield name, value


# ---------------------------------------------------------------- articles


def _load_article_text(
    path: Path, data: dict[str, Any], lang: str, has_cover: bool
) -> DemoText | None:
    table = data.get(lang)
    if table is None:
        if lang == "id":
            raise _fail(path, "the [id] table is required")
        return None
    if not isinstance(table, dict):
        raise _fail(path, f"[{lang}] must be a table")
    _check_keys(
        path, table, {"title", "summary", "body"}, {"cover_alt", "cover_caption"}, f"[{lang}]"
    )
    text = DemoText(
        title=_text_field(path, table, "title", lang),
        summary=_text_field(path, table, "summary", lang),
        body=_text_field(path, table, "body", lang),
        cover_alt=_text_field(path, table, "cover_alt", lang, required=has_cover),
        cover_caption=_text_field(path, table, "cover_caption", lang, required=False),
    )
    if not has_cover and (text.cover_alt or text.cover_caption):
        raise _fail(path, f"[{lang}] has cover_alt/cover_caption but the article has no cover")
    if len(text.summary) > SUMMARY_MAX:
        raise _fail(path, f"[{lang}] summary is {len(text.summary)} characters (max {SUMMARY_MAX})")
    for name, value in _iter_fields(text):
        _check_text(path, value, f"[{lang}].{name}", lang)
    return text


def load_article_file(path: Path) -> DemoArticle:
    """Parse and check one article file."""
    match = ARTICLE_FILE_RE.match(path.name)
    if not match:
        raise _fail(path, "article files are named NN-<slug>.toml")
    data = _read_toml(path)
    _check_keys(
        path,
        data,
        {"slug", "category", "published_at", "id"},
        {"updated_at", "pinned_until", "cover", "en"},
        "article",
    )
    slug = data["slug"]
    if not isinstance(slug, str) or not SLUG_RE.match(slug) or len(slug) > SLUG_MAX:
        raise _fail(
            path, f"bad slug {slug!r} (lowercase ascii words joined by hyphens, at most {SLUG_MAX})"
        )
    if match.group(2) != slug:
        raise _fail(path, f"file name does not match slug {slug!r}")
    category = data["category"]
    if category not in tuple(Category):
        raise _fail(path, f"category {category!r} is not one of {', '.join(Category)}")
    published_at = _datetime_field(path, data, "published_at", required=True)
    updated_at = _datetime_field(path, data, "updated_at", required=False)
    pinned_until = _datetime_field(path, data, "pinned_until", required=False)
    if updated_at is not None and updated_at < published_at:
        raise _fail(path, "updated_at is before published_at")
    if pinned_until is not None and pinned_until <= published_at:
        raise _fail(path, "pinned_until is not after published_at")
    cover = data.get("cover")
    if cover is not None and cover not in cover_names():
        raise _fail(
            path, f"cover {cover!r} is not a file in covers/ (one of {', '.join(cover_names())})"
        )
    has_cover = cover is not None
    id_text = _load_article_text(path, data, "id", has_cover)
    en_text = _load_article_text(path, data, "en", has_cover)
    if id_text is None:  # pragma: no cover - _load_article_text raises first
        raise _fail(path, "the [id] table is required")
    return DemoArticle(
        slug=slug,
        category=Category(category),
        published_at=published_at,
        updated_at=updated_at,
        pinned_until=pinned_until,
        cover=cover,
        id=id_text,
        en=en_text,
        source_file=path.name,
    )


def load_articles(directory: Path = ARTICLES_DIR) -> list[DemoArticle]:
    """All demo articles, oldest first (the order of their NN- file prefix)."""
    paths = sorted(directory.glob("*.toml"))
    if not paths:
        raise ValueError(f"{directory}: no article files")
    articles = [load_article_file(p) for p in paths]
    seen: dict[str, str] = {}
    for article in articles:
        if article.slug in seen:
            raise ValueError(
                f"{article.source_file}: slug {article.slug!r} already used in {seen[article.slug]}"
            )
        seen[article.slug] = article.source_file
    for article in articles:
        for lang, text in (("id", article.id), ("en", article.en)):
            for target in find_links(text.body if text else ""):
                slug = _article_link_slug(target, f"/{lang}")
                if slug and slug not in seen:
                    raise ValueError(f"{article.source_file}: link to unknown article {target!r}")
    pinned = [a.source_file for a in articles if a.pinned_until is not None]
    if len(pinned) > 1:
        raise ValueError(
            f"{pinned[1]}: only one article may have pinned_until (also in {pinned[0]})"
        )
    return sorted(articles, key=lambda a: a.published_at)


# ---------------------------------------------------------------- covers


def cover_names(directory: Path = COVERS_DIR) -> list[str]:
    """The covers an article may name: the stems of the committed WebP files."""
    return sorted(path.stem for path in directory.glob("*.webp"))


def cover_path(name: str, directory: Path = COVERS_DIR) -> Path:
    """The committed file of cover `name` (a name the article loader has checked)."""
    return directory / f"{name}.webp"


# ---------------------------------------------------------------- pages


def _load_page_text(path: Path, data: dict[str, Any], lang: str) -> DemoPageText:
    table = data.get(lang)
    if not isinstance(table, dict):
        raise _fail(path, f"the [{lang}] table is required")
    _check_keys(path, table, {"title", "summary", "body"}, set(), f"[{lang}]")
    text = DemoPageText(
        title=_text_field(path, table, "title", lang),
        summary=_text_field(path, table, "summary", lang),
        body=_text_field(path, table, "body", lang),
    )
    for name, value in _iter_fields(text):
        _check_text(path, value, f"[{lang}].{name}", lang)
    return text


def load_page_file(path: Path) -> DemoPage:
    data = _read_toml(path)
    _check_keys(path, data, {"key", "id", "en"}, set(), "page")
    key = data["key"]
    if key not in PAGE_KEYS:
        raise _fail(path, f"page key {key!r} is not one of {', '.join(PAGE_KEYS)}")
    if path.stem != key:
        raise _fail(path, f"file name does not match key {key!r}")
    return DemoPage(
        key=key,
        id=_load_page_text(path, data, "id"),
        en=_load_page_text(path, data, "en"),
        source_file=path.name,
    )


def load_pages(directory: Path = PAGES_DIR) -> list[DemoPage]:
    """All long-form pages, in the order of PAGE_KEYS; every key must be present."""
    pages = {p.stem: load_page_file(p) for p in sorted(directory.glob("*.toml"))}
    missing = [k for k in PAGE_KEYS if k not in pages]
    if missing:
        raise ValueError(
            f"{directory}: missing page file(s) {', '.join(k + '.toml' for k in missing)}"
        )
    return [pages[k] for k in PAGE_KEYS]


def split_faq(body: str) -> list[tuple[str, str]]:
    """Split an FAQ body into (question, answer markdown) pairs at '## ' headings."""
    items: list[tuple[str, str]] = []
    question: str | None = None
    lines: list[str] = []
    for line in body.splitlines():
        if line.startswith("## "):
            if question is not None:
                items.append((question, "\n".join(lines).strip()))
            question, lines = line[3:].strip(), []
        elif question is not None:
            lines.append(line)
    if question is not None:
        items.append((question, "\n".join(lines).strip()))
    return items


# ---------------------------------------------------------------- hospitals

_HOSPITAL_TEXT = (
    "key",
    "name_id",
    "name_en",
    "address",
    "kecamatan_code",
    "map_url",
    "hours_id",
    "hours_en",
    "emergency_note_id",
    "emergency_note_en",
    "services_id",
    "services_en",
)

_HOSPITAL_UNVERIFIED = frozenset({"hours_id", "hours_en"})


def load_hospitals(path: Path = HOSPITALS_FILE) -> list[DemoHospital]:
    """Partner hospitals (PLKK) known at seed time; staff complete the rest."""
    data = _read_toml(path)
    _check_keys(path, data, {"hospital"}, set(), "file")
    rows = data["hospital"]
    if not isinstance(rows, list) or not rows:
        raise _fail(path, "expected at least one [[hospital]] table")
    hospitals: list[DemoHospital] = []
    seen: set[str] = set()
    for n, row in enumerate(rows, start=1):
        where = f"hospital #{n}"
        _check_keys(path, row, set(_HOSPITAL_TEXT) | {"phone"}, {"beds"}, where)
        # Opening hours may stay empty: unverified hours (a "24-hour" unit) are never seeded.
        values = {k: _text_field(path, row, k, where, required=k not in _HOSPITAL_UNVERIFIED)
                  for k in _HOSPITAL_TEXT}
        phone = row["phone"]
        if not isinstance(phone, str):
            raise _fail(path, f"{where}.phone must be a string (empty when unknown)")
        if phone and not re.fullmatch(r"\+?[0-9 ()-]{6,20}", phone):
            raise _fail(path, f"{where}.phone {phone!r} does not look like a phone number")
        beds = row.get("beds")
        if beds is not None and (not isinstance(beds, int) or isinstance(beds, bool) or beds <= 0):
            raise _fail(path, f"{where}.beds must be a positive integer")
        if not SLUG_RE.match(values["key"]):
            raise _fail(path, f"{where}.key {values['key']!r} is not a slug")
        if values["key"] in seen:
            raise _fail(path, f"{where}: duplicate key {values['key']!r}")
        seen.add(values["key"])
        if not KECAMATAN_CODE_RE.match(values["kecamatan_code"]):
            raise _fail(
                path,
                f"{where}.kecamatan_code {values['kecamatan_code']!r} is not 73.71.01 to 73.71.15",
            )
        if not values["map_url"].startswith("https://"):
            raise _fail(path, f"{where}.map_url must be an https URL")
        hospitals.append(DemoHospital(phone=phone.strip(), beds=beds, **values))
    return hospitals
