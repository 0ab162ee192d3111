"""Telling the family of a request what happened: the message for a status change, in the
language the request was filled in (its preferred_lang, the contact step's choice, which starts
as the form's language), to the channel they chose at the contact step.

A new kind of news (e.g. a review request) is a MessageKind with its texts (outbox.texts) and
label (outbox.labels); the operation that makes the change calls `notify(request, kind)`.
"""

from __future__ import annotations

from flask import current_app

from lindungi.enrollment.models import EnrollmentRequest, RequestStatus
from lindungi.outbox.models import Channel, MessageKind
from lindungi.outbox.operations import queue_message
from lindungi.outbox.texts import compose

# The status changes a family hears about. Starting the review is not news to them.
KIND_FOR_STATUS = {
    RequestStatus.RECEIVED: MessageKind.RECEIVED,
    RequestStatus.NEEDS_INFO: MessageKind.NEEDS_INFO,
    RequestStatus.APPROVED: MessageKind.APPROVED,
    RequestStatus.REGISTERED: MessageKind.REGISTERED,
    RequestStatus.REJECTED: MessageKind.REJECTED,
}


def status_link(lang: str) -> str:
    """The status page in `lang`, absolute (BASE_URL), built outside any request too."""
    adapter = current_app.url_map.bind("localhost")
    path = adapter.build("enrollment.status", {"lang": lang})
    return current_app.config["BASE_URL"].rstrip("/") + path


def recipient_of(request: EnrollmentRequest) -> str:
    return request.email if request.notify_channel is Channel.EMAIL else request.phone_e164


def notify(request: EnrollmentRequest, kind: MessageKind) -> int:
    """Queue `kind` for the request's family (stored with the caller's change); its id."""
    lang = request.preferred_lang if request.preferred_lang in _languages() else _default()
    channel = request.notify_channel
    text = compose(kind, lang, request.reference, status_link(lang),
                   email=channel is Channel.EMAIL)
    return queue_message(kind=kind, channel=channel, recipient=recipient_of(request), lang=lang,
                         text=text, request_id=request.id)


def notify_status(request: EnrollmentRequest, status: RequestStatus) -> int | None:
    """The message for a change to `status`, if the family hears about that status."""
    kind = KIND_FOR_STATUS.get(status)
    return None if kind is None else notify(request, kind)


def _languages() -> list[str]:
    return list(current_app.config["SUPPORTED_LOCALES"])


def _default() -> str:
    return str(current_app.config["DEFAULT_LOCALE"])
