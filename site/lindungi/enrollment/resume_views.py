"""Save and return: /daftar/simpan makes a code for this browser's draft (and sends it with the
link by the contact step's channel, when that step is answered), /daftar/tersimpan shows it once
and can send it to a phone or e-mail typed there, /daftar/lanjut continues the draft on another
phone (code and a worker's date of birth, rate-limited like the status lookup)."""

from __future__ import annotations

from flask import current_app, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response
from wtforms import StringField
from wtforms.validators import InputRequired, StopValidation

from lindungi.enrollment import drafts, resume, resume_messages
from lindungi.enrollment.blueprint import bp
from lindungi.enrollment.flow import first_incomplete
from lindungi.enrollment.forms import BirthDateMixin, add_error, date_boxes
from lindungi.enrollment.limits import submit_limit
from lindungi.enrollment.pages import current, go, leave_flow
from lindungi.enrollment.resume_forms import SendCodeForm
from lindungi.extensions import db, limiter
from lindungi.forms import BaseForm
from lindungi.htmx import render_page_or_fragment
from lindungi.i18n import current_lang
from lindungi.outbox.labels import CHANNEL_LABELS
from lindungi.outbox.models import Channel
from lindungi.program import city_today
from lindungi.public.helpers import absolute_url

CODE_KEY = "enrollment_resume_code"  # shown once on the saved page, then forgotten
SENT_KEY = "enrollment_resume_sent"  # the channel the code went out by, said once with it


class SaveForm(BaseForm):
    """Only the CSRF token."""


class ResumeForm(BirthDateMixin, BaseForm):
    code = StringField(_l("Code"), validators=[InputRequired(_l("Enter the code, for example "
                                                                "7K3QF-9X2MA"))])
    birth_day, birth_month, birth_year = date_boxes()

    def validate_code(self, field) -> None:
        normalised = resume.normalise(field.data or "")
        if normalised is None:
            raise StopValidation(_("This code is not right. It has 10 letters and digits, "
                                   "for example 7K3QF-9X2MA."))
        field.data = normalised


@bp.post("/daftar/simpan")
@submit_limit  # each save may send a message: limited like sending the request
def save_for_later() -> Response:
    draft, answers = current()
    if not SaveForm().validate() or draft is None:
        return leave_flow("enrollment.start")
    if not answers.birth_dates():  # the date of birth that guards the code comes from a worker
        return go(first_incomplete(answers))
    code = resume.save_for_later(draft)
    destination = resume_messages.destination_in(answers)
    if destination is not None:  # queued in this transaction: sent exactly when saved
        resume_messages.send_code(code, current_lang(), *destination)
    db.session.commit()
    session[CODE_KEY] = code
    session[SENT_KEY] = destination[0].value if destination else ""
    return leave_flow("enrollment.saved")


def _saved_page(code: str, form: SendCodeForm, sent: str = "") -> Response:
    return render_page_or_fragment(
        "enrollment/saved.html", "enrollment/_saved_body.html", code=code, form=form,
        days=resume.RESUME_DAYS, link=absolute_url("enrollment.resume_draft", kode=code),
        sent_by=CHANNEL_LABELS.get(Channel(sent)) if sent in set(Channel) else None)


@bp.get("/daftar/tersimpan")
def saved() -> Response:
    code = session.pop(CODE_KEY, None)
    sent = session.pop(SENT_KEY, "")
    if not isinstance(code, str):
        return redirect(url_for("enrollment.start"), 303)
    form = SendCodeForm(formdata=None, data={"code": code})
    return _saved_page(code, form, sent if isinstance(sent, str) else "")


@bp.post("/daftar/tersimpan")
@submit_limit
def send_saved_code() -> Response:
    """Send the shown code to the address typed here. Only a current code of this browser's own
    draft is accepted, so the form cannot send messages about anyone else's draft."""
    draft, _answers = current()
    form = SendCodeForm()
    valid = form.validate()
    if draft is None or not resume.belongs_to(form.code.data or "", draft):
        return redirect(url_for("enrollment.start"), 303)
    if not valid:
        return _saved_page(form.code.data, form)
    resume_messages.send_code(form.code.data, current_lang(), Channel(form.channel.data),
                              form.recipient)
    db.session.commit()
    session[CODE_KEY] = form.code.data
    session[SENT_KEY] = form.channel.data
    return redirect(url_for("enrollment.saved"), 303)


def _resume_page(form: ResumeForm) -> Response:
    return render_page_or_fragment("enrollment/resume.html", "enrollment/_resume_body.html",
                                   form=form, days=resume.RESUME_DAYS)


@bp.get("/daftar/lanjut")
def resume_draft() -> Response:
    # The code may come in the link (?kode=): a random code, nothing personal.
    code = request.args.get("kode", "")[:20]
    return _resume_page(ResumeForm(formdata=None, data={"code": code}))


@bp.post("/daftar/lanjut")
@limiter.limit(lambda: current_app.config["STATUS_LOOKUP_LIMIT"])
def resume_draft_post() -> Response:
    form = ResumeForm()
    valid = form.validate()
    birth_date = form.read_birth_date(city_today())
    if not valid or birth_date is None:
        return _resume_page(form)
    draft = resume.resume(form.code.data, birth_date)
    if draft is None:
        add_error(form.code, _("We could not find saved answers with this code and date of "
                               "birth. Check both; a code works for %(days)s days and once "
                               "only.", days=resume.RESUME_DAYS))
        return _resume_page(form)
    db.session.commit()
    session[drafts.SESSION_KEY] = draft.id
    session.permanent = True
    return go(first_incomplete(drafts.answers_of(draft)))
