"""One request: every answer, the flags, the history, notes, and the decisions.

The page shows NIK and KK in full, so only reviewers and admins open it and every showing is
written to the audit log (also when a form comes back with an error or a conflict); a GET that is
not a real page load shows them masked and writes nothing (review.identity).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask import request as http_request
from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from lindungi.audit import actions
from lindungi.core.ages import age_on
from lindungi.core.nik import mask_nik
from lindungi.core.occupations import occupation_by_code
from lindungi.core.places import kecamatan_by_code, kelurahan_by_code
from lindungi.database import writes_on_get
from lindungi.enrollment import review_requests
from lindungi.enrollment.models import EnrollmentRequest, InternalNote, StatusChange
from lindungi.enrollment.statuses import REJECTION_REASONS, STATUS_LABELS
from lindungi.extensions import db
from lindungi.formatting import to_wita
from lindungi.outbox import labels as outbox_labels
from lindungi.outbox import queries as outbox_queries
from lindungi.program import program_parameters
from lindungi.review import operations, queries
from lindungi.review.blueprint import bp
from lindungi.review.flags import flags_for
from lindungi.review.forms import (
    ApproveForm,
    AskInfoForm,
    NoteForm,
    RejectForm,
    StartReviewForm,
    register_form,
)
from lindungi.review.identity import identity_may_be_shown
from lindungi.review.labels import code_label
from lindungi.staff.access import REVIEWERS, require_roles
from lindungi.staff.models import StaffUser

FORM_PREFIXES = {"start_form": "start", "approve_form": "approve", "ask_form": "ask",
                 "reject_form": "reject", "note_form": "note"}


def _load(request_id: int) -> EnrollmentRequest:
    return db.get_or_404(EnrollmentRequest, request_id)


def _fresh_forms(req: EnrollmentRequest) -> dict[str, Any]:
    version = req.version
    kpj = {f"kpj_{worker.id}": worker.kpj_number for worker in req.workers}
    return {
        "start_form": StartReviewForm(formdata=None, prefix="start", version=version),
        "approve_form": ApproveForm(formdata=None, prefix="approve", version=version),
        "ask_form": AskInfoForm(formdata=None, prefix="ask", version=version),
        "reject_form": RejectForm(formdata=None, prefix="reject", version=version),
        "register_form": register_form(req.workers, formdata=None, version=version, **kpj),
        "note_form": NoteForm(formdata=None, prefix="note"),
    }


def _with_staff(model: type[StatusChange] | type[InternalNote],
                req: EnrollmentRequest) -> list[Any]:
    """The request's status changes or notes, oldest first, each with who made it (a status
    change the applicant made has nobody)."""
    return db.session.execute(
        sa.select(model, StaffUser.email, StaffUser.name)
        .outerjoin(StaffUser, model.staff_id == StaffUser.id)
        .where(model.request_id == req.id)
        .order_by(model.at, model.id)
    ).all()


def _detail_page(req: EnrollmentRequest, status: int = 200, **context: Any) -> tuple[str, int]:
    """Render, and record that NIK and KK were shown: no audit row, no numbers in full."""
    show_identity = identity_may_be_shown()
    if show_identity:
        actions.log(actions.IDENTITY_VIEWED, actor_id=current_user.id,
                    target_type="enrollment_request", target_id=req.id)
    params = program_parameters()
    sent_on = to_wita(req.created_at).date()
    flags = flags_for(req, sent_on, params)
    forms = _fresh_forms(req)
    forms.update({name: form for name, form in context.items() if name.endswith("_form")})
    failed = [form for form in forms.values() if form.errors]
    page = render_template(
        "review/detail.html", req=req, flags=flags, sent_on=sent_on, age_on=age_on,
        show_identity=show_identity, mask=mask_nik,
        history=_with_staff(StatusChange, req), notes=_with_staff(InternalNote, req),
        allowed=operations.allowed, review_request=review_requests.open_review(req),
        status_labels=STATUS_LABELS, reasons=REJECTION_REASONS, kecamatan=kecamatan_by_code,
        kelurahan=kelurahan_by_code, occupation=occupation_by_code, code_label=code_label,
        failed_form=failed[0] if failed else None, messages=outbox_queries.messages_for(req.id),
        **outbox_labels.template_labels(),
        **{name: value for name, value in context.items() if not name.endswith("_form")},
        **forms,
    )
    db.session.commit()
    return page, status


@bp.get("/pendaftaran/<int:request_id>")
@require_roles(*REVIEWERS)
@writes_on_get
def request_detail(request_id: int) -> tuple[str, int]:
    return _detail_page(_load(request_id))


@bp.post("/pendaftaran/<int:request_id>/identitas")
@require_roles(*REVIEWERS)
def show_identity(request_id: int) -> tuple[str, int]:
    """The "Show NIK and KK" button of a page that came masked."""
    return _detail_page(_load(request_id))


@dataclass(frozen=True)
class Decision:
    """One decision button of the detail page: its address, its form and what it does."""

    path: str  # /staf/pendaftaran/<id>/<path>
    endpoint: str
    form_name: str  # the form's name in the page's context
    form: Callable[[EnrollmentRequest], Any]  # the posted form
    apply: Callable[[EnrollmentRequest, Any], object]  # the operation, given the valid form
    done: LazyString  # the message once it is done


DECISIONS = (
    Decision("mulai", "start_review", "start_form",
             lambda _req: StartReviewForm(prefix="start"),
             lambda req, form: operations.start_review(req, current_user, form.version.data),
             _l("You are now reviewing this request.")),
    Decision("setujui", "approve", "approve_form",
             lambda _req: ApproveForm(prefix="approve"),
             lambda req, form: operations.approve(req, current_user, form.version.data,
                                                  form.reason.data),
             _l("The request is approved. It is now in the export for BPJS Ketenagakerjaan.")),
    Decision("minta-informasi", "ask_for_information", "ask_form",
             lambda _req: AskInfoForm(prefix="ask"),
             lambda req, form: operations.ask_for_information(
                 req, current_user, form.version.data, form.message.data,
                 note=form.note.data or ""),
             _l("The applicant will see your message on the status page.")),
    Decision("tolak", "reject", "reject_form",
             lambda _req: RejectForm(prefix="reject"),
             lambda req, form: operations.reject(
                 req, current_user, form.version.data, form.reason.data,
                 message=form.message.data or "", note=form.note.data or ""),
             _l("The request is marked as not approved. The applicant will see the reason.")),
    Decision("terdaftar", "mark_registered", "register_form",
             lambda req: register_form(req.workers),
             lambda req, form: operations.mark_registered(
                 req, current_user, form.version.data, form.kpj_by_worker(),
                 note=form.note.data or ""),
             _l("The request is marked as registered with BPJS Ketenagakerjaan.")),
)


def _decide(decision: Decision, request_id: int) -> Response | tuple[str, int]:
    req = _load(request_id)
    form = decision.form(req)
    if not form.validate_on_submit():
        return _detail_page(req, **{decision.form_name: form})
    try:
        decision.apply(req, form)
        db.session.commit()
    except (operations.RequestChanged, StaleDataError):
        db.session.rollback()
        # What they wrote is kept, now on the current version: they decide again knowingly.
        form.version.data = req.version
        form.version.raw_data = [str(req.version)]  # the field shows what was posted otherwise
        return _detail_page(req, 409, conflict=True, **{decision.form_name: form})
    except review_requests.SameReviewer:
        db.session.rollback()
        return _detail_page(req, 409, same_reviewer=True)
    except operations.DecisionNotAllowed:
        db.session.rollback()
        return _detail_page(req, 409, not_allowed=True)
    flash(str(decision.done), "success")
    if http_request.form.get("then") == "next":  # "Save and open the next request"
        following = queries.next_waiting(req.id)
        if following is not None:
            return redirect(url_for("review.request_detail", request_id=following))
        flash(_("No other request is waiting."), "info")
        return redirect(url_for("review.queue"))
    return redirect(url_for("review.request_detail", request_id=req.id))


def _decision_view(decision: Decision) -> Callable[[int], Response | tuple[str, int]]:
    def view(request_id: int) -> Response | tuple[str, int]:
        return _decide(decision, request_id)

    view.__name__ = decision.endpoint
    return require_roles(*REVIEWERS)(view)


# One route per decision: POST /staf/pendaftaran/<id>/<path>, endpoint review.<endpoint>.
for _decision in DECISIONS:
    bp.add_url_rule(f"/pendaftaran/<int:request_id>/{_decision.path}", _decision.endpoint,
                    _decision_view(_decision), methods=["POST"])


@bp.post("/pendaftaran/<int:request_id>/catatan")
@require_roles(*REVIEWERS)
def add_note(request_id: int) -> Response | tuple[str, int]:
    req = _load(request_id)
    form = NoteForm(prefix="note")
    if not form.validate_on_submit():
        return _detail_page(req, note_form=form)
    operations.add_note(req, current_user, form.body.data)
    db.session.commit()
    flash(_("The note is saved. Only staff can read it."), "success")
    return redirect(url_for("review.request_detail", request_id=req.id) + "#notes")
