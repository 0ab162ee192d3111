"""The review queue: filters, search, sorting, pages, htmx fragments, and a constant number of SQL
statements per page however many requests there are."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.enrollment.models import RequestStatus
from lindungi.extensions import db
from lindungi.review.queries import PAGE_SIZE
from lindungi.staff.models import Role
from tests.support.checking import soup_of
from tests.support.staff import create_request, csrf_token
from tests.support.statements import counting_statements

S = RequestStatus


def references(response) -> list[str]:
    return [a.get_text(strip=True) for a in soup_of(response).select("tbody td:first-child a")]


@pytest.fixture
def reviewer(client_for):
    return client_for(Role.REVIEWER)


def test_queue_lists_requests_oldest_first(reviewer, make_request) -> None:
    older = make_request(created_at=datetime(2026, 2, 1, 3))
    newer = make_request(created_at=datetime(2026, 2, 3, 3))
    response = reviewer.get("/staf/pendaftaran")
    assert response.status_code == 200
    assert references(response) == [older.reference, newer.reference]
    assert "2 permintaan" in soup_of(response).select_one("#queue-count").get_text()
    page = response.get_data(as_text=True)
    assert older.workers[0].nik not in page  # no NIK in the list


def test_filters(reviewer, make_request) -> None:
    received = make_request(status=S.RECEIVED, created_at=datetime(2026, 1, 10, 3))
    approved = make_request(status=S.APPROVED, created_at=datetime(2026, 2, 10, 3))
    tallo = make_request(workers=[{"kecamatan_code": "73.71.07",
                                   "kelurahan_code": "73.71.07.1001"}],
                         created_at=datetime(2026, 2, 20, 3))
    flagged = make_request(flagged=True, created_at=datetime(2026, 3, 1, 3))
    cases = {
        "status=approved": [approved],
        "kecamatan=73.71.07": [tallo],
        "flagged=y": [flagged],
        "since=2026-02-01&until=2026-02-28": [approved, tallo],
        # 2026-01-09 23:30 UTC is 10 January in Makassar (WITA, UTC+8).
        "since=2026-01-10&until=2026-01-10": [received],
        "status=received&since=2026-02-01": [tallo, flagged],
    }
    for query, expected in cases.items():
        response = reviewer.get(f"/staf/pendaftaran?{query}")
        assert references(response) == [r.reference for r in expected], query


TAMALATE = {"kecamatan_code": "73.71.10", "kelurahan_code": "73.71.10.1001"}
TALLO = {"kecamatan_code": "73.71.07", "kelurahan_code": "73.71.07.1001"}


def test_kecamatan_filter_finds_any_worker(reviewer, make_request) -> None:
    second_in_tamalate = make_request(workers=[{}, TAMALATE],
                                      created_at=datetime(2026, 1, 1, 3))
    first_in_tamalate = make_request(workers=[TAMALATE], created_at=datetime(2026, 1, 2, 3))
    make_request(workers=[{}, TALLO])  # Mariso and Tallo: not in Tamalate
    response = reviewer.get("/staf/pendaftaran?kecamatan=73.71.10")
    assert references(response) == [second_in_tamalate.reference, first_in_tamalate.reference]
    cells = {row.select_one("td a").get_text(strip=True): row.select("td")[2].get_text(" ",
                                                                                     strip=True)
             for row in soup_of(response).select("tbody tr")}
    assert cells[second_in_tamalate.reference] == "Mariso dan 1 kecamatan lain"
    assert cells[first_in_tamalate.reference] == "Tamalate"


def test_kecamatan_filter_uses_an_index(app: Flask) -> None:
    with app.app_context():
        indexes = {tuple(index["column_names"])
                   for index in sa.inspect(db.engine).get_indexes("enrollment_worker")}
    assert ("kecamatan_code", "request_id") in indexes


def test_dates_are_days_in_makassar(reviewer, make_request) -> None:
    late_evening_utc = make_request(created_at=datetime(2026, 1, 9, 23, 30))  # 10 Jan WITA
    response = reviewer.get("/staf/pendaftaran?since=2026-01-10&until=2026-01-10")
    assert references(response) == [late_evening_utc.reference]


def test_bad_filter_values_are_ignored_or_explained(reviewer, make_request) -> None:
    request = make_request()
    response = reviewer.get("/staf/pendaftaran?status=bogus&kecamatan=99&sort=evil&page=x")
    assert response.status_code == 200
    assert references(response) == [request.reference]
    response = reviewer.get("/staf/pendaftaran?since=13-02-2026")
    assert response.status_code == 200
    assert "Isi tanggal dengan hari, bulan, dan tahun." in response.get_data(as_text=True)
    assert references(response) == [request.reference]


def test_search_is_a_post_and_never_in_the_url(reviewer, make_request) -> None:
    wanted = make_request(workers=[{"full_name": "Andi Baso Tenri"}])
    make_request(workers=[{"full_name": "Sitti Rahma"}])
    token = csrf_token(reviewer)
    response = reviewer.post("/staf/pendaftaran?status=received",
                             data={"csrf_token": token, "search-q": "baso"})
    assert response.status_code == 303
    assert "baso" not in response.headers["Location"].lower()
    assert urlsplit(response.headers["Location"]).query == "status=received"
    result = reviewer.get(response.headers["Location"])
    assert references(result) == [wanted.reference]
    assert soup_of(result).select_one("input[name=search-q]")["value"] == "baso"
    # The search stays while filtering and paging, until cleared.
    assert references(reviewer.get("/staf/pendaftaran")) == [wanted.reference]
    reviewer.post("/staf/pendaftaran", data={"csrf_token": token, "search-q": "baso",
                                             "clear": "1"})
    assert len(references(reviewer.get("/staf/pendaftaran"))) == 2


def test_search_by_reference_in_any_spelling(reviewer, make_request) -> None:
    wanted = make_request()
    make_request()
    token = csrf_token(reviewer)
    typed = wanted.reference.lower().replace("-", " ")
    reviewer.post("/staf/pendaftaran", data={"csrf_token": token, "search-q": typed})
    assert references(reviewer.get("/staf/pendaftaran")) == [wanted.reference]


def test_search_treats_wildcards_as_text(reviewer, make_request) -> None:
    make_request(workers=[{"full_name": "Andi"}])
    reviewer.post("/staf/pendaftaran", data={"csrf_token": csrf_token(reviewer),
                                             "search-q": "%"})
    assert references(reviewer.get("/staf/pendaftaran")) == []


def test_sorting(reviewer, make_request) -> None:
    names = ["Cahya", "Andi", "Baso"]
    made = {name: make_request(workers=[{"full_name": name}]) for name in names}
    by_name = reviewer.get("/staf/pendaftaran?sort=name")
    assert references(by_name) == [made[n].reference for n in sorted(names)]
    header = soup_of(by_name).select_one("th[aria-sort]")
    assert header["aria-sort"] == "ascending"
    assert header.a["href"] == "/staf/pendaftaran?sort=-name"
    reverse = reviewer.get("/staf/pendaftaran?sort=-name")
    assert references(reverse) == [made[n].reference for n in sorted(names, reverse=True)]


def test_pages(app: Flask, reviewer) -> None:
    made = [create_request(app, created_at=datetime(2026, 1, 1, 3, n)) for n in
            range(PAGE_SIZE + 3)]
    first = reviewer.get("/staf/pendaftaran")
    assert len(references(first)) == PAGE_SIZE
    next_link = soup_of(first).select_one(".pagination a")
    assert next_link["href"] == "/staf/pendaftaran?page=2"
    second = reviewer.get("/staf/pendaftaran?page=2")
    assert references(second) == [r.reference for r in made[PAGE_SIZE:]]
    assert "Halaman 2 dari 2" in second.get_data(as_text=True)
    beyond = reviewer.get("/staf/pendaftaran?page=99")
    assert references(beyond) == references(second)


def test_htmx_gets_only_the_results(reviewer, make_request) -> None:
    approved = make_request(status=S.APPROVED)
    make_request()
    response = reviewer.get("/staf/pendaftaran?status=approved", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    html = response.get_data(as_text=True)
    assert "<html" not in html and "<h1" not in html
    soup = soup_of(response)
    assert soup.select_one("#queue-results") is not None
    assert references(response) == [approved.reference]
    count = soup.select_one("#queue-count")
    assert count["hx-swap-oob"] == "true" and "1 permintaan" in count.get_text()
    assert soup.select_one("input#sort")["hx-swap-oob"] == "true"
    tidy = reviewer.get("/staf/pendaftaran?status=approved&kecamatan=&since=&sort=",
                        headers={"HX-Request": "true"})
    assert tidy.headers["HX-Push-Url"] == "/staf/pendaftaran?status=approved"
    full = reviewer.get("/staf/pendaftaran?status=approved")
    assert "HX-Request" in full.headers["Vary"]
    assert soup_of(full).select_one("#queue-count").get("hx-swap-oob") is None


def test_filter_form_works_with_and_without_htmx(reviewer) -> None:
    soup = soup_of(reviewer.get("/staf/pendaftaran"))
    form = soup.select_one("form.queue-filters")
    assert form["method"] == "get" and form["action"] == "/staf/pendaftaran"
    assert form["hx-get"] == "/staf/pendaftaran" and form["hx-push-url"] == "true"
    assert form.select_one("button[type=submit]") is not None
    search = soup.select_one("form.queue-search")
    assert search["method"] == "post" and not search.get("hx-get")


def test_queue_uses_a_constant_number_of_statements(app: Flask, reviewer) -> None:
    def statements_for(path: str) -> int:
        reviewer.get(path)  # warm up (first-request set-up)
        with counting_statements(app) as statements:
            assert reviewer.get(path).status_code == 200
        return len(statements)

    create_request(app)
    few = statements_for("/staf/pendaftaran")
    for number in range(40):
        create_request(app, workers=[{}, {"full_name": f"Keluarga {number}"}, {}],
                       flagged=number % 3 == 0)
    many = statements_for("/staf/pendaftaran")
    sorted_by_name = statements_for("/staf/pendaftaran?sort=name&flagged=y")
    by_kecamatan = statements_for("/staf/pendaftaran?kecamatan=73.71.01")
    assert few == many == sorted_by_name == by_kecamatan
    assert many <= 6, f"{many} statements for one page of the queue"


def test_detail_and_overview_use_a_constant_number_of_statements(app: Flask, reviewer) -> None:
    small = create_request(app)
    big = create_request(app, workers=[{} for _ in range(5)])
    counts = []
    for path in (f"/staf/pendaftaran/{small.id}", f"/staf/pendaftaran/{big.id}"):
        reviewer.get(path)
        with counting_statements(app) as statements:
            assert reviewer.get(path).status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]
    with counting_statements(app) as statements:
        reviewer.get("/staf/")
    before = len(statements)
    for _ in range(20):
        create_request(app)
    with counting_statements(app) as statements:
        reviewer.get("/staf/")
    assert len(statements) == before


def test_queue_shows_how_long_open_requests_have_waited(app: Flask, reviewer,
                                                        make_request) -> None:
    app.config["NOW"] = datetime(2026, 11, 20, 2, 0)  # 10:00 WITA
    make_request(created_at=datetime(2026, 11, 16, 1, 0))
    make_request(status=RequestStatus.REJECTED, created_at=datetime(2026, 11, 17, 1, 0))
    soup = soup_of(reviewer.get("/staf/pendaftaran"))
    headings = [th.get_text(strip=True) for th in soup.select(".queue-table thead th")]
    column = headings.index("Menunggu")
    waited = [row.select("td")[column].get_text(strip=True)
              for row in soup.select(".queue-table tbody tr")]
    assert waited == ["4 hari", "–"]  # a decided request no longer waits
