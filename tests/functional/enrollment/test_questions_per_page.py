"""Issue 14: no page of the request form asks more than 8 questions (a radio group or the three
date boxes' each name counts once per name), walked through every step page."""

from __future__ import annotations

import pytest

from tests.support.checking import soup_of
from tests.support.enrollment import NOW, WORKER_PAGES, Flow

LIMIT = 8


@pytest.fixture(autouse=True)
def fixed_now(app):
    app.config["NOW"] = NOW


def questions(response) -> set[str]:
    step = soup_of(response).select_one("#enrollment-step")
    assert step is not None
    return {field["name"] for field in step.select("input[name], select[name], textarea[name]")
            if field.get("type") not in ("hidden", "submit")}


def test_every_step_page_asks_at_most_eight_questions(client) -> None:
    flow = Flow(client, "id")
    seen = {}
    seen["/daftar/pemohon"] = questions(flow.get("/daftar/pemohon"))
    flow.applicant()
    for n in (1, 2):
        for index, (slug, _names) in enumerate(WORKER_PAGES):
            if index:  # the pages before it, saved: each page opens in turn
                flow.worker(n, serial=n, until=slug)
            seen[f"/daftar/pekerja/{n}{slug}"] = questions(flow.get(f"/daftar/pekerja/{n}{slug}"))
        assert flow.worker(n, serial=n, action="none").status_code == 303
        seen["/daftar/pekerja-lain"] = questions(flow.get("/daftar/pekerja-lain"))
        assert flow.another(n == 1).status_code == 303
    for path, post in (("/daftar/kontak", flow.contact), ("/daftar/persetujuan", flow.consent)):
        seen[path] = questions(flow.get(path))
        assert post().status_code == 303
    seen["/daftar/periksa"] = questions(flow.check())
    assert len(seen) == 15
    too_many = {path: sorted(names) for path, names in seen.items() if len(names) > LIMIT}
    assert too_many == {}
    # The pages do ask something (the walk looked at real forms, not error pages).
    assert seen["/daftar/pekerja/1"] == {"full_name", "nik", "kk", "mother_maiden_name"}
