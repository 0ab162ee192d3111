"""Sending: nothing lost, nothing doubled."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from lindungi.audit.models import AuditEvent
from lindungi.core.reference import is_valid_reference, new_reference
from lindungi.enrollment import operations
from lindungi.enrollment.answers import Answers
from lindungi.enrollment.models import EnrollmentDraft, EnrollmentRequest, EnrollmentWorker
from lindungi.enrollment.pages import worker_context
from lindungi.extensions import db
from tests.support.checking import soup_of
from tests.support.enrollment import NOW, Flow, error_messages, make_nik, message, texts
from tests.support.statements import counting_statements, database_locked_on


@pytest.fixture(autouse=True)
def fixed_now(app):
    app.config["NOW"] = NOW


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _reference_shown(client, lang: str = "id") -> str:
    return soup_of(client.get(f"/{lang}/daftar/selesai")).select_one("#reference").get_text(
        strip=True)


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_double_submit_makes_one_request_with_one_reference(app, client, htmx: bool) -> None:
    flow = Flow(client, "id", htmx)
    flow.up_to_check(workers=2)
    token = flow.submit_token()
    assert flow.submit_token() == token  # a reload or a second tab shows the same token
    flow.submit(token)
    first = _reference_shown(client)
    again = flow.submit(token)  # double click, reload of the POST, network retry
    assert again.status_code in (200, 303)
    assert _reference_shown(client) == first and is_valid_reference(first)
    assert _count(app, EnrollmentRequest) == 1 and _count(app, EnrollmentWorker) == 2


def test_sending_checks_first_then_writes_in_one_short_transaction(app, client) -> None:
    flow = Flow(client, "id")
    flow.up_to_check(workers=2)
    token = flow.submit_token()
    with counting_statements(app) as statements:
        assert flow.submit(token).status_code == 303
    # The checks read in a transaction of their own (on SQLite a plain BEGIN: no write lock);
    # the write transaction (BEGIN IMMEDIATE; psycopg begins it without a statement the hook
    # sees) starts with the draft's deletion and holds the writes and the one query they
    # depend on, nothing read again after the commit.
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        assert [s for s in statements if s.startswith("BEGIN")] == ["BEGIN", "BEGIN IMMEDIATE"]
        assert statements[statements.index("BEGIN IMMEDIATE") + 1].startswith(
            "DELETE FROM enrollment_draft")
    writes = statements[next(n for n, s in enumerate(statements)
                             if s.startswith("DELETE FROM enrollment_draft")):]
    # The draft's deletion, other requests naming these NIKs or people (one query), then one
    # INSERT per table (the workers in one executemany): request, workers, status change,
    # audit, outbox message.
    assert [s.split()[0] for s in writes] == ["DELETE", "SELECT"] + ["INSERT"] * 5, writes
    # Before it: the token and the draft. The window's state and the notice's version are kept
    # per content version, and the check page has just read them.
    checks = [s for s in statements[:-len(writes)] if not s.startswith("BEGIN")]
    assert [s.split()[0] for s in checks] == ["SELECT", "SELECT"], checks
    assert _count(app, EnrollmentRequest) == 1


def test_a_parallel_submit_landing_between_the_checks_and_the_write(app, client,
                                                                    monkeypatch) -> None:
    """Two tabs (or app servers) both pass the checks; the second one's DELETE finds the draft
    gone and it shows the first one's reference: one request, stored once."""
    from lindungi.enrollment import views

    flow = Flow(client, "en")
    flow.up_to_check(workers=2)
    token = flow.submit_token()
    other_tab = app.test_client()
    other_tab.set_cookie("lindungi_session", client.get_cookie("lindungi_session").value,
                         domain="localhost")
    checked = views._ready_to_send
    landed: list[int] = []

    def checked_then_overtaken(sent_token: str):
        result = checked(sent_token)
        if not landed:  # the other tab's submit commits while this one is between its phases
            landed.append(0)
            landed[0] = Flow(other_tab, "en").submit(sent_token).status_code
        return result

    monkeypatch.setattr(views, "_ready_to_send", checked_then_overtaken)
    with counting_statements(app) as statements:
        response = flow.submit(token)
    assert landed == [303]
    # Only the other tab's five INSERTs: this one saw the draft gone and tried no INSERT.
    assert sum(s.startswith("INSERT") for s in statements) == 5
    assert response.status_code == 303 and response.location == "/en/daftar/selesai"
    assert _reference_shown(client, "en") == _reference_shown(other_tab, "en")
    assert _count(app, EnrollmentRequest) == 1 and _count(app, EnrollmentWorker) == 2
    assert _count(app, EnrollmentDraft) == 0


