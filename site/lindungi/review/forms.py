"""The queue's filters and search, and the decision forms.

Several decision forms share the detail page, so each has a prefix (ids and names stay unique).
Every decision form carries the request's version for optimistic locking.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    Field,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    AnyOf,
    DataRequired,
    Length,
    Optional,
    StopValidation,
    ValidationError,
)
from wtforms.widgets import HiddenInput

from lindungi.core.nik import KpjError, parse_kpj
from lindungi.core.places import kecamatan_by_code, kecamatan_list
from lindungi.enrollment.models import EnrollmentWorker, RequestStatus
from lindungi.enrollment.statuses import REJECTION_REASONS, STATUS_LABELS
from lindungi.forms import BaseForm, GetForm
from lindungi.review.queries import SEARCH_MAX_LENGTH, QueueCriteria, parse_sort
from lindungi.urlargs import parse_id

MESSAGE_MAX = 1000
NOTE_MAX = 2000


def status_choices() -> list[tuple[str, str]]:
    return [("", _("All statuses"))] + [(s.value, str(STATUS_LABELS[s])) for s in RequestStatus]


def kecamatan_choices() -> list[tuple[str, str]]:
    return [("", _("All kecamatan"))] + [(k.code, k.name) for k in kecamatan_list()]


# Filter dates outside these are mistakes; they would also overflow the day arithmetic
# (9999-12-31 plus one day, 0001-01-01 in UTC).
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2099, 12, 31)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_date(form: Any, field: Field) -> None:
    """A YYYY-MM-DD filter date (what <input type=date> sends) in field.parsed, else None."""
    field.parsed = None
    if not field.data:
        return
    day = _parse_day(field.data)
    if day is None:
        raise ValidationError(_("Enter the date as day, month and year."))
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(_("Enter a date between %(first)s and %(last)s.",
                                first=EARLIEST_DATE.year, last=LATEST_DATE.year))
    field.parsed = day


def _parse_day(text: str) -> date | None:
    # fromisoformat alone also takes "20260101" and week dates such as "2026-W01-1".
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


class QueueFilterForm(GetForm):
    """Plain GET parameters: they hold no personal data (search is a separate POST)."""

    status = SelectField(_l("Status"), choices=status_choices, validate_choice=False)
    kecamatan = SelectField(_l("Kecamatan"), choices=kecamatan_choices, validate_choice=False)
    since = StringField(_l("Received from"), validators=[iso_date])
    until = StringField(_l("Received until"), validators=[iso_date])
    flagged = BooleanField(_l("Only flagged requests"))
    undelivered = BooleanField(_l("Only requests with a message not delivered"))
    sort = HiddenField()

    def criteria(self, search: str) -> QueueCriteria:
        """What the filters ask for; a value that is not one of the choices is ignored."""
        statuses = {status.value for status in RequestStatus}
        status = self.status.data if self.status.data in statuses else None
        kecamatan = self.kecamatan.data if kecamatan_by_code(self.kecamatan.data or "") else None
        return QueueCriteria(
            status=RequestStatus(status) if status else None, kecamatan=kecamatan,
            since=getattr(self.since, "parsed", None), until=getattr(self.until, "parsed", None),
            flagged=bool(self.flagged.data), search=search, sort=parse_sort(self.sort.data),
            undelivered=bool(self.undelivered.data),
        )


class SearchForm(BaseForm):
    """A POST, so a worker's name never ends up in a URL or an access log."""

    q = StringField(_l("Reference or worker's name"), validators=[
        Length(max=SEARCH_MAX_LENGTH, message=_l("Use at most %(max)d characters."))])


class VersionField(IntegerField):
    """The version of the request the page showed (hidden). ASCII digits only; anything else
    means an old or edited page, with a message in the page's language (not WTForms' English
    "Not a valid integer value.")."""

    widget = HiddenInput()

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = parse_id(valuelist[0]) if valuelist else None

    def pre_validate(self, form: Any) -> None:
        if self.data is None:
            raise StopValidation(_("This page is out of date. Open the request again and "
                                   "decide once more."))


def _version_field() -> VersionField:
    return VersionField()


def _note_field() -> TextAreaField:
    return TextAreaField(_l("Internal note (optional)"), validators=[
        Optional(), Length(max=NOTE_MAX, message=_l("Use at most %(max)d characters."))])


class StartReviewForm(BaseForm):
    """No reason asked: starting a review decides nothing, it only shows who is looking (who and
    when are recorded). The reason is asked when the request is decided."""

    version = _version_field()


class ApproveForm(BaseForm):
    version = _version_field()
    # Never pre-filled: a kept default would say "checked" whether anything was checked or not.
    # The page shows a short checklist of what to check instead.
    reason = TextAreaField(_l("Why you approve"), validators=[
        DataRequired(_l("Write why you approve the request: what you checked.")),
        Length(max=NOTE_MAX, message=_l("Use at most %(max)d characters."))])


class AskInfoForm(BaseForm):
    version = _version_field()
    message = TextAreaField(_l("Message to the applicant"), validators=[
        DataRequired(_l("Write what the applicant needs to send or correct.")),
        Length(max=MESSAGE_MAX, message=_l("Use at most %(max)d characters."))])
    note = _note_field()


def reason_choices() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in REJECTION_REASONS.items()]


class RejectForm(BaseForm):
    version = _version_field()
    reason = RadioField(_l("Reason"), choices=reason_choices, validate_choice=False,
                        validators=[AnyOf(list(REJECTION_REASONS), _l("Choose the reason."))])
    message = TextAreaField(_l("Explanation for the applicant"), validators=[
        Length(max=MESSAGE_MAX, message=_l("Use at most %(max)d characters."))])
    note = _note_field()

    def validate_message(self, field: Field) -> None:
        if self.reason.data == "other" and not field.data:
            raise ValidationError(_("Explain the reason to the applicant."))


class NoteForm(BaseForm):
    body = TextAreaField(_l("New internal note"), validators=[
        DataRequired(_l("Write the note.")),
        Length(max=NOTE_MAX, message=_l("Use at most %(max)d characters."))])


def _kpj_validator(form: Any, field: Field) -> None:
    try:
        field.data = parse_kpj(field.data or "", int(current_app.config["KPJ_LENGTH"]))
    except KpjError as error:
        raise ValidationError(_(error.message, **error.params)) from None


class _RegisterBase(BaseForm):
    """The why of "registered" is the KPJ number BPJS Ketenagakerjaan gave each worker, which
    the form requires; the note stays optional."""

    version = _version_field()
    note = _note_field()

    def kpj_fields(self) -> list[tuple[EnrollmentWorker, Field]]:
        return [(worker, self[f"kpj_{worker.id}"]) for worker in self.workers]

    def kpj_by_worker(self) -> dict[int, str]:
        return {worker.id: field.data for worker, field in self.kpj_fields()}


def register_form(workers: list[EnrollmentWorker], **kwargs: Any) -> _RegisterBase:
    """One KPJ field per worker in the request, labelled with the worker's name."""

    class RegisterForm(_RegisterBase):
        pass

    for worker in workers:
        setattr(RegisterForm, f"kpj_{worker.id}", StringField(
            _("KPJ number of %(name)s", name=worker.full_name), validators=[_kpj_validator]))
    form = RegisterForm(prefix="register", **kwargs)
    form.workers = workers
    return form
