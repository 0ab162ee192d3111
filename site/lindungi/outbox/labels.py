"""What channels, message kinds and delivery states are called, on the applicant's contact step
and on the staff screens alike."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from lindungi.labels import label_for
from lindungi.outbox.models import AttemptOutcome, Channel, MessageKind, MessageState

CHANNEL_LABELS = {
    Channel.WHATSAPP: "WhatsApp",
    Channel.SMS: _l("SMS (text message)"),
    Channel.EMAIL: _l("Email"),
}

KIND_LABELS = {
    MessageKind.RECEIVED: _l("Request received"),
    MessageKind.NEEDS_INFO: _l("More information needed"),
    MessageKind.APPROVED: _l("Approved"),
    MessageKind.REGISTERED: _l("Registered with BPJS Ketenagakerjaan"),
    MessageKind.REJECTED: _l("Not approved"),
    MessageKind.REVIEW_REQUESTED: _l("Review requested"),
    MessageKind.RESUME_LINK: _l("Code to continue a saved request"),
    MessageKind.STAFF_PASSWORD_RESET: _l("Staff password reset"),
}

STATE_LABELS = {
    MessageState.PENDING: _l("Waiting to be sent"),
    MessageState.SENT: _l("Sent"),
    MessageState.FAILED: _l("Not delivered"),
}

OUTCOME_LABELS = {
    AttemptOutcome.STARTED: _l("Sending"),
    AttemptOutcome.SENT: _l("Sent"),
    AttemptOutcome.FAILED: _l("Failed, will try again"),
    AttemptOutcome.REFUSED: _l("Refused"),
    AttemptOutcome.NOT_CONFIGURED: _l("Channel not set up"),
    AttemptOutcome.INTERRUPTED: _l("Interrupted"),
    AttemptOutcome.UNCERTAIN: _l("Stopped: may have arrived already"),
}


def template_labels() -> dict[str, object]:
    """What the staff message list (review/_messages.html) needs."""
    return {"outbox_label": label_for, "kind_labels": KIND_LABELS, "channel_labels": CHANNEL_LABELS,
            "state_labels": STATE_LABELS, "outcome_labels": OUTCOME_LABELS}
