"""Save and return: a code continues a draft in another browser within 7 days, after a worker's
date of birth; codes are single-use, rate-limited, and purged with expired drafts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from lindungi.enrollment import resume
from lindungi.enrollment.models import EnrollmentDraft
from lindungi.enrollment.resume import DraftResume
from lindungi.extensions import db
from tests.support.checking import soup_of
from tests.support.enrollment import NOW, Flow, csrf_token_of, error_messages

BORN = date(1980, 8, 12)  # worker_answers()' default


@pytest.fixture(autouse=True)
def fixed_now(app):
    app.config["NOW"] = NOW


def _save(flow: Flow) -> str:
    response = flow.post("/daftar/simpan", {})
    assert response.status_code == 303 and response.location == f"/{flow.lang}/daftar/tersimpan"
    page = soup_of(flow.client.get(f"/{flow.lang}/daftar/tersimpan"))
    code = page.select_one("#resume-code").get_text(strip=True)
    assert page.select_one("#resume-link")["href"].endswith(f"/daftar/lanjut?kode={code}")
    return code


def _resume(client, code: str, born: date = BORN, lang: str = "id"):
    token = csrf_token_of(client.get(f"/{lang}/daftar/lanjut?kode={code}"))
    return client.post(f"/{lang}/daftar/lanjut", data={
        "csrf_token": token, "code": code, "birth_day": str(born.day),
        "birth_month": str(born.month), "birth_year": str(born.year)})


def test_a_saved_draft_continues_in_another_browser(app, client) -> None:
    flow = Flow(client, "id")
    flow.applicant()
    flow.worker(1)
    code = _save(flow)
    assert resume.normalise(code) == code and len(code) == 11
    assert client.get("/id/daftar/tersimpan").status_code == 303  # shown once

    other = app.test_client()
    assert _resume(other, code.lower().replace("-", " ")).location == "/id/daftar/kontak"
    page = Flow(other, "id").get("/daftar/pekerja/1")
    assert soup_of(page).select_one("#full_name")["value"] == "Siti Aminah"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(DraftResume)) == 0
    # Used up: the same code does not open the draft again.
    again = _resume(app.test_client(), code)
    assert again.status_code == 200 and error_messages(again)[0].startswith(
        "Kami tidak menemukan")


def test_a_wrong_date_of_birth_or_an_old_code_opens_nothing(app, client) -> None:
    flow = Flow(client, "en")
    flow.applicant()
    flow.worker(1)
    code = _save(flow)
    wrong = _resume(app.test_client(), code, born=date(1990, 1, 1), lang="en")
    assert wrong.status_code == 200
    assert soup_of(wrong).title.get_text().startswith("Error:")
    app.config["NOW"] = NOW + timedelta(days=resume.RESUME_DAYS, minutes=1)
    late = _resume(app.test_client(), code, lang="en")
    assert late.status_code == 200 and error_messages(late)


def test_saving_keeps_the_draft_seven_days_and_purge_deletes_it_after(app, client,
                                                                      runner) -> None:
    flow = Flow(client, "id")
    flow.applicant()
    flow.worker(1)
    _save(flow)
    app.config["NOW"] = NOW + timedelta(days=6)
    assert "Deleted 0 expired drafts" in runner.invoke(args=["drafts", "purge"]).output
    app.config["NOW"] = NOW + timedelta(days=7, minutes=1)
    output = runner.invoke(args=["drafts", "purge"]).output
    assert "Deleted 1 expired drafts and 1 expired codes." in output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(EnrollmentDraft)) == 0


def test_nothing_to_save_before_a_worker_is_added(app, client) -> None:
    flow = Flow(client, "id")
    flow.applicant()
    response = flow.post("/daftar/simpan", {})
    assert response.location == "/id/daftar/pekerja/1"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(DraftResume)) == 0


def test_resuming_is_rate_limited(app) -> None:
    app.config["STATUS_LOOKUP_LIMIT"] = "2 per minute"
    visitor = app.test_client()
    for _ in range(2):
        assert _resume(visitor, "7K3QF-9X2MA").status_code == 200
    assert _resume(visitor, "7K3QF-9X2MA").status_code == 429


def test_codes_are_long_enough_and_unambiguous() -> None:
    codes = {resume.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(resume.normalise(code) == code for code in codes)
    assert len(resume.ALPHABET) ** resume.CODE_LENGTH >= 2 ** 50
    assert resume.normalise("7k3qf-9x2ma") == "7K3QF-9X2MA"
    assert resume.normalise("OOOOO-IIIII") == "00000-11111"
    assert resume.normalise("7K3QF-9X2M") is None
