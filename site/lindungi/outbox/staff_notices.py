"""Messages to staff members about their own account, by e-mail to the account's address.

Like the families' messages, the text is plain gettext with one checked value, the sign-in
link; it says what happened and what to do, never the new password. It is written in the
language the account chose for the staff area (Indonesian unless they switched to English), the
language they read their staff pages in.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from lindungi.outbox.models import Channel, MessageKind
from lindungi.outbox.operations import queue_message
from lindungi.outbox.texts import EMAIL_FOOTER, MessageText
from lindungi.staff.models import STAFF_LANGUAGES, StaffUser

DEFAULT_LANG = "id"
PASSWORD_RESET_SUBJECT = _l("Lindungi Makassar: your staff password was reset")
PASSWORD_RESET_BODY = _l(
    "An administrator has set a new password for your Lindungi Makassar staff account. Ask "
    "them for it; at your next sign-in you will choose your own. If you did not ask for this, "
    "tell the administrators at once. Sign in at %(link)s")


def _sign_in_link() -> str:
    """Absolute (BASE_URL), built outside any request too (the command line resets as well)."""
    path = current_app.url_map.bind("localhost").build("staff.sign_in", {})
    return str(current_app.config["BASE_URL"]).rstrip("/") + path


def language_of(user: StaffUser) -> str:
    return user.language if user.language in STAFF_LANGUAGES else DEFAULT_LANG


def password_reset(user: StaffUser) -> None:
    """Queue the e-mail (flushed with the reset, sent by the outbox worker)."""
    lang = language_of(user)
    with force_locale(lang):
        text = MessageText(
            subject=str(PASSWORD_RESET_SUBJECT),
            body=f"{str(PASSWORD_RESET_BODY) % {'link': _sign_in_link()}}\n\n{EMAIL_FOOTER}")
    queue_message(kind=MessageKind.STAFF_PASSWORD_RESET, channel=Channel.EMAIL,
                  recipient=user.email, lang=lang, text=text)
