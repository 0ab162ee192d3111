"""The audit log's one entry point: `log`, every action name as a constant, and their labels.

Action names are stored, so they never change; labels may be reworded. Call sites use the
constants, never a string; the audit page shows a name it has no label for as it is stored.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import has_request_context, request
from flask_babel import lazy_gettext as _l

from lindungi.audit import alerts
from lindungi.audit.models import AuditEvent
from lindungi.extensions import db
from lindungi.labels import label_for
from lindungi.timeutil import utcnow

SIGN_IN = "staff.sign_in"
SIGN_IN_FAILED = "staff.sign_in_failed"
ACCOUNT_LOCKED = "staff.locked"  # before migration 0013: the account row's pause (old rows)
SIGN_IN_THROTTLED = "staff.sign_in_throttled"  # one client, too many failures for one account
TWO_FACTOR_FAILED = "staff.code_failed"
TWO_FACTOR_ENABLED = "staff.two_factor_on"
TWO_FACTOR_RESET = "account.reset_two_factor"
RECOVERY_CODE_USED = "staff.recovery_code_used"
RECOVERY_CODES_RENEWED = "staff.recovery_codes_renewed"  # by the account's owner
PASSWORD_CHANGED = "staff.change_password"  # noqa: S105 - an action name, not a password
REAUTHENTICATED = "staff.reauthenticate"
SIGN_OUT = "staff.sign_out"
ACCOUNT_CREATED = "account.create"
ACCOUNT_ROLE = "account.set_role"
ACCOUNT_DISABLED = "account.disable"
ACCOUNT_ENABLED = "account.enable"
PASSWORD_RESET = "account.reset_password"  # noqa: S105 - an action name, not a password
IDENTITY_VIEWED = "request.view_identity"
REVIEW_STARTED = "request.start_review"
APPROVED = "request.approve"
INFO_REQUESTED = "request.ask_info"
REJECTED = "request.reject"
REGISTERED = "request.register"
NOTE_ADDED = "request.note"
EXPORTED = "export.approved_csv"
ACCESS_DENIED = "access.denied"  # a signed-in account opened a page its role may not (403)
# Content (communications staff's editor; names written by content.operations).
ARTICLE_CREATED = "article.create"
ARTICLE_SAVED = "article.update"
ARTICLE_STATUS = "article.status"
ARTICLE_PUBLISHED = "article.publish"
ARTICLE_UNPUBLISHED = "article.unpublish"
ARTICLE_RESTORED = "article.restore"
ARTICLE_DELETED = "article.delete"
PAGE_CREATED = "page.create"
PAGE_SAVED = "page.update"
PAGE_RESTORED = "page.restore"
HOSPITAL_CREATED = "hospital.create"
HOSPITAL_SAVED = "hospital.update"
# The public enrollment form (enrollment.operations).
ENROLLMENT_SUBMITTED = "enrollment.submitted"
# Personal data protection (lindungi.protection).
PRIVACY_PURGED = "privacy.purge"
KEYS_ROTATED = "keys.rotate"
SUBJECT_SEARCHED = "subject.search"
SUBJECT_EXPORTED = "subject.export"
SUBJECT_CORRECTED = "subject.correct"
SUBJECT_ERASED = "subject.erase"
# Admins closing and reopening new requests (enrollment.window).
ENROLLMENT_CLOSED = "enrollment.window_close"
ENROLLMENT_REOPENED = "enrollment.window_reopen"
REVIEW_REQUESTED = "request.review_requested"  # by the applicant (enrollment.review_requests)
# Site settings: contact channels, promises, look (site_settings.operations).
SETTINGS_SAVED = "settings.update"
INFO_ANSWERED = "enrollment.answer_info"
ACCOUNT_LANGUAGE = "account.language"  # a staff member's own choice (staff.own_account_views)
MESSAGES_RETRIED = "outbox.retry"  # undelivered messages queued again (outbox.operations)

LABELS = {
    SIGN_IN: _l("Signed in"),
    SIGN_IN_FAILED: _l("Sign-in failed"),
    ACCOUNT_LOCKED: _l("Sign-in paused after wrong passwords"),
    SIGN_IN_THROTTLED: _l("Sign-in paused for one address after many failures"),
    TWO_FACTOR_FAILED: _l("Wrong sign-in code"),
    TWO_FACTOR_ENABLED: _l("Two-step sign-in turned on"),
    TWO_FACTOR_RESET: _l("Two-step sign-in reset"),
    RECOVERY_CODE_USED: _l("Recovery code used"),
    RECOVERY_CODES_RENEWED: _l("New recovery codes made"),
    PASSWORD_CHANGED: _l("Own password changed"),
    REAUTHENTICATED: _l("Identity confirmed again"),
    SIGN_OUT: _l("Signed out"),
    ACCOUNT_CREATED: _l("Account created"),
    ACCOUNT_ROLE: _l("Role changed"),
    ACCOUNT_DISABLED: _l("Account disabled"),
    ACCOUNT_ENABLED: _l("Account enabled"),
    PASSWORD_RESET: _l("Password reset"),
    IDENTITY_VIEWED: _l("Viewed NIK and KK"),
    REVIEW_STARTED: _l("Review started"),
    APPROVED: _l("Request approved"),
    INFO_REQUESTED: _l("More information asked for"),
    INFO_ANSWERED: _l("Applicant answered the question"),
    REJECTED: _l("Request not approved"),
    REGISTERED: _l("Registered with BPJS Ketenagakerjaan"),
    NOTE_ADDED: _l("Internal note added"),
    EXPORTED: _l("Approved requests exported"),
    ACCESS_DENIED: _l("Refused: the role may not open this page"),
    ARTICLE_CREATED: _l("Article created"),
    ARTICLE_SAVED: _l("Article saved"),
    ARTICLE_STATUS: _l("Article status changed"),
    ARTICLE_PUBLISHED: _l("Article published or scheduled"),
    ARTICLE_UNPUBLISHED: _l("Article taken off the site"),
    ARTICLE_RESTORED: _l("Older article revision restored"),
    ARTICLE_DELETED: _l("Article deleted"),
    PAGE_CREATED: _l("Page created"),
    PAGE_SAVED: _l("Page saved"),
    PAGE_RESTORED: _l("Older page revision restored"),
    HOSPITAL_CREATED: _l("Partner hospital added"),
    HOSPITAL_SAVED: _l("Partner hospital changed"),
    ENROLLMENT_SUBMITTED: _l("Request sent on the public form"),
    PRIVACY_PURGED: _l("Data past its retention period deleted"),
    KEYS_ROTATED: _l("Personal data sealed again with the current key"),
    SUBJECT_SEARCHED: _l("Data held about a NIK looked up"),
    SUBJECT_EXPORTED: _l("Data held about a person exported"),
    SUBJECT_CORRECTED: _l("A person's data corrected"),
    SUBJECT_ERASED: _l("A request erased on the person's request"),
    ENROLLMENT_CLOSED: _l("New requests closed"),
    ENROLLMENT_REOPENED: _l("New requests reopened"),
    REVIEW_REQUESTED: _l("Review of a rejection requested"),
    SETTINGS_SAVED: _l("Site settings changed"),
    ACCOUNT_LANGUAGE: _l("Language of the staff area changed"),
    MESSAGES_RETRIED: _l("Undelivered messages queued again"),
}


# Actions whose volume per account and hour raises an alert (audit.alerts), and their setting.
ALERT_SETTINGS = {
    IDENTITY_VIEWED: "ALERT_IDENTITY_VIEWS_PER_HOUR",
    EXPORTED: "ALERT_EXPORTS_PER_HOUR",
}


def label(action: str) -> str:
    return label_for(LABELS, action)


def client_address() -> str:
    """The client's address (ProxyFix makes it the real one behind the load balancer)."""
    if not has_request_context():
        return ""
    return (request.remote_addr or "")[:64]


def log(action: str, *, actor_id: int | None = None, target_type: str = "",
        target_id: str | int = "", **detail: Any) -> int:
    """Store an audit row in the current transaction (the caller commits); returns its id.

    `actor_id`: the staff member who acted, None for nobody signed in (the public form, a failed
    sign-in). `detail` holds ids, codes and counts only, never personal data. Outside a request
    (the command line) the row says so, and has no client address.

    One INSERT through Core, after the session's pending changes (autoflush): the unit of work
    for a single new row costs several times the statement, on every audited request.
    """
    if not has_request_context():
        detail.setdefault("via", "cli")
    if action in ALERT_SETTINGS:
        alerts.check_volume(AuditEvent, action, actor_id, ALERT_SETTINGS[action])
    events = AuditEvent.__table__
    return db.session.execute(sa.insert(events).returning(events.c.id), {
        "at": utcnow(), "action": action, "actor_id": actor_id, "target_type": target_type,
        "target_id": str(target_id), "detail": detail, "client": client_address(),
    }).scalar_one()
