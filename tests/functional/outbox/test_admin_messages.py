"""Admins see, at /staf/pesan, which channels are set up, how many messages are in each state,
and every message that was not delivered (those that belong to no request too), with the
recipient masked; they can queue the undelivered ones again (audited). Reviewers cannot."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from lindungi.audit.models import AuditEvent
from lindungi.extensions import db
from lindungi.outbox import operations
from lindungi.outbox.channels import DeliveryError, Outgoing
from lindungi.outbox.masking import masked_recipient
from lindungi.outbox.models import Channel, MessageKind, MessageState
from lindungi.outbox.texts import MessageText
from lindungi.staff.models import Role
from tests.functional.outbox.conftest import messages, run_worker
from tests.support.checking import soup_of
from tests.support.staff import csrf_token

PHONE = "+6281234567890"
EMAIL = "siti.aminah@example.com"


class Refusing:
    idempotent = True

    def send(self, message: Outgoing) -> None:
        raise DeliveryError("gateway answered HTTP 422", permanent=True)


def queue(app: Flask, channel: Channel, recipient: str, request_id: int | None = None,
          kind: MessageKind = MessageKind.RESUME_LINK) -> None:
    with app.app_context():
        operations.queue_message(kind=kind, channel=channel, recipient=recipient, lang="id",
                                 text=MessageText(subject="Kode", body="Kode Anda"),
                                 request_id=request_id)
        db.session.commit()


def undelivered_world(app: Flask, make_request) -> int:
    """A request's SMS refused by the gateway, a saved draft's e-mail refused, one message
    stored without an address; returns the request's id."""
    request = make_request()
    queue(app, Channel.SMS, PHONE, request.id, MessageKind.APPROVED)
    queue(app, Channel.EMAIL, EMAIL)
    queue(app, Channel.WHATSAPP, "")
    run_worker(app, {Channel.SMS: Refusing(), Channel.EMAIL: Refusing()})
    return request.id


def test_admins_see_every_undelivered_message_masked(app: Flask, client_for,
                                                     make_request) -> None:
    request_id = undelivered_world(app, make_request)
    admin = client_for(Role.ADMIN)
    response = admin.get("/staf/pesan")
    assert response.status_code == 200
    page = soup_of(response)
    rows = page.select("tbody tr")
    assert len(rows) == 3
    text = page.text
    assert PHONE not in text and "81234567890" not in text and EMAIL not in text
    assert "••• 7890" in text and "s•••@example.com" in text
    linked = page.select_one(f"tbody a[href='/staf/pendaftaran/{request_id}']")
    assert linked is not None and linked.text.startswith("LM-")
    assert "gateway answered HTTP 422" in text and "Kode untuk melanjutkan" in text
    assert "Belum ada saluran yang disiapkan" in text  # no channel in the test settings
    counts = {dt.text: dt.find_next("dd").text for dt in page.select(".summary-list dt")}
    assert counts["Tidak terkirim"] == "3" and counts["Menunggu dikirim"] == "0"
    assert page.select_one("form[action='/staf/pesan/kirim-lagi'] button").text.startswith(
        "Kirim lagi 2 pesan")
    assert "no-store" in response.headers["Cache-Control"]


def test_the_channels_set_up_are_named(app: Flask, client_for) -> None:
    app.config.update(SMTP_URL="smtp://127.0.0.1:2525", MAIL_FROM="noreply@makassarkota.go.id",
                      SMS_GATEWAY_URL="http://127.0.0.1:9/sms")
    page = soup_of(client_for(Role.ADMIN).get("/staf/pesan"))
    assert "Saluran yang disiapkan: Email, SMS (pesan singkat)." in page.text
    assert "Sejauh ini semua pesan terkirim" in page.text


def test_sending_again_queues_those_with_an_address_and_is_audited(
        app: Flask, client_for, make_request) -> None:
    undelivered_world(app, make_request)
    admin = client_for(Role.ADMIN)
    response = admin.post("/staf/pesan/kirim-lagi", data={"csrf_token": csrf_token(admin)})
    assert response.status_code == 303 and response.headers["Location"] == "/staf/pesan"
    assert "2 pesan akan dikirim lagi." in admin.get("/staf/pesan").text
    states = sorted((m.channel.value, m.state.value, m.attempt_count) for m in messages(app))
    assert states == [("email", "pending", 0), ("sms", "pending", 0),
                      ("whatsapp", "failed", 0)]
    with app.app_context():
        event = db.session.scalar(sa.select(AuditEvent).where(
            AuditEvent.action == "outbox.retry"))
        assert event is not None and event.actor_id == admin.user.id
        assert event.detail == {"messages": 2}


def test_a_post_without_a_valid_token_changes_nothing(app: Flask, client_for,
                                                     make_request) -> None:
    undelivered_world(app, make_request)
    admin = client_for(Role.ADMIN)
    before = [(m.id, m.state) for m in messages(app)]
    response = admin.post("/staf/pesan/kirim-lagi", data={"csrf_token": "forged"})
    assert response.status_code == 400
    assert [(m.id, m.state) for m in messages(app)] == before


def test_reviewers_and_strangers_are_kept_out(app: Flask, client, client_for,
                                              make_request) -> None:
    undelivered_world(app, make_request)
    reviewer = client_for(Role.REVIEWER)
    assert reviewer.get("/staf/pesan").status_code == 403
    token = csrf_token(reviewer)
    assert reviewer.post("/staf/pesan/kirim-lagi", data={"csrf_token": token}).status_code == 403
    assert client.get("/staf/pesan").status_code in (302, 303)
    assert all(m.state is MessageState.FAILED for m in messages(app))
    nav = soup_of(reviewer.get("/staf/")).select("nav.staff-nav a")
    assert "/staf/pesan" not in [a["href"] for a in nav]


def test_the_command_line_retry_is_audited_as_such(app: Flask, runner, make_request) -> None:
    undelivered_world(app, make_request)
    assert "2 message(s) queued again" in runner.invoke(args=["outbox", "retry"]).output
    with app.app_context():
        event = db.session.scalar(sa.select(AuditEvent).where(
            AuditEvent.action == "outbox.retry"))
        assert event is not None and event.actor_id is None
        assert event.detail == {"messages": 2, "via": "cli"}


def test_recipients_are_masked() -> None:
    assert masked_recipient(Channel.SMS, "+6281234567890") == "••• 7890"
    assert masked_recipient(Channel.WHATSAPP, "+62411") == "••• 2411"
    assert masked_recipient(Channel.WHATSAPP, "1234") == "•••"
    assert masked_recipient(Channel.EMAIL, "siti@example.com") == "s•••@example.com"
    assert masked_recipient(Channel.EMAIL, "no-at-sign") == "•••"
    assert masked_recipient(Channel.EMAIL, "") == ""
