"""Request detail and decisions: who, when and why recorded; NIK views audited; two reviewers at
once never overwrite each other (optimistic locking)."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.audit.models import AuditEvent
from lindungi.enrollment.models import RequestStatus, StatusChange
from lindungi.extensions import db
from lindungi.review import operations
from lindungi.staff.models import Role
from tests.support.checking import soup_of
from tests.support.staff import create_request, csrf_token, load_request, make_nik

S = RequestStatus


def version_in(response, prefix: str) -> str:
    return soup_of(response).select_one(f"input[name={prefix}-version]")["value"]


def decide(client, request_id: int, path: str, prefix: str, **fields: str):
    page = client.get(f"/staf/pendaftaran/{request_id}")
    data = {"csrf_token": csrf_token(client), f"{prefix}-version": version_in(page, prefix)}
    data.update({f"{prefix}-{name}": value for name, value in fields.items()})
    return client.post(f"/staf/pendaftaran/{request_id}/{path}", data=data)


def audit_rows(app: Flask, action: str) -> list[AuditEvent]:
    with app.app_context():
        rows = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)
                                  .order_by(AuditEvent.id)).all()
        db.session.expunge_all()
        return list(rows)


def history(app: Flask, request_id: int) -> list[StatusChange]:
    return list(load_request(app, request_id).history)


@pytest.fixture
def reviewer(client_for):
    return client_for(Role.REVIEWER)


def test_detail_shows_every_answer_and_audits_the_view(app: Flask, reviewer,
                                                      make_request) -> None:
    request = make_request(workers=[{"full_name": "Daeng Sutte", "occupation": "marbot"},
                                    {"full_name": "Sitti Aminah", "kk": "7371010101090002"}],
                           applicant_name="Rahmat", for_self=False,
                           applicant_relationship="child")
    response = reviewer.get(f"/staf/pendaftaran/{request.id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for worker in request.workers:
        assert worker.nik in page and worker.kk in page and worker.full_name in page
    for text in ("Marbot", "Mariso", "Rahmat", "+6281234567890", "Sitti Aminah",
                 "Jl. Rajawali No. 7", "15 Juni 1985"):
        assert text in page, text
    assert soup_of(response).h1.get_text(strip=True) == f"Permintaan {request.reference}"
    assert response.headers["Cache-Control"] == "no-store"
    reviewer.get(f"/staf/pendaftaran/{request.id}")
    rows = audit_rows(app, "request.view_identity")
    assert [(r.actor_id, r.target_id) for r in rows] == [(reviewer.user.id, str(request.id))] * 2
    assert all(request.workers[0].nik not in str(r.detail) for r in rows)


def test_communications_cannot_open_requests(app: Flask, client_for, make_request) -> None:
    request = make_request()
    comms = client_for(Role.COMMUNICATIONS)
    assert comms.get(f"/staf/pendaftaran/{request.id}").status_code == 403
    overview = comms.get("/staf/").get_data(as_text=True)
    assert request.workers[0].nik not in overview and request.reference not in overview
    assert 'href="/staf/pendaftaran"' not in overview
    assert audit_rows(app, "request.view_identity") == []


def test_unknown_request_is_404(reviewer) -> None:
    assert reviewer.get("/staf/pendaftaran/9999").status_code == 404


def test_flags(reviewer, make_request) -> None:
    registered = make_request(status=S.REGISTERED)
    nik = registered.workers[0].nik
    request = make_request(
        workers=[
            {"nik": nik, "full_name": "Sudah Terdaftar"},
            {"nik": make_nik(date(1990, 1, 1), region="737301"), "full_name": "Dari Luar",
             "decile": 6},
            {"full_name": "Hampir Tua", "birth_date": date(1961, 1, 1), "decile": None},
        ],
    )
    flags = [li.get_text(" ", strip=True)
             for li in soup_of(reviewer.get(f"/staf/pendaftaran/{request.id}"))
             .select(".flag-list li")]
    joined = "\n".join(flags)
    assert f"Sudah terdaftar di BPJS Ketenagakerjaan melalui permintaan {registered.reference}" \
        in joined
    assert "Dari Luar: NIK ini tidak diterbitkan di Kota Makassar" in joined
    assert "Dari Luar: Desil 6 menurut pemohon berada di atas desil program 1–4" in joined
    assert "Sudah Terdaftar: Desil 2 menurut pemohon: cocokkan" in joined
    assert "Hampir Tua: Desil kesejahteraan tidak diisi" in joined


def test_start_review_records_who_and_when(app: Flask, reviewer, make_request) -> None:
    request = make_request()
    response = decide(reviewer, request.id, "mulai", "start")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/staf/pendaftaran/{request.id}"
    stored = load_request(app, request.id)
    assert stored.status is S.IN_REVIEW and stored.version == request.version + 1
    [change] = stored.history
    assert (change.from_status, change.to_status, change.staff_id) == (
        S.RECEIVED, S.IN_REVIEW, reviewer.user.id)
    [event] = audit_rows(app, "request.start_review")
    assert event.actor_id == reviewer.user.id and event.target_id == str(request.id)
    assert "Anda sekarang memeriksa permintaan ini." in reviewer.get(
        f"/staf/pendaftaran/{request.id}").get_data(as_text=True)


def test_approve_with_a_reason_for_staff(app: Flask, reviewer, make_request) -> None:
    request = make_request(status=S.IN_REVIEW, public_message="old question")
    response = decide(reviewer, request.id, "setujui", "approve",
                      reason="NIK and decile confirmed with Disdukcapil")
    assert response.status_code == 302
    stored = load_request(app, request.id)
    assert stored.status is S.APPROVED and stored.decided_at is not None
    assert stored.public_message == ""
    assert stored.history[-1].internal_note == "NIK and decile confirmed with Disdukcapil"
    assert audit_rows(app, "request.approve")[0].detail == {"status": "approved"}


def test_approve_needs_a_reason(app: Flask, reviewer, make_request) -> None:
    request = make_request(status=S.IN_REVIEW)
    response = decide(reviewer, request.id, "setujui", "approve", reason="  ")
    assert response.status_code == 200
    summary = soup_of(response).select_one(".error-summary").get_text(" ", strip=True)
    assert "Tulis alasan Anda menyetujui permintaan ini" in summary
    stored = load_request(app, request.id)
    assert stored.status is S.IN_REVIEW and stored.history == []
    assert audit_rows(app, "request.approve") == []
    with app.app_context(), pytest.raises(ValueError, match="reason"):
        operations.approve(stored, reviewer.user, stored.version, " ")


def test_approve_reason_is_not_prefilled_but_a_checklist_is_shown(app: Flask, reviewer,
                                                                  make_request) -> None:
    request = make_request(status=S.IN_REVIEW)
    page = soup_of(reviewer.get(f"/staf/pendaftaran/{request.id}"))
    assert page.select_one("textarea[name=approve-reason]").get_text().strip() == ""
    checklist = [li.get_text(strip=True) for li in page.select(".checklist li")]
    assert "Alamat di Kota Makassar" in checklist and len(checklist) == 5


def test_save_and_open_the_next_waiting_request(app: Flask, reviewer, make_request) -> None:
    first, second = make_request(status=S.IN_REVIEW), make_request()

    def decide_then_next(request_id: int, path: str, prefix: str, **fields: str):
        page = reviewer.get(f"/staf/pendaftaran/{request_id}")
        buttons = [b.get_text(strip=True) for b in soup_of(page).select("button[value=next]")]
        assert "Simpan & buka berikutnya" in buttons
        data = {"csrf_token": csrf_token(reviewer), f"{prefix}-version": version_in(page, prefix),
                "then": "next", **{f"{prefix}-{name}": value for name, value in fields.items()}}
        return reviewer.post(f"/staf/pendaftaran/{request_id}/{path}", data=data)

    response = decide_then_next(first.id, "setujui", "approve", reason="Checked")
    assert response.headers["Location"] == f"/staf/pendaftaran/{second.id}"
    assert load_request(app, first.id).status is S.APPROVED
    # The last one waiting: back to the queue.
    response = decide_then_next(second.id, "minta-informasi", "ask", message="KK?")
    assert response.headers["Location"] == "/staf/pendaftaran"


def test_ask_for_information_is_stored_for_the_status_page(app: Flask, reviewer,
                                                           make_request) -> None:
    request = make_request()
    message = "Kirim foto KK yang terbaru ke kantor Disnaker, Jl. Ahmad Yani."
    response = decide(reviewer, request.id, "minta-informasi", "ask", message=message)
    assert response.status_code == 302
    stored = load_request(app, request.id)
    assert stored.status is S.NEEDS_INFO and stored.public_message == message
    assert stored.history[-1].public_message == message
    assert stored.decided_at is None
    page = reviewer.get(f"/staf/pendaftaran/{request.id}").get_data(as_text=True)
    assert "Pemohon akan melihat pesan Anda di halaman status." in page
    assert message in page


def test_ask_for_information_needs_a_message(app: Flask, reviewer, make_request) -> None:
    request = make_request()
    response = decide(reviewer, request.id, "minta-informasi", "ask", message="  ")
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.title.get_text().startswith("Galat:")
    assert "Tulis apa yang perlu dikirim atau diperbaiki pemohon." in soup.select_one(
        ".error-summary").get_text()
    assert soup.select_one("details[open] textarea[name=ask-message]") is not None
    assert load_request(app, request.id).status is S.RECEIVED


def test_reject_with_reason_and_explanation(app: Flask, reviewer, make_request) -> None:
    request = make_request(status=S.NEEDS_INFO)
    response = decide(reviewer, request.id, "tolak", "reject", reason="not_resident",
                      message="Alamat di KTP di Kabupaten Gowa.")
    assert response.status_code == 302
    stored = load_request(app, request.id)
    assert stored.status is S.REJECTED and stored.rejection_reason == "not_resident"
    assert stored.public_message == "Alamat di KTP di Kabupaten Gowa."
    assert stored.history[-1].reason_code == "not_resident"
    assert audit_rows(app, "request.reject")[0].detail == {"status": "rejected",
                                                          "reason": "not_resident"}


@pytest.mark.parametrize(("reason", "message", "error"), [
    ("", "", "Pilih alasannya."),
    ("made_up", "", "Pilih alasannya."),
    ("other", "", "Jelaskan alasannya kepada pemohon."),
])
def test_reject_needs_a_known_reason(app: Flask, reviewer, make_request, reason: str,
                                     message: str, error: str) -> None:
    request = make_request()
    response = decide(reviewer, request.id, "tolak", "reject", reason=reason, message=message)
    assert response.status_code == 200
    assert error in soup_of(response).select_one(".error-summary").get_text()
    assert load_request(app, request.id).status is S.RECEIVED


def test_mark_registered_with_kpj_per_worker(app: Flask, reviewer, make_request) -> None:
    request = make_request(status=S.APPROVED, workers=[{}, {"full_name": "Sitti Aminah"}])
    first, second = request.workers
    response = decide(reviewer, request.id, "terdaftar", "register", **{
        f"kpj_{first.id}": "1234 5678 901", f"kpj_{second.id}": "10987654321"})
    assert response.status_code == 302
    stored = load_request(app, request.id)
    assert stored.status is S.REGISTERED
    assert [w.kpj_number for w in stored.workers] == ["12345678901", "10987654321"]


@pytest.mark.parametrize("bad", ["1234567890", "١٢٣٤٥٦٧٨٩٠١", "1234567890A", ""])
def test_kpj_must_be_eleven_ascii_digits(app: Flask, reviewer, make_request, bad: str) -> None:
    request = make_request(status=S.APPROVED)
    worker = request.workers[0]
    response = decide(reviewer, request.id, "terdaftar", "register",
                      **{f"kpj_{worker.id}": bad})
    assert response.status_code == 200
    assert soup_of(response).select_one(f"#register-kpj_{worker.id}-error") is not None
    stored = load_request(app, request.id)
    assert stored.status is S.APPROVED and stored.workers[0].kpj_number == ""


def test_kpj_length_is_a_setting(make_app, make_staff) -> None:
    from tests.support.checking import CheckingClient
    from tests.support.staff import sign_in_as

    app = make_app(KPJ_LENGTH=12)
    app.test_client_class = CheckingClient
    request = create_request(app, status=S.APPROVED)
    with app.app_context():
        from lindungi.staff import accounts
        from tests.support.apps import STAFF_PASSWORD

        user = accounts.create_staff("k@makassarkota.go.id", Role.REVIEWER, STAFF_PASSWORD)
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
    client = app.test_client()
    sign_in_as(client, user)
    worker = request.workers[0]
    assert decide(client, request.id, "terdaftar", "register",
                  **{f"kpj_{worker.id}": "12345678901"}).status_code == 200
    assert decide(client, request.id, "terdaftar", "register",
                  **{f"kpj_{worker.id}": "123456789012"}).status_code == 302


def test_only_decisions_the_status_allows_are_offered(reviewer, make_request) -> None:
    received = soup_of(reviewer.get(f"/staf/pendaftaran/{make_request().id}"))
    assert received.select_one("form[action$='/mulai']") is not None
    assert received.select_one("form[action$='/terdaftar']") is None
    approved = soup_of(reviewer.get(
        f"/staf/pendaftaran/{make_request(status=S.APPROVED).id}"))
    assert approved.select_one("form[action$='/terdaftar']") is not None
    assert approved.select_one("form[action$='/setujui']") is None
    registered = soup_of(reviewer.get(
        f"/staf/pendaftaran/{make_request(status=S.REGISTERED).id}"))
    assert registered.select(".decisions form") == []


def test_a_decision_the_status_does_not_allow_changes_nothing(app: Flask, reviewer,
                                                              make_request) -> None:
    request = make_request(status=S.REGISTERED)
    response = reviewer.post(f"/staf/pendaftaran/{request.id}/setujui", data={
        "csrf_token": csrf_token(reviewer), "approve-version": str(request.version),
        "approve-reason": "Data sesuai"})
    assert response.status_code == 409
    assert "Keputusan itu tidak bisa diambil sekarang" in response.get_data(as_text=True)
    assert load_request(app, request.id).status is S.REGISTERED


def test_two_reviewers_at_once_the_second_sees_the_change(app: Flask, client_for,
                                                          make_request) -> None:
    request = make_request(status=S.IN_REVIEW)
    first, second = client_for(Role.REVIEWER), client_for(Role.REVIEWER)
    page_first = first.get(f"/staf/pendaftaran/{request.id}")
    page_second = second.get(f"/staf/pendaftaran/{request.id}")
    assert first.post(f"/staf/pendaftaran/{request.id}/setujui", data={
        "csrf_token": csrf_token(first), "approve-version": version_in(page_first, "approve"),
        "approve-reason": "Data sesuai",
    }).status_code == 302
    question = "Mohon kirim foto KTP yang jelas."
    response = second.post(f"/staf/pendaftaran/{request.id}/minta-informasi", data={
        "csrf_token": csrf_token(second), "ask-version": version_in(page_second, "ask"),
        "ask-message": question,
    })
    assert response.status_code == 409
    soup = soup_of(response)
    assert "Permintaan ini sudah diubah orang lain" in soup.select_one(
        ".notice.warning").get_text()
    assert "Disetujui" in soup.select_one(".summary-list").get_text()
    stored = load_request(app, request.id)
    assert stored.status is S.APPROVED and stored.public_message == ""
    assert [c.to_status for c in stored.history] == [S.APPROVED]
    assert audit_rows(app, "request.ask_info") == []
    # Asking is no longer offered on an approved request; rejecting still is, on the new version.
    assert soup.select_one("textarea[name=ask-message]") is None
    assert version_in(response, "reject") == str(stored.version)


def test_the_second_decision_keeps_what_was_typed(app: Flask, client_for, make_request) -> None:
    request = make_request()
    first, second = client_for(Role.REVIEWER), client_for(Role.ADMIN)
    stale = version_in(second.get(f"/staf/pendaftaran/{request.id}"), "reject")
    decide(first, request.id, "minta-informasi", "ask", message="Kirim foto KK.")
    response = second.post(f"/staf/pendaftaran/{request.id}/tolak", data={
        "csrf_token": csrf_token(second), "reject-version": stale, "reject-reason": "duplicate",
        "reject-message": "Sudah ada di permintaan lain.",
    })
    assert response.status_code == 409
    soup = soup_of(response)
    assert soup.select_one("textarea[name=reject-message]").get_text().strip() == (
        "Sudah ada di permintaan lain.")
    assert version_in(response, "reject") == str(load_request(app, request.id).version)
    assert load_request(app, request.id).public_message == "Kirim foto KK."


def test_a_change_committed_meanwhile_is_caught_at_flush(app: Flask, reviewer, make_request,
                                                        monkeypatch) -> None:
    """Another app server commits between our load and our write: SQLAlchemy's version check
    (StaleDataError) stops the write, and the reviewer gets the same answer."""
    request = make_request(status=S.IN_REVIEW)
    real_approve = operations.approve

    def approve_after_someone_else(req, staff, version, reason):
        db.session.execute(sa.text(
            "UPDATE enrollment_request SET version = version + 1 WHERE id = :id"), {"id": req.id})
        return real_approve(req, staff, version, reason)

    monkeypatch.setattr(operations, "approve", approve_after_someone_else)
    response = decide(reviewer, request.id, "setujui", "approve", reason="Data sesuai")
    assert response.status_code == 409
    assert "Permintaan ini sudah diubah orang lain" in response.get_data(as_text=True)
    stored = load_request(app, request.id)
    assert stored.status is S.IN_REVIEW and stored.history == []


def test_notes_are_kept_and_never_conflict(app: Flask, reviewer, make_request) -> None:
    request = make_request()
    response = reviewer.post(f"/staf/pendaftaran/{request.id}/catatan", data={
        "csrf_token": csrf_token(reviewer), "note-body": "Sudah telepon pemohon."})
    assert response.status_code == 302
    assert load_request(app, request.id).version == request.version
    page = reviewer.get(f"/staf/pendaftaran/{request.id}").get_data(as_text=True)
    assert "Sudah telepon pemohon." in page
    assert audit_rows(app, "request.note")[0].actor_id == reviewer.user.id
    empty = reviewer.post(f"/staf/pendaftaran/{request.id}/catatan", data={
        "csrf_token": csrf_token(reviewer), "note-body": ""})
    assert empty.status_code == 200 and "Tulis catatannya." in empty.get_data(as_text=True)


def test_history_names_who_decided(reviewer, make_request) -> None:
    request = make_request()
    decide(reviewer, request.id, "mulai", "start")
    decide(reviewer, request.id, "tolak", "reject", reason="duplicate", note="Sama dengan LM-1")
    items = [li.get_text(" ", strip=True) for li in soup_of(
        reviewer.get(f"/staf/pendaftaran/{request.id}")).select("ol.history li")]
    assert len(items) == 2
    assert reviewer.user.email in items[1]
    assert "Tidak disetujui" in items[1] and "Sama dengan LM-1" in items[1]
