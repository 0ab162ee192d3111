"""Every status change writes its message in the same transaction, in the request's language,
to the channel chosen at the contact step; nothing personal is in any message."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.enrollment.models import EnrollmentRequest, RequestStatus
from lindungi.extensions import db
from lindungi.outbox.models import Channel, MessageKind, MessageState, OutboxMessage
from lindungi.review import operations
from lindungi.staff.models import StaffUser
from tests.functional.outbox.conftest import decide, messages
from tests.support.enrollment import NOW, Flow, make_nik
from tests.support.staff import csrf_token, load_request

S = RequestStatus
K = MessageKind


@pytest.mark.parametrize(("lang", "channel", "recipient", "expected"), [
    ("id", "whatsapp", "+6281234567890", "kami telah menerima permohonan pendaftaran"),
    ("en", "sms", "+6281234567890", "we have received enrollment request"),
    ("en", "email", "keluarga@example.com", "we have received enrollment request"),
])
def test_a_sent_request_queues_the_received_message(app: Flask, client, lang: str, channel: str,
                                                    recipient: str, expected: str) -> None:
    app.config["NOW"] = NOW
    flow = Flow(client, lang="id")  # the pages' language; the message follows the choice below
    flow.applicant()
    flow.worker(1)
    flow.contact(channel=channel, email="keluarga@example.com", preferred_lang=lang)
    flow.consent()
    flow.submit(flow.submit_token())
    (message,) = messages(app)
    assert message.kind is K.RECEIVED and message.state is MessageState.PENDING
    assert (message.channel, message.recipient, message.lang) == (
        Channel(channel), recipient, lang)
    request = load_request(app, message.request_id)
    assert request.notify_channel is Channel(channel)
    assert expected in message.body
    assert request.reference in message.body and request.reference in message.subject
    assert f"http://127.0.0.1:5000/{lang}/status" in message.body
    assert message.idempotency_key.startswith(f"lindungi-{message.id}-")


def test_each_decision_queues_its_message_in_the_request_language(app: Flask, reviewer,
                                                                  make_request) -> None:
    request = make_request(preferred_lang="en", notify_channel=Channel.WHATSAPP)
    assert decide(reviewer, request.id, "mulai", "start").status_code == 302
    assert messages(app) == []  # starting the review is not news for the family
    assert decide(reviewer, request.id, "minta-informasi", "ask",
                  message="Kirim foto KK").status_code == 302
    assert decide(reviewer, request.id, "setujui", "approve", reason="Data sesuai"
                  ).status_code == 302
    worker = load_request(app, request.id).workers[0]
    assert decide(reviewer, request.id, "terdaftar", "register",
                  **{f"kpj_{worker.id}": "12345678901"}).status_code == 302
    queued = messages(app, request.id)
    assert [m.kind for m in queued] == [K.NEEDS_INFO, K.APPROVED, K.REGISTERED]
    assert {m.lang for m in queued} == {"en"}
    assert "needs more information" in queued[0].body
    assert "Kirim foto KK" not in queued[0].body  # the reviewer's words stay on the status page
    assert "registered with BPJS Ketenagakerjaan" in queued[2].body


def test_a_rejection_queues_its_message_in_indonesian(app: Flask, reviewer, make_request
                                                     ) -> None:
    request = make_request(preferred_lang="id")
    assert decide(reviewer, request.id, "tolak", "reject", reason="not_resident",
                  message="Alamat di luar kota").status_code == 302
    (message,) = messages(app, request.id)
    assert message.kind is K.REJECTED
    assert "tidak disetujui" in message.body and "Alamat" not in message.body


def test_a_decision_that_is_not_saved_queues_nothing(app: Flask, reviewer, make_request) -> None:
    request = make_request(status=S.IN_REVIEW)
    page_version = str(load_request(app, request.id).version)
    decide(reviewer, request.id, "setujui", "approve", reason="Data sesuai")
    stale = reviewer.post(f"/staf/pendaftaran/{request.id}/tolak", data={
        "csrf_token": csrf_token(reviewer), "reject-version": page_version,
        "reject-reason": "not_resident"})
    assert stale.status_code == 409
    assert [m.kind for m in messages(app, request.id)] == [K.APPROVED]


def test_a_rolled_back_decision_leaves_no_message(app: Flask, make_request, make_staff) -> None:
    request = make_request()
    staff = make_staff()
    with app.app_context():
        row = db.session.get(EnrollmentRequest, request.id)
        user = db.session.get(StaffUser, staff.id)
        operations.approve(row, user, row.version, "Data sesuai")
        # Flushed with the change, inside its transaction...
        assert len(db.session.scalars(sa.select(OutboxMessage)).all()) == 1
        db.session.rollback()
    assert messages(app) == []  # ...and gone with it


def test_no_message_holds_personal_data(app: Flask, reviewer, make_request) -> None:
    born = date(1979, 4, 23)
    nik = make_nik(born, "F", 9)
    request = make_request(
        preferred_lang="id", for_self=False, applicant_name="Rahmat Hidayat",
        email="rahmat@example.com", notify_channel=Channel.EMAIL,
        workers=[{"full_name": "Daeng Sutte", "nik": nik, "kk": "7371010101109999",
                  "birth_date": born}])
    for path, prefix, fields in [("minta-informasi", "ask", {"message": f"NIK {nik}?"}),
                                 ("setujui", "approve", {"reason": "ok"})]:
        assert decide(reviewer, request.id, path, prefix, **fields).status_code == 302
    request_row = load_request(app, request.id)
    worker = request_row.workers[0]
    decide(reviewer, request.id, "terdaftar", "register", **{f"kpj_{worker.id}": "12345678901"})
    queued = messages(app, request.id)
    assert len(queued) == 3
    forbidden = [nik, "7371010101109999", "Daeng", "Sutte", "Rahmat", "rahmat@example.com",
                 "+6281234567890", "12345678901", "1979", "23-04", "23/04", "23 April"]
    for message in queued:
        for text in (message.subject, message.body):
            assert not [value for value in forbidden if value in text], text
