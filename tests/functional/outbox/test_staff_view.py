"""Staff see each request's messages and how their delivery went; the queue marks (and can
filter) requests with a message that was not delivered."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask

from lindungi.outbox.channels import DeliveryError, Outgoing
from lindungi.outbox.models import Channel
from tests.functional.outbox.conftest import decide, messages, run_worker
from tests.support.checking import soup_of


class Refusing:
    idempotent = True

    def send(self, message: Outgoing) -> None:
        raise DeliveryError("gateway answered HTTP 422", permanent=True)


class Accepting:
    idempotent = True

    def send(self, message: Outgoing) -> None:
        return None


def test_detail_page_lists_messages_with_their_delivery(app: Flask, reviewer,
                                                        make_request) -> None:
    request = make_request(notify_channel=Channel.SMS)
    page = soup_of(reviewer.get(f"/staf/pendaftaran/{request.id}"))
    assert "Belum ada pesan." in page.select_one("section[aria-labelledby=messages-title]").text

    decide(reviewer, request.id, "setujui", "approve", reason="Data sesuai")
    section = soup_of(reviewer.get(f"/staf/pendaftaran/{request.id}")).select_one(
        "section[aria-labelledby=messages-title]")
    (item,) = section.select("li.outbox-pending")
    assert "Disetujui" in item.text and "SMS (pesan singkat)" in item.text
    assert "Menunggu dikirim" in item.text

    run_worker(app, {Channel.SMS: Refusing()})
    section = soup_of(reviewer.get(f"/staf/pendaftaran/{request.id}")).select_one(
        "section[aria-labelledby=messages-title]")
    (item,) = section.select("li.outbox-failed")
    assert "Tidak terkirim" in item.select_one(".tag-warn").text
    assert "gateway answered HTTP 422" in item.text
    assert "1 percobaan" in item.select_one("details summary").text
    assert "Ditolak" in item.select_one("details li").text


def test_a_sent_message_shows_when(app: Flask, reviewer, make_request) -> None:
    request = make_request()
    decide(reviewer, request.id, "setujui", "approve", reason="Data sesuai")
    run_worker(app, {Channel.WHATSAPP: Accepting()})
    (message,) = messages(app)
    item = soup_of(reviewer.get(f"/staf/pendaftaran/{request.id}")).select_one("li.outbox-sent")
    assert "Terkirim" in item.text and "WhatsApp" in item.text
    assert message.sent_at is not None


def test_queue_marks_and_filters_requests_with_an_undelivered_message(
        app: Flask, reviewer, make_request) -> None:
    failing = make_request(notify_channel=Channel.SMS)
    fine = make_request(notify_channel=Channel.WHATSAPP)
    for request in (failing, fine):
        decide(reviewer, request.id, "setujui", "approve", reason="Data sesuai")
    run_worker(app, {Channel.WHATSAPP: Accepting()}, retry_base=timedelta(0))  # SMS: not set up

    rows = soup_of(reviewer.get("/staf/pendaftaran")).select(".queue-table tbody tr")
    marked = {row.select_one("a").text: "Pesan tidak terkirim" in row.text for row in rows}
    assert marked == {failing.reference: True, fine.reference: False}

    filtered = soup_of(reviewer.get("/staf/pendaftaran?undelivered=y"))
    assert [a.text for a in filtered.select(".queue-table tbody tr td:first-child a")] == [
        failing.reference]
    assert filtered.select_one("input[name=undelivered]").has_attr("checked")
