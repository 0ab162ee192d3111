"""The audit log's rows in words: what each stored detail (codes and counts) and target means.

Details are stored as codes ({"status": "needs_info", "reason": "password"}) so they never
change; the page shows them as sentences in the page's language. A key or code this module does
not know is shown as stored, so a new action of another capability is still readable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from lindungi.audit import actions
from lindungi.audit.models import AuditEvent
from lindungi.editor.labels import STATUS_LABELS as ARTICLE_STATUS_LABELS
from lindungi.enrollment.statuses import REJECTION_REASONS, STATUS_LABELS
from lindungi.labels import label_for
from lindungi.staff.forms import ROLE_LABELS

# Why a sign-in failed (staff.signin): only admins read these, never the person signing in.
SIGN_IN_FAILURES = {
    "unknown_account": _l("no account has this email address"),
    "password": _l("wrong password"),
    "paused": _l("the account was paused after wrong passwords"),
    "disabled": _l("the account is disabled"),
    "code": _l("wrong or reused sign-in code"),
    "confirm": _l("wrong password or code when confirming it was them"),
}
ORIGINS = {"cli": _l("Done on the server's command line")}


def _counted(counted: Callable[[int], str],
             otherwise: Callable[[Any], str]) -> Callable[[AuditEvent, Any], str]:
    """A count in words ("3 workers"); a stored value that is not a count is shown as stored."""

    def describe(_event: AuditEvent, value: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            return counted(value)
        return otherwise(value)

    return describe


def _status(event: AuditEvent, value: Any) -> str:
    if event.target_type == "article":
        return _("Status: %(status)s", status=label_for(ARTICLE_STATUS_LABELS, value))
    return _("New status: %(status)s", status=label_for(STATUS_LABELS, value))


def _reason(event: AuditEvent, value: Any) -> str:
    table = SIGN_IN_FAILURES if event.action == actions.SIGN_IN_FAILED else REJECTION_REASONS
    return _("Reason: %(reason)s", reason=label_for(table, value))


def _flagged(_event: AuditEvent, value: Any) -> str:
    return _("Flagged for a closer look") if value else _("Not flagged")


DESCRIBE: dict[str, Callable[[AuditEvent, Any], str]] = {
    "status": _status,
    "reason": _reason,
    "minutes": _counted(
        lambda n: ngettext("Paused for %(num)s minute", "Paused for %(num)s minutes", n),
        lambda value: _("Paused for %(minutes)s minutes", minutes=value)),
    "role": lambda _e, value: _("Role: %(role)s", role=label_for(ROLE_LABELS, value)),
    "previous": lambda _e, value: _("Previous role: %(role)s",
                                    role=label_for(ROLE_LABELS, value)),
    "requests": _counted(
        lambda n: ngettext("%(num)s request in the file", "%(num)s requests in the file", n),
        lambda value: _("Requests: %(count)s", count=value)),
    "workers": _counted(
        lambda n: ngettext("%(num)s worker", "%(num)s workers", n),
        lambda value: _("Workers: %(count)s", count=value)),
    "flagged": _flagged,
    "key": lambda _e, value: _("Page: %(key)s", key=value),
    "via": lambda _e, value: label_for(ORIGINS, value),
    # Personal data protection (lindungi.protection).
    "deleted_requests": _counted(lambda n: ngettext(
        "%(num)s request deleted", "%(num)s requests deleted", n), str),
    "deleted_workers": _counted(lambda n: ngettext(
        "%(num)s worker deleted", "%(num)s workers deleted", n), str),
    "deleted_drafts": _counted(lambda n: ngettext(
        "%(num)s unsent draft deleted", "%(num)s unsent drafts deleted", n), str),
    "deleted_searches": _counted(lambda n: ngettext(
        "%(num)s saved search deleted", "%(num)s saved searches deleted", n), str),
    "trimmed_audit_rows": _counted(lambda n: ngettext(
        "%(num)s old audit row shortened", "%(num)s old audit rows shortened", n), str),
    "found": _counted(lambda n: ngettext(
        "%(num)s request found", "%(num)s requests found", n), str),
    "fields": lambda _e, value: _("Fields changed: %(fields)s", fields=", ".join(
        str(name) for name in value) if isinstance(value, list) else value),
}


def describe(event: AuditEvent) -> list[str]:
    """One short sentence per stored detail."""
    found = []
    for key, value in (event.detail or {}).items():
        words = DESCRIBE.get(key)
        found.append(words(event, value) if words else f"{key}: {value}")
    return found


TARGETS: dict[str, Callable[[str], str]] = {
    "article": lambda number: _("News article #%(id)s", id=number),
    "page": lambda number: _("Page #%(id)s", id=number),
    "partner_hospital": lambda number: _("Partner hospital #%(id)s", id=number),
}


def target(event: AuditEvent) -> str:
    """What the action was about, for targets without a staff page to link to."""
    if not event.target_id:
        return ""
    describe = TARGETS.get(event.target_type)
    return describe(event.target_id) if describe else f"{event.target_type} {event.target_id}"
