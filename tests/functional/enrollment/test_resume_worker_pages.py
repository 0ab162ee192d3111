"""Save and return on the one-topic worker pages: the button shows on every page once a worker's
date of birth is saved (the code is guarded by it), and a draft saved half-way through a worker
continues on the page that worker is missing."""

from __future__ import annotations

import pytest

from tests.functional.enrollment.test_resume import _resume, _save
from tests.support.checking import soup_of
from tests.support.enrollment import NOW, WORKER_PAGES, Flow, worker_answers


@pytest.fixture(autouse=True)
def fixed_now(app):
    app.config["NOW"] = NOW


def _has_save_button(flow: Flow, path: str) -> bool:
    page = soup_of(flow.get(path))
    return page.select_one("#enrollment-step form.save-for-later") is not None


def _post_pages(flow: Flow, n: int, upto: int, **overrides: str) -> None:
    answers = worker_answers(**overrides)
    for slug, names in WORKER_PAGES[:upto]:
        response = flow.post(f"/daftar/pekerja/{n}{slug}", {name: answers[name] for name in names})
        assert response.status_code == 303


def test_the_button_is_on_every_worker_page_once_a_date_of_birth_is_saved(client) -> None:
    flow = Flow(client, "id")
    flow.applicant()
    assert not _has_save_button(flow, "/daftar/pekerja/1")
    _post_pages(flow, 1, upto=1)
    assert not _has_save_button(flow, "/daftar/pekerja/1/lahir")  # no date of birth yet
    for upto, (slug, _names) in enumerate(WORKER_PAGES[2:], start=2):
        _post_pages(flow, 1, upto=upto)  # each page opens once the ones before it are saved
        assert _has_save_button(flow, f"/daftar/pekerja/1{slug}"), slug
    flow.worker(1, action="add")
    assert _has_save_button(flow, "/daftar/pekerja-lain")
    assert _has_save_button(flow, "/daftar/pekerja/2")

def test_a_draft_saved_half_way_through_a_worker_continues_there(app, client) -> None:
    flow = Flow(client, "id")
    flow.applicant()
    _post_pages(flow, 1, upto=3)  # identity, date of birth, address; not work nor heir
    code = _save(flow)
    other = app.test_client()
    assert _resume(other, code).location == "/id/daftar/pekerja/1/pekerjaan"
    page = soup_of(Flow(other, "id").get("/daftar/pekerja/1"))
    assert page.select_one("#full_name")["value"] == "Siti Aminah"
