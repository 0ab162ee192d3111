"""Every form message is ours, in the page's language: WTForms has no Indonesian catalog, so a
validator without `message=`, a choice checked by WTForms, or a number field's own parse error
would show English ("Field cannot be longer than 254 characters.") on an Indonesian page."""

from __future__ import annotations

import importlib

import pytest
from wtforms import (
    DateField,
    DateTimeField,
    DecimalField,
    FloatField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
)
from wtforms.fields.core import UnboundField

from lindungi.forms import BaseForm

MODULES = [
    "lindungi.staff.forms", "lindungi.review.forms", "lindungi.audit.views",
    "lindungi.enrollment.forms", "lindungi.enrollment.worker_forms", "lindungi.eligibility.forms",
]
# Fields whose own parsing adds an English message unless a subclass replaces it.
PARSING = {cls.process_formdata for cls in (IntegerField, FloatField, DecimalField, DateField,
                                              DateTimeField)}
CHOICES = (SelectField, RadioField, SelectMultipleField)


def _forms() -> list[type[BaseForm]]:
    for name in MODULES:
        importlib.import_module(name)
    found, todo = [], list(BaseForm.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__ in MODULES:
            found.append(cls)
    return found


def _fields(form: type[BaseForm]) -> list[tuple[str, UnboundField]]:
    return [(name, getattr(form, name)) for name in dir(form)
            if isinstance(getattr(form, name, None), UnboundField)]


FIELDS = [(f"{form.__module__}.{form.__name__}.{name}", field)
          for form in _forms() for name, field in _fields(form)]


def test_the_forms_are_found() -> None:
    names = {name.rsplit(".", 1)[0] for name, _field in FIELDS}
    assert "lindungi.staff.forms.SignInForm" in names
    assert "lindungi.review.forms.ApproveForm" in names
    assert "lindungi.enrollment.worker_forms.WorkForm" in names


@pytest.mark.parametrize("name, field", FIELDS, ids=[name for name, _field in FIELDS])
def test_every_message_is_our_own(name: str, field: UnboundField) -> None:
    validators = field.kwargs.get("validators") or (field.args[1] if len(field.args) > 1 else [])
    for validator in validators:
        if hasattr(validator, "message"):
            assert validator.message is not None, f"{name}: {type(validator).__name__}"
    if issubclass(field.field_class, CHOICES):
        ours = (field.kwargs.get("validate_choice") is False
                or field.kwargs.get("invalid_choice_message") is not None)
        assert ours, f"{name}: WTForms' own 'Not a valid choice.'"
    assert field.field_class.process_formdata not in PARSING, f"{name}: WTForms parses it"
