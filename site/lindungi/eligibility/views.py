"""The checker's one page, /<lang>/cek-kelayakan: a GET form whose result is shown below it."""

from __future__ import annotations

from flask import request
from werkzeug.wrappers import Response

from lindungi import pagecache
from lindungi.caching import cacheable
from lindungi.core.rules import Outcome, ReasonKind
from lindungi.eligibility.blueprint import bp
from lindungi.eligibility.checking import State, evaluate
from lindungi.eligibility.forms import EligibilityForm
from lindungi.enrollment import window
from lindungi.htmx import render_page_or_fragment
from lindungi.program import program_parameters

# The submit button's name: present only when the answers were sent on purpose.
SUBMIT = "check"


@bp.get("/cek-kelayakan")
@cacheable
def check() -> Response:
    # No session, no CSRF token, nothing stored or logged: the answers stay in the address.
    # The page cache keeps the empty form and the htmx result fragment (the same for everyone
    # giving the same answers, which identify nobody: a kecamatan, an age, an occupation, a
    # decile; keyed by a hash of the address), never the full page with the answers filled in.
    if request.args and not request.htmx:
        pagecache.refuse_storing()
    form = EligibilityForm(formdata=request.args or None)
    result = evaluate(
        form,
        answered=bool(request.args),
        sent_on_purpose=SUBMIT in request.args and not request.htmx,
    )
    response = render_page_or_fragment(
        "eligibility/check.html",
        "eligibility/_result.html",
        form=form,
        check=result,
        State=State,
        Outcome=Outcome,
        ReasonKind=ReasonKind,
        params=program_parameters(),
        submit_name=SUBMIT,
        enrollment_window=window.state(),
        # Sent with the button (a whole page, address ending in #result): the result's heading
        # takes the focus. Never on htmx's live updates, which follow each change.
        focus_result=SUBMIT in request.args and not request.htmx,
    )
    # The same answers always give the same page, and nothing in it is personal: @cacheable
    # tags it (ETag from the address and release) and makes it public for a short while.
    return response
