"""Who may open which /staf/ route.

Every staff view is decorated with `require_roles(...)` (or, for the sign-in page alone,
`open_to_anyone`). Both record what they allow on the view function, so a test walks the URL map
and fails on any /staf/ route that declares nothing.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

from flask import abort, flash, g, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from lindungi.audit import actions
from lindungi.extensions import db
from lindungi.staff import twofactor
from lindungi.staff.models import Role

F = TypeVar("F", bound=Callable[..., Any])

STAFF_PREFIX = "/staf"
ALL_ROLES = tuple(Role)
# Reviewers decide requests; admins may do everything a reviewer does.
REVIEWERS = (Role.REVIEWER, Role.ADMIN)
# "/" or "\\" written as %2F or %5C: no staff path needs one, and a browser may decode it.
_ENCODED_SEPARATOR = re.compile(r"%(2f|5c)", re.IGNORECASE)


def require_roles(*roles: Role) -> Callable[[F], F]:
    """Anonymous visitors go to the sign-in page (and come back); other roles get 403."""
    if not roles:
        raise ValueError("require_roles needs at least one role")
    allowed = frozenset(roles)

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return redirect_to_sign_in()
            if current_user.role not in allowed:
                record_refusal()
                abort(403)
            step = setup_step(current_user)
            if step is not None and not getattr(view, "open_during_setup", False):
                return go_to(url_for(step))
            return view(*args, **kwargs)

        wrapper.required_roles = allowed
        return wrapper

    return decorator


def setup_step(user: Any) -> str | None:
    """The page a signed-in account must finish before any other: a new password after an
    admin's reset, then two-step sign-in for reviewers and admins who have not set it up."""
    if user.must_change_password:
        return "staff.change_password"
    if twofactor.needs_enrolment(user):
        return "staff.two_factor"
    return None


def open_during_setup(view: F) -> F:
    """The few pages an account with a setup step may still open (the step itself, sign-out)."""
    view.open_during_setup = True
    return view


def go_to(target: str) -> Response:
    if request.htmx:
        response = make_response("", 401)
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target)


def record_refusal() -> None:
    """The audit row for a 403, committed on its own: the error page rolls back the rest."""
    db.session.commit()  # ends the read the user loader began, so this write starts cleanly
    ids = {name: value for name, value in (request.view_args or {}).items()
           if isinstance(value, int)}
    actions.log(actions.ACCESS_DENIED, actor_id=current_user.id, target_type="endpoint",
                target_id=request.endpoint or "", method=request.method, **ids)
    db.session.commit()


def open_to_anyone(view: F) -> F:
    """Only for the sign-in page: says so explicitly, for the route test."""
    view.required_roles = frozenset()
    return view


def is_safe_next(target: str | None) -> bool:
    """Only a path on this site under /staf/. Browsers read "/\\evil" and "//evil" as another
    host and resolve "%2e%2e" like "..", so the path is judged as the browser will see it:
    decoded once and with its dot segments resolved. Backslashes, encoded slashes or
    backslashes, anything still encoded after one decoding, and control characters are refused
    outright."""
    if not target or len(target) > 512 or not target.isprintable():
        return False
    if "\\" in target or _ENCODED_SEPARATOR.search(target):
        return False
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return False
    path = unquote(parts.path)
    if "%" in path or not path.isprintable() or path.startswith("//"):
        return False
    resolved = posixpath.normpath(path)
    return resolved == STAFF_PREFIX or resolved.startswith(STAFF_PREFIX + "/")


def safe_next(target: str | None, default: str) -> str:
    return target if target is not None and is_safe_next(target) else default


def redirect_to_sign_in() -> Response:
    if g.get("staff_session_ended"):
        flash(_("Your session has ended. Sign in again to continue."), "info")
    here = request.full_path.rstrip("?") if request.method == "GET" else None
    target = url_for("staff.sign_in", next=here) if is_safe_next(here) else url_for(
        "staff.sign_in")
    # htmx would follow a 302 inside the page; HX-Redirect makes the browser go there.
    return go_to(target)
