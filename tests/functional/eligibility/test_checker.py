"""The eligibility checker page: GET form, result per outcome in both languages, messages for
missing or wrong answers, the htmx fragment, the link into the enrollment request, no session."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support.checking import soup_of

URL = "/{lang}/cek-kelayakan"
# A likely-eligible street vendor aged 30 in Rappocini; tests state only what differs.
ELIGIBLE = {
    "makassar": "yes", "kecamatan": "73.71.13", "age": "30", "occupation": "street_vendor",
    "civil_servant": "no", "employee": "no", "member": "no", "decile": "3",
}  # fmt: skip
HX = {"HX-Request": "true"}


def answers(**changes: str | None) -> dict[str, str]:
    query = {**ELIGIBLE, **changes}
    return {key: value for key, value in query.items() if value is not None}


def texts(soup: Any, selector: str) -> list[str]:
    return [" ".join(tag.get_text(" ", strip=True).split()) for tag in soup.select(selector)]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_empty_form(client, lang: str) -> None:
    response = client.get(URL.format(lang=lang))
    assert response.status_code == 200
    soup = soup_of(response)
    form = soup.select_one("form.eligibility-form")
    assert form["method"] == "get" and form["action"] == URL.format(lang=lang)
    assert form.has_attr("novalidate")
    assert form["hx-get"] == URL.format(lang=lang)
    assert form["hx-trigger"] == "change"
    assert form["hx-target"] == "#eligibility-result"
    assert not soup.select("input[name=csrf_token]")
    region = soup.select_one("#eligibility-result")
    assert region["aria-live"] == "polite"
    assert region.select_one(".result-pending")
    assert not soup.select(".error-summary, .field-error, .result-panel")
    assert not soup.title.get_text().startswith(("Galat:", "Error:"))
    # Every question is labelled: radios in a fieldset with a legend, the rest with a label.
    for name in ("makassar", "civil_servant", "employee", "member", "decile"):
        assert soup.select_one(f"fieldset#{name} legend")
    for name in ("kecamatan", "age", "occupation"):
        assert soup.select_one(f"label[for={name}]")
    religious = {"id": "Pekerja keagamaan", "en": "Religious work"}[lang]
    assert [g["label"] for g in soup.select("#occupation optgroup")][1] == religious
    assert soup.select_one("#occupation option[value=other]")
    assert len(soup.select("#kecamatan option[value]")) == 16  # 15 kecamatan and "choose"
    assert len(soup.select("input[name=decile]")) == 11  # 1 to 10 and "don't know"


def test_page_is_public_and_cacheable(client) -> None:
    for query in ({}, answers(), answers(age=None, check="1")):
        response = client.get(URL.format(lang="id"), query_string=query)
        assert "Set-Cookie" not in response.headers
        assert response.headers["Cache-Control"] == "public, max-age=300"
        assert "HX-Request" in response.headers["Vary"]
        assert "Cookie" not in response.headers["Vary"]


@pytest.mark.parametrize(
    ("lang", "changes", "title", "groups"),
    [
        ("id", {}, "Hasil: pekerja kemungkinan besar bisa dilindungi",
         {"met": ["Tinggal di Kota Makassar (Kecamatan Rappocini).",
                  "Berusia antara 18 dan 65 tahun.",
                  "Bekerja di sektor informal: program ini untuk pekerja informal.",
                  "Bukan ASN, anggota TNI, atau anggota Polri, dan belum punya perlindungan "
                  "BPJS Ketenagakerjaan.",
                  "Keluarga berada di desil 3, termasuk desil 1 sampai 4. Petugas akan "
                  "memastikannya di data kesejahteraan nasional."]}),
        ("en", {"occupation": "marbot"}, "Result: the worker can probably be covered",
         {"met": ["Lives in Kota Makassar (Kecamatan Rappocini).",
                  "Is between 18 and 65 years old.",
                  "Does religious work, such as imam, marbot or Quran teacher: the program "
                  "includes it.",
                  "Is not a civil servant, soldier or police officer, and has no BPJS "
                  "Ketenagakerjaan cover yet.",
                  "The household is in welfare decile 3, within deciles 1 to 4. Staff will "
                  "confirm this in the national welfare data."]}),
        ("id", {"age": "70", "decile": "6"}, "Hasil: program ini tidak bisa melindungi pekerja",
         {"not-met": ["Program ini untuk pekerja berusia 18 sampai 65 tahun. Menurut jawaban "
                      "Anda, pekerja berusia 70 tahun.",
                      "Program ini untuk keluarga di desil kesejahteraan 1 sampai 4. Jawaban "
                      "yang diberikan: desil 6."],
          "met": ["Tinggal di Kota Makassar (Kecamatan Rappocini).",
                  "Bekerja di sektor informal: program ini untuk pekerja informal.",
                  "Bukan ASN, anggota TNI, atau anggota Polri, dan belum punya perlindungan "
                  "BPJS Ketenagakerjaan."]}),
        ("en", {"makassar": "no", "kecamatan": "", "civil_servant": "yes"},
         "Result: this program cannot cover the worker",
         {"not-met": ["The program is only for people who live in Kota Makassar, with a "
                      "Makassar address on their KTP.",
                      "Civil servants (ASN), soldiers (TNI) and police officers (Polri) have "
                      "their own accident and death cover, so this program is not for them."]}),
        ("en", {"decile": "unknown"}, "Result: staff need to check some details",
         {"to-check": ["The household's welfare decile (desil) is not known. That is fine: "
                       "staff will look it up in the national welfare data."]}),
        ("id", {"member": "unknown", "occupation": "other"},
         "Hasil: petugas perlu memeriksa beberapa hal",
         {"to-check": ["Petugas akan menanyakan pekerjaannya, untuk memastikan itu pekerjaan "
                       "informal dan bukan pekerjaan bergaji tetap.",
                       "Belum diketahui apakah pekerja ini sudah menjadi peserta BPJS "
                       "Ketenagakerjaan. Petugas akan memeriksanya ke BPJS Ketenagakerjaan "
                       "sebelum mendaftarkan siapa pun."]}),
    ],
)  # fmt: skip
def test_result_for_each_outcome(
    client, lang: str, changes: dict[str, str], title: str, groups: dict[str, list[str]]
) -> None:
    response = client.get(URL.format(lang=lang), query_string=answers(**changes))
    assert response.status_code == 200
    soup = soup_of(response)
    panel = soup.select_one("#eligibility-result .result-panel")
    assert texts(panel, "h2") == [title]
    for group, expected in groups.items():
        assert texts(panel, f"ul.{group} li") == expected
    assert panel.select("ul.steps li") or "not-met" in groups
    # The answers stay in the form, and no message is shown.
    assert soup.select_one("#age")["value"] == answers(**changes)["age"]
    assert not soup.select(".error-summary, .field-error")


def test_already_member_is_shown_how_to_check_cover(client) -> None:
    soup = soup_of(client.get(URL.format(lang="en"), query_string=answers(member="yes")))
    assert texts(soup, "ul.not-met li") == [
        "The worker is already a BPJS Ketenagakerjaan member, so there is nothing new to enroll."
    ]
    steps = " ".join(texts(soup, "ul.steps li"))
    assert "JMO app" in steps and "175" in steps


def test_configured_age_limits_are_used(make_app) -> None:
    app = make_app(PROGRAM_MIN_AGE=16, PROGRAM_MAX_AGE=60)
    client = app.test_client()
    soup = soup_of(client.get(URL.format(lang="en"), query_string=answers(age="16")))
    assert "Is between 16 and 60 years old." in texts(soup, "ul.met li")
    # No PROGRAM_AGE_SOURCE: the range is said to be an assumption, not the city's rule.
    hint = soup.select_one("#age-hint").get_text()
    assert "ages 16 to 60" in hint and "assumption" in hint
    soup = soup_of(client.get(URL.format(lang="en"), query_string=answers(age="61")))
    assert texts(soup, "ul.not-met li")[0].startswith("The program is for workers aged 16 to 60.")


def test_age_range_is_the_citys_rule_only_with_a_source(make_app) -> None:
    app = make_app(PROGRAM_AGE_SOURCE="Perwali Makassar 1/2027")
    soup = soup_of(app.test_client().get(URL.format(lang="en")))
    hint = soup.select_one("#age-hint").get_text()
    assert "aged 18 to 65" in hint and "assumption" not in hint


@pytest.mark.parametrize(
    ("lang", "changes", "field", "message"),
    [
        ("id", {"makassar": None}, "makassar", "Pilih ya jika pekerja tinggal di Kota Makassar"),
        ("en", {"kecamatan": ""}, "kecamatan", "Select the kecamatan where the worker lives"),
        ("en", {"kecamatan": "73.71.99"}, "kecamatan", "Select a kecamatan from the list"),
        ("id", {"age": ""}, "age", "Isi usia pekerja dalam tahun"),
        ("en", {"age": "thirty"}, "age", "Enter the age as a whole number of years, like 42"),
        ("en", {"age": "\u0663\u0660"}, "age", "Enter the age as a whole number of years, like 42"),
        ("en", {"age": "121"}, "age", "Enter an age from 1 to 120"),
        ("id", {"age": "0"}, "age", "Isi usia antara 1 dan 120 tahun"),
        ("en", {"occupation": ""}, "occupation", "Select the kind of work the worker does"),
        ("en", {"occupation": "astronaut"}, "occupation",
         "Select the kind of work the worker does"),
        ("en", {"civil_servant": "maybe"}, "civil_servant",
         "Select yes if the worker is a civil servant, a soldier or a police officer"),
        ("id", {"employee": None}, "employee",
         "Pilih ya jika pekerja digaji oleh pemberi kerja dan didaftarkan olehnya"),
        ("en", {"member": None}, "member", "Select yes, no or don't know"),
        ("en", {"decile": "11"}, "decile", "Select the household's decile, or don't know"),
        ("id", {"decile": None}, "decile", "Pilih desil keluarga, atau tidak tahu"),
    ],
)  # fmt: skip
def test_wrong_or_missing_answer_sent_on_purpose(
    client, lang: str, changes: dict[str, str | None], field: str, message: str
) -> None:
    response = client.get(URL.format(lang=lang), query_string=answers(**changes, check="1"))
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.title.get_text().startswith("Galat:" if lang == "id" else "Error:")
    summary = soup.select_one(".error-summary")
    assert [(a["href"], a.get_text(strip=True)) for a in summary.select("a")] == [
        (f"#{field}", message)
    ]
    group = soup.select_one(f"#{field}-error").find_parent(class_="form-group")
    assert "has-error" in group["class"]
    assert message in group.select_one(".field-error").get_text()
    assert not soup.select(".result-panel")
    assert soup.select_one("#eligibility-result .result-pending")


def test_all_missing_answers_are_listed_and_kept_answers_stay(client) -> None:
    query = {"age": "44", "check": "1"}
    soup = soup_of(client.get(URL.format(lang="en"), query_string=query))
    links = [a["href"] for a in soup.select(".error-summary a")]
    assert links == ["#makassar", "#occupation", "#civil_servant", "#employee", "#member",
                     "#decile"]  # fmt: skip
    assert soup.select_one("#age")["value"] == "44"


def test_kecamatan_is_not_asked_of_people_outside_makassar(client) -> None:
    query = answers(makassar="no", kecamatan="", check="1")
    soup = soup_of(client.get(URL.format(lang="en"), query_string=query))
    assert not soup.select(".error-summary")
    assert soup.select_one(".result-panel.outcome-not_eligible")


def test_answers_being_given_get_a_gentle_prompt_not_errors(client) -> None:
    """While htmx sends each change, and for an address holding half the answers, no messages:
    only the explicit submit shows them."""
    partial = {"makassar": "yes", "age": "abc"}
    fragment = client.get(URL.format(lang="en"), query_string=partial, headers=HX)
    soup = soup_of(fragment)
    assert "Answer every question to see the result" in soup.get_text()
    assert not soup.select(".error-summary, .field-error, .result-panel")
    page = soup_of(client.get(URL.format(lang="id"), query_string=partial))
    assert not page.select(".error-summary, .field-error")
    assert not page.title.get_text().startswith("Galat:")
    assert page.select_one("#age")["value"] == "abc"
    # htmx never sends the button, but even if it did, a fragment has no fields for messages.
    fragment = client.get(URL.format(lang="en"), query_string={**partial, "check": "1"},
                          headers=HX)  # fmt: skip
    assert not soup_of(fragment).select(".field-error, .error-summary")


def test_htmx_request_gets_only_the_fragment(client) -> None:
    response = client.get(URL.format(lang="id"), query_string=answers(decile="6"), headers=HX)
    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    assert "Set-Cookie" not in response.headers
    html = response.get_data(as_text=True)
    assert "<html" not in html and "<form" not in html and "eligibility-result" not in html
    soup = soup_of(response)
    assert texts(soup, "h2") == ["Hasil: program ini tidak bisa melindungi pekerja"]
    # The full page holds the same fragment inside the live region.
    page = soup_of(client.get(URL.format(lang="id"), query_string=answers(decile="6")))
    region = page.select_one("#eligibility-result")
    assert texts(region, "li") == texts(soup, "li")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, {"kecamatan": ["73.71.13"], "occupation": ["street_vendor"], "decile": ["3"],
              "member": ["no"]}),
        ({"decile": "unknown", "member": "unknown", "occupation": "imam",
          "kecamatan": "73.71.15"},
         {"kecamatan": ["73.71.15"], "occupation": ["imam"]}),
    ],
)  # fmt: skip
def test_eligible_results_link_to_the_enrollment_request(
    client, changes: dict[str, str], expected: dict[str, list[str]]
) -> None:
    soup = soup_of(client.get(URL.format(lang="id"), query_string=answers(**changes)))
    anchor = soup.select_one("#enrollment-link")
    assert anchor["rel"] == ["nofollow"]  # crawlers need not follow it into the form
    link = urlsplit(anchor["href"])
    assert link.path == "/id/daftar"
    assert parse_qs(link.query) == expected


def test_no_enrollment_link_when_not_eligible(client) -> None:
    soup = soup_of(client.get(URL.format(lang="en"), query_string=answers(age="70")))
    assert soup.select_one(".result-panel")
    assert not soup.select("#enrollment-link")


def test_language_switch_keeps_the_answers(client) -> None:
    soup = soup_of(client.get(URL.format(lang="id"), query_string=answers()))
    link = urlsplit(soup.select_one(".lang-switch a[hreflang=en]")["href"])
    assert link.path == "/en/cek-kelayakan"
    assert parse_qs(link.query) == {key: [value] for key, value in ELIGIBLE.items()}


def test_navigation_links_to_the_checker(client) -> None:
    soup = soup_of(client.get("/en/"))
    assert soup.select_one(".main-nav a[href='/en/cek-kelayakan']")


def test_answers_are_not_logged(client, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        client.get(URL.format(lang="id"), query_string=answers(occupation="becak_driver"))
        client.get(URL.format(lang="id"), query_string=answers(age="x", check="1"), headers=HX)
    assert not [r for r in caplog.records if "becak_driver" in r.getMessage()]


def test_post_is_not_allowed(client) -> None:
    assert client.post(URL.format(lang="id"), data=answers()).status_code in (400, 405)


def test_result_page_has_an_etag_and_answers_304(client) -> None:
    first = client.get(URL.format(lang="id"), query_string=answers())
    assert first.status_code == 200 and first.headers["ETag"]
    again = client.get(URL.format(lang="id"), query_string=answers(),
                       headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    other = client.get(URL.format(lang="id"), query_string=answers(decile="6"),
                       headers={"If-None-Match": first.headers["ETag"]})
    assert other.status_code == 200


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_result_sent_with_the_button_comes_first_with_the_focus(client, lang: str) -> None:
    page = soup_of(client.get(URL.format(lang=lang), query_string=answers(check="1")))
    main = page.select_one("main")
    result, form = main.select_one("#eligibility-result"), main.select_one("form")
    # The result comes before the questions, its heading takes the focus, and the action to
    # request enrollment comes right after the heading's summary, before the reasons.
    assert result.find_next("form") is form
    heading = result.select_one("h2#result-title")
    assert heading.has_attr("autofocus") and heading["tabindex"] == "-1"
    assert heading.find_next(["a", "h3"]).get("id") == "enrollment-link"
    # Live updates (htmx) and plain visits never move the focus or the result.
    live = soup_of(client.get(URL.format(lang=lang), query_string=answers(), headers=HX))
    assert not live.select("[autofocus]") and live.select_one("#result-title")
    plain = soup_of(client.get(URL.format(lang=lang), query_string=answers()))
    assert not plain.select("[autofocus]")
    assert plain.select_one("main form").find_next(id="eligibility-result") is not None
