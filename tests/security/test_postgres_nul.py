"""Item 8 and 11 of issue 15 on PostgreSQL, which refuses NUL in text (a 500 wherever one reached
a query): every text field of every form (found as in the property tests) sent with a NUL, one
field at a time and all at once, and every GET route with NULs in its query string. No 5xx, and
nothing stored holds a control character."""

from __future__ import annotations

import pytest

from tests.security.crawl import forms_by_endpoint, viewers
from tests.security.discovery import endpoint_of, paths_of, rules
from tests.security.fuzzing import stored_problems
from tests.security.world import World

pytestmark = pytest.mark.postgres

NUL_VALUES = ["\x00", "Siti\x00 Aminah", "7371011208800001\x00", "\x00<b>\x1b[0m"]
# Last: forms that change who is signed in (the world is not put back on PostgreSQL).
LAST = ("staff.", "subjects.erase")


def test_nul_in_every_text_field(pg_world: World) -> None:
    forms = forms_by_endpoint(pg_world)
    assert len(forms) >= 30
    order = sorted(forms, key=lambda e: (e.startswith(LAST), e == "staff.sign_out", e))
    sent = 0
    for endpoint in order:
        spec = forms[endpoint]
        names = spec.text_fields()
        for index, changed in enumerate([*([n] for n in names), names] if names else []):
            values = spec.defaults()
            for name in changed:
                values.setlist(name, [NUL_VALUES[index % len(NUL_VALUES)]])
            for headers in ({}, {"HX-Request": "true"}):
                response = pg_world.client(spec.client).post(spec.action, data=values,
                                                             headers=headers, check=False)
                response.close()
                sent += 1
                assert response.status_code < 500, (endpoint, changed, headers)
    assert sent >= 200
    assert stored_problems(pg_world.app) == []


def test_nul_in_every_query_string(pg_world: World) -> None:
    app = pg_world.app
    for rule in rules(app, "GET"):
        name = viewers(app, rule)[0]
        for path in paths_of(app, rule):
            for query in ("q=%00", "page=1%00&status=%00&since=%00&sort=%00", "kode=%00&next=%00",
                          "%00=%00&kategori=%00&search-q=%00"):
                response = pg_world.client(name).get(f"{path}?{query}", check=False)
                response.close()
                assert response.status_code < 500, (path, query)
    assert endpoint_of(app, "/staf/pendaftaran", "GET") == "review.queue"