def test_a_reference_already_taken_is_drawn_again(app, client, monkeypatch) -> None:
    """References are not looked up before the INSERT: the unique index refuses a taken one,
    and the submit draws another in a fresh transaction."""
    Flow(client, "en").send()
    taken = _reference_shown(client, "en")
    spare = new_reference(random.Random(2026))
    fresh = iter([taken, spare])
    monkeypatch.setattr(operations, "new_reference", lambda: next(fresh))
    other = app.test_client()
    flow = Flow(other, "en")
    flow.up_to_check()
    assert flow.submit(flow.submit_token()).location == "/en/daftar/selesai"
    assert _reference_shown(other, "en") == spare != taken
    assert _count(app, EnrollmentRequest) == 2 and _count(app, EnrollmentWorker) == 2
    assert _count(app, EnrollmentDraft) == 0


def test_second_tab_sending_after_the_first_gets_the_same_request(app, client) -> None:
    flow = Flow(client, "en")
    flow.up_to_check()
    token = flow.submit_token()  # both tabs show this page
    flow.submit(token)
    first = _reference_shown(client, "en")
    response = Flow(client, "en").submit(token)
    assert response.location == "/en/daftar/selesai"
    assert _reference_shown(client, "en") == first
    assert _count(app, EnrollmentRequest) == 1


def test_a_stale_check_page_is_shown_again(app, client) -> None:
    flow = Flow(client, "en")
    flow.up_to_check()
    flow.submit_token()
    assert flow.submit("s" * 43).location == "/en/daftar/periksa"
    assert flow.submit("bad token!").location == "/en/daftar/periksa"
    assert _count(app, EnrollmentRequest) == 0


def test_parallel_submit_that_loses_the_race_shows_the_winner(app, client, monkeypatch) -> None:
    """Two app servers insert the same token at once: the loser's unique-index error turns into
    the winner's confirmation."""
    flow = Flow(client, "en")
    flow.up_to_check()
    token = flow.submit_token()
    with app.app_context():
        answers = Answers.from_json(db.session.scalar(sa.select(EnrollmentDraft)).data)
        winner = operations.submit_request(answers, token, worker_context(answers)).reference
        db.session.commit()
    real = operations.reference_by_token
    calls = []

    def not_yet_then_real(value: str):
        calls.append(value)
        return None if len(calls) == 1 else real(value)

    monkeypatch.setattr(operations, "reference_by_token", not_yet_then_real)
    # In the race both pass the checks before either commits.
    monkeypatch.setattr(operations, "submit_problems", lambda *args: [])
    response = flow.submit(token)
    assert response.location == "/en/daftar/selesai" and len(calls) == 2
    assert _reference_shown(client, "en") == winner
    assert _count(app, EnrollmentRequest) == 1


@pytest.mark.parametrize("lang", ["id", "en"])
def test_busy_database_gives_a_retry_page_and_keeps_the_answers(app, client, lang) -> None:
    flow = Flow(client, lang)
    flow.up_to_check(workers=2)
    token = flow.submit_token()

    with database_locked_on(app, "INSERT INTO enrollment_request"):
        response = flow.submit(token)
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert response.headers["Cache-Control"] == "no-store"
    title = message(app, lang, "The request could not be sent yet")
    assert texts(response, "h1") == [title]
    retry = soup_of(response).select_one("form[action$='/daftar/kirim']")
    assert retry.find("input", attrs={"name": "token"})["value"] == token
    assert _count(app, EnrollmentRequest) == 0 and _count(app, EnrollmentDraft) == 1
    # The answers are all still there, and trying again sends them.
    assert len(soup_of(flow.check()).select(".worker-summary")) == 2
    assert flow.submit(token).status_code == 303
    assert is_valid_reference(_reference_shown(client, lang))
    assert _count(app, EnrollmentRequest) == 1 and _count(app, EnrollmentDraft) == 0


def test_busy_database_is_logged_without_personal_data(app, client, caplog) -> None:
    flow = Flow(client, "en")
    flow.up_to_check()
    token = flow.submit_token()

    with database_locked_on(app, "INSERT INTO enrollment_request"):
        flow.submit(token)
    logged = caplog.text
    assert "database unavailable" in logged
    assert "7371" not in logged and "Siti" not in logged and "6281" not in logged


