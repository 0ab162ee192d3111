"""The worker sends through real local servers the tests start: an SMTP server (aiosmtpd) and a
stand-in for the SMS/WhatsApp gateway. Every attempt is recorded."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

import pytest
from flask import Flask

from lindungi.extensions import db
from lindungi.outbox import channels, notices
from lindungi.outbox.channels import senders_from_config
from lindungi.outbox.models import AttemptOutcome, Channel, MessageKind, MessageState
from tests.functional.outbox.conftest import messages, run_worker
from tests.support.outbox import gateway_stand_in, smtp_server
from tests.support.staff import load_request

A = AttemptOutcome


def queue(app: Flask, request_id: int, kind: MessageKind = MessageKind.RECEIVED) -> None:
    with app.app_context():
        request = load_request(app, request_id)
        db.session.add(request)
        notices.notify(request, kind)
        db.session.commit()


@pytest.mark.parametrize(("lang", "subject", "words"), [
    ("id", "Permohonan {ref} disetujui", "Pemerintah kota sekarang mendaftarkan pekerja"),
    ("en", "Request {ref} approved", "The city will now register the worker"),
])
def test_email_arrives_at_a_real_smtp_server_in_the_request_language(
        app: Flask, make_request, lang: str, subject: str, words: str) -> None:
    request = make_request(preferred_lang=lang, email="keluarga@example.com",
                           notify_channel=Channel.EMAIL)
    queue(app, request.id, MessageKind.APPROVED)
    with smtp_server() as server:
        app.config.update(SMTP_URL=server.url, MAIL_FROM="Lindungi Makassar <info@example.go.id>")
        assert run_worker(app, senders_from_config(app.config)) == 1
    ((mail_from, recipients, email),) = server.messages
    assert (mail_from, recipients) == ("info@example.go.id", ["keluarga@example.com"])
    assert email["From"] == "Lindungi Makassar <info@example.go.id>"
    assert email["Subject"] == subject.format(ref=request.reference)
    assert email["Content-Language"] == lang
    body = email.get_content()
    assert words in body and request.reference in body
    assert f"http://127.0.0.1:5000/{lang}/status" in body
    (message,) = messages(app)
    assert email["Message-ID"] == f"<{message.idempotency_key}@example.go.id>"
    assert message.state is MessageState.SENT and message.sent_at is not None
    assert [(a.number, a.outcome, a.error) for a in message.attempts] == [(1, A.SENT, "")]


@pytest.mark.parametrize(("password", "delivered"), [("p@ss:w/rd", True), ("wrong", False)])
def test_smtp_sign_in_from_the_url(app: Flask, make_request, password: str,
                                   delivered: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not delivered:  # aiosmtpd leaves a refused sign-in unanswered until the client gives
        # up: wait 2 s for that, not the 20 s production allows a slow server.
        monkeypatch.setattr(channels, "TIMEOUT_SECONDS", 2)
    request = make_request(email="keluarga@example.com", notify_channel=Channel.EMAIL)
    queue(app, request.id)
    with smtp_server(login=("lindungi", "p@ss:w/rd")) as server:
        host = server.url.removeprefix("smtp://")
        app.config.update(SMTP_URL=f"smtp://lindungi:{quote(password, safe='')}@{host}",
                          MAIL_FROM="info@example.go.id")
        assert run_worker(app, senders_from_config(app.config)) == 1
    (message,) = messages(app)
    assert len(server.messages) == (1 if delivered else 0)
    assert server.inbox.sign_ins == ["lindungi"]
    if delivered:
        assert message.state is MessageState.SENT
    else:  # the settings' fault: tried again later, and the password is nowhere in the error
        assert message.state is MessageState.PENDING
        # "sign-in refused (535)", or a disconnect when the server hangs up after it.
        assert message.last_error.startswith("SMTP ") and "wrong" not in message.last_error


@pytest.mark.parametrize("channel", [Channel.WHATSAPP, Channel.SMS])
def test_gateway_receives_json_with_the_idempotency_key(app: Flask, make_request,
                                                        channel: Channel) -> None:
    request = make_request(preferred_lang="en", notify_channel=channel)
    queue(app, request.id)
    name = channel.value.upper()
    with gateway_stand_in() as gateway:
        app.config.update({f"{name}_GATEWAY_URL": gateway.url, f"{name}_GATEWAY_TOKEN": "t0k3n"})
        assert run_worker(app, senders_from_config(app.config)) == 1
    (message,) = messages(app)
    (post,) = gateway.posts
    assert post.headers["Idempotency-Key"] == message.idempotency_key
    assert post.headers["Authorization"] == "Bearer t0k3n"
    assert post.headers["Content-Type"] == "application/json"
    assert post.payload == {"to": "+6281234567890", "text": message.body,
                            "channel": channel.value, "language": "en"}
    assert request.reference in post.payload["text"]
    assert message.state is MessageState.SENT


def test_gateway_errors_are_retried_and_recorded_in_our_words(app: Flask, make_request) -> None:
    request = make_request()
    queue(app, request.id)
    with gateway_stand_in() as gateway:
        gateway.fail_with = [503, 429]
        app.config["WHATSAPP_GATEWAY_URL"] = gateway.url
        senders = senders_from_config(app.config)
        # No waiting between attempts here (backoff has its own test).
        assert run_worker(app, senders, retry_base=timedelta(0)) == 3
    (message,) = messages(app)
    assert [(a.outcome, a.error) for a in message.attempts] == [
        (A.FAILED, "gateway answered HTTP 503"), (A.FAILED, "gateway answered HTTP 429"),
        (A.SENT, "")]
    assert len({post.headers["Idempotency-Key"] for post in gateway.posts}) == 1
    assert message.state is MessageState.SENT


def test_a_redirect_is_not_taken_for_delivery(app: Flask, make_request) -> None:
    request = make_request()
    queue(app, request.id)
    with gateway_stand_in() as gateway:
        gateway.fail_with = [302]
        app.config["WHATSAPP_GATEWAY_URL"] = gateway.url
        assert run_worker(app, senders_from_config(app.config)) == 1
    (message,) = messages(app)
    assert len(gateway.posts) == 1  # not followed (it would have become a GET without the text)
    assert message.state is MessageState.PENDING
    assert message.last_error == "gateway answered HTTP 302"


def test_a_refused_message_is_not_tried_again(app: Flask, make_request) -> None:
    request = make_request()
    queue(app, request.id)
    with gateway_stand_in() as gateway:
        gateway.fail_with = [422]
        app.config["WHATSAPP_GATEWAY_URL"] = gateway.url
        assert run_worker(app, senders_from_config(app.config)) == 1
    (message,) = messages(app)
    assert message.state is MessageState.FAILED
    assert message.last_error == "gateway answered HTTP 422"
    assert [a.outcome for a in message.attempts] == [A.REFUSED]


def test_an_unreachable_gateway_is_a_temporary_failure(app: Flask, make_request) -> None:
    request = make_request()
    queue(app, request.id)
    with gateway_stand_in() as gateway:
        url = gateway.url
    app.config["WHATSAPP_GATEWAY_URL"] = url  # the server is gone: connection refused
    assert run_worker(app, senders_from_config(app.config)) == 1
    (message,) = messages(app)
    assert message.state is MessageState.PENDING
    assert message.last_error == "gateway unreachable (ConnectionRefusedError)"
    assert message.next_attempt_at > message.attempts[0].started_at


def test_an_unconfigured_channel_fails_visibly_and_retry_queues_it_again(
        app: Flask, make_request, runner) -> None:
    request = make_request(notify_channel=Channel.SMS)
    queue(app, request.id)
    result = runner.invoke(args=["outbox", "work", "--once"])
    assert result.exit_code == 0, result.output
    assert "channels configured: none" in result.output
    (message,) = messages(app)
    assert message.state is MessageState.FAILED
    assert [(a.outcome, a.error) for a in message.attempts] == [
        (A.NOT_CONFIGURED, "channel not configured")]

    with gateway_stand_in() as gateway:
        app.config["SMS_GATEWAY_URL"] = gateway.url
        assert "1 message(s) queued again" in runner.invoke(args=["outbox", "retry"]).output
        assert runner.invoke(args=["outbox", "work", "--once"]).exit_code == 0
    (message,) = messages(app)
    assert message.state is MessageState.SENT and len(gateway.posts) == 1
