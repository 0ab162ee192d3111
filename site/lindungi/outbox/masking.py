"""A recipient as staff see it in lists: enough to tell messages apart, not the whole address."""

from __future__ import annotations

from lindungi.outbox.models import Channel

HIDDEN = "•••"


def masked_recipient(channel: Channel, recipient: str) -> str:
    """The last four digits of a phone number; an e-mail address's first letter and domain."""
    if not recipient:
        return ""
    if channel is Channel.EMAIL:
        name, _at, domain = recipient.rpartition("@")
        return f"{name[:1]}{HIDDEN}@{domain}" if name else HIDDEN
    digits = "".join(char for char in recipient if char.isdigit())
    return f"{HIDDEN} {digits[-4:]}" if len(digits) > 4 else HIDDEN
