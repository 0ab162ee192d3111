"""The request's own promises come from the same settings as the public pages: retention on the
consent step (as on the privacy notice), the decision time on the confirmation page."""

from __future__ import annotations

from tests.support.checking import soup_of
from tests.support.enrollment import Flow


def _consent_page(client) -> str:
    flow = Flow(client, "id")
    assert flow.applicant().status_code == 303
    assert flow.worker(1, action="continue").status_code == 303
    assert flow.contact().status_code == 303
    return soup_of(flow.get("/daftar/persetujuan")).select_one(".privacy-summary").get_text(
        " ", strip=True)


def test_consent_step_without_retention_settings_promises_no_period(client) -> None:
    text = _consent_page(client)
    assert "hitungan tanpa nama" in text  # what is always true
    assert "tahun setelah keputusan" not in text


def test_consent_step_and_privacy_notice_show_the_same_periods(client, fill_settings) -> None:
    fill_settings(retention_approved_years="7", retention_rejected_years="3")
    consent = _consent_page(client)
    privacy = soup_of(client.get("/id/privasi")).get_text(" ", strip=True)
    for sentence in ("disetujui disimpan selama 7 tahun setelah keputusan",
                     "tidak disetujui disimpan selama 3 tahun setelah keputusan"):
        assert sentence in consent.replace("yang ", "")
        assert sentence in privacy.replace("yang ", "")


def _send(client, serial: int) -> str:
    flow = Flow(client, "en")
    assert flow.applicant().status_code == 303
    assert flow.worker(1, serial=serial, action="continue").status_code == 303
    assert flow.contact().status_code == 303
    assert flow.consent().status_code == 303
    assert flow.submit(flow.submit_token()).status_code in (200, 303)
    return soup_of(client.get("/en/daftar/selesai")).get_text(" ", strip=True)


def test_confirmation_page_states_a_decision_time_only_when_set(app, fill_settings) -> None:
    done = _send(app.test_client(), serial=1)
    assert "Request sent" in done and "working days" not in done
    fill_settings(decision_working_days="12")
    assert "within 12 working days" in _send(app.test_client(), serial=2)
