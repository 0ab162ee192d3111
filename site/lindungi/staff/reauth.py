"""Confirming it is still you before account changes and exports.

A session left open on a shared office computer must not be enough to create an admin, reset
someone's password or download every NIK. Such views are decorated with `recent_sign_in`: unless
the password (or, for two-step accounts, a code) was entered within STAFF_REAUTH_MINUTES, the
staff member is sent to /staf/konfirmasi and then back. A POST cannot be replayed after that
detour, so it returns to the page the form was on (`back`), and they press the button again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask import flash, request, url_for
from flask_babel import gettext as _

from lindungi.staff import access, sessions

F = TypeVar("F", bound=Callable[..., Any])


def recent_sign_in(back: Callable[..., str] | None = None,
                   methods: tuple[str, ...] = ()) -> Callable[[F], F]:
    """`back(**view_args)` gives the page to return to after confirming (default: this page
    for a GET, the overview otherwise). `methods` limits the check to those (e.g. only the
    POST of a page that anyone signed in may read)."""

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if methods and request.method not in methods:
                return view(*args, **kwargs)
            if sessions.recently_authenticated():
                return view(*args, **kwargs)
            if back is not None:
                target = back(**kwargs)
            elif request.method == "GET":
                target = request.full_path.rstrip("?")
            else:
                target = url_for("review.dashboard")
            flash(_("To keep accounts and personal data safe, confirm it is you first."),
                  "info")
            return access.go_to(url_for("staff.reauthenticate",
                                        next=access.safe_next(target, "") or None))

        wrapper.needs_recent_sign_in = True
        return wrapper

    return decorator
