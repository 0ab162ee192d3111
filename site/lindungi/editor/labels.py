"""Words staff read for stored names: pages, snapshot fields, revision kinds, stored statuses."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from lindungi.labels import label_for

PAGE_LABELS = {
    "manfaat": _l("Benefits overview"),
    "jkk": _l("Work accident cover (JKK)"),
    "jkm": _l("Death benefit (JKM)"),
    "jht": _l("Old-age savings (JHT)"),
    "klaim": _l("After an accident: claim guide"),
    "faq": _l("Questions and answers"),
    "kontak": _l("Contact"),
    "privasi": _l("Privacy notice"),
}

FIELD_LABELS = {
    "id.title": _l("Title (Indonesian)"),
    "id.summary": _l("Summary (Indonesian)"),
    "id.body": _l("Text (Indonesian)"),
    "id.cover_alt": _l("Picture description (Indonesian)"),
    "id.cover_caption": _l("Caption (Indonesian)"),
    "en.title": _l("Title (English)"),
    "en.summary": _l("Summary (English)"),
    "en.body": _l("Text (English)"),
    "en.cover_alt": _l("Picture description (English)"),
    "en.cover_caption": _l("Caption (English)"),
    "slug": _l("Web address"),
    "category": _l("Category"),
    "status": _l("Publication"),
    "publish_at": _l("Publish time"),
    "pinned_until": _l("Banner until"),
    "cover_id": _l("Cover picture"),
}

ACTION_LABELS = {
    "create": _l("Created"),
    "update": _l("Saved"),
    "status": _l("Publication changed"),
    "restore": _l("Restored"),
}

# Stored statuses (a snapshot does not know whether "published" was still scheduled).
STATUS_LABELS = {
    "draft": _l("Draft"),
    "published": _l("Published"),
    "archived": _l("Archived"),
}


def field_label(key: str) -> str:
    return label_for(FIELD_LABELS, key)


def page_label(key: str) -> str:
    return label_for(PAGE_LABELS, key)
