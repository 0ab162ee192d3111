"""Item 11 of issue 15: every POST form, found from the URL map and the pages that show it, fed
300 hostile variants of what its page would send (with a valid CSRF token, with and without
HX-Request). None may answer 5xx; when the answer is a refusal no row may appear or vanish; and
nothing stored may hold a control character or an identity number other than 16 ASCII digits.

A form added later is covered without editing this file: its route is in the URL map and its
fields are on its page. A POST route whose form no page shows fails the first test until it is
reachable or listed in NO_FORM_ON_A_PAGE with the reason."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from flask import Flask
from hypothesis import given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from lindungi import create_app
from tests.security.crawl import forms_by_endpoint, viewers
from tests.security.discovery import Field, FormSpec, paths_of, rules
from tests.security.fuzzing import (
    ENCODINGS,
    FUZZ,
    JSON_VALUE,
    as_json,
    has_files,
    is_error_page,
    multipart,
    row_counts,
    stored_problems,
    submissions,
)
from tests.security.world import World
from tests.support.apps import base_config

# POST routes whose form is on no page in the world's state, and why. Fuzzed with the token
# and unknown fields only.
NO_FORM_ON_A_PAGE = {
    "staff.reopen_enrollment": "shown only while new requests are closed; it has only the token",
    # Its wrong inputs are tested in tests/functional/outbox/test_resume_link.py.
    "enrollment.send_saved_code": "shown only after saving a draft that has no contact yet; the "
                                  "world's draft has one (its code is sent when saved)",
}
# Tables a refusal may still write to: the audit log records refused sign-ins and 403s.
REFUSALS_RECORDED = {"audit_event"}


def _post_endpoints() -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(base_config(Path(folder)))
        return sorted({rule.endpoint for rule in rules(app, "POST")})


POST_ENDPOINTS = _post_endpoints()


@pytest.fixture(scope="module")
def forms(world: World) -> dict[str, FormSpec]:
    return forms_by_endpoint(world)


def test_every_post_route_has_a_form_on_a_page(forms: dict[str, FormSpec]) -> None:
    assert len(POST_ENDPOINTS) >= 30
    missing = set(POST_ENDPOINTS) - set(forms) - set(NO_FORM_ON_A_PAGE)
    assert not missing, f"no page shows a form for {sorted(missing)}: see NO_FORM_ON_A_PAGE"
    assert not set(NO_FORM_ON_A_PAGE) & set(forms), "listed as hidden but found: unlist it"


def form_for(world: World, forms: dict[str, FormSpec], endpoint: str) -> FormSpec:
    if endpoint in forms:
        return forms[endpoint]
    rule = next(r for r in rules(world.app, "POST") if r.endpoint == endpoint)
    client = viewers(world.app, rule)[0]
    token = world.client(client).get("/staf/" if client != "applicant" else "/id/daftar/pemohon")
    from tests.support.checking import soup_of

    value = soup_of(token).find("input", attrs={"name": "csrf_token"})["value"]
    return FormSpec(next(paths_of(world.app, rule)), "", client,
                    [Field("csrf_token", "hidden", default=[str(value)])])


def fuzz_form(world: World, spec: FormSpec) -> None:
    app: Flask = world.app
    world.restore()
    # Before every example the database is the saved one: put back after any that changed it.
    # So an example's writes are checked alone: the rest is as checked here.
    saved = row_counts(app)
    assert stored_problems(app) == []

    @FUZZ
    @given(values=submissions(spec), htmx=st.booleans(), encoding=ENCODINGS,
           json_value=JSON_VALUE)
    def send(values: MultiDict[str, object], htmx: bool, encoding: str,
             json_value: object) -> None:
        client = world.client(spec.client)
        headers = {"HX-Request": "true"} if htmx else {}
        if encoding == "json":  # the token as htmx sends it, the values as JSON
            headers["X-CSRFToken"] = str(values.get("csrf_token", ""))
            response = client.post(spec.action, data=as_json(values, json_value),
                                   headers=headers, content_type="application/json",
                                   check=False)
        else:
            if spec.multipart or has_files(values):
                body, content_type = multipart(values)
                response = client.post(spec.action, data=body, headers=headers,
                                       content_type=content_type, check=False)
            else:
                response = client.post(spec.action, data=values, headers=headers, check=False)
        response.close()
        assert response.status_code < 500, (spec.action, values)
        if not world.changed():
            return
        written = world.written_tables()  # None: any table may have been
        if is_error_page(response) and (written is None or written - REFUSALS_RECORDED):
            after = row_counts(app)
            changed = {t for t in saved if saved[t] != after[t]} - REFUSALS_RECORDED
            assert not changed, (spec.action, response.status_code, changed, values)
        assert stored_problems(app, written or None) == [], (spec.action, values)
        world.restore()

    send()


@pytest.mark.parametrize("endpoint", POST_ENDPOINTS)
def test_hostile_values_in_every_form(world: World, forms: dict[str, FormSpec],
                                      endpoint: str) -> None:
    fuzz_form(world, form_for(world, forms, endpoint))
