"""How content is divided: news categories (with their URL words and labels), the long-form
pages (by key, with the public endpoint that shows each) and the rule for article slugs.

Shared by the public pages, the editor and the demo loader, so each name is spelled once.
"""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

from lindungi.content.models import Category

# URL words for the news filter (the same in both languages, like every path word).
CATEGORY_SLUGS: dict[str, Category] = {
    "kemitraan": Category.PARTNERSHIPS,
    "kepesertaan": Category.ENROLLMENT,
    "klaim": Category.CLAIMS,
    "layanan": Category.SERVICE,
}
CATEGORY_LABELS = {
    Category.PARTNERSHIPS: _l("Partnerships"),
    Category.ENROLLMENT: _l("Enrollment"),
    Category.CLAIMS: _l("Claims"),
    Category.SERVICE: _l("Service notices"),
}

# Long-form page key -> (endpoint, view arguments).
PAGE_ENDPOINTS: dict[str, tuple[str, dict[str, str]]] = {
    "manfaat": ("public.benefits", {}),
    "jkk": ("public.program", {"program": "jkk"}),
    "jkm": ("public.program", {"program": "jkm"}),
    "jht": ("public.program", {"program": "jht"}),
    "klaim": ("public.claim", {}),
    "faq": ("public.faq", {}),
    "kontak": ("public.contact", {}),
    "privasi": ("public.privacy", {}),
}
PAGE_KEYS: tuple[str, ...] = tuple(PAGE_ENDPOINTS)

# Article slugs: lowercase ASCII words joined by hyphens; the column holds 80 characters.
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 80


def category_slug(category: Category) -> str:
    return next(slug for slug, value in CATEGORY_SLUGS.items() if value == category)


def slugify(title: str) -> str:
    """A URL slug from a title: ascii words joined by hyphens, at most SLUG_MAX characters."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_MAX:
            break
        slug = candidate
    return slug