def test_ages_are_checked_again_on_the_day_of_sending(app, client) -> None:
    app.config["NOW"] = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)  # 23:30 WITA
    flow = Flow(client, "en")
    flow.applicant()
    # Turns 66 tomorrow: fine today, too old once the city's calendar moves on.
    flow.worker(born=date(1960, 11, 21))
    flow.contact()
    flow.consent()
    token = flow.submit_token()
    app.config["NOW"] += timedelta(hours=1)  # 21 November, 00:30 WITA
    response = flow.submit(token)
    assert response.status_code == 200
    assert soup_of(response).find("title").get_text().startswith("Error:")
    assert error_messages(response) == [message(
        app, "en", "Worker %(number)s is no longer within the program's ages (%(min_age)s to "
        "%(max_age)s) today. Check the date of birth, or remove this worker.",
        number=1, min_age=18, max_age=65)]
    assert _count(app, EnrollmentRequest) == 0


def test_a_request_sent_meanwhile_for_the_same_nik_is_stored_flagged(app, client) -> None:
    """The sender is not told about the other request (that would reveal who applied); staff
    see both, the second flagged."""
    first, second = Flow(client, "id"), None
    first.up_to_check()
    token = first.submit_token()
    with app.test_client() as other_client:
        second = Flow(other_client, "id")
        second.send()
    response = first.submit(token)
    assert response.status_code == 303
    assert _count(app, EnrollmentRequest) == 2
    with app.app_context():
        flags = db.session.scalars(sa.select(EnrollmentRequest.flagged).order_by(
            EnrollmentRequest.id)).all()
        assert flags[-1] is True


def test_sending_records_the_first_status_and_an_audit_entry_without_personal_data(
        app, client) -> None:
    Flow(client, "en").send(workers=2)
    with app.app_context():
        request = db.session.scalar(sa.select(EnrollmentRequest))
        event = db.session.scalar(sa.select(AuditEvent))
        assert [(c.from_status, c.to_status.value) for c in request.history] == [
            (None, "received")]
        assert (event.action, event.target_id, event.detail) == (
            "enrollment.submitted", str(request.id),
            {"workers": 2, "flagged": False, "already_open": 0})


def test_confirmation_page_shows_the_reference_and_what_happens_next(app, client) -> None:
    reference = Flow(client, "id").send()
    done = client.get("/id/daftar/selesai")
    body = done.get_data(as_text=True)
    # No decision time is promised until staff set one (tests/functional/launch).
    assert reference in body and "hari kerja" not in body
    assert "/id/status" in [a["href"] for a in soup_of(done).select("a")]
    assert make_nik(date(1980, 8, 12), "F") not in body and "Siti" not in body
    assert soup_of(done).select_one("[hx-history='false']") is not None
    # The reference lives in the session, never in the address.
    assert reference not in done.request.url


def test_after_sending_the_steps_start_a_new_request(app, client) -> None:
    flow = Flow(client, "en")
    flow.send()
    assert flow.get("/daftar/kontak").location == "/en/daftar/pemohon"
    assert flow.get("/daftar").status_code == 200


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_busy_database_on_a_step_keeps_the_saved_answers(app, client, htmx: bool) -> None:
    flow = Flow(client, "en", htmx)
    flow.applicant()
    flow.worker()
    with database_locked_on(app, ("INSERT INTO enrollment_draft", "UPDATE enrollment_draft")):
        response = flow.contact()
    if htmx:  # htmx ignores 5xx: the message replaces the step instead
        assert response.status_code == 200
        assert response.headers["HX-Retarget"] == "#enrollment-step"
    else:
        assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert texts(response, "h1") == ["Our system is busy"]
    assert response.headers["Cache-Control"] == "no-store"
    with app.app_context():
        data = db.session.scalar(sa.select(EnrollmentDraft)).data
        assert data["contact"] is None and len(data["workers"]) == 1
    assert flow.contact().location == "/en/daftar/persetujuan"


def test_database_errors_never_carry_the_values_into_logs(app) -> None:
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["hide_parameters"] is True
    with app.app_context():
        try:
            db.session.execute(sa.text("SELECT * FROM nowhere WHERE x = :nik"),
                               {"nik": "7371015208800001"})
        except sa.exc.DBAPIError as error:  # OperationalError on SQLite, ProgrammingError on PG
            assert "7371015208800001" not in str(error)
        else:
            pytest.fail("the query should have failed")


def test_resending_an_old_request_keeps_the_newer_draft(app, client) -> None:
    flow = Flow(client, "en")
    flow.up_to_check()
    old_token = flow.submit_token()
    flow.submit(old_token)
    flow.applicant(who="other", applicant_name="Rahmat", relationship="child")  # a new draft
    assert flow.submit(old_token).location == "/en/daftar/selesai"
    soup = soup_of(flow.get("/daftar/pemohon"))
    assert soup.select_one("#applicant_name")["value"] == "Rahmat"
