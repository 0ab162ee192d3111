"""/status: the state of a request from its reference and a worker's date of birth."""

from __future__ import annotations

import random
import re
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from lindungi.core.reference import new_reference
from lindungi.enrollment.models import EnrollmentRequest, RequestStatus, StatusChange
from lindungi.extensions import db
from tests.support.checking import soup_of
from tests.support.enrollment import NOW, Flow, csrf_token_of, error_messages, message, texts
from tests.support.statements import counting_statements

BORN_1 = date(1980, 8, 12)  # worker 1 (Siti Aminah)
BORN_2 = date(1975, 1, 30)  # worker 2 (Andi Baso)
UNKNOWN = new_reference(random.Random(2026))  # well-formed, never sent
NOT_FOUND = ("We could not find a request with this reference number and date of birth. Check "
             "both: the date of birth must be one of the workers' in the request.")


@pytest.fixture(autouse=True)
def fixed_now(app):
    app.config["NOW"] = NOW


@pytest.fixture
def sent(client) -> str:
    """A two-worker request sent from another browser; returns its reference."""
    flow = Flow(client, "en")
    flow.applicant()
    flow.worker(1, action="add")
    flow.worker(2, born=BORN_2, sex="M", serial=7, full_name="ANDI BASO")
    flow.contact()
    flow.consent()
    flow.submit(flow.submit_token())
    reference = soup_of(client.get("/en/daftar/selesai")).select_one("#reference").get_text()
    client.delete_cookie("lindungi_session")
    return reference.strip()


def lookup(client, lang: str, reference: str, born: date, **kwargs):
    token = csrf_token_of(client.get(f"/{lang}/status"))
    return client.post(f"/{lang}/status", data={
        "csrf_token": token, "reference": reference, "birth_day": str(born.day),
        "birth_month": str(born.month), "birth_year": str(born.year)}, **kwargs)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_right_reference_and_birth_date_show_the_state(app, client, sent, lang) -> None:
    response = lookup(client, lang, sent, BORN_2)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert message(app, lang, "Status of request %(reference)s", reference=sent) in texts(
        response, "h1")
    assert texts(response, ".status-label") == [
        message(app, lang, "Sent in – waiting to be checked")]
    assert texts(response, ".status-label") == [{"id": "Sudah masuk – menunggu pemeriksaan",
                                                 "en": "Sent in – waiting to be checked"}[lang]]
    # Every status page says what happens next and what the applicant can do.
    assert texts(response, ".status-panel h2") == [message(app, lang, "What happens next"),
                                                   message(app, lang, "What you can do")]
    assert message(app, lang, "We have the request. A reviewer at the city's manpower office "
                   "will look at it soon.") in texts(response, ".status-panel p")
    rows = dict(zip(texts(response, ".summary-row dt"), texts(response, ".summary-row dd"),
                    strict=True))
    assert rows[{"id": "Dikirim pada", "en": "Sent on"}[lang]] == {"id": "Jumat, 20 November 2026",
                                                    "en": "Friday, 20 November 2026"}[lang]
    assert "Siti, Andi" in rows.values()
    body = response.get_data(as_text=True)
    for private in ("7371", "Aminah", "Baso", "6281", "Cendrawasih", "1975"):
        assert private not in body
    assert soup_of(response).select_one("[hx-history='false']") is not None


def test_lookup_accepts_the_reference_as_people_type_it(client, sent) -> None:
    typed = sent.lower().replace("-", " ").replace("lm ", "")
    assert texts(lookup(client, "en", typed, BORN_1), ".status-label") == [
        "Sent in – waiting to be checked"]


def _error_text(response) -> tuple[list[str], list[str]]:
    return error_messages(response), texts(response, ".field-error")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_wrong_birth_date_and_unknown_reference_get_the_same_answer(app, client, sent, lang):
    wrong_date = lookup(client, lang, sent, date(1980, 8, 13))
    unknown = lookup(client, lang, UNKNOWN, BORN_1)
    expected = message(app, lang, NOT_FOUND)
    assert error_messages(wrong_date) == [expected]
    assert _error_text(wrong_date) == _error_text(unknown)
    assert wrong_date.status_code == unknown.status_code == 200
    assert soup_of(wrong_date).find("title").get_text() == soup_of(unknown).find(
        "title").get_text()
    assert sent not in wrong_date.get_data(as_text=True).replace(f'value="{sent}"', "")


def test_wrong_and_unknown_run_the_same_queries(app, client, sent) -> None:
    def about_requests(statements: list[str]) -> list[str]:
        return [re.sub(r"\s+", " ", statement) for statement in statements
                if "enrollment" in statement or "status_change" in statement]

    with counting_statements(app) as statements:
        lookup(client, "en", sent, date(1980, 8, 13))
    wrong = about_requests(statements)
    with counting_statements(app) as statements:
        lookup(client, "en", UNKNOWN, BORN_1)
    unknown = about_requests(statements)
    assert wrong == unknown and len(wrong) == 3


