"""The editor's forms: an article, a long-form page, a restore, and the list's filters.

Fields come in pairs per language ("id_title", "en_title", ...). Indonesian is required; English
is all or nothing: once any English field is filled, its title, summary and body are needed.
Checks that need more than one field (cover and alt text, state and time, the pin and its day)
run in validate(), after each field's own checks.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from werkzeug.datastructures import FileStorage
from wtforms import (
    BooleanField,
    Field,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import HiddenInput

from lindungi.content import media
from lindungi.content.operations import slug_taken
from lindungi.content.rendering import unknown_tokens
from lindungi.content.sections import CATEGORY_LABELS, SLUG_MAX, SLUG_RE
from lindungi.core.parameters import figures
from lindungi.core.promises import TOKENS
from lindungi.editor import wita
from lindungi.editor.states import STATE_LABELS, State
from lindungi.forms import BaseForm, GetForm
from lindungi.program import program_parameters

TITLE_MAX, SUMMARY_MAX, BODY_MAX, ALT_MAX, CAPTION_MAX = 200, 400, 60_000, 300, 300
TEXT_NAMES = ("title", "summary", "body", "cover_alt", "cover_caption")
PAGE_TEXT_NAMES = ("title", "summary", "body")


def _max(limit: int) -> Length:
    return Length(max=limit, message=_l("Use at most %(max)d characters."))


def _text(label: Any, limit: int, area: bool = False) -> Field:
    kind = TextAreaField if area else StringField
    return kind(label, validators=[Optional(), _max(limit)])


def category_choices() -> list[tuple[str, str]]:
    return [(category.value, str(label)) for category, label in CATEGORY_LABELS.items()]


def state_choices() -> list[tuple[str, str]]:
    return [(state.value, str(label)) for state, label in STATE_LABELS.items()]


# Messages for a missing text, per language and field.
_REQUIRED_ID = {
    "title": _l("Enter the Indonesian title."),
    "summary": _l("Enter the Indonesian summary."),
    "body": _l("Write the Indonesian text."),
}
_REQUIRED_EN = {
    "title": _l("Enter the English title, or leave every English field empty."),
    "summary": _l("Enter the English summary, or leave every English field empty."),
    "body": _l("Write the English text, or leave every English field empty."),
}


class _TextsForm(BaseForm):
    """What articles and pages share: texts per language, their checks, the version."""

    text_names: tuple[str, ...] = PAGE_TEXT_NAMES
    required_names: tuple[str, ...] = ("title", "summary", "body")
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])

    page_order: tuple[str, ...] = ()

    def error_list(self) -> list[tuple[str, str]]:
        found = super().error_list()
        order = {name: index for index, name in enumerate(self.page_order)}
        return sorted(found, key=lambda item: order.get(item[0], len(order)))

    def text_field(self, lang: str, name: str) -> Field:
        return self[f"{lang}_{name}"]

    def english_given(self) -> bool:
        return any(self.text_field("en", name).data for name in self.text_names)

    def texts(self, lang: str) -> dict[str, str]:
        return {name: self.text_field(lang, name).data or "" for name in self.text_names}

    def _require(self, lang: str, names: tuple[str, ...]) -> bool:
        messages = _REQUIRED_ID if lang == "id" else _REQUIRED_EN
        ok = True
        for name in names:
            field = self.text_field(lang, name)
            if not field.data and not field.errors:
                field.errors.append(str(messages[name]))
                ok = False
        return ok

    def _check_tokens(self) -> bool:
        """A [[figure]] that does not exist would show as it is on the public page."""
        known = {**figures(program_parameters()), **dict.fromkeys(TOKENS)}
        ok = True
        for lang in ("id", "en"):
            for name in self.text_names:
                field = self.text_field(lang, name)
                unknown = unknown_tokens(field.data or "", known)
                if unknown and not field.errors:
                    field.errors.append(_(
                        "There is no figure called [[%(name)s]]. Use one of the figures "
                        "listed under “Figures you can use”.", name=unknown[0]))
                    ok = False
        return ok

    def check_texts(self) -> bool:
        ok = self._require("id", self.required_names)
        if self.english_given():
            ok = self._require("en", self.required_names) and ok
        return self._check_tokens() and ok


def _language_fields(cls: type[_TextsForm], names: tuple[str, ...]) -> None:
    labels = {
        "title": (_l("Title"), TITLE_MAX, False),
        "summary": (_l("Summary"), SUMMARY_MAX, True),
        "body": (_l("Text (Markdown)"), BODY_MAX, True),
        "cover_alt": (_l("Description of the cover picture (alt text)"), ALT_MAX, False),
        "cover_caption": (_l("Caption (optional)"), CAPTION_MAX, False),
    }
    for lang in ("id", "en"):
        for name in names:
            label, limit, area = labels[name]
            setattr(cls, f"{lang}_{name}", _text(label, limit, area))


class ArticleForm(_TextsForm):
    text_names = TEXT_NAMES
    # The order fields appear on the page, for the error summary.
    page_order = (
        "id_title", "id_summary", "id_body", "en_title", "en_summary", "en_body", "cover",
        "remove_cover", "id_cover_alt", "id_cover_caption", "en_cover_alt", "en_cover_caption",
        "category", "slug", "state", "publish_at", "notify_readers", "pinned", "pinned_until",
    )

    category = RadioField(_l("Category"), choices=category_choices,
                          invalid_choice_message=_l("Choose the category."))
    slug = StringField(_l("Web address (slug)"), validators=[Optional(), _max(SLUG_MAX)])
    cover = FileField(_l("Cover picture (optional)"))
    remove_cover = BooleanField(_l("Remove the cover picture"))
    state = RadioField(_l("Publication"), choices=state_choices,
                       invalid_choice_message=_l("Choose whether to publish."))
    publish_at = StringField(_l("Publish time (WITA)"), validators=[Optional()])
    notify_readers = BooleanField(_l("Show readers that the article was updated"))
    pinned = BooleanField(_l("Show as the announcement banner on the home page"))
    pinned_until = StringField(_l("Last day of the banner"), validators=[Optional()])

    def __init__(self, *args: Any, article_id: int | None = None, has_cover: bool = False,
                 now: datetime | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.article_id = article_id
        self.has_cover = has_cover
        self.now = now
        self.processed_cover: media.ProcessedImage | None = None
        self.publish_moment: datetime | None = None
        self.pin_end: datetime | None = None

    def chosen_file(self) -> FileStorage | None:
        data = self.cover.data
        return data if isinstance(data, FileStorage) and data.filename else None

    def will_have_cover(self) -> bool:
        return self.chosen_file() is not None or (self.has_cover and not self.remove_cover.data)

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        ok = self.check_texts() and ok
        ok = self._check_cover() and ok
        ok = self._check_slug() and ok
        ok = self._check_time() and ok
        return self._check_pin() and ok

    def _check_cover(self) -> bool:
        upload = self.chosen_file()
        if upload is not None:
            data = upload.stream.read(media.MAX_UPLOAD_BYTES + 1)
            try:
                self.processed_cover = media.process_image(data)
            except media.MediaError as error:
                self.cover.errors = [str(error)]
                return False
        if not self.will_have_cover():
            return True
        ok = True
        langs = ("id", "en") if self.english_given() else ("id",)
        for lang in langs:
            field = self.text_field(lang, "cover_alt")
            if not field.data and not field.errors:
                field.errors.append(_("Describe the cover picture for people who cannot see it.")
                                    if lang == "id" else
                                    _("Describe the cover picture in English."))
                ok = False
        return ok

    def _check_slug(self) -> bool:
        slug = self.slug.data or ""
        if not slug or self.slug.errors:
            return not self.slug.errors
        if not SLUG_RE.match(slug):
            self.slug.errors.append(_("Use only lowercase letters a to z, digits and single "
                                      "hyphens, such as jadwal-verifikasi-data."))
            return False
        if slug_taken(slug, self.article_id):
            self.slug.errors.append(_("Another article already uses this address. Choose "
                                      "another one."))
            return False
        return True

    def _check_time(self) -> bool:
        text = self.publish_at.data or ""
        moment = wita.parse_datetime(text) if text else None
        if text and moment is None:
            self.publish_at.errors.append(_("Enter the publish time as a date and a time, such "
                                            "as 2026-12-01 09:00."))
            return False
        self.publish_moment = moment
        state, now = self.state.data, self.now
        if now is None or self.state.errors:
            return True
        if state == State.SCHEDULED and (moment is None or moment <= now):
            self.publish_at.errors.append(_("Enter a publish time in the future, or choose "
                                            "Published."))
            return False
        if state == State.PUBLISHED and moment is not None and moment > now:
            self.publish_at.errors.append(_("That time is in the future. Choose Scheduled, or "
                                            "leave the time empty to publish now."))
            return False
        return True

    def _check_pin(self) -> bool:
        if not self.pinned.data:
            return True
        text = self.pinned_until.data or ""
        day = wita.parse_date(text) if text else None
        if day is None:
            self.pinned_until.errors.append(_("Enter the last day the banner shows."))
            return False
        self.pin_end = wita.end_of_day(day)
        return True


_language_fields(ArticleForm, TEXT_NAMES)


class PageForm(_TextsForm):
    text_names = PAGE_TEXT_NAMES
    required_names = ("title", "body")
    page_order = tuple(f"{lang}_{name}" for lang in ("id", "en") for name in PAGE_TEXT_NAMES)

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        return self.check_texts() and ok


_language_fields(PageForm, PAGE_TEXT_NAMES)


class RestoreForm(BaseForm):
    version = IntegerField(widget=HiddenInput(), validators=[DataRequired()])


def filter_state_choices() -> list[tuple[str, str]]:
    return [("", _("All states")), *state_choices()]


def filter_category_choices() -> list[tuple[str, str]]:
    return [("", _("All categories")), *category_choices()]


class ArticleFilterForm(GetForm):
    """Plain GET parameters: titles of news are public words, never personal data."""

    state = SelectField(_l("State"), choices=filter_state_choices, validate_choice=False)
    category = SelectField(_l("Category"), choices=filter_category_choices,
                           validate_choice=False)
    q = StringField(_l("Words in the title"), validators=[Optional(), _max(100)])

    def chosen_state(self) -> State | None:
        return State(self.state.data) if self.state.data in set(State) else None

    def chosen_category(self) -> str | None:
        values = {value for value, _label in category_choices()}
        return self.category.data if self.category.data in values else None
