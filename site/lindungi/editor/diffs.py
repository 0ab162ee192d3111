"""Field-by-field differences between two snapshots, as staff read them: labels, times in WITA,
category and status names. Every value stays plain text; the template escapes it."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from lindungi.content.models import Category
from lindungi.content.revisions import (
    Piece,
    Snapshot,
    changed_fields,
    inline_diff,
    is_multiline,
    line_diff,
    parse_when,
)
from lindungi.content.sections import CATEGORY_LABELS
from lindungi.editor import wita
from lindungi.editor.labels import STATUS_LABELS, field_label
from lindungi.formatting import format_date_long, format_datetime_wita
from lindungi.labels import label_for
from lindungi.templating import locale_code

TEXT_FIELDS = ("title", "summary", "body", "cover_alt", "cover_caption")


@dataclass(frozen=True)
class FieldDiff:
    key: str
    label: str
    pieces: list[Piece]
    lines: bool  # one piece per line (bodies), else words in a row


def display_value(key: str, value: object) -> str:
    """A stored value as words; "" for nothing."""
    if value is None or value == "":
        return ""
    if key == "category" and isinstance(value, str) and value in set(Category):
        return str(CATEGORY_LABELS[Category(value)])
    if key == "status" and isinstance(value, str):
        return label_for(STATUS_LABELS, value)
    if key == "publish_at":
        moment = parse_when(value)
        return format_datetime_wita(moment, locale_code()) if moment else ""
    if key == "pinned_until":
        day = wita.last_day(parse_when(value))
        return format_date_long(day, locale_code()) if day else ""
    if key == "cover_id":
        return _("Picture number %(number)s", number=value)
    return str(value)


def field_diff(key: str, old: object, new: object) -> FieldDiff:
    before, after = display_value(key, old), display_value(key, new)
    if key.split(".")[-1] in TEXT_FIELDS and is_multiline(before, after):
        return FieldDiff(key, field_label(key), line_diff(before, after), lines=True)
    if key.split(".")[-1] in TEXT_FIELDS:
        return FieldDiff(key, field_label(key), inline_diff(before, after), lines=False)
    pieces = [piece for piece in (Piece("del", before), Piece("ins", after)) if piece.text]
    return FieldDiff(key, field_label(key), pieces, lines=False)


def snapshot_diff(before: Snapshot, after: Snapshot, order: tuple[str, ...],
                  only: tuple[str, ...] | None = None) -> list[FieldDiff]:
    """The fields that differ from `before` to `after`, in `order` (limited to `only`)."""
    keys = changed_fields(before, after, order)
    if only is not None:
        keys = [key for key in keys if key in only]
    return [field_diff(key, before.get(key), after.get(key)) for key in keys]
