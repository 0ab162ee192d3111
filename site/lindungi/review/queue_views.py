"""The review queue: filters and sorting as GET links (htmx swaps only the results), search as a
POST kept on the server (review.searches), so a worker's name never appears in a URL, an access
log or the session cookie."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from lindungi.core.places import kecamatan_by_code
from lindungi.enrollment.models import OPEN_STATUSES
from lindungi.enrollment.statuses import STATUS_LABELS
from lindungi.extensions import db
from lindungi.formatting import to_wita
from lindungi.htmx import render_page_or_fragment
from lindungi.program import city_today
from lindungi.review import queries, searches
from lindungi.review.blueprint import bp
from lindungi.review.forms import QueueFilterForm, SearchForm
from lindungi.staff.access import REVIEWERS, require_roles

FILTER_ARGS = ("status", "kecamatan", "since", "until", "flagged", "undelivered", "sort")


def queue_url(**changes: Any) -> str:
    """This queue page with some arguments changed (None or "" removes one)."""
    args: dict[str, Any] = {k: v for k, v in request.args.items() if k in (*FILTER_ARGS, "page")}
    args.update(changes)
    return url_for("review.queue", **{k: v for k, v in args.items() if v not in (None, "")})


def sort_link(key: str, current: str) -> tuple[str, str | None]:
    """(url, aria-sort value) for a column header: a second click reverses the order."""
    if current == key:
        return queue_url(sort="-" + key, page=None), "ascending"
    if current == "-" + key:
        return queue_url(sort=key, page=None), "descending"
    return queue_url(sort=key, page=None), None


def _waiting_days(today: date) -> Callable[[Any], int | None]:
    """Days a request still being handled has waited since it arrived (None once decided)."""
    def days(row: Any) -> int | None:
        if row.status not in OPEN_STATUSES:
            return None
        return (today - to_wita(row.created_at).date()).days
    return days


@bp.route("/pendaftaran", methods=["GET", "POST"])
@require_roles(*REVIEWERS)
def queue() -> Response:
    search_form = SearchForm(prefix="search")
    staff = current_user._get_current_object()
    if request.method == "POST":
        if search_form.validate_on_submit():
            cleared = "clear" in request.form
            searches.save(staff, "" if cleared else search_form.q.data or "")
            db.session.commit()
            if cleared:
                search_form.q.data = ""
            if not request.htmx:
                return redirect(queue_url(page=None), code=303)
    else:
        search_form.q.data = searches.current(staff)
    filters = QueueFilterForm(formdata=request.args)
    filters.validate()
    criteria = filters.criteria(searches.current(staff))
    results = queries.queue_page(criteria)
    response = render_page_or_fragment(
        "review/queue.html", "review/_queue_results.html",
        filters=filters, search_form=search_form, results=results, queue_url=queue_url,
        sort_link=sort_link, status_labels=STATUS_LABELS, kecamatan=kecamatan_by_code,
        waiting_days=_waiting_days(city_today()),
        oob=bool(request.htmx),
    )
    if request.htmx and request.method == "GET":
        # The address bar gets the tidy URL (the form also sends its empty fields).
        response.headers["HX-Push-Url"] = queue_url()
    return response
