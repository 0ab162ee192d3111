"""How enrollment views answer: a step page (or its htmx fragment), or a move to another step."""

from __future__ import annotations

from typing import Any

from flask import current_app, make_response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from lindungi.enrollment import drafts
from lindungi.enrollment.answers import Answers
from lindungi.enrollment.context import WorkerContext
from lindungi.enrollment.flow import (
    ANOTHER,
    TOTAL_STEPS,
    Place,
    Step,
    first_incomplete,
    number,
    previous_place,
)
from lindungi.enrollment.models import EnrollmentDraft
from lindungi.enrollment.operations import nik_has_open_request
from lindungi.enrollment.worker_forms import PART_SLUGS
from lindungi.extensions import db
from lindungi.htmx import render_page_or_fragment
from lindungi.program import city_today, program_parameters

ENDPOINTS = {
    Step.APPLICANT: "enrollment.applicant",
    Step.WORKER: "enrollment.worker",
    Step.CONTACT: "enrollment.contact",
    Step.CONSENT: "enrollment.consent",
    Step.CHECK: "enrollment.check",
}
STEP_PAGE = "enrollment/step_page.html"


def url_of(place: Place) -> str:
    if place.step is Step.WORKER and place.part == ANOTHER:
        return url_for("enrollment.another_worker")
    if place.step is Step.WORKER:
        return url_for(ENDPOINTS[Step.WORKER], n=place.worker, slug=PART_SLUGS[place.part])
    return url_for(ENDPOINTS[place.step])


def go(place: Place) -> Response:
    """Post-redirect-get to a step. htmx follows the redirect and swaps the step fragment in."""
    return redirect(url_of(place), 303)


def go_first_incomplete(answers: Answers) -> Response:
    return go(first_incomplete(answers))


def leave_flow(endpoint: str) -> Response:
    """To a whole page outside the steps: htmx is told to load it as a page (HX-Redirect)."""
    url = url_for(endpoint)
    if request.htmx:
        response = make_response("", 200)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url, 303)


def busy_page(error: Exception, token: str | None = None) -> Response:
    """The database is busy or away: nothing was stored and the draft is as it was. Only the
    error's class is logged (its text would carry the submitted values). htmx ignores 5xx
    responses, so an htmx request gets the message as a 200 swap of the step instead."""
    db.session.rollback()
    orig = getattr(error, "orig", None) or error
    current_app.logger.warning("Enrollment page not saved: database unavailable (%s)",
                               type(orig).__name__)
    context = {"token": token, "draft_hours": current_app.config["ENROLLMENT_DRAFT_HOURS"]}
    if request.htmx:
        response = make_response(render_template("enrollment/_busy.html", **context))
        response.headers["HX-Retarget"] = "#enrollment-step"
        response.headers["HX-Reswap"] = "outerHTML"
        return response
    response = make_response(render_template("enrollment/busy.html", **context), 503)
    response.headers["Retry-After"] = "30"
    return response


def current() -> tuple[EnrollmentDraft | None, Answers]:
    """The visitor's draft and answers (raises DraftExpired: the blueprint starts over)."""
    draft = drafts.load()
    return draft, drafts.with_prefill(drafts.answers_of(draft))


def worker_context(answers: Answers, skip: int | None = None) -> WorkerContext:
    """Context for checking worker ``skip`` (1-based) against the request's other workers."""
    return WorkerContext(
        today=city_today(), params=program_parameters(),
        kpj_length=int(current_app.config["KPJ_LENGTH"]),
        other_niks={w.nik: n for n, w in enumerate(answers.workers, start=1) if n != skip},
        nik_is_open=nik_has_open_request,
    )


def render_step(place: Place, template: str, title: str, answers: Answers,
                **context: Any) -> Response:
    back = previous_place(answers, place)
    response = render_page_or_fragment(
        STEP_PAGE, template, step_template=template, title=title, place=place,
        step_number=number(place.step), total_steps=TOTAL_STEPS,
        back_url=url_of(back) if back else url_for("enrollment.start"),
        answers=answers, **context,
    )
    if request.htmx and request.method == "GET":
        # htmx arrived here by following a redirect: show this step's address.
        response.headers["HX-Push-Url"] = request.path
    return response
