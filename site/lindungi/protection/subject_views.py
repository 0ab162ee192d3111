"""Find, export, correct and erase a person's data (admins). The NIK travels only in POST bodies,
never in a URL; every step is audited by protection.subjects."""

from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from lindungi.enrollment.models import EnrollmentWorker
from lindungi.enrollment.statuses import STATUS_LABELS
from lindungi.enrollment.text import display_phone
from lindungi.extensions import db
from lindungi.formatting import to_wita
from lindungi.protection import subjects
from lindungi.protection.blueprint import bp
from lindungi.protection.subject_forms import CorrectionForm, EraseForm, NikForm
from lindungi.staff.access import require_roles
from lindungi.staff.models import Role
from lindungi.staff.reauth import recent_sign_in
from lindungi.timeutil import utcnow


@bp.route("", methods=["GET", "POST"])
@require_roles(Role.ADMIN)
def search() -> str:
    form = NikForm()
    found = None
    if form.validate_on_submit():
        found = subjects.find(form.nik.data, current_user)
        db.session.commit()  # the look-up is audited, or not shown
    return render_template("protection/subjects.html", form=form, found=found,
                           status_labels=STATUS_LABELS)


@bp.post("/ekspor")
@require_roles(Role.ADMIN)
@recent_sign_in(back=lambda: url_for("subjects.search"))
def export() -> Response:
    form = NikForm()
    if not form.validate_on_submit():
        return redirect(url_for("subjects.search"), 303)
    stamp = to_wita(utcnow()).strftime("%Y%m%d-%H%M")
    document = subjects.export(form.nik.data, current_user, stamp)
    db.session.commit()  # no audit row, no file
    response = make_response(document.to_json().encode("utf-8"))
    response.mimetype = "application/json"
    response.headers["Content-Disposition"] = f'attachment; filename="data-pribadi-{stamp}.json"'
    return response


def _worker_url(worker_id: int) -> str:
    return url_for("subjects.correct", worker_id=worker_id)


def _load(worker_id: int) -> EnrollmentWorker:
    return db.session.get(EnrollmentWorker, worker_id) or abort(404)


def _worker_page(worker: EnrollmentWorker, form: CorrectionForm | None = None,
                 erase_form: EraseForm | None = None) -> str:
    if form is None:
        form = CorrectionForm(formdata=None, data={
            "full_name": worker.full_name, "nik": worker.nik, "kk": worker.kk,
            "mother_maiden_name": worker.mother_maiden_name, "address": worker.address,
            "phone": display_phone(worker.request.phone_e164)})
        form.fill_birth_date(worker.birth_date)
    erase_form = erase_form or EraseForm(formdata=None)
    failed = next((f for f in (form, erase_form) if f.errors), None)
    return render_template("protection/subject_worker.html", worker=worker, form=form,
                           erase_form=erase_form, failed_form=failed,
                           status_labels=STATUS_LABELS)


# The correction page itself asks for a recent sign-in, so the admin confirms before typing
# the corrections rather than after (a POST is not replayed after the detour).
@bp.route("/pekerja/<int:worker_id>", methods=["GET", "POST"])
@require_roles(Role.ADMIN)
@recent_sign_in(back=_worker_url)
def correct(worker_id: int) -> Response | str:
    worker = _load(worker_id)
    if not (form := CorrectionForm()).is_submitted():
        return _worker_page(worker)
    if form.validate_for(to_wita(utcnow()).date()):
        try:
            changed = subjects.correct(worker, current_user, form.changes())
        except IntegrityError:
            db.session.rollback()
            worker = _load(worker_id)
            form.nik.errors = [_("Another open request already names this NIK. Decide that "
                                 "request first.")]
            return _worker_page(worker, form)
        db.session.commit()
        flash(_("The corrections are saved.") if changed else _("Nothing was changed."),
              "success")
        return redirect(_worker_url(worker_id), 303)
    return _worker_page(worker, form)


@bp.post("/pekerja/<int:worker_id>/hapus")
@require_roles(Role.ADMIN)
@recent_sign_in(back=_worker_url)
def erase(worker_id: int) -> Response | str:
    worker = _load(worker_id)
    form = EraseForm()
    if not form.validate_on_submit():
        return _worker_page(worker, erase_form=form)
    reference = worker.request.reference
    subjects.erase(worker.request, current_user)
    db.session.commit()
    flash(_("Request %(reference)s is erased. Only anonymous counts remain.",
            reference=reference), "success")
    return redirect(url_for("subjects.search"), 303)
