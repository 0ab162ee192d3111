"""Save and return by message: the code and continue link go out through the outbox, to the
contact step's channel or to an address typed on the saved page, in the draft's language, with
nothing personal in them; real local SMTP and gateway servers receive them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from lindungi.outbox.channels import senders_from_config
from lindungi.outbox.models import Channel, MessageKind, MessageState
from lindungi.outbox.texts import compose_resume_link
from tests.functional.outbox.conftest import messages, run_worker
from tests.support.checking import soup_of
from tests.support.enrollment import NOW, Flow, error_messages, worker_answers
from tests.support.outbox import gateway_stand_in, smtp_server

WORKER = worker_answers()
PERSONAL = [WORKER["nik"], WORKER["kk"], "Siti", "Aminah", "1980", "12-08", "08-12", "12/08",
            "Budi", "Cendrawasih"]


@pytest.fixture(autouse=True)
def fixed_now(app: Flask) -> None:
    app.config["NOW"] = NOW


def _saved(flow: Flow):
    response = flow.post("/daftar/simpan", {})
    assert response.status_code == 303 and response.location == f"/{flow.lang}/daftar/tersimpan"
    page = flow.client.get(f"/{flow.lang}/daftar/tersimpan")
    return page, soup_of(page).select_one("#resume-code").get_text(strip=True)


def _nothing_personal(text: str) -> None:
    for value in PERSONAL:
        assert value not in text


@pytest.mark.parametrize(("lang", "subject", "words"), [
    ("id", "Kode Anda untuk melanjutkan permohonan: {code}", "kode untuk melanjutkan"),
    ("en", "Your code to continue the request: {code}", "your code to continue"),
])
def test_saving_after_the_contact_step_emails_the_code_in_the_draft_language(
        app: Flask, client, lang: str, subject: str, words: str) -> None:
    flow = Flow(client, lang)
    flow.applicant()
    flow.worker(1)
    assert flow.contact(channel="email", email="keluarga@example.com").status_code == 303
    page, code = _saved(flow)
    assert soup_of(page).select_one("#resume-sent") is not None
    assert soup_of(page).select_one("form[action$='/daftar/tersimpan']") is None
    (queued,) = messages(app)
    assert (queued.kind, queued.channel, queued.lang, queued.request_id) == (
        MessageKind.RESUME_LINK, Channel.EMAIL, lang, None)
    with smtp_server() as server:
        app.config.update(SMTP_URL=server.url, MAIL_FROM="Lindungi Makassar <info@example.go.id>")
        assert run_worker(app, senders_from_config(app.config)) == 1
    ((_sender, recipients, email),) = server.messages
    assert recipients == ["keluarga@example.com"]
    assert email["Subject"] == subject.format(code=code)
    assert email["Content-Language"] == lang
    body = email.get_content()
    assert words in body.lower() and code in body
    assert f"http://127.0.0.1:5000/{lang}/daftar/lanjut?kode={code}" in body
    _nothing_personal(body + email["Subject"])
    assert messages(app)[0].state is MessageState.SENT


@pytest.mark.parametrize("channel", ["whatsapp", "sms"])
def test_an_address_typed_on_the_saved_page_gets_the_code_through_the_gateway(
        app: Flask, client, channel: str) -> None:
    flow = Flow(client, "id")
    flow.applicant()
    flow.worker(1)
    page, code = _saved(flow)
    assert soup_of(page).select_one("#resume-sent") is None  # no contact yet: nothing sent
    assert messages(app) == []
    response = flow.post("/daftar/tersimpan", {"code": code, "channel": channel,
                                               "phone": "0813 1111 2222", "email": ""})
    assert response.status_code == 303 and response.location == "/id/daftar/tersimpan"
    again = flow.client.get("/id/daftar/tersimpan")
    assert soup_of(again).select_one("#resume-code").get_text(strip=True) == code
    assert "WhatsApp" in soup_of(again).select_one("#resume-sent").get_text() or channel == "sms"
    with gateway_stand_in() as gateway:
        app.config[f"{channel.upper()}_GATEWAY_URL"] = gateway.url
        assert run_worker(app, senders_from_config(app.config)) == 1
    (post,) = gateway.posts
    assert post.payload["to"] == "+6281311112222"
    assert (post.payload["channel"], post.payload["language"]) == (channel, "id")
    assert code in post.payload["text"]
    assert f"/id/daftar/lanjut?kode={code}" in post.payload["text"]
    _nothing_personal(post.payload["text"])
    (message,) = messages(app)
    assert post.headers["Idempotency-Key"] == message.idempotency_key
    assert (message.kind, message.channel) == (MessageKind.RESUME_LINK, Channel(channel))


@pytest.mark.parametrize(("fields", "field_id", "error"), [
    ({"channel": "whatsapp", "phone": "0411 123456"}, "phone", "Ini nomor telepon rumah"),
    ({"channel": "sms", "phone": ""}, "phone", "Masukkan nomor HP"),
    ({"channel": "email", "email": "bukan-alamat"}, "email", "Masukkan alamat email"),
    ({"channel": "email", "email": ""}, "email", "Masukkan alamat email"),
    ({"channel": "pigeon", "phone": "0813 1111 2222"}, "channel", "Pilih cara"),
])
def test_a_wrong_address_is_shown_next_to_its_field_and_sends_nothing(
        app: Flask, client, fields: dict[str, str], field_id: str, error: str) -> None:
    flow = Flow(client, "id")
    flow.applicant()
    flow.worker(1)
    _page, code = _saved(flow)
    response = flow.post("/daftar/tersimpan", {"code": code, "phone": "", "email": "", **fields})
    assert response.status_code == 200
    page = soup_of(response)
    assert page.title.get_text().startswith("Galat:")
    assert error_messages(response)[0].startswith(error)
    assert page.select_one(f"#{field_id}-error") is not None
    assert page.select_one("#resume-code").get_text(strip=True) == code
    for name, value in fields.items():
        if name in ("phone", "email") and value:
            assert page.select_one(f"#{name}")["value"] == value
    assert messages(app) == []


def test_the_fragment_answers_htmx(app: Flask, client) -> None:
    flow = Flow(client, "en")
    flow.applicant()
    flow.worker(1)
    _page, code = _saved(flow)
    response = client.post("/en/daftar/tersimpan", headers={"HX-Request": "true"}, data={
        "csrf_token": flow.token(), "code": code, "channel": "sms", "phone": "12"})
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert "<html" not in response.get_data(as_text=True)
    assert soup_of(response).select_one("#phone-error") is not None


def test_only_a_code_of_this_browsers_own_draft_is_sent(app: Flask, client) -> None:
    other = Flow(app.test_client(), "id")
    other.applicant()
    other.worker(1)
    _page, other_code = _saved(other)
    flow = Flow(client, "id")
    flow.applicant()
    flow.worker(1)
    _saved(flow)
    for code in (other_code, "7K3QF-9X2MA", "<b>"):
        response = flow.post("/daftar/tersimpan", {"code": code, "channel": "sms",
                                                   "phone": "0813 1111 2222"})
        assert response.status_code == 303 and response.location == "/id/daftar"
    assert messages(app) == []


def test_drafts_purge_deletes_code_messages_after_the_code_expires(app: Flask, client,
                                                                  runner) -> None:
    flow = Flow(client, "id")
    flow.applicant()
    flow.worker(1)
    flow.contact()
    _saved(flow)
    assert len(messages(app)) == 1
    app.config["NOW"] = NOW + timedelta(days=6)
    assert "Deleted 0 messages" in runner.invoke(args=["drafts", "purge"]).output
    app.config["NOW"] = NOW + timedelta(days=7, minutes=1)
    assert "Deleted 1 messages" in runner.invoke(args=["drafts", "purge"]).output
    assert messages(app) == []


@pytest.mark.parametrize(("code", "link"), [
    ("7371014508800001", "https://x.example/id/daftar/lanjut"),
    ("Siti Aminah", "https://x.example/id/daftar/lanjut"),
    ("7K3QF-9X2MA", "https://x.example/id/daftar/lanjut?kode=7K3QF-9X2MB"),
    ("7K3QF-9X2MA", "https://x.example/id/daftar/lanjut?nik=7371014508800001"),
    ("7K3QF-9X2MA", "javascript:alert(1)"),
])
def test_only_a_code_and_its_plain_link_go_into_the_message(app: Flask, code: str,
                                                            link: str) -> None:
    with app.app_context(), pytest.raises(ValueError):
        compose_resume_link("id", code, link, 7)


def test_saving_and_sending_codes_are_rate_limited(app: Flask, client) -> None:
    app.config["ENROLLMENT_SUBMIT_LIMIT"] = "2 per minute"
    flow = Flow(client, "id")
    flow.applicant()
    flow.worker(1)
    flow.contact()
    _saved(flow)
    _page, code = _saved(flow)
    assert flow.post("/daftar/simpan", {}).status_code == 429
    assert len(messages(app)) == 2
    fields = {"code": code, "channel": "sms", "phone": "0813 1111 2222"}
    for _ in range(2):
        assert flow.post("/daftar/tersimpan", fields).status_code == 303
    assert flow.post("/daftar/tersimpan", fields).status_code == 429
    assert len(messages(app)) == 4
