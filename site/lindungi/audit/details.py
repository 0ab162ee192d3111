"""The audit log's rows in words: what each stored detail (codes and counts) and target means.

Details are stored as codes ({"status": "needs_info", "reason": "password"}) so they never
change; the page shows them as sentences in the reader's language, never as the stored names
(`publish_at_utc`). Every detail name the code writes has its words here (a test reads the
calls to `actions.log`); a name this module does not know, e.g. from a newer release, is shown
as a plain "Other detail" sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import current_app, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BuildError

from lindungi.audit import actions
from lindungi.audit.models import AuditEvent
from lindungi.core.promises import BY_KEY as SETTINGS_BY_KEY
from lindungi.editor.labels import STATUS_LABELS as ARTICLE_STATUS_LABELS
from lindungi.enrollment.statuses import REJECTION_REASONS, STATUS_LABELS
from lindungi.formatting import format_datetime_short_wita
from lindungi.i18n import LANGUAGE_NAMES
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
# The fields an admin may correct (protection.subjects.correct stores their names).
FIELD_NAMES = {
    "full_name": _l("full name"),
    "nik": _l("NIK"),
    "kk": _l("family card (KK) number"),
    "birth_date": _l("date of birth"),
    "mother_maiden_name": _l("mother's maiden name"),
    "address": _l("address"),
    "phone_e164": _l("phone number"),
}
METHODS = {"GET": _l("Tried to open the page"), "HEAD": _l("Tried to open the page"),
           "POST": _l("Tried to send a form on the page")}

Describe = Callable[[AuditEvent, Any], str]


def _counted(counted: Callable[[int], str], otherwise: Callable[[Any], str] = str) -> Describe:
    """A count in words ("3 workers"); a stored value that is not a count is shown as stored."""

    def describe(_event: AuditEvent, value: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            return counted(value)
        return otherwise(value)

    return describe


def _numbered(words: Callable[[Any], str]) -> Describe:
    return lambda _event, value: words(value)


def _status(event: AuditEvent, value: Any) -> str:
    if event.target_type == "article":
        return _("Status: %(status)s", status=label_for(ARTICLE_STATUS_LABELS, value))
    return _("New status: %(status)s", status=label_for(STATUS_LABELS, value))


def _reason(event: AuditEvent, value: Any) -> str:
    table = SIGN_IN_FAILURES if event.action == actions.SIGN_IN_FAILED else REJECTION_REASONS
    return _("Reason: %(reason)s", reason=label_for(table, value))


def _flagged(_event: AuditEvent, value: Any) -> str:
    return _("Flagged for a closer look") if value else _("Not flagged")


def _publish_at(_event: AuditEvent, value: Any) -> str:
    """Stored as a naive UTC ISO time ("2026-12-01T02:00"); shown in WITA."""
    if not value:
        return _("Published without a set time")
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return _("Publication time set to %(when)s", when=value)
    return _("Publication time set to %(when)s",
             when=format_datetime_short_wita(moment, str(get_locale())))


def _fields(_event: AuditEvent, value: Any) -> str:
    names = value if isinstance(value, list) else [value]
    return _("Corrected: %(fields)s",
             fields=", ".join(str(label_for(FIELD_NAMES, name)) for name in names))


def _method(_event: AuditEvent, value: Any) -> str:
    words = METHODS.get(str(value))
    return str(words) if words else _("Request method %(method)s", method=value)


def _was_open(_event: AuditEvent, value: Any) -> str:
    return (_("The request was still being handled") if value
            else _("The request was already decided"))


def _settings(_event: AuditEvent, value: Any) -> str:
    """Site settings by their labels; an English version (key + "_en") says so."""
    names = []
    for key in value if isinstance(value, list) else [value]:
        setting = SETTINGS_BY_KEY.get(str(key).removesuffix("_en"))
        name = _(setting.label) if setting else str(key)
        names.append(_("%(setting)s (English)", setting=name) if str(key).endswith("_en")
                     else name)
    return _("Changed: %(settings)s", settings=", ".join(names))


def _language(_event: AuditEvent, value: Any) -> str:
    return _("Language of the staff area: %(language)s",
             language=LANGUAGE_NAMES.get(str(value), value))


DESCRIBE: dict[str, Describe] = {
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
    "already_open": _counted(lambda n: ngettext(
        "%(num)s worker already had a request being handled",
        "%(num)s workers already had a request being handled", n)),
    "key": lambda _e, value: _("Page: %(key)s", key=value),
    "via": lambda _e, value: label_for(ORIGINS, value),
    "publish_at_utc": _publish_at,
    "revision": _numbered(lambda value: _("From revision %(number)s", number=value)),
    "messages": _counted(lambda n: ngettext("%(num)s message queued again",
                                            "%(num)s messages queued again", n)),
    "length": _counted(lambda n: ngettext("An answer of %(num)s character",
                                          "An answer of %(num)s characters", n)),
    "method": _method,
    "language": _language,
    # The ids of the page a refused visit tried to open (staff.access.record_refusal).
    "request_id": _numbered(lambda value: _("Request #%(id)s", id=value)),
    "account_id": _numbered(lambda value: _("Account #%(id)s", id=value)),
    "article_id": _numbered(lambda value: _("News article #%(id)s", id=value)),
    "worker_id": _numbered(lambda value: _("Worker #%(id)s", id=value)),
    "number": _numbered(lambda value: _("Revision %(number)s", number=value)),
    # Personal data protection (lindungi.protection).
    "deleted_requests": _counted(lambda n: ngettext(
        "%(num)s request deleted", "%(num)s requests deleted", n)),
    "deleted_workers": _counted(lambda n: ngettext(
        "%(num)s worker deleted", "%(num)s workers deleted", n)),
    "deleted_drafts": _counted(lambda n: ngettext(
        "%(num)s unsent draft deleted", "%(num)s unsent drafts deleted", n)),
    "deleted_searches": _counted(lambda n: ngettext(
        "%(num)s saved search deleted", "%(num)s saved searches deleted", n)),
    "trimmed_audit_rows": _counted(lambda n: ngettext(
        "%(num)s old audit row shortened", "%(num)s old audit rows shortened", n)),
    "found": _counted(lambda n: ngettext(
        "%(num)s request found", "%(num)s requests found", n)),
    "values": _counted(lambda n: ngettext(
        "%(num)s value sealed again", "%(num)s values sealed again", n)),
    "rows": _counted(lambda n: ngettext(
        "%(num)s row rewritten", "%(num)s rows rewritten", n)),
    "worker": _numbered(lambda value: _("Worker #%(id)s", id=value)),
    "fields": _fields,
    # Staff sign-in (staff.twofactor, staff.accounts).
    "left": _counted(lambda n: ngettext("%(num)s recovery code left",
                                        "%(num)s recovery codes left", n)),
    "replaced": _counted(lambda n: ngettext(
        "%(num)s unused recovery code stopped working",
        "%(num)s unused recovery codes stopped working", n)),
    "notified": lambda _e, value: (_("The account's owner was sent an e-mail") if value
                                   else _("The account's owner was not told")),
    "changed": _settings,
    "was_open": _was_open,
}


def describe(event: AuditEvent) -> list[str]:
    """One short sentence per stored detail."""
    found = []
    for key, value in (event.detail or {}).items():
        words = DESCRIBE.get(key)
        found.append(words(event, value) if words else _("Other detail: %(value)s", value=value))
    return found


def _endpoint(name: str) -> str:
    """The address of the page a refused visit tried to open, else its internal name."""
    if name not in current_app.view_functions:  # a page since removed
        return name
    try:
        return url_for(name)
    except BuildError:  # a page that needs an id (the id is in the details)
        return name


TARGETS: dict[str, Callable[[str], str]] = {
    "article": lambda number: _("News article #%(id)s", id=number),
    "page": lambda number: _("Page #%(id)s", id=number),
    "partner_hospital": lambda number: _("Partner hospital #%(id)s", id=number),
    "enrollment_window": lambda _number: _("New enrollment requests"),
    "endpoint": lambda name: _("Page %(address)s", address=_endpoint(name)),
}


def target(event: AuditEvent) -> str:
    """What the action was about, for targets without a staff page to link to."""
    if not event.target_id:
        return ""
    describe = TARGETS.get(event.target_type)
    return describe(event.target_id) if describe else _(
        "Record #%(id)s", id=event.target_id)
