"""Walking the enrollment steps in tests: valid answers, a client wrapper that adds the CSRF token
(and HX-Request when asked), and messages in either language."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from flask import Flask
from flask_babel import force_locale
from flask_babel import gettext as babel_gettext
from werkzeug.test import TestResponse

from lindungi.core import places
from tests.support.checking import soup_of

# 20 November 2026, 10:00 WITA.
NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
KECAMATAN = "73.71.01"
KELURAHAN = places.kelurahan_for(KECAMATAN)[0].code


def make_nik(born: date, sex: str, serial: int = 1, region: str = "737101") -> str:
    day = born.day + (40 if sex == "F" else 0)
    return f"{region}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def worker_answers(born: date = date(1980, 8, 12), sex: str = "F", serial: int = 1,
                   **overrides: str) -> dict[str, str]:
    """A complete, valid worker page as a browser would post it."""
    data = {
        "full_name": "Siti Aminah", "nik": make_nik(born, sex, serial),
        "kk": "7371010101100001", "birth_day": str(born.day), "birth_month": str(born.month),
        "birth_year": str(born.year), "sex": sex, "place_of_birth": "Makassar",
        "mother_maiden_name": "", "address": "Jalan Cendrawasih No. 12", "rt_rw": "003/005",
        "kecamatan": KECAMATAN, "kelurahan": KELURAHAN, "occupation": "street_vendor",
        "income_band": "under_1m", "decile": "2", "already_member": "no", "kpj_number": "",
        "heir_name": "Budi Santoso", "heir_relationship": "spouse", "heir_phone": "",
        "action": "continue",
    }
    data.update(overrides)
    return data


# The worker pages (address under /daftar/pekerja/<n>) and the fields each one posts.
WORKER_PAGES = (
    ("", ("full_name", "nik", "kk", "mother_maiden_name")),
    ("/lahir", ("birth_day", "birth_month", "birth_year", "sex", "place_of_birth")),
    ("/alamat", ("address", "rt_rw", "kecamatan", "kelurahan")),
    ("/pekerjaan", ("occupation", "income_band", "decile", "already_member", "kpj_number")),
    ("/ahli-waris", ("heir_name", "heir_relationship", "heir_phone")),
)
CONTACT = {"channel": "whatsapp", "phone": "0812 3456 7890", "email": "", "preferred_lang": "id"}


def csrf_token_of(response: TestResponse) -> str:
    field = soup_of(response).find("input", attrs={"name": "csrf_token"})
    assert field is not None, "no CSRF token on the page"
    return str(field["value"])


def message(app: Flask, lang: str, msgid: str, **params: Any) -> str:
    """A message as the page shows it in ``lang``."""
    with app.test_request_context(f"/{lang}/"), force_locale(lang):
        return babel_gettext(msgid, **params)


def texts(response: TestResponse, selector: str) -> list[str]:
    return [tag.get_text(" ", strip=True) for tag in soup_of(response).select(selector)]


def error_messages(response: TestResponse) -> list[str]:
    """The error summary's messages."""
    return texts(response, ".error-summary li")


class Flow:
    """One visitor's browser: ``htmx`` sends HX-Request like htmx would."""

    def __init__(self, client: Any, lang: str = "id", htmx: bool = False) -> None:
        self.client = client
        self.lang = lang
        self.headers = {"HX-Request": "true"} if htmx else {}
        self._token: str | None = None

    def url(self, path: str) -> str:
        return f"/{self.lang}{path}"

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        return self.client.get(self.url(path), headers=self.headers, **kwargs)

    def token(self) -> str:
        if self._token is None:
            self._token = csrf_token_of(self.client.get(self.url("/daftar/pemohon")))
        return self._token

    def post(self, path: str, data: dict[str, str], **kwargs: Any) -> TestResponse:
        return self.client.post(self.url(path), data={"csrf_token": self.token(), **data},
                                headers=self.headers, **kwargs)

    def applicant(self, follow_redirects: bool = False, **overrides: str) -> TestResponse:
        return self.post("/daftar/pemohon", {"who": "self", **overrides},
                         follow_redirects=follow_redirects)

    def worker(self, n: int = 1, follow_redirects: bool = False, until: str | None = None,
               **overrides: Any) -> TestResponse:
        """Post worker ``n``'s pages in order, then answer "is there another worker?" (``action``
        "add" answers yes, "continue" no, "none" leaves it). Stops at (and returns) the first
        page that does not move on."""
        answers = worker_answers(**overrides)
        action = answers.pop("action")
        response = None
        for slug, names in WORKER_PAGES:
            if slug == until:
                assert response is not None
                return response
            response = self.post(f"/daftar/pekerja/{n}{slug}",
                                 {name: answers[name] for name in names})
            if response.status_code != 303:
                return response
            if "/daftar/periksa" in response.location:  # back to the check page
                break
        assert response is not None
        if action != "none" and response.location.endswith("/daftar/pekerja-lain"):
            response = self.another(action == "add")
        if follow_redirects and response.status_code == 303:
            return self.client.get(response.location, headers=self.headers)
        return response

    def another(self, yes: bool) -> TestResponse:
        return self.post("/daftar/pekerja-lain", {"another": "yes" if yes else "no"})

    def contact(self, follow_redirects: bool = False, **overrides: str) -> TestResponse:
        return self.post("/daftar/kontak", {**CONTACT, **overrides},
                         follow_redirects=follow_redirects)

    def consent(self, follow_redirects: bool = False) -> TestResponse:
        return self.post("/daftar/persetujuan", {"consent": "y"},
                         follow_redirects=follow_redirects)

    def check(self) -> TestResponse:
        return self.get("/daftar/periksa")

    def submit_token(self) -> str:
        field = soup_of(self.check()).find("input", attrs={"name": "token"})
        assert field is not None
        return str(field["value"])

    def submit(self, token: str, **kwargs: Any) -> TestResponse:
        return self.post("/daftar/kirim", {"token": token}, **kwargs)

    def up_to_check(self, workers: int = 1) -> None:
        assert self.applicant().status_code == 303
        for n in range(1, workers + 1):
            action = "add" if n < workers else "continue"
            response = self.worker(n, serial=n, action=action)
            assert response.status_code == 303, error_messages(response)
        assert self.contact().status_code == 303
        assert self.consent().status_code == 303

    def send(self, workers: int = 1) -> str:
        """A complete request; returns its reference."""
        self.up_to_check(workers)
        response = self.submit(self.submit_token())
        assert response.status_code in (200, 303)
        done = self.client.get(self.url("/daftar/selesai"))
        return soup_of(done).select_one("#reference").get_text(strip=True)
