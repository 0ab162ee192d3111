"""The contact step asks how the family wants the news (WhatsApp first), with the matching
address: a phone number for WhatsApp and SMS, an e-mail address for e-mail. Plain form posts,
GOV.UK errors, values kept."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.enrollment.models import EnrollmentDraft
from lindungi.extensions import db
from tests.support.checking import soup_of
from tests.support.enrollment import Flow, error_messages, message

TITLE_PREFIX = {"id": "Galat:", "en": "Error:"}


def saved_contact(app: Flask) -> dict | None:
    with app.app_context():
        return db.session.scalar(sa.select(EnrollmentDraft)).data["contact"]


def at_contact_step(client, lang: str = "id") -> Flow:
    flow = Flow(client, lang)
    flow.applicant()
    flow.worker()
    return flow


def test_whatsapp_is_offered_first_and_nothing_is_chosen_for_the_family(client) -> None:
    page = soup_of(at_contact_step(client).get("/daftar/kontak"))
    radios = page.select("#channel input[type=radio]")
    assert [radio["value"] for radio in radios] == ["whatsapp", "sms", "email"]
    assert not [radio for radio in radios if radio.has_attr("checked")]
    # The question comes before the addresses it decides about.
    names = [field["name"] for field in page.select("form input[name]:not([type=hidden])")]
    assert names.index("channel") < names.index("phone") < names.index("email")


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(("data", "field_id", "msgid"), [
    ({"channel": ""}, "channel", "Select how we should send you news about the request"),
    ({"channel": "pigeon"}, "channel", "Select how we should send you news about the request"),
    ({"channel": "email", "email": ""}, "email",
     "Enter an email address, so we can send the news by email"),
    ({"channel": "whatsapp", "phone": ""}, "phone", "Enter a mobile number, like 0812 3456 7890"),
])
def test_channel_errors(app: Flask, client, lang: str, data: dict, field_id: str,
                        msgid: str) -> None:
    flow = at_contact_step(client, lang)
    response = flow.contact(**data)
    expected = message(app, lang, msgid)
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.find("title").get_text().startswith(TITLE_PREFIX[lang])
    assert expected in error_messages(response)
    link = next(a for a in soup.select(".error-summary a") if a.get_text(strip=True) == expected)
    assert link["href"] == f"#{field_id}"
    assert any(expected in tag.get_text() for tag in soup.select(".field-error"))
    assert saved_contact(app) is None


def test_the_answers_are_kept_when_the_email_is_missing(client) -> None:
    flow = at_contact_step(client)
    soup = soup_of(flow.contact(channel="email", phone="0812 3456 7890", email=""))
    assert soup.select_one("#channel input[value=email]").has_attr("checked")
    assert soup.select_one("#phone")["value"] == "0812 3456 7890"


@pytest.mark.parametrize(("channel", "email"), [("sms", ""), ("whatsapp", "a@example.com"),
                                                ("email", "Keluarga@Example.COM")])
def test_the_chosen_channel_is_saved_and_shown_on_the_check_page(app: Flask, client,
                                                                 channel: str, email: str
                                                                 ) -> None:
    flow = at_contact_step(client, "en")
    assert flow.contact(channel=channel, email=email).status_code == 303
    saved = saved_contact(app)
    assert saved["channel"] == channel
    assert saved["email"] == email.replace("Example.COM", "example.com")
    flow.consent()
    check = soup_of(flow.check())
    shown = {"sms": "SMS (text message)", "whatsapp": "WhatsApp", "email": "Email"}[channel]
    row = next(div for div in check.select(".summary-list > div")
               if "News about the request by" in div.get_text())
    assert shown in row.get_text()
    assert row.select_one("a")["href"].endswith("/en/daftar/kontak#channel")


def test_a_draft_from_before_the_choice_reads_as_whatsapp(app: Flask, client) -> None:
    flow = at_contact_step(client)
    flow.contact()
    with app.app_context():
        draft = db.session.scalar(sa.select(EnrollmentDraft))
        data = dict(draft.data)
        data["contact"] = {k: v for k, v in data["contact"].items() if k != "channel"}
        draft.data = data
        db.session.commit()
    page = soup_of(flow.get("/daftar/kontak"))
    assert page.select_one("#channel input[value=whatsapp]").has_attr("checked")
