"""The worker pages: one page per worker, "add another worker", removing one, and the
kelurahan list that htmx swaps in when the kecamatan changes."""

from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from lindungi.core import places
from lindungi.enrollment import drafts
from lindungi.enrollment.answers import Answers
from lindungi.enrollment.blueprint import bp
from lindungi.enrollment.flow import Place, Step, can_open, next_place
from lindungi.enrollment.limits import step_limit
from lindungi.enrollment.pages import current, go, go_first_incomplete, render_step, worker_context
from lindungi.enrollment.settings import MAX_WORKERS
from lindungi.enrollment.worker_form import WorkerForm
from lindungi.extensions import db
from lindungi.forms import BaseForm


def worker_title(answers: Answers, n: int) -> str:
    if n == 1 and answers.applicant is not None and answers.applicant.for_self:
        return _("Your details as the worker")
    if n == 1:
        return _("The worker's details")
    return _("Worker %(number)s: details", number=n)


@bp.route("/daftar/pekerja/<int:n>", methods=["GET", "POST"])
@step_limit
def worker(n: int) -> Response:
    draft, answers = current()
    place = Place(Step.WORKER, n)
    if draft is None or not can_open(answers, place):
        return go_first_incomplete(answers)
    saved = answers.workers[n - 1] if n <= len(answers.workers) else None
    if request.method == "GET":
        defaults = answers.defaults if n == 1 else None
        form = WorkerForm(data=WorkerForm.data_from(saved, defaults))
    else:
        form = WorkerForm()
        if form.validate_for(worker_context(answers, skip=n)):
            if saved is None:
                answers.workers.append(form.to_worker())
            else:
                answers.workers[n - 1] = form.to_worker()
            drafts.save(draft, answers)
            db.session.commit()
            if request.form.get("action") == "add" and len(answers.workers) < MAX_WORKERS:
                return go(Place(Step.WORKER, len(answers.workers) + 1))
            return go(next_place(answers, place))
    return render_step(
        place, "enrollment/steps/worker.html", worker_title(answers, n), answers, form=form,
        number=n, can_add=max(n, len(answers.workers)) < MAX_WORKERS,
        max_workers=MAX_WORKERS, kelurahan_filter=_kelurahan_filter(form),
        **_place_lists(),
    )


def _kelurahan_filter(form: WorkerForm) -> str | None:
    """With htmx running, the kelurahan list can follow the chosen kecamatan; without it the
    full grouped list stays, since nothing would update it when the kecamatan changes."""
    if request.htmx and places.kecamatan_by_code(form.kecamatan.data or ""):
        return form.kecamatan.data
    return None


def _place_lists() -> dict[str, object]:
    return {"kecamatan_list": places.kecamatan_list(), "kelurahan_for": places.kelurahan_for}


@bp.post("/daftar/pekerja/<int:n>/hapus")
@step_limit
def remove_worker(n: int) -> Response:
    draft, answers = current()
    form = BaseForm()
    if draft is None or not form.validate() or not 1 <= n <= len(answers.workers):
        return go_first_incomplete(answers)
    if len(answers.workers) > 1:  # a request always keeps one worker
        del answers.workers[n - 1]
        drafts.save(draft, answers)
        db.session.commit()
    return go(next_place(answers, Place(Step.WORKER, len(answers.workers))))


@bp.get("/daftar/kelurahan")
def kelurahan_options() -> str:
    """The kelurahan <select> for one kecamatan (only a public place code travels in the URL);
    an unknown code gives the full grouped list."""
    code = request.args.get("kecamatan", "")
    return render_template(
        "enrollment/_kelurahan.html", kelurahan_filter=code if places.kecamatan_by_code(code)
        else None, kelurahan_selected="", kelurahan_error=None, kelurahan_label=_("Kelurahan"),
        **_place_lists(),
    )
