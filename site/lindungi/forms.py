"""Form conventions shared by every capability (after GOV.UK): whitespace stripped from every text
field, messages in the page's language, and the list of errors for the summary at the top."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class BaseForm(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            # Every text field is stripped: " 7371..." and "7371... " are the same answer.
            filters = list(unbound_field.kwargs.get("filters", []))
            filters.insert(0, _strip)
            return unbound_field.bind(form=form, filters=filters, **options)

    def error_list(self) -> list[tuple[str, str]]:
        """(field id, first message) for the error summary, in the order fields appear."""
        return [(field.id, field.errors[0]) for field in self if _visible_error(field)]


class GetForm(BaseForm):
    """A GET form (eligibility check, search): no CSRF token, since it changes nothing."""

    class Meta(BaseForm.Meta):
        csrf = False


def _visible_error(field: Field) -> bool:
    return bool(field.errors) and field.type not in {"CSRFTokenField", "HiddenField"}
