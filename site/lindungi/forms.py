"""Form conventions shared by every capability (after GOV.UK): whitespace stripped from every text
field, messages in the page's language, and the list of errors for the summary at the top."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto as _AUTO  # "read the request": FlaskForm's default formdata
from werkzeug.datastructures import CombinedMultiDict, MultiDict
from wtforms import Field, FileField, TextAreaField

from lindungi.textinput import multi_line, single_line


def _clean_line(value: Any) -> Any:
    return single_line(value).strip() if isinstance(value, str) else value


def _clean_text(value: Any) -> Any:
    return multi_line(value).strip() if isinstance(value, str) else value


_SUBMIT_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class BaseForm(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            # Every text field is stripped: " 7371..." and "7371... " are the same answer; control
            # characters are removed (line breaks too, except in text areas).
            filters = list(unbound_field.kwargs.get("filters", []))
            multiline = issubclass(unbound_field.field_class, TextAreaField)
            filters.insert(0, _clean_text if multiline else _clean_line)
            return unbound_field.bind(form=form, filters=filters, **options)

        def wrap_formdata(self, form, formdata):
            # Flask-WTF hands every field the uploaded files too, and a JSON body's values: an
            # upload named like a text field (or a number in JSON) reached validators that
            # expect text, and gave a 500. Uploads go to file fields only; forms read form
            # bodies only.
            if formdata is not _AUTO or request.method not in _SUBMIT_METHODS:
                return super().wrap_formdata(form, formdata)
            takes_files = {f.name for f in form._fields.values() if isinstance(f, FileField)}
            uploads = [(name, upload) for name, upload in request.files.items(multi=True)
                       if name in takes_files]
            if uploads:
                return CombinedMultiDict((MultiDict(uploads), request.form))
            return request.form or None

    def error_list(self) -> list[tuple[str, str]]:
        """(field id, first message) for the error summary, in the order fields appear."""
        return [(field.id, field.errors[0]) for field in self if _visible_error(field)]


class GetForm(BaseForm):
    """A GET form (eligibility check, search): no CSRF token, since it changes nothing."""

    class Meta(BaseForm.Meta):
        csrf = False


def _visible_error(field: Field) -> bool:
    return bool(field.errors) and field.type not in {"CSRFTokenField", "HiddenField"}
