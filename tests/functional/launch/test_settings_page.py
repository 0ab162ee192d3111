"""/staf/pengaturan: who may open it, what a save stores and audits, and GOV.UK errors."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from lindungi.audit.models import AuditEvent
from lindungi.extensions import db
from lindungi.site_settings.models import SiteSetting
from lindungi.staff.models import Role
from tests.support.checking import soup_of

URL = "/staf/pengaturan"


def stored(app) -> dict[str, str]:
    with app.app_context():
        return dict(db.session.execute(sa.select(SiteSetting.key, SiteSetting.value)).all())


def test_anonymous_visitors_are_sent_to_sign_in(client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert "/staf/masuk" in response.headers["Location"]


def test_reviewers_may_not_change_what_the_site_promises(client_for) -> None:
    client = client_for(Role.REVIEWER)
    assert client.get(URL).status_code == 403
    assert client.post(URL, data={"csrf_token": client.token, "phone": "0411 123456"}
                       ).status_code == 403


@pytest.mark.parametrize("role", [Role.COMMUNICATIONS, Role.ADMIN])
def test_editors_save_normalised_values_and_the_audit_names_the_keys(app, client_for, role) -> None:
    client = client_for(role)
    page = soup_of(client.get(URL))
    assert page.select_one("#phone") is not None and page.select_one("#home_image") is not None
    response = client.post(URL, data={
        "csrf_token": client.token, "phone": "0411 777321", "whatsapp": "0812-9988-7766",
        "email": "Disnaker@MakassarKota.go.id", "decision_working_days": "10",
        "office_hours": "Senin–Jumat", "office_hours_en": "Monday–Friday",
        "bpjs_partnership": "y",
    })
    assert response.status_code == 302 and response.headers["Location"].endswith(URL)
    values = stored(app)
    assert values["phone"] == "+62411777321"
    assert values["whatsapp"] == "+6281299887766"
    assert values["email"] == "Disnaker@makassarkota.go.id"
    assert values["decision_working_days"] == "10"
    assert values["office_hours_en"] == "Monday–Friday"
    assert values["bpjs_partnership"] == "1"
    with app.app_context():
        event = db.session.scalars(sa.select(AuditEvent).where(
            AuditEvent.action == "settings.update")).one()
        assert event.actor_id == client.user.id
        assert "phone" in event.detail["changed"]
        assert "+62411777321" not in str(event.detail)
    # Saving the same values again changes nothing and writes no second audit row.
    client.post(URL, data={"csrf_token": client.token, **{k: v for k, v in {
        "phone": "0411 777321", "whatsapp": "0812-9988-7766",
        "email": "Disnaker@makassarkota.go.id", "decision_working_days": "10",
        "office_hours": "Senin–Jumat", "office_hours_en": "Monday–Friday",
        "bpjs_partnership": "y"}.items()}})
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id)).where(
            AuditEvent.action == "settings.update")) == 1


@pytest.mark.parametrize(("name", "value", "message"), [
    ("phone", "12", "Isi nomor telepon Indonesia"),
    ("email", "bukan-email", "Isi alamat e-mail"),
    ("map_url", "http://peta.example/x", "https://"),
    ("decision_working_days", "١٤", "bilangan bulat"),
    ("retention_approved_years", "0", "bilangan bulat"),
    ("office_address", "x" * 301, "paling banyak 300"),
])
def test_bad_values_are_refused_next_to_the_field_and_nothing_changes(
        app, client_for, name, value, message) -> None:
    client = client_for(Role.COMMUNICATIONS)
    response = client.post(URL, data={"csrf_token": client.token, name: value,
                                      "office_hours": "Senin–Jumat"})
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.title.get_text().startswith("Galat:")
    summary = soup.select_one(".error-summary")
    assert summary.select_one(f'a[href="#{name}"]') is not None
    assert message in soup.select_one(f"#{name}-error").get_text()
    assert soup.select_one(f"#{name}")["value"] == value  # the answer is kept
    assert soup.select_one("#office_hours")["value"] == "Senin–Jumat"
    assert stored(app) == {}
