"""Every validation message of the enrollment steps, in both languages: beside the field, in the
error summary, with "Galat:"/"Error:" in the title, the answers kept and nothing saved."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa

from lindungi.core import places
from lindungi.enrollment.models import (
    EnrollmentDraft,
    EnrollmentRequest,
    EnrollmentWorker,
    RequestStatus,
    Sex,
)
from lindungi.extensions import db
from tests.support.checking import soup_of
from tests.support.enrollment import NOW, Flow, error_messages, make_nik, message

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
BORN = date(1980, 8, 12)
OTHER_KECAMATAN_KELURAHAN = places.kelurahan_for("73.71.02")[0].code
TITLE_PREFIX = {"id": "Galat:", "en": "Error:"}


@pytest.fixture(autouse=True)
def fixed_now(app):
    app.config["NOW"] = NOW  # 20 November 2026


def _assert_error(app, response, lang: str, field_id: str, msgid: str, **params) -> None:
    expected = message(app, lang, msgid, **params)
    assert response.status_code == 200
    soup = soup_of(response)
    if soup.find("title") is not None:
        assert soup.find("title").get_text().startswith(TITLE_PREFIX[lang])
    assert expected in error_messages(response)
    summary_link = next(a for a in soup.select(".error-summary a") if a.get_text(strip=True)
                        == expected)
    assert summary_link["href"] == f"#{field_id}"
    beside = [tag.get_text(" ", strip=True) for tag in soup.select(".field-error")]
    assert any(expected in text for text in beside)


BIRTH_NIK_MISMATCH = (
    "This date of birth and sex do not match the NIK on the previous page. Digits 7 to 12 of a "
    "NIK hold the date of birth (for women, 40 is added to the day). Check them against the KTP."
)
WORKER_CASES = [
    ({"full_name": ""}, "full_name", "Enter the worker's full name, as on the KTP", {}),
    ({"full_name": "Siti 2"}, "full_name", "Use letters only, as on the KTP (spaces, dots, "
     "commas, apostrophes and hyphens are fine)", {}),
    ({"full_name": "A" * 121}, "full_name", "The name is too long: use at most %(max)s "
     "characters", {"max": 120}),
    ({"nik": ""}, "nik", "Enter the worker's NIK: the 16 digits on the KTP or family card (KK)",
     {}),
    ({"nik": "737101520880001"}, "nik", "This number should have %(expected)s digits, but it "
     "has %(count)s. Copy it again carefully from the card.", {"expected": 16, "count": 15}),
    ({"nik": make_nik(BORN, "F").translate(ARABIC_INDIC)}, "nik", "Type the number with the "
     "digits 0 to 9. The phone keyboard may be using another script.", {}),
    ({"nik": "7371O15208800001"}, "nik", "Use only the digits 0 to 9, without letters or other "
     "signs.", {}),
    ({"nik": make_nik(BORN, "F", serial=0)}, "nik", "This NIK cannot be right: it never ends in "
     "0000. Check it against the KTP or family card (KK).", {}),
    ({"nik": "7371019908800001"}, "nik", "This NIK cannot be right: digits 7 to 12 should hold "
     "the date of birth. Check it against the KTP or family card (KK).", {}),
    # The NIK comes on the first page, the date of birth and sex on the next: that page checks.
    ({"nik": make_nik(BORN, "M")}, "birth_day", BIRTH_NIK_MISMATCH, {}),
    ({"birth_day": "13"}, "birth_day", BIRTH_NIK_MISMATCH, {}),
    ({"kk": ""}, "kk", "Enter the family card (KK) number: 16 digits", {}),
    ({"kk": "73710101011"}, "kk", "This number should have %(expected)s digits, but it has "
     "%(count)s. Copy it again carefully from the card.", {"expected": 16, "count": 11}),
    ({"birth_day": "", "birth_month": "", "birth_year": ""}, "birth_day",
     "Enter the worker's date of birth", {}),
    ({"birth_month": ""}, "birth_month", "The date of birth must include a month", {}),
    ({"birth_day": ""}, "birth_day", "The date of birth must include a day", {}),
    ({"birth_year": ""}, "birth_year", "The date of birth must include a year", {}),
    ({"birth_day": "١٢"}, "birth_day", "Enter the date of birth with the digits 0 to 9, for "
     "example 27 3 1980", {}),
    ({"birth_year": "80"}, "birth_year", "Enter the year with 4 digits, for example 1980", {}),
    ({"birth_day": "31", "birth_month": "2"}, "birth_day", "The date of birth must be a real "
     "date", {}),
    ({"birth_year": "2027"}, "birth_day", "The date of birth must be in the past", {}),
    ({"born": date(2008, 11, 21)}, "birth_day", "The program is for workers aged %(min_age)s to "
     "%(max_age)s. Today the worker is %(age)s.", {"min_age": 18, "max_age": 65, "age": 17}),
    ({"born": date(1960, 11, 20)}, "birth_day", "The program is for workers aged %(min_age)s to "
     "%(max_age)s. Today the worker is %(age)s.", {"min_age": 18, "max_age": 65, "age": 66}),
    ({"sex": ""}, "sex", "Select the worker's sex, as on the KTP", {}),
    ({"sex": "X"}, "sex", "Select the worker's sex, as on the KTP", {}),
    ({"address": " "}, "address", "Enter the street address, for example Jalan Cendrawasih "
     "No. 12", {}),
    ({"address": "J" * 301}, "address", "The address is too long: use at most 300 characters",
     {}),
    ({"rt_rw": "3-5"}, "rt_rw", "Enter the RT and RW like 003/005, or leave this empty", {}),
    ({"place_of_birth": "M" * 81}, "place_of_birth", "The place of birth is too long: use at "
     "most 80 characters", {}),
    ({"mother_maiden_name": "Ibu 1"}, "mother_maiden_name", "Use letters only, as on the KTP "
     "(spaces, dots, commas, apostrophes and hyphens are fine)", {}),
    ({"kecamatan": ""}, "kecamatan", "Select the kecamatan", {}),
    ({"kelurahan": ""}, "kelurahan", "Select the kelurahan", {}),
    ({"kelurahan": "73.71.01.9999"}, "kelurahan", "Select the kelurahan", {}),
    ({"kelurahan": OTHER_KECAMATAN_KELURAHAN}, "kelurahan", "Select a kelurahan in Kecamatan "
     "%(kecamatan)s", {"kecamatan": "Mariso"}),
    ({"occupation": ""}, "occupation", "Select the worker's main work", {}),
    ({"occupation": "astronaut"}, "occupation", "Select the worker's main work", {}),
    ({"income_band": ""}, "income_band", "Select about how much the worker earns in a month",
     {}),
    ({"decile": "11"}, "decile", "Select a decile from the list, or \"I don't know\"", {}),
    ({"already_member": ""}, "already_member", "Select whether the worker is already a member",
     {}),
    ({"already_member": "yes", "kpj_number": "1234"}, "kpj_number", "This number should have "
     "%(expected)s digits, but it has %(count)s. Copy it again carefully from the card.",
     {"expected": 11, "count": 4}),
    ({"heir_name": ""}, "heir_name", "Enter the heir's full name", {}),
    ({"heir_relationship": ""}, "heir_relationship", "Select what the heir is to the worker", {}),
    ({"heir_phone": "12"}, "heir_phone", "Enter the number like 0812 3456 7890 or +62 812 3456 "
     "7890", {}),
    ({"heir_phone": "+1 202 555 0143"}, "heir_phone", "Enter an Indonesian number, starting "
     "with 08 or +62", {}),
]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(("overrides", "field_id", "msgid", "params"), WORKER_CASES,
                         ids=[f"{case[1]}-{i}" for i, case in enumerate(WORKER_CASES)])
def test_worker_messages(app, client, lang, overrides, field_id, msgid, params) -> None:
    flow = Flow(client, lang)
    flow.applicant()
    sent = {k: v for k, v in overrides.items() if k != "born"}
    born = overrides.get("born", BORN)
    response = flow.worker(born=born, **sent)
    _assert_error(app, response, lang, field_id, msgid, **params)
    # The page keeps what was typed on it, and the worker is not saved.
    soup = soup_of(response)
    for name, value in sent.items():
        box = soup.select_one(f"input[type=text][name={name}]")
        if box is not None:
            assert box.get("value", "").strip() == value.strip()
    with app.app_context():
        assert db.session.scalar(sa.select(EnrollmentDraft)).data["workers"] == []


def test_date_error_marks_only_the_wrong_box(client) -> None:
    flow = Flow(client, "en")
    flow.applicant()
    soup = soup_of(flow.worker(birth_year="80"))
    assert soup.select_one("#birth_year")["aria-invalid"] == "true"
    assert soup.select_one("#birth_day").get("aria-invalid") is None
    assert soup.select_one("#birth_day")["value"] == "12"


def test_worker_errors_with_htmx_come_back_as_a_fragment(app, client) -> None:
    flow = Flow(client, "id", htmx=True)
    flow.applicant()
    response = flow.worker(nik="")
    soup = soup_of(response)
    assert soup.find("html") is None
    assert soup.find("title").get_text().startswith("Galat:")
    _assert_error(app, response, "id", "nik",
                  "Enter the worker's NIK: the 16 digits on the KTP or family card (KK)")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_same_nik_twice_in_one_request(app, client, lang: str) -> None:
    flow = Flow(client, lang)
    flow.applicant()
    flow.worker(1, action="add")
    response = flow.worker(2, nik=" 7371 0152 0880 0001")
    _assert_error(app, response, lang, "nik", "This NIK is already in this request, as worker "
                  "%(number)s. Each worker only needs to be added once.", number=1)
    # Saving worker 1 again with its own NIK is fine.
    assert flow.worker(1).status_code == 303


def _existing_request(app, nik: str, status: RequestStatus) -> str:
    with app.app_context():
        request = EnrollmentRequest(
            reference="LM-2222-2222", idempotency_token="t" * 43, status=status, for_self=True,
            phone_e164="+6281200000000", consent_notice_version="2026-11-01",
            consented_at=datetime(2026, 10, 1), kecamatan_code="73.71.01",
        )
        request.workers = [EnrollmentWorker(
            full_name="Siti Aminah", nik=nik, kk="7371010101100001", birth_date=BORN,
            sex=Sex.FEMALE, address="Jalan", kecamatan_code="73.71.01", kelurahan_code="x",
            occupation="fisher", income_band="under_1m", heir_name="B", heir_relationship="child",
        )]
        db.session.add(request)
        db.session.commit()
        return request.reference


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("status", [RequestStatus.RECEIVED, RequestStatus.IN_REVIEW,
                                    RequestStatus.NEEDS_INFO, RequestStatus.APPROVED])
def test_nik_with_an_open_request_is_accepted_without_a_word(app, client, lang, status) -> None:
    """Saying "this NIK has a request" would tell a stranger who applied (issue 15): the worker
    page takes the NIK like any other; staff see the duplicate as a flag after the submit."""
    reference = _existing_request(app, make_nik(BORN, "F"), status)
    flow = Flow(client, lang)
    flow.applicant()
    response = flow.worker()
    assert response.status_code == 303
    assert reference not in response.get_data(as_text=True)


@pytest.mark.parametrize("status", [RequestStatus.REJECTED, RequestStatus.REGISTERED])
def test_nik_of_a_closed_request_may_be_sent_again(app, client, status) -> None:
    _existing_request(app, make_nik(BORN, "F"), status)
    flow = Flow(client, "en")
    flow.applicant()
    assert flow.worker().status_code == 303


APPLICANT_CASES = [
    ({"who": ""}, "who", "Select who the request is for"),
    ({"who": "everyone"}, "who", "Select who the request is for"),
    ({"who": "other", "relationship": "child"}, "applicant_name", "Enter your full name"),
    ({"who": "other", "applicant_name": "Rahmat"}, "relationship",
     "Select what you are to the worker"),
    ({"who": "other", "applicant_name": "Rahmat", "relationship": "boss"}, "relationship",
     "Select what you are to the worker"),
]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(("data", "field_id", "msgid"), APPLICANT_CASES)
def test_applicant_messages(app, client, lang, data, field_id, msgid) -> None:
    response = Flow(client, lang).post("/daftar/pemohon", data)
    _assert_error(app, response, lang, field_id, msgid)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(EnrollmentDraft.id))) == 0


def test_for_myself_ignores_the_name_fields(app, client) -> None:
    flow = Flow(client)
    flow.applicant(who="self", applicant_name="Someone", relationship="child")
    with app.app_context():
        applicant = db.session.scalar(sa.select(EnrollmentDraft)).data["applicant"]
    assert applicant == {"for_self": True, "name": "", "relationship": ""}


CONTACT_CASES = [
    ({"phone": ""}, "phone", "Enter a mobile number, like 0812 3456 7890"),
    ({"phone": "0812"}, "phone", "Enter the number like 0812 3456 7890 or +62 812 3456 7890"),
    ({"phone": "call me"}, "phone", "Enter the number like 0812 3456 7890 or +62 812 3456 7890"),
    ({"phone": "+44 7700 900123"}, "phone", "Enter an Indonesian number, starting with 08 or "
     "+62"),
    ({"phone": "0411 123456"}, "phone", "This is a landline number. Enter a mobile number, so "
     "staff can send a text or WhatsApp message"),
    ({"email": "rahmat@"}, "email", "Enter an email address like name@example.com, or leave it "
     "empty"),
    ({"preferred_lang": "fr"}, "preferred_lang", "Select a language"),
]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(("data", "field_id", "msgid"), CONTACT_CASES)
def test_contact_messages(app, client, lang, data, field_id, msgid) -> None:
    flow = Flow(client, lang)
    flow.applicant()
    flow.worker()
    response = flow.contact(**data)
    _assert_error(app, response, lang, field_id, msgid)
    with app.app_context():
        assert db.session.scalar(sa.select(EnrollmentDraft)).data["contact"] is None


@pytest.mark.parametrize("lang", ["id", "en"])
def test_consent_is_required_and_unticked_at_first(app, client, lang: str) -> None:
    flow = Flow(client, lang)
    flow.applicant()
    flow.worker()
    flow.contact()
    page = soup_of(flow.get("/daftar/persetujuan"))
    assert page.select_one("#consent").get("checked") is None
    response = flow.post("/daftar/persetujuan", {})
    _assert_error(app, response, lang, "consent", "Tick the box to agree. Without it the city "
                  "cannot handle the request.")
    with app.app_context():
        assert db.session.scalar(sa.select(EnrollmentDraft)).data["consent"] is None


def _privacy_links(client) -> list[str]:
    flow = Flow(client, "en")
    flow.applicant()
    flow.worker()
    flow.contact()
    page = flow.get("/daftar/persetujuan")
    assert "UU 27/2022" in page.get_data(as_text=True)  # the summary is always there
    return [a["href"] for a in soup_of(page).select(".privacy-summary a")]


def test_consent_page_links_the_full_notice_when_it_exists(app, client) -> None:
    expected = ["/en/privasi"] if "public.privacy" in app.view_functions else []
    assert _privacy_links(client) == expected


def test_consent_page_with_a_privacy_page_links_it(make_app) -> None:
    from tests.support.checking import CheckingClient

    other = make_app(NOW=NOW)
    other.test_client_class = CheckingClient
    if "public.privacy" not in other.view_functions:
        other.add_url_rule("/<any(id, en):lang>/privasi", endpoint="public.privacy",
                           view_func=lambda: "notice")
    assert _privacy_links(other.test_client()) == ["/en/privasi"]


def test_consent_records_the_notice_version_and_time(app, client) -> None:
    flow = Flow(client)
    flow.applicant()
    flow.worker()
    flow.contact()
    flow.consent()
    with app.app_context():
        consent = db.session.scalar(sa.select(EnrollmentDraft)).data["consent"]
    # No privacy page in this database: the consent step's own summary is the notice.
    assert consent == {"notice_version": "2026-11-01", "consented_at": "2026-11-20T02:00:00",
                       "on_behalf": False}


def test_a_new_notice_version_asks_for_consent_again(app, client) -> None:
    from lindungi.content import operations

    flow = Flow(client)
    flow.up_to_check()
    with app.app_context():  # the privacy page appears: a notice version the draft never saw
        operations.create_page("privasi", {"id": operations.PageTextData("Privasi", "Teks.")})
        db.session.commit()
    assert flow.get("/daftar/periksa").location == "/id/daftar/persetujuan"


def test_a_notice_published_just_before_sending_asks_for_consent_again(app, client) -> None:
    """The submission reads the notice's version from what this process keeps per content
    version (the check page has just read it): saving the page changes that version."""
    from lindungi.content import operations

    flow = Flow(client)
    flow.up_to_check()
    token = flow.submit_token()
    with app.app_context():
        operations.create_page("privasi", {"id": operations.PageTextData("Privasi", "Teks.")})
        db.session.commit()
    assert flow.submit(token).location == "/id/daftar/persetujuan"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(EnrollmentRequest.id))) == 0
