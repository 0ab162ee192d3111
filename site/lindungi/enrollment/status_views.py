"""/status: a reference number and a worker's date of birth show where a request stands.

A POST, so the date of birth never sits in an address; the answer is the POST's own response
(no redirect carrying data) and is never cached. Rate-limited per client.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from lindungi.enrollment import display, lookup
from lindungi.enrollment.blueprint import bp
from lindungi.enrollment.forms import StatusForm, add_error
from lindungi.extensions import limiter
from lindungi.htmx import render_page_or_fragment
from lindungi.program import city_today


def _page(form: StatusForm, result: lookup.StatusView | None = None) -> Response:
    return render_page_or_fragment("enrollment/status.html", "enrollment/_status_body.html",
                                   form=form, result=result, **display.helpers())


@bp.get("/status")
def status() -> Response:
    return _page(StatusForm(formdata=None))


@bp.post("/status")
@limiter.limit(lambda: current_app.config["STATUS_LOOKUP_LIMIT"])
def status_lookup() -> Response:
    form = StatusForm()
    result = None
    if form.validate_for(city_today()) and form.birth_date is not None:
        result = lookup.find_status(form.reference.data, form.birth_date)
        if result is None:
            # One message for an unknown reference and for a wrong date of birth.
            add_error(form.reference, _(
                "We could not find a request with this reference number and date of birth. "
                "Check both: the date of birth must be one of the workers' in the request."
            ))
    return _page(form, result)
