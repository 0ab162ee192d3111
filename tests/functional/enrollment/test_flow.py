"""The enrollment steps end to end: both languages, with and without htmx, step order, drafts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from lindungi.core import places
from lindungi.enrollment.models import EnrollmentDraft, EnrollmentRequest, RequestStatus, Sex
from lindungi.extensions import db
from tests.support.checking import soup_of
from tests.support.enrollment import (
    KECAMATAN,
    KELURAHAN,
    NOW,
    WORKER_PAGES,
    Flow,
    make_nik,
    texts,
)


@pytest.fixture(autouse=True)
def fixed_now(app):
    app.config["NOW"] = NOW


PROGRESS = {"id": "Langkah %s dari 5", "en": "Step %s of 5"}
CHECK_TITLE = {"id": "Periksa jawaban Anda sebelum mengirim permohonan",
               "en": "Check your answers before sending the request"}


def questions_on(response) -> int:
    """The questions a page asks: its named form controls, a radio group counting once
    (hidden fields and buttons are not questions)."""
    names = {tag["name"] for tag in soup_of(response).select(
        "#enrollment-step input[name], #enrollment-step select[name], "
        "#enrollment-step textarea[name]")
        if tag.get("type") not in ("hidden", "submit")}
    return len(names)


def _assert_step(response, flow: Flow, number: int) -> None:
    """A step page (or its htmx fragment): private, kept out of htmx history, with progress."""
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    soup = soup_of(response)
    assert soup.select_one("#enrollment-step")["hx-history"] == "false"
    assert texts(response, ".step-progress") == [PROGRESS[flow.lang] % number]
    assert soup.select_one(".back-link")["href"].startswith(f"/{flow.lang}/")
    if flow.headers:
        assert soup.find("html") is None  # only the fragment
        assert soup.find("title").get_text()  # htmx sets the page title from it
        assert response.headers["HX-Push-Url"] == response.request.path
    else:
        assert soup.html["lang"] == flow.lang
        assert "X-CSRFToken" in soup.body["hx-headers"]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_whole_flow(app, client, lang: str, htmx: bool) -> None:
    flow = Flow(client, lang, htmx)
    page = flow.get("/daftar")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"

    _assert_step(flow.get("/daftar/pemohon"), flow, 1)
    response = flow.post("/daftar/pemohon", {"who": "other", "applicant_name": "Rahmat Hidayat",
                                              "relationship": "child"}, follow_redirects=True)
    _assert_step(response, flow, 2)
    assert response.request.path == f"/{lang}/daftar/pekerja/1"

    # One topic per page, then "is there another worker?": yes for the second, no after it.
    for n in (1, 2):
        answers = _worker(n)
        for slug, names in WORKER_PAGES:
            assert response.request.path == f"/{lang}/daftar/pekerja/{n}{slug}"
            assert questions_on(response) <= 8
            response = flow.post(f"/daftar/pekerja/{n}{slug}",
                                 {name: answers[name] for name in names},
                                 follow_redirects=True)
            _assert_step(response, flow, 2)
        assert response.request.path == f"/{lang}/daftar/pekerja-lain"
        assert texts(response, ".worker-list-name")[-1] == answers["full_name"]
        response = flow.post("/daftar/pekerja-lain", {"another": "yes" if n == 1 else "no"},
                             follow_redirects=True)
    _assert_step(response, flow, 3)
    assert response.request.path == f"/{lang}/daftar/kontak"

    consent = flow.contact(follow_redirects=True)
    _assert_step(consent, flow, 4)
    check = flow.consent(follow_redirects=True)
    _assert_step(check, flow, 5)
    assert CHECK_TITLE[lang] in texts(check, "h1")
    body = check.get_data(as_text=True)
    # The person who just typed the numbers sees them whole (masked only after sending).
    assert make_nik(date(1980, 8, 12), "F", 1) in body and "7371010101100001" in body
    assert len(soup_of(check).select(".worker-summary")) == 2

    token = soup_of(check).find("input", attrs={"name": "token"})["value"]
    sent = flow.submit(token)
    if htmx:
        assert sent.headers["HX-Redirect"] == f"/{lang}/daftar/selesai"
    else:
        assert sent.status_code == 303 and sent.location == f"/{lang}/daftar/selesai"
    done = client.get(f"/{lang}/daftar/selesai")
    assert done.headers["Cache-Control"] == "no-store"
    reference = soup_of(done).select_one("#reference").get_text(strip=True)
    with app.app_context():
        request = db.session.scalar(sa.select(EnrollmentRequest))
        assert request.reference == reference
        assert [w.full_name for w in request.workers] == ["Siti Aminah", "Andi Baso"]
        assert db.session.scalar(sa.select(sa.func.count(EnrollmentDraft.id))) == 0


def _worker(n: int, **overrides: str) -> dict[str, str]:
    from tests.support.enrollment import worker_answers

    if n == 1:
        return worker_answers(**overrides)
    return worker_answers(born=date(1975, 1, 30), sex="M", serial=7, full_name="Andi Baso",
                          **overrides)


def test_request_rows_hold_exactly_what_was_entered(app, client) -> None:
    flow = Flow(client)
    flow.applicant(who="other", applicant_name="  rahmat   hidayat ", relationship="child")
    kelurahan = places.kelurahan_for("73.71.13")[2].code
    flow.worker(1, full_name=" SITI\u00a0 AMINAH ", nik="3201 0152 0880 0001",
                kk="7371-0101-0110-0002", rt_rw="3 / 5", place_of_birth=" Bone ",
                mother_maiden_name="Hasnah", address="Jl. Sungai Saddang  Baru No. 7",
                kecamatan="73.71.13", kelurahan=kelurahan, occupation="imam",
                income_band="1m_to_2m", decile="", already_member="yes",
                kpj_number="12345678901", heir_name="Budi", heir_relationship="child",
                heir_phone="+62 411 123456")
    flow.contact(phone="+62 812-3456-7890", email="Rahmat@Example.COM", preferred_lang="en")
    flow.consent()
    flow.submit(flow.submit_token())
    with app.app_context():
        request = db.session.scalar(sa.select(EnrollmentRequest))
        assert request.status is RequestStatus.RECEIVED
        assert (request.for_self, request.applicant_name, request.applicant_relationship) == (
            False, "rahmat hidayat", "child")
        assert (request.phone_e164, request.email, request.preferred_lang) == (
            "+6281234567890", "Rahmat@example.com", "en")
        assert request.consent_notice_version == "2026-11-01"
        assert request.consented_at == NOW.replace(tzinfo=None)
        assert request.created_at == NOW.replace(tzinfo=None)
        assert request.flagged is True and request.kecamatan_code == "73.71.13"
        assert len(request.history) == 1 and request.history[0].to_status is RequestStatus.RECEIVED
        (worker,) = request.workers
        assert {
            "position": worker.position, "full_name": worker.full_name, "nik": worker.nik,
            "kk": worker.kk, "birth_date": worker.birth_date, "sex": worker.sex,
            "place_of_birth": worker.place_of_birth,
            "mother_maiden_name": worker.mother_maiden_name, "address": worker.address,
            "rt_rw": worker.rt_rw, "kecamatan_code": worker.kecamatan_code,
            "kelurahan_code": worker.kelurahan_code, "occupation": worker.occupation,
            "income_band": worker.income_band, "already_member": worker.already_member,
            "kpj_number": worker.kpj_number, "decile": worker.decile,
            "heir_name": worker.heir_name, "heir_relationship": worker.heir_relationship,
            "heir_phone_e164": worker.heir_phone_e164,
            "nik_outside_makassar": worker.nik_outside_makassar,
        } == {
            "position": 1, "full_name": "SITI AMINAH", "nik": "3201015208800001",
            "kk": "7371010101100002", "birth_date": date(1980, 8, 12), "sex": Sex.FEMALE,
            "place_of_birth": "Bone", "mother_maiden_name": "Hasnah",
            "address": "Jl. Sungai Saddang Baru No. 7", "rt_rw": "003/005",
            "kecamatan_code": "73.71.13", "kelurahan_code": kelurahan, "occupation": "imam",
            "income_band": "1m_to_2m", "already_member": True, "kpj_number": "12345678901",
            "decile": None, "heir_name": "Budi", "heir_relationship": "child",
            "heir_phone_e164": "+62411123456", "nik_outside_makassar": True,
        }


def test_names_show_with_capital_initials_but_are_stored_as_typed(client) -> None:
    flow = Flow(client, "en")
    flow.applicant()
    flow.worker(full_name="SITI AMINAH")
    flow.contact()
    flow.consent()
    assert "Worker 1: Siti Aminah" in texts(flow.check(), "h2")


def test_nik_from_outside_makassar_is_accepted_and_flagged_on_the_check_page(client) -> None:
    flow = Flow(client, "en")
    flow.applicant()
    assert flow.worker(nik=make_nik(date(1980, 8, 12), "F", region="320101")).status_code == 303
    flow.contact()
    flow.consent()
    assert any("not issued in Kota Makassar" in text for text in texts(flow.check(), ".notice"))


def test_jumping_ahead_lands_on_the_first_incomplete_step(client) -> None:
    flow = Flow(client)
    for path in ("/daftar/pekerja/1", "/daftar/kontak", "/daftar/persetujuan", "/daftar/periksa"):
        assert flow.get(path).location == "/id/daftar/pemohon"
    flow.applicant()
    assert flow.get("/daftar/periksa").location == "/id/daftar/pekerja/1"
    assert flow.get("/daftar/pekerja/2").location == "/id/daftar/pekerja/1"
    # A POST that skips a step saves nothing.
    assert flow.contact().location == "/id/daftar/pekerja/1"
    flow.worker()
    assert flow.get("/daftar/periksa").location == "/id/daftar/kontak"
    assert flow.get("/daftar/pekerja/3").location == "/id/daftar/kontak"
    assert flow.get("/daftar/pekerja/2").status_code == 200  # the "another worker" page
    assert flow.submit("x" * 43).location == "/id/daftar/kontak"


def test_jumping_ahead_with_htmx_swaps_in_the_right_step(client) -> None:
    flow = Flow(client, htmx=True)
    response = flow.get("/daftar/kontak", follow_redirects=True)
    assert response.request.path == "/id/daftar/pemohon"
    assert soup_of(response).find("html") is None


def test_changes_from_the_check_page_return_to_it(client) -> None:
    flow = Flow(client, "en")
    flow.up_to_check(workers=2)
    check = flow.check()
    links = [a["href"] for a in soup_of(check).select(".summary-action a")]
    assert "/en/daftar/pekerja/2#nik" in links and "/en/daftar/kontak#phone" in links
    worker_page = flow.get("/daftar/pekerja/2")
    assert soup_of(worker_page).select_one(".back-link")["href"] == "/en/daftar/periksa"
    assert soup_of(worker_page).select_one("#full_name")["value"] == "Siti Aminah"
    changed = flow.worker(2, serial=2, full_name="Siti Rahmawati")
    assert changed.location == "/en/daftar/periksa"
    assert "Worker 2: Siti Rahmawati" in texts(flow.check(), "h2")
    assert flow.contact(phone="0813 1111 2222").location == "/en/daftar/periksa"
    assert "0813-1111-2222" in flow.check().get_data(as_text=True)


def test_remove_a_worker_from_the_check_page(app, client) -> None:
    flow = Flow(client, "en")
    flow.up_to_check(workers=3)
    flow.check()
    assert flow.post("/daftar/pekerja/2/hapus", {}).location == "/en/daftar/periksa"
    assert len(soup_of(flow.check()).select(".worker-summary")) == 2
    flow.post("/daftar/pekerja/1/hapus", {})
    check = flow.check()
    assert len(soup_of(check).select(".worker-summary")) == 1
    assert not soup_of(check).select("form[action$='/hapus']")  # the last one stays
    assert flow.post("/daftar/pekerja/1/hapus", {}).location == "/en/daftar/periksa"
    assert len(soup_of(flow.check()).select(".worker-summary")) == 1


def test_at_most_ten_workers(client) -> None:
    flow = Flow(client, "en")
    flow.applicant()
    for n in range(1, 10):
        assert flow.worker(n, serial=n, action="add").location == f"/en/daftar/pekerja/{n + 1}"
    tenth = flow.get("/daftar/pekerja/10")
    assert "Add another worker" not in texts(tenth, "button")
    assert flow.worker(10, serial=10, action="add").location == "/en/daftar/kontak"
    assert flow.get("/daftar/pekerja/11").location == "/en/daftar/kontak"


def test_answers_survive_a_reload_and_the_back_button(client) -> None:
    flow = Flow(client, "en")
    flow.applicant(who="other", applicant_name="Rahmat", relationship="spouse")
    flow.worker()
    soup = soup_of(flow.get("/daftar/pemohon"))
    assert soup.select_one("#who-1")["checked"] is not None
    assert soup.select_one("#applicant_name")["value"] == "Rahmat"
    birth = soup_of(flow.get("/daftar/pekerja/1/lahir"))
    assert birth.select_one("#birth_day")["value"] == "12"
    address = soup_of(flow.get("/daftar/pekerja/1/alamat"))
    assert address.select_one("#kelurahan option[selected]")["value"] == KELURAHAN


def test_a_draft_holds_only_an_id_in_the_cookie(app, client) -> None:
    flow = Flow(client)
    flow.applicant()
    flow.worker()
    cookie = client.get_cookie("lindungi_session")
    assert cookie is not None and "7371" not in cookie.value
    with app.test_request_context():
        session = app.session_interface.open_session(app, _request_with(app, cookie.value))
    assert set(session) <= {"enrollment_draft", "csrf_token", "_permanent"}


def _request_with(app, cookie_value: str):
    from flask import Request

    environ = {"HTTP_COOKIE": f"lindungi_session={cookie_value}", "wsgi.url_scheme": "http",
               "SERVER_NAME": "localhost", "SERVER_PORT": "80", "REQUEST_METHOD": "GET"}
    return Request(environ)


def test_expired_draft_starts_over_kindly(app, client) -> None:
    flow = Flow(client, "en")
    flow.applicant()
    flow.worker()
    app.config["NOW"] = NOW + timedelta(hours=2, minutes=1)
    response = flow.get("/daftar/kontak")
    assert response.location == "/en/daftar"
    start = flow.get("/daftar")
    assert any("deleted because 2 hours passed" in t for t in texts(start, ".notice"))
    assert "deleted because" not in flow.get("/daftar").get_data(as_text=True)  # said once
    assert flow.get("/daftar/kontak").location == "/en/daftar/pemohon"
    # A new draft clears expired rows of anyone.
    flow.applicant()
    with app.app_context():
        drafts = db.session.scalars(sa.select(EnrollmentDraft)).all()
        assert len(drafts) == 1 and drafts[0].data["workers"] == []


def test_expired_draft_on_a_post_is_deleted_and_htmx_reloads_the_start_page(app, client) -> None:
    flow = Flow(client, "en", htmx=True)
    flow.applicant()
    app.config["NOW"] = NOW + timedelta(hours=3)
    response = flow.worker()
    assert response.headers["HX-Redirect"] == "/en/daftar"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(EnrollmentDraft.id))) == 0


def test_each_change_keeps_the_draft_alive(app, client) -> None:
    flow = Flow(client, "en")
    flow.applicant()
    app.config["NOW"] = NOW + timedelta(hours=1, minutes=50)
    flow.worker()
    app.config["NOW"] = NOW + timedelta(hours=3)
    assert flow.get("/daftar/kontak").status_code == 200


def test_start_page_keeps_the_checker_answers_as_defaults(app, client) -> None:
    flow = Flow(client, "en")
    response = flow.get("/daftar?kecamatan=73.71.05&occupation=fisher&decile=3&member=no")
    assert response.status_code == 303 and response.location == "/en/daftar"
    flow.applicant()
    flow.worker(until="/alamat")
    soup = soup_of(flow.get("/daftar/pekerja/1/alamat"))
    assert soup.select_one("#kecamatan option[selected]")["value"] == "73.71.05"
    flow.worker(until="/pekerjaan")
    soup = soup_of(flow.get("/daftar/pekerja/1/pekerjaan"))
    assert soup.select_one("#occupation option[selected]")["value"] == "fisher"
    assert soup.select_one("#decile option[selected]")["value"] == "3"
    assert soup.select_one("#already_member-1")["checked"] is not None
    # Only the first worker gets them.
    flow.worker(action="add")
    flow.worker(2, serial=2, until="/alamat")
    assert not soup_of(flow.get("/daftar/pekerja/2/alamat")).select(
        "#kecamatan option[selected]")


def test_start_page_drops_unknown_prefill_values(app, client) -> None:
    flow = Flow(client, "en")
    response = flow.get("/daftar?kecamatan=99.99&occupation=astronaut&decile=11&member=yes")
    assert response.location == "/en/daftar"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(EnrollmentDraft.id))) == 0


def test_kelurahan_options_follow_the_kecamatan(client) -> None:
    response = client.get(f"/id/daftar/kelurahan?kecamatan={KECAMATAN}")
    soup = soup_of(response)
    assert soup.select_one("#kelurahan-group") is not None and not soup.select("optgroup")
    values = [o["value"] for o in soup.select("option") if o["value"]]
    assert values == [k.code for k in places.kelurahan_for(KECAMATAN)]
    assert "no-store" not in response.headers.get("Cache-Control", "")
    every = soup_of(client.get("/id/daftar/kelurahan?kecamatan=nope"))
    assert len(every.select("optgroup")) == 15 and len(every.select("option[value!='']")) == 153


def test_worker_page_without_javascript_lists_kelurahan_grouped(client) -> None:
    flow = Flow(client)
    flow.applicant()
    flow.worker(until="/alamat")
    soup = soup_of(flow.get("/daftar/pekerja/1/alamat"))
    assert len(soup.select("#kelurahan optgroup")) == 15
    kecamatan = soup.select_one("#kecamatan")
    assert kecamatan["hx-get"] == "/id/daftar/kelurahan" and kecamatan["hx-target"] == (
        "#kelurahan-group")


def test_htmx_error_rerender_lists_only_the_chosen_kecamatan(client) -> None:
    flow = Flow(client, htmx=True)
    flow.applicant()
    response = flow.worker(address="")
    assert response.request.path == "/id/daftar/pekerja/1/alamat"
    assert not soup_of(response).select("#kelurahan optgroup")


def test_confirmation_page_needs_a_sent_request(client) -> None:
    assert client.get("/id/daftar/selesai").location == "/id/daftar"


def test_start_page_offers_to_continue_and_remembers_the_last_reference(client) -> None:
    flow = Flow(client, "en")
    flow.applicant()
    assert "Continue where you left off" in texts(flow.get("/daftar"), "a.button")
    reference = Flow(client, "en").send()
    page = flow.get("/daftar")
    assert any(reference in t for t in texts(page, ".notice"))
    assert "Start now" in texts(page, "a.button")


def test_navigation_links_to_enrollment_and_status(client) -> None:
    links = [a["href"] for a in soup_of(client.get("/id/")).select(".main-nav a")]
    assert "/id/daftar" in links and "/id/status" in links


def test_start_page_sets_no_cookie_for_a_new_visitor(client) -> None:
    response = client.get("/id/daftar")
    assert "Set-Cookie" not in response.headers
