"""The settings form, one field per setting of core.promises (labels and limits from there).
Each kind is checked and normalised: phones to E.164, links https only, whole numbers ASCII."""

from __future__ import annotations

from typing import Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from werkzeug.datastructures import FileStorage
from wtforms import BooleanField, Field, StringField
from wtforms.validators import Length

from lindungi.content import media
from lindungi.core.promises import SETTINGS, Setting
from lindungi.forms import BaseForm
from lindungi.site_settings.values import SiteValues

MAX_WHOLE = 100


class SettingsForm(BaseForm):
    remove_home_image = BooleanField(_l("Remove the home page image"))

    def __init__(self, *args: Any, has_home_image: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.has_home_image = has_home_image
        self.processed_image: media.ProcessedImage | None = None
        self.cleaned: dict[str, str] = {}

    @classmethod
    def initial(cls, values: SiteValues) -> dict[str, object]:
        data: dict[str, object] = {}
        for setting in SETTINGS:
            if setting.kind == "flag":
                data[setting.key] = values.flag(setting.key)
            elif setting.kind != "image":
                data[setting.key] = values.get(setting.key)
                if setting.translated:
                    data[setting.key + "_en"] = values.get(setting.key + "_en")
        return data

    def settings_fields(self, group: str) -> list[Field]:
        fields = []
        for setting in SETTINGS:
            if setting.group == group:
                fields.append(self[setting.key])
                if setting.translated:
                    fields.append(self[setting.key + "_en"])
        return fields

    def chosen_file(self) -> FileStorage | None:
        data = self["home_image"].data
        return data if isinstance(data, FileStorage) and data.filename else None

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        for setting in SETTINGS:
            ok = self._clean(setting) and ok
        return ok

    def _clean(self, setting: Setting) -> bool:
        field = self[setting.key]
        if setting.kind == "image":
            return self._clean_image(field)
        if setting.kind == "flag":
            self.cleaned[setting.key] = "1" if field.data else ""
            return True
        if setting.translated:
            self.cleaned[setting.key + "_en"] = self[setting.key + "_en"].data or ""
        text = field.data or ""
        if field.errors:
            return False
        if not text:
            self.cleaned[setting.key] = ""
            return True
        try:
            self.cleaned[setting.key] = _normalised(setting, text)
        except ValueError as error:
            field.errors.append(str(error))
            return False
        return True

    def _clean_image(self, field: Field) -> bool:
        upload = self.chosen_file()
        if upload is None:
            return True
        try:
            self.processed_image = media.process_image(upload.stream.read(
                media.MAX_UPLOAD_BYTES + 1))
        except media.MediaError as error:
            field.errors = [str(error)]
            return False
        return True


def _normalised(setting: Setting, text: str) -> str:
    if setting.kind == "phone":
        try:
            number = phonenumbers.parse(text, "ID")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise ValueError(_("Enter an Indonesian phone number, like 0411 123456 or "
                               "0812 3456 7890"))
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if setting.kind == "email":
        try:
            return validate_email(text, check_deliverability=False).normalized
        except EmailNotValidError as error:
            message = _("Enter an e-mail address, like disnaker@makassarkota.go.id")
            raise ValueError(message) from error
    if setting.kind == "url":
        if not text.startswith("https://") or any(c.isspace() for c in text):
            raise ValueError(_("Enter a link that starts with https://"))
        return text
    if setting.kind == "whole":
        if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= MAX_WHOLE:
            raise ValueError(_("Enter a whole number from 1 to %(max)s, or leave it empty",
                               max=MAX_WHOLE))
        return str(int(text))
    return text


def _field_for(setting: Setting) -> Field:
    label = _l(setting.label)
    if setting.kind == "flag":
        return BooleanField(label)
    if setting.kind == "image":
        return FileField(label)
    return StringField(label, validators=[Length(max=setting.max_length, message=_l(
        "Use at most %(max)d characters"))])


for _setting in SETTINGS:
    setattr(SettingsForm, _setting.key, _field_for(_setting))
    if _setting.translated:
        setattr(SettingsForm, _setting.key + "_en", StringField(
            _l("%(label)s, in English (optional)", label=_l(_setting.label)),
            validators=[Length(max=_setting.max_length,
                               message=_l("Use at most %(max)d characters"))]))
