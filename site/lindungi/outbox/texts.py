"""What each message says, in English msgids translated like the pages.

Plain text, built with gettext's own %-formatting rather than a Jinja template: Flask's Jinja
escapes HTML only in .html/.xml templates, and HTML escaping would be wrong here anyway (an "&"
would reach an SMS as "&amp;"). So nothing is escaped, and only two values ever go into a
message: the reference, checked to be one (LM-XXXX-XXXX), and the status page link, built
from BASE_URL and the route. Neither a name, a NIK, a KK, a date of birth nor a reviewer's free
text reaches a message; the status page (reference and date of birth) shows the details.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from lindungi.core.reference import normalise_reference
from lindungi.outbox.models import MessageKind

K = MessageKind
SUBJECTS = {
    K.RECEIVED: _l("Request %(reference)s received"),
    K.NEEDS_INFO: _l("Request %(reference)s: more information needed"),
    K.APPROVED: _l("Request %(reference)s approved"),
    K.REGISTERED: _l("Request %(reference)s: registered with BPJS Ketenagakerjaan"),
    K.REJECTED: _l("Request %(reference)s not approved"),
    K.REVIEW_REQUESTED: _l("Request %(reference)s: review requested"),
}
BODIES = {
    K.RECEIVED: _l(
        "Lindungi Makassar: we have received enrollment request %(reference)s. A reviewer will "
        "look at it soon. Follow it at %(link)s with the reference and the worker's date of "
        "birth."),
    K.NEEDS_INFO: _l(
        "Lindungi Makassar: the reviewer needs more information for request %(reference)s. "
        "Read what is needed at %(link)s (enter the reference and the worker's date of birth)."),
    K.APPROVED: _l(
        "Lindungi Makassar: request %(reference)s is approved. The city will now register the "
        "worker with BPJS Ketenagakerjaan. Status: %(link)s"),
    K.REGISTERED: _l(
        "Lindungi Makassar: request %(reference)s is registered with BPJS Ketenagakerjaan. The "
        "cover has started. Status: %(link)s"),
    K.REJECTED: _l(
        "Lindungi Makassar: request %(reference)s was not approved. The reason and what you can "
        "do next are at %(link)s"),
    K.REVIEW_REQUESTED: _l(
        "Lindungi Makassar: we have received your request to review %(reference)s again. "
        "Another reviewer will decide. Status: %(link)s"),
}
# Under every e-mail; an SMS or WhatsApp message stays one short paragraph.
EMAIL_FOOTER = _l("This message was sent automatically. Registration is free: never pay anyone "
                  "for it.")

_LINK = re.compile(r"https?://[A-Za-z0-9.:\[\]-]+(/[A-Za-z0-9._~/-]*)?")


@dataclass(frozen=True)
class MessageText:
    subject: str
    body: str


def compose(kind: MessageKind, lang: str, reference: str, link: str,
            email: bool = False) -> MessageText:
    """The message in `lang`. Refuses values that are not a reference and a plain link."""
    # Only a reference as lindungi.core.reference writes it (LM-XXXX-XXXX, with its check
    # character): a NIK or a name put there by mistake is refused.
    if normalise_reference(reference) != reference:
        raise ValueError("a message may only hold a valid reference such as LM-7K3Q-9F2X")
    if not _LINK.fullmatch(link):
        raise ValueError("a message link must be a plain http(s) address")
    with force_locale(lang):
        subject = str(SUBJECTS[kind]) % {"reference": reference}
        body = str(BODIES[kind]) % {"reference": reference, "link": link}
        if email:
            body = f"{body}\n\n{EMAIL_FOOTER}"
    return MessageText(subject=subject, body=body)


# Save and return (enrollment.resume_messages): the draft's code and the link that continues it.
# Nothing else goes in: the draft has no reference yet, and its answers stay on the server.
RESUME_SUBJECT = _l("Your code to continue the request: %(code)s")
RESUME_BODY = _l(
    "Lindungi Makassar: your code to continue the enrollment request is %(code)s. Open "
    "%(link)s and enter the code and the date of birth of one of the workers within "
    "%(days)s days. The code works once.")
_CODE = re.compile(r"[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}")  # resume.ALPHABET, XXXXX-XXXXX


def compose_resume_link(lang: str, code: str, link: str, days: int,
                        email: bool = False) -> MessageText:
    """The continue message in `lang`. Refuses anything but a code, a plain link carrying only
    that code (?kode=), and a number of days."""
    if not _CODE.fullmatch(code):
        raise ValueError("a resume message may only hold a code such as 7K3QF-9X2MA")
    address, _sep, query = link.partition("?")
    if not _LINK.fullmatch(address) or query not in ("", f"kode={code}"):
        raise ValueError("a resume message link must be a plain http(s) address with the code")
    with force_locale(lang):
        subject = str(RESUME_SUBJECT) % {"code": code}
        body = str(RESUME_BODY) % {"code": code, "link": link, "days": int(days)}
        if email:
            body = f"{body}\n\n{EMAIL_FOOTER}"
    return MessageText(subject=subject, body=body)
