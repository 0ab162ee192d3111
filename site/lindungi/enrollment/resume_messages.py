"""Save and return by message: the draft's code and its continue link, sent through the outbox
by the channel the applicant chose at the contact step, or to an address typed on the saved page.

The message holds the code and the link only (outbox.texts.compose_resume_link): never a NIK,
KK, date of birth or name, and the link carries the code alone. It is queued in the caller's
transaction, in the language the draft is being filled in. The typed address is kept nowhere
but in the message's sealed recipient; `drafts purge` deletes these messages with the codes.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, url_for

from lindungi.enrollment import resume
from lindungi.enrollment.answers import Answers
from lindungi.extensions import db
from lindungi.outbox.models import Channel, MessageKind, OutboxMessage
from lindungi.outbox.operations import queue_message
from lindungi.outbox.texts import compose_resume_link
from lindungi.timeutil import utcnow


def continue_link(lang: str, code: str) -> str:
    """/<lang>/daftar/lanjut?kode=…, absolute from BASE_URL (never the request's Host)."""
    path = url_for("enrollment.resume_draft", lang=lang, kode=code)
    return current_app.config["BASE_URL"].rstrip("/") + path


def destination_in(answers: Answers) -> tuple[Channel, str] | None:
    """The contact step's channel and its address, when that step was answered."""
    contact = answers.contact
    if contact is None:
        return None
    channel = Channel(contact.channel)
    recipient = contact.email if channel is Channel.EMAIL else contact.phone_e164
    return (channel, recipient) if recipient else None


def send_code(code: str, lang: str, channel: Channel, recipient: str) -> int:
    """Queue the code and link (the caller commits); the message's id."""
    text = compose_resume_link(lang, code, continue_link(lang, code), resume.RESUME_DAYS,
                               email=channel is Channel.EMAIL)
    return queue_message(kind=MessageKind.RESUME_LINK, channel=channel, recipient=recipient,
                         lang=lang, text=text)


def purge_old_messages() -> int:
    """Delete continue messages older than a code lives: their code is dead by then, and the
    recipient they hold belongs to no request."""
    cutoff = utcnow() - timedelta(days=resume.RESUME_DAYS)
    result = db.session.execute(sa.delete(OutboxMessage).where(
        OutboxMessage.kind == MessageKind.RESUME_LINK, OutboxMessage.created_at <= cutoff))
    return int(getattr(result, "rowcount", 0) or 0)
