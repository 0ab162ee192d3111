"""The worker pages: one page per topic for each worker (identity, date of birth and sex,
address, work and income, heir), "is there another worker?", removing one, and the kelurahan
list that htmx swaps in when the kecamatan changes."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from lindungi.core import places
from lindungi.enrollment import drafts
from lindungi.enrollment.answers import Answers, Worker
from lindungi.enrollment.blueprint import bp
from lindungi.enrollment.flow import ANOTHER, Place, Step, can_open, next_place
from lindungi.enrollment.limits import step_limit
from lindungi.enrollment.pages import current, go, go_first_incomplete, render_step, worker_context
from lindungi.enrollment.settings import MAX_WORKERS
from lindungi.enrollment.worker_forms import (
    FORMS,
    PART_SLUGS,
    AddressForm,
    AnotherWorkerForm,
    PartForm,
    WorkForm,
)
from lindungi.extensions import db
from lindungi.forms import BaseForm

PART_BY_SLUG = {slug: part for part, slug in PART_SLUGS.items()}
PART_TITLES = {
    "identity": (_l("Your name and identity numbers"),
                 _l("The worker's name and identity numbers")),
    "birth": (_l("Your date of birth and sex"), _l("The worker's date of birth and sex")),
    "address": (_l("Your address in Makassar"), _l("The worker's address in Makassar")),
    "work": (_l("Your work and income"), _l("The worker's work and income")),
    "heir": (_l("Your heir"), _l("The worker's heir")),
}


def worker_title(answers: Answers, n: int, part: str) -> str:
    yours, theirs = PART_TITLES[part]
    if n == 1 and answers.applicant is not None and answers.applicant.for_self:
        return str(yours)
    if n == 1:
        return str(theirs)
    return _("Worker %(number)s: %(topic)s", number=n, topic=str(theirs))


def _saved_values(answers: Answers, n: int) -> dict[str, Any]:
    if n <= len(answers.workers):
        return answers.workers[n - 1].to_json()
    return dict(answers.new_worker)


def _initial_data(form_class: type[PartForm], answers: Answers, n: int) -> dict[str, Any]:
    values = _saved_values(answers, n)
    data = form_class.data_from(values)
    if n != 1 or answers.workers:  # the checker's answers are about the first worker
        return data
    defaults = answers.defaults
    if form_class is AddressForm and "kecamatan_code" not in values and defaults.kecamatan_code:
        data["kecamatan"] = defaults.kecamatan_code
    if form_class is WorkForm and "occupation" not in values:
        data.update(WorkForm.data_from_defaults(defaults))
    return data


def _store(answers: Answers, n: int, values: dict[str, Any]) -> None:
    """Put one page's answers in the draft: into a saved worker, or into the new one, which
    joins the list once its last page is in."""
    if n <= len(answers.workers):
        merged = {**answers.workers[n - 1].to_json(), **values}
        answers.workers[n - 1] = Worker.from_json(merged)
        return
    answers.new_worker.update(values)
    if set(answers.new_worker) >= {f.name for f in Worker.__dataclass_fields__.values()}:
        answers.workers.append(Worker.from_json(answers.new_worker))
        answers.new_worker = {}


@bp.route("/daftar/pekerja/<int:n>", methods=["GET", "POST"], defaults={"slug": "identitas"})
@bp.route("/daftar/pekerja/<int:n>/<any(lahir, alamat, pekerjaan, 'ahli-waris'):slug>",
          methods=["GET", "POST"])
@step_limit
def worker(n: int, slug: str) -> Response:
    part = PART_BY_SLUG[slug]
    draft, answers = current()
    place = Place(Step.WORKER, n, part)
    if draft is None or not can_open(answers, place):
        return go_first_incomplete(answers)
    form_class = FORMS[part]
    if request.method == "GET":
        form = form_class(data=_initial_data(form_class, answers, n))
    else:
        form = form_class()
        if form.validate_for(worker_context(answers, skip=n), _saved_values(answers, n)):
            _store(answers, n, form.values())
            drafts.save(draft, answers)
            db.session.commit()
            return go(next_place(answers, place))
    extra: dict[str, Any] = {}
    if isinstance(form, AddressForm):
        extra = {"kelurahan_filter": _kelurahan_filter(form), **_place_lists()}
    return render_step(
        place, f"enrollment/steps/worker_{part}.html", worker_title(answers, n, part), answers,
        form=form, number=n, max_workers=MAX_WORKERS, **extra,
    )


@bp.route("/daftar/pekerja-lain", methods=["GET", "POST"])
@step_limit
def another_worker() -> Response:
    """GOV.UK "add another": the workers so far, then yes (a new worker's first page) or no."""
    draft, answers = current()
    place = Place(Step.WORKER, len(answers.workers), ANOTHER)
    if draft is None or not can_open(answers, place):
        return go_first_incomplete(answers)
    full = len(answers.workers) >= MAX_WORKERS
    form = AnotherWorkerForm()
    if request.method == "POST" and (full or form.validate()):
        adding = not full and form.another.data == "yes"
        answers.more_answered = not adding
        if not adding:
            answers.new_worker = {}  # a worker started and then given up
        drafts.save(draft, answers)
        db.session.commit()
        if adding:
            return go(Place(Step.WORKER, len(answers.workers) + 1))
        return go(next_place(answers, place))
    return render_step(place, "enrollment/steps/another_worker.html",
                       _("Workers in this request"), answers, form=form, full=full,
                       max_workers=MAX_WORKERS, unfinished=bool(answers.new_worker))


def _kelurahan_filter(form: AddressForm) -> str | None:
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
    if answers.reached_check:
        return go_first_incomplete(answers)
    return go(Place(Step.WORKER, len(answers.workers), ANOTHER))


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
