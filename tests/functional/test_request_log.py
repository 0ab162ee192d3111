"""Request ids on every response, and JSON logs (one line per event) that never hold personal
data: a whole enrollment is sent and the captured log searched for each personal value."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from datetime import date

import pytest
from flask import Flask

from tests.support.enrollment import CONTACT, NOW, Flow, make_nik, worker_answers

GENERATED = re.compile(r"^[0-9a-f]{32}$")


def test_request_id_is_taken_from_the_proxy_or_made(client) -> None:
    given = client.get("/healthz", headers={"X-Request-ID": "abc-123-def-456"})
    assert given.headers["X-Request-ID"] == "abc-123-def-456"
    made = client.get("/healthz")
    assert GENERATED.match(made.headers["X-Request-ID"])
    assert made.headers["X-Request-ID"] != client.get("/healthz").headers["X-Request-ID"]
    # Anything that does not look like an id is replaced (no header injection, no log forging).
    odd = client.get("/healthz", headers={"X-Request-ID": "x\" injected {"})
    assert GENERATED.match(odd.headers["X-Request-ID"])


def test_request_id_on_cached_pages_and_static_files(client) -> None:
    client.get("/id/privasi")
    hit = client.get("/id/privasi", headers={"X-Request-ID": "req-00000001"})
    assert hit.headers["X-Page-Cache"] == "hit"
    assert hit.headers["X-Request-ID"] == "req-00000001"
    static = client.get("/static/css/site.css")
    static.close()
    assert GENERATED.match(static.headers["X-Request-ID"])


def _events(captured: str) -> list[dict]:
    lines = [line for line in captured.splitlines() if line.strip()]
    return [json.loads(line) for line in lines]  # every line is one JSON event


@pytest.fixture
def json_app(make_app) -> Iterator[Flask]:
    logger = logging.getLogger("lindungi")  # one per process: put back as it was afterwards
    kept = (list(logger.handlers), logger.level, logger.propagate)
    yield make_app(LOG_FORMAT="json", LOG_LEVEL="DEBUG", NOW=NOW)
    logger.handlers[:], logger.level, logger.propagate = kept


def test_json_request_events(json_app: Flask, capsys) -> None:
    client = json_app.test_client()
    client.get("/id/cek-kelayakan?usia=44&pekerjaan=ojek",
               headers={"X-Request-ID": "req-abcdef01"})
    events = _events(capsys.readouterr().err)
    request = next(e for e in events if e.get("event") == "request")
    assert request["request_id"] == "req-abcdef01"
    assert request["path"] == "/id/cek-kelayakan" and request["status"] == 200
    assert request["method"] == "GET" and request["duration_ms"] >= 0
    assert "usia" not in json.dumps(events)  # the query string is never logged


def test_a_whole_enrollment_leaves_nothing_personal_in_the_logs(json_app: Flask, capsys) -> None:
    flow = Flow(json_app.test_client(), "id")
    applicant = "Rahmat Hidayat"
    assert flow.post("/daftar/pemohon", {"who": "other", "applicant_name": applicant,
                                          "relationship": "child"}).status_code == 303
    worker = worker_answers()
    assert flow.worker(1).status_code == 303
    assert flow.contact().status_code == 303
    assert flow.consent().status_code == 303
    assert flow.submit(flow.submit_token()).status_code in (200, 303)
    done = flow.client.get("/id/daftar/selesai")
    assert done.status_code == 200
    # Status lookup with the reference and the date of birth, the other personal form.
    flow.client.get("/id/status")
    json_app.logger.info("end of the enrollment")  # the handler is really capturing

    captured = capsys.readouterr().err
    events = _events(captured)
    assert sum(e.get("event") == "request" for e in events) >= 8
    assert any(e["message"] == "end of the enrollment" for e in events)
    phone_digits = re.sub(r"\D", "", CONTACT["phone"])
    personal = [worker["nik"], make_nik(date(1980, 8, 12), "F"), worker["kk"], phone_digits,
                phone_digits[1:], CONTACT["phone"], worker["full_name"], worker["heir_name"],
                applicant, worker["address"], "1980-08-12"]
    lowered = captured.lower()
    for value in personal:
        assert value.lower() not in lowered, value