@pytest.mark.parametrize("lang", ["id", "en"])
def test_malformed_reference_is_caught_by_its_check_character(app, client, sent, lang):
    mistyped = sent[:-1] + ("2" if sent[-1] != "2" else "3")
    response = lookup(client, lang, mistyped, BORN_1)
    assert error_messages(response) == [message(
        app, lang, "This reference number is not right. Check each character: it looks like "
        "LM-7K3Q-9F2X.")]


@pytest.mark.parametrize(("data", "msgid"), [
    ({"reference": ""}, "Enter the reference number, for example LM-7K3Q-9F2X"),
    ({"birth_day": "", "birth_month": "", "birth_year": ""}, "Enter the worker's date of birth"),
    ({"birth_year": "75"}, "Enter the year with 4 digits, for example 1980"),
])
def test_status_form_messages(app, client, sent, data, msgid) -> None:
    token = csrf_token_of(client.get("/id/status"))
    form = {"csrf_token": token, "reference": sent, "birth_day": "30", "birth_month": "1",
            "birth_year": "1975", **data}
    response = client.post("/id/status", data=form)
    assert message(app, "id", msgid) in error_messages(response)
    assert soup_of(response).find("title").get_text().startswith("Galat:")


def _set_state(app, reference: str, status: RequestStatus, **values) -> None:
    with app.app_context():
        request = db.session.scalar(
            sa.select(EnrollmentRequest).where(EnrollmentRequest.reference == reference))
        request.status = status
        for name, value in values.items():
            setattr(request, name, value)
        request.history.append(StatusChange(at=datetime(2026, 11, 24, 3), from_status=None,
                                            to_status=status))
        db.session.commit()


def test_needs_info_shows_the_reviewers_message(app, client, sent) -> None:
    _set_state(app, sent, RequestStatus.NEEDS_INFO,
               public_message="Please bring the KK to the kelurahan office.")
    response = lookup(client, "en", sent, BORN_1)
    assert texts(response, ".status-label") == ["More information needed"]
    assert texts(response, ".reviewer-message") == ["Please bring the KK to the kelurahan office."]
    rows = dict(zip(texts(response, ".summary-row dt"), texts(response, ".summary-row dd"),
                    strict=True))
    assert rows["Last change"] == "Tuesday, 24 November 2026"


def test_rejected_shows_the_reason_and_the_decision_date(app, client, sent) -> None:
    _set_state(app, sent, RequestStatus.REJECTED, rejection_reason="not_resident",
               public_message="The address is in Gowa.", decided_at=datetime(2026, 11, 25, 1))
    response = lookup(client, "id", sent, BORN_1)
    assert texts(response, ".status-label") == ["Tidak disetujui"]
    assert message(app, "id", "The worker does not live in Kota Makassar") in texts(
        response, "p")
    assert texts(response, ".reviewer-message") == ["The address is in Gowa."]
    assert "Rabu, 25 November 2026" in texts(response, ".summary-row dd")


def test_other_states_never_show_a_message(app, client, sent) -> None:
    _set_state(app, sent, RequestStatus.APPROVED, public_message="internal-looking text")
    response = lookup(client, "en", sent, BORN_1)
    assert texts(response, ".status-label") == ["Approved"]
    assert "internal-looking text" not in response.get_data(as_text=True)


def test_status_answers_the_post_itself_and_keeps_the_date_out_of_urls(client, sent) -> None:
    response = lookup(client, "en", sent, BORN_1)
    assert response.status_code == 200 and not response.history
    assert "1980" not in response.request.url
    form = soup_of(client.get("/en/status")).select_one("main form")
    assert form["method"] == "post" and form["action"] == "/en/status"
    assert form.get("hx-get") is None


def test_status_with_htmx_returns_the_fragment(client, sent) -> None:
    response = lookup(client, "en", sent, BORN_1, headers={"HX-Request": "true"})
    soup = soup_of(response)
    assert soup.find("html") is None and soup.select_one("#status-body") is not None
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_lookups_are_rate_limited_per_client(app, client, sent, lang) -> None:
    app.config["STATUS_LOOKUP_LIMIT"] = "3 per minute"
    for _ in range(3):
        assert lookup(client, lang, UNKNOWN, BORN_1).status_code == 200
    limited = lookup(client, lang, sent, BORN_1)
    assert limited.status_code == 429
    assert texts(limited, "h1") == [message(app, lang, "Too many attempts")]
    assert client.get(f"/{lang}/status").status_code == 200  # the form itself still opens
