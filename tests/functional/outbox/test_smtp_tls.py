"""E-mail over TLS against a real local SMTP server with a throwaway certificate authority:
smtps:// (TLS from the first byte) and smtp+starttls:// (STARTTLS, required). The client always
verifies the certificate and the host name; LINDUNGI_SMTP_CA_FILE says which CA to trust."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from lindungi.outbox.channels import senders_from_config
from lindungi.outbox.models import Channel, MessageState
from tests.functional.outbox.conftest import messages, run_worker
from tests.functional.outbox.test_delivery import queue
from tests.support.outbox import smtp_server
from tests.support.tls import ThrowawayCertificates, make_certificates

LOGIN = ("lindungi", "s3cret-pass")


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ThrowawayCertificates]:
    yield make_certificates(tmp_path_factory.mktemp("tls"))


def _configure(app: Flask, url: str, ca_file: Path | str, host: str = "127.0.0.1") -> None:
    scheme, _sep, rest = url.partition("://")
    port = rest.rsplit(":", 1)[1]
    app.config.update(SMTP_URL=f"{scheme}://{LOGIN[0]}:{LOGIN[1]}@{host}:{port}",
                      MAIL_FROM="Lindungi Makassar <info@example.go.id>",
                      SMTP_CA_FILE=str(ca_file))


@pytest.mark.parametrize("tls", ["implicit", "starttls"])
def test_email_is_sent_over_verified_tls_with_a_sign_in(
        app: Flask, make_request, certificates: ThrowawayCertificates, tls: str) -> None:
    request = make_request(preferred_lang="en", email="keluarga@example.com",
                           notify_channel=Channel.EMAIL)
    queue(app, request.id)
    with smtp_server(login=LOGIN, tls=tls, certificates=certificates) as server:
        assert server.url.startswith("smtps://" if tls == "implicit" else "smtp+starttls://")
        _configure(app, server.url, certificates.ca_file)
        assert run_worker(app, senders_from_config(app.config)) == 1
    ((_sender, recipients, email),) = server.messages
    assert recipients == ["keluarga@example.com"] and request.reference in email["Subject"]
    assert server.inbox.sign_ins == ["lindungi"]  # the server allows AUTH only over TLS
    assert messages(app)[0].state is MessageState.SENT


@pytest.mark.parametrize("tls", ["implicit", "starttls"])
@pytest.mark.parametrize("mistake", ["untrusted CA", "other host name"])
def test_an_untrusted_certificate_or_another_host_name_sends_nothing(
        app: Flask, make_request, certificates: ThrowawayCertificates, tls: str,
        mistake: str) -> None:
    request = make_request(email="keluarga@example.com", notify_channel=Channel.EMAIL)
    queue(app, request.id)
    with smtp_server(login=LOGIN, tls=tls, certificates=certificates) as server:
        if mistake == "untrusted CA":  # the system's CAs do not know the test CA
            _configure(app, server.url, "")
        else:  # the CA is trusted, but the certificate is for 127.0.0.1, not "localhost"
            _configure(app, server.url, certificates.ca_file, host="localhost")
        assert run_worker(app, senders_from_config(app.config)) == 1
    assert server.messages == [] and server.inbox.sign_ins == []  # no password left the client
    (message,) = messages(app)
    assert message.state is MessageState.PENDING  # tried again once the settings are fixed
    assert [attempt.error for attempt in message.attempts] == [
        "SMTP connection failed (SSLCertVerificationError)"]


def test_starttls_is_required_when_asked_for(app: Flask, make_request,
                                             certificates: ThrowawayCertificates) -> None:
    """smtp+starttls:// to a server that does not offer STARTTLS: no fallback to plain text."""
    request = make_request(email="keluarga@example.com", notify_channel=Channel.EMAIL)
    queue(app, request.id)
    with smtp_server(login=LOGIN) as server:  # plain SMTP, AUTH offered without TLS
        _configure(app, server.url.replace("smtp://", "smtp+starttls://"), certificates.ca_file)
        run_worker(app, senders_from_config(app.config))
    assert server.messages == [] and server.inbox.sign_ins == []
    (message,) = messages(app)
    assert message.state is MessageState.PENDING
    assert message.attempts[0].error == "SMTP connection failed (SMTPNotSupportedError)"
