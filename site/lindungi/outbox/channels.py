"""The ways a message leaves: e-mail over SMTP, SMS and WhatsApp through an HTTP gateway.

Every channel is a `Sender`: `send(Outgoing)` returns when the other side accepted the message
and raises `DeliveryError` otherwise. Error texts are our own words and codes, never the
server's reply, which may quote the address. A channel whose settings are missing has no sender
(`senders_from_config`), and the worker marks its messages as not delivered.
"""

from __future__ import annotations

import json
import smtplib
import ssl
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from lindungi.outbox.models import Channel

TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class Outgoing:
    """A claimed message, detached from the database while it is being sent."""

    message_id: int
    idempotency_key: str
    channel: Channel
    recipient: str
    lang: str
    subject: str
    body: str


class DeliveryError(Exception):
    """Not accepted. `permanent`: sending it again will not help (an address refused)."""

    def __init__(self, text: str, permanent: bool = False) -> None:
        super().__init__(text)
        self.text = text[:200]
        self.permanent = permanent


class Sender(Protocol):
    # True when the other side drops a second message with the same Idempotency-Key, so a
    # message may safely be sent again after a crash (worker.py).
    idempotent: bool

    def send(self, message: Outgoing) -> None: ...


class SmtpSender:
    """smtp://user:pass@host:port (plain, for a relay on the same network), smtps://… (TLS from
    the first byte, usually port 465) or smtp+starttls://… (STARTTLS, usually port 587; the
    server must offer it, or nothing is sent). With TLS the certificate and host name are always
    checked, against the system's CAs or `ca_file` (LINDUNGI_SMTP_CA_FILE)."""

    idempotent = False  # SMTP has no idempotency key: a resend after a crash is a second mail

    def __init__(self, url: str, mail_from: str, ca_file: str = "") -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps", "smtp+starttls") or not parts.hostname:
            raise ValueError("LINDUNGI_SMTP_URL must look like smtp://user:pass@host:port")
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = parts.port or {"smtp": 25, "smtps": 465, "smtp+starttls": 587}[parts.scheme]
        self.username = unquote(parts.username or "")
        self.password = unquote(parts.password or "")
        self.mail_from = mail_from  # may carry a name: "Lindungi Makassar <info@...>"
        self.envelope_from = parseaddr(mail_from)[1]
        self.ca_file = ca_file

    def _tls(self) -> ssl.SSLContext:
        # create_default_context verifies the chain and the host name (CERT_REQUIRED).
        return ssl.create_default_context(cafile=self.ca_file or None)

    def _email(self, message: Outgoing) -> EmailMessage:
        email = EmailMessage()
        email["From"] = self.mail_from
        email["To"] = message.recipient
        email["Subject"] = message.subject
        email["Date"] = formatdate(localtime=False)
        domain = self.envelope_from.rpartition("@")[2] or "localhost"
        # The same Message-ID on every attempt lets a mailbox that dedupes drop a resend.
        email["Message-ID"] = f"<{message.idempotency_key}@{domain}>"
        email["Auto-Submitted"] = "auto-generated"
        email.set_content(message.body)
        email["Content-Language"] = message.lang  # after set_content, which resets Content-*
        return email

    def _connect(self) -> smtplib.SMTP:
        if self.scheme == "smtps":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=TIMEOUT_SECONDS,
                                    context=self._tls())
        connection = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT_SECONDS)
        if self.scheme == "smtp+starttls":
            try:
                # Raises SMTPNotSupportedError when the server does not offer STARTTLS: we never
                # fall back to sending the sign-in and the message in the clear.
                connection.starttls(context=self._tls())
            except BaseException:
                connection.close()
                raise
        return connection

    def send(self, message: Outgoing) -> None:
        try:
            with self._connect() as connection:
                if self.username:
                    connection.login(self.username, self.password)
                connection.send_message(self._email(message), self.envelope_from,
                                        [message.recipient])
        except smtplib.SMTPRecipientsRefused as error:
            codes = sorted({code for code, _text in error.recipients.values()})
            raise DeliveryError(f"SMTP server refused the recipient ({codes[0] if codes else '?'})",
                                permanent=all(code >= 500 for code in codes)) from None
        except smtplib.SMTPAuthenticationError as error:
            # The settings' fault, not the message's: it is tried again once they are fixed.
            raise DeliveryError(f"SMTP sign-in refused ({error.smtp_code})") from None
        except smtplib.SMTPResponseException as error:
            raise DeliveryError(f"SMTP server answered {error.smtp_code}",
                                permanent=error.smtp_code >= 500) from None
        except (smtplib.SMTPException, OSError) as error:
            raise DeliveryError(f"SMTP connection failed ({type(error).__name__})") from None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect would turn the POST into a GET without the message: report it instead."""

    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


class GatewaySender:
    """An SMS or WhatsApp gateway: a JSON POST {"to", "text", "channel", "language"} with the
    token as a Bearer header and the message's Idempotency-Key."""

    idempotent = True

    def __init__(self, channel: Channel, url: str, token: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("a gateway URL must be an http:// or https:// address")
        self.channel = channel
        self.url = url
        self.token = token

    def _request(self, message: Outgoing) -> urllib.request.Request:
        payload = {"to": message.recipient, "text": message.body, "channel": self.channel.value,
                   "language": message.lang}
        headers = {"Content-Type": "application/json", "Accept": "application/json",
                   "Idempotency-Key": message.idempotency_key}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        # The scheme was checked in __init__: http or https only.
        return urllib.request.Request(self.url, data=json.dumps(payload).encode(),  # noqa: S310
                                      headers=headers, method="POST")

    def send(self, message: Outgoing) -> None:
        try:
            with _OPENER.open(self._request(message), timeout=TIMEOUT_SECONDS):
                return
        except urllib.error.HTTPError as error:
            if error.code == 409:  # "this key was already used": the first send got through
                return
            permanent = 400 <= error.code < 500 and error.code not in (408, 425, 429)
            raise DeliveryError(f"gateway answered HTTP {error.code}",
                                permanent=permanent) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise DeliveryError(
                f"gateway unreachable ({type(reason).__name__})") from None


def senders_from_config(config: Mapping[str, Any]) -> dict[Channel, Sender]:
    """The configured channels. A channel without its settings is left out."""
    senders: dict[Channel, Sender] = {}
    if config.get("SMTP_URL") and config.get("MAIL_FROM"):
        senders[Channel.EMAIL] = SmtpSender(config["SMTP_URL"], config["MAIL_FROM"],
                                           config.get("SMTP_CA_FILE") or "")
    for channel, name in ((Channel.SMS, "SMS"), (Channel.WHATSAPP, "WHATSAPP")):
        url = config.get(f"{name}_GATEWAY_URL")
        if url:
            token = config.get(f"{name}_GATEWAY_TOKEN") or ""
            senders[channel] = GatewaySender(channel, url, token)
    return senders
