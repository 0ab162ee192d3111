"""The steps around the workers: start, who is applying, contact, consent, check, send, done."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError, OperationalError
from werkzeug.wrappers import Response

from lindungi import versioned
from lindungi.database import read_phase, writes_on_get
from lindungi.enrollment import display, drafts, operations, window
from lindungi.enrollment.answers import Answers, Applicant, Consent, Contact, defaults_from_query
from lindungi.enrollment.blueprint import bp
from lindungi.enrollment.context import WorkerContext
from lindungi.enrollment.flow import Place, Step, can_open, consent_is_current, next_place
from lindungi.enrollment.forms import ApplicantForm, ConsentForm, ContactForm, SubmitForm
from lindungi.enrollment.limits import step_limit, submit_limit
from lindungi.enrollment.models import EnrollmentDraft
from lindungi.enrollment.operations import Problem
from lindungi.enrollment.pages import (
    busy_page,
    current,
    go,
    go_first_incomplete,
    leave_flow,
    render_step,
    worker_context,
)
from lindungi.enrollment.settings import MAX_WORKERS
from lindungi.enrollment.text import display_phone
from lindungi.extensions import db
from lindungi.protection.notice import current_notice_version
from lindungi.site_settings import values as site_values
from lindungi.timeutil import utcnow


@bp.get("/daftar")
def start() -> Response | str:
    if request.args:
        return _prefill()
    try:
        draft = drafts.load()
    except drafts.DraftExpired:
        draft = None
    # Said once: popped only when present, so a visitor without a session gets no cookie.
    expired = drafts.EXPIRED_KEY in session and bool(session.pop(drafts.EXPIRED_KEY))
    return render_template(
        "enrollment/start.html", expired=expired, has_draft=draft is not None,
        last_reference=session.get(drafts.REFERENCE_KEY), max_workers=MAX_WORKERS,
        draft_hours=current_app.config["ENROLLMENT_DRAFT_HOURS"],
        enrollment_window=window.state(),
    )


def _prefill() -> Response:
    """Keep the eligibility checker's answers as the first worker's defaults (in the session,
    until the first step is saved), then send the visitor to the clean address so nothing
    lingers in the history. A GET: nothing is written to the database."""
    defaults = defaults_from_query(request.args)
    if defaults is not None:
        drafts.remember_prefill(defaults)
    return redirect(url_for("enrollment.start"), 303)


@bp.route("/daftar/pemohon", methods=["GET", "POST"])
@step_limit
def applicant() -> Response:
    draft, answers = current()
    place = Place(Step.APPLICANT)
    if request.method == "GET":
        known = answers.applicant
        data = {} if known is None else {
            "who": "self" if known.for_self else "other", "applicant_name": known.name,
            "relationship": known.relationship or None,
        }
        form = ApplicantForm(data=data)
    else:
        form = ApplicantForm()
        if form.validate():
            for_self = form.who.data == "self"
            answers.applicant = Applicant(
                for_self=for_self, name="" if for_self else form.applicant_name.data,
                relationship="" if for_self else form.relationship.data,
            )
            drafts.save(draft or drafts.create(), answers)
            db.session.commit()
            return go(next_place(answers, place))
    return render_step(place, "enrollment/steps/applicant.html", _("About the request"),
                       answers, form=form)


@bp.route("/daftar/kontak", methods=["GET", "POST"])
@step_limit
def contact() -> Response:
    draft, answers = current()
    place = Place(Step.CONTACT)
    if draft is None or not can_open(answers, place):
        return go_first_incomplete(answers)
    if request.method == "GET":
        known = answers.contact
        form = ContactForm(data={"preferred_lang": str(get_locale())} if known is None else {
            "channel": known.channel, "phone": display_phone(known.phone_e164),
            "email": known.email, "preferred_lang": known.preferred_lang,
        })
    else:
        form = ContactForm()
        if form.validate():
            answers.contact = Contact(phone_e164=form.phone_e164, email=form.email.data or "",
                                      preferred_lang=form.preferred_lang.data,
                                      channel=form.channel.data)
            drafts.save(draft, answers)
            db.session.commit()
            return go(next_place(answers, place))
    return render_step(place, "enrollment/steps/contact.html",
                       _("How can staff contact you?"), answers, form=form)


@bp.route("/daftar/persetujuan", methods=["GET", "POST"])
@step_limit
def consent() -> Response:
    draft, answers = current()
    place = Place(Step.CONSENT)
    if draft is None or not can_open(answers, place):
        return go_first_incomplete(answers)
    on_behalf = answers.applicant is not None and not answers.applicant.for_self
    if request.method == "GET":
        form = ConsentForm(data={"consent": consent_is_current(answers)}, on_behalf=on_behalf)
    else:
        form = ConsentForm(on_behalf=on_behalf)
        if form.validate():
            answers.consent = Consent(notice_version=current_notice_version(),
                                      consented_at=utcnow(), on_behalf=on_behalf)
            drafts.save(draft, answers)
            db.session.commit()
            return go(next_place(answers, place))
    return render_step(place, "enrollment/steps/consent.html",
                       _("How the city uses these details"), answers, form=form,
                       notice_version=current_notice_version())


@bp.get("/daftar/periksa")
@writes_on_get
def check() -> Response:
    draft, answers = current()
    place = Place(Step.CHECK)
    if draft is None or not can_open(answers, place):
        return go_first_incomplete(answers)
    if not answers.token or not answers.reached_check:
        # The token is made once per draft: two tabs or a reload send the same one.
        answers.token = answers.token or secrets.token_urlsafe(32)
        answers.reached_check = True
        drafts.save(draft, answers)
        db.session.commit()
    return _check_page(answers)


def _check_page(answers: Answers, problems: Sequence[Problem] = ()) -> Response:
    return render_step(
        Place(Step.CHECK), "enrollment/steps/check.html",
        _("Check your answers before sending the request"), answers,
        form=SubmitForm(data={"token": answers.token}), problems=problems,
        max_workers=MAX_WORKERS, params=worker_context(answers).params, **display.helpers(),
    )


@bp.post("/daftar/kirim")
@submit_limit
def submit() -> Response:
    form = SubmitForm()
    if not form.validate():
        return leave_flow("enrollment.check")
    token = form.token.data
    try:
        return _submit(token)
    except OperationalError as error:
        return busy_page(error, token)


def _submit(token: str) -> Response:
    # A submission changes no content: the window's state and the notice's version come from
    # what this process keeps for the current content version, as on the pages before.
    versioned.reads_as_published()
    for attempt in range(2):
        # Checked first in a read transaction, then stored in a short write transaction: on
        # SQLite the write lock is held for the statements that write and little else.
        with read_phase():
            checked = _ready_to_send(token)
        if isinstance(checked, Response):
            return checked
        try:
            return _store(token, *checked)
        except IntegrityError:
            # A parallel submit (another tab or app server) committed a moment ago: the same
            # token (the same request), or another request naming one of these NIKs (open_nik).
            # The second time round that other request is seen, and this one is stored flagged.
            # (Or, about once in billions, a new reference that is taken: a new one is drawn.)
            db.session.rollback()
            sent = operations.reference_by_token(token)
            if sent is not None:
                return _sent(sent)
            if attempt:
                break
    # A bug. Raised without the database error, whose text would put the answers into the
    # error log.
    raise RuntimeError("enrollment request could not be stored") from None


def _ready_to_send(token: str) -> Response | tuple[str, Answers, WorkerContext]:
    """The draft's id, answers and checking context when this draft can be sent now; else the
    page to go to instead."""
    sent = operations.reference_by_token(token)
    if sent is not None:  # a double click, a reload, a second tab: the same request
        # The session may already name a newer draft: leave it alone.
        return _sent(sent, forget_draft=False)
    if not window.is_open():
        return leave_flow("enrollment.closed")
    draft, answers = current()
    if draft is None:
        return leave_flow("enrollment.start")
    if not can_open(answers, Place(Step.CHECK)):
        return go_first_incomplete(answers)
    if answers.token != token:  # a page from before the answers were started again
        return go(Place(Step.CHECK))
    ctx = worker_context(answers)
    problems = operations.submit_problems(answers, ctx)
    if problems:
        return _check_page(answers, problems)
    return draft.id, answers, ctx


def _store(token: str, draft_id: str, answers: Answers, ctx: WorkerContext) -> Response:
    """The draft becomes a request, once: of two parallel submits of one draft, the second
    deletes nothing (its DELETE waits for the first one's commit) and is sent to the first
    one's reference."""
    drafts_table = EnrollmentDraft.__table__
    deleted = db.session.execute(sa.delete(drafts_table).where(drafts_table.c.id == draft_id))
    if deleted.rowcount != 1:
        db.session.rollback()
        sent = operations.reference_by_token(token)
        return _sent(sent) if sent is not None else leave_flow("enrollment.start")
    request_row = operations.submit_request(answers, token, ctx)
    # Read before the commit expires the row: reading it after would start a second
    # transaction (on SQLite another write lock) just to load it again.
    reference = request_row.reference
    db.session.commit()
    return _sent(reference)


def _sent(reference: str, forget_draft: bool = True) -> Response:
    if forget_draft:
        session.pop(drafts.SESSION_KEY, None)
    session[drafts.REFERENCE_KEY] = reference
    return leave_flow("enrollment.done")


@bp.get("/daftar/selesai")
def done() -> Response | str:
    reference = session.get(drafts.REFERENCE_KEY)
    if not isinstance(reference, str):
        return leave_flow("enrollment.start")
    # The decision time is a promise only once the city has set it (site settings).
    return render_template("enrollment/done.html", reference=reference,
                           review_days=site_values.current().whole("decision_working_days"))
