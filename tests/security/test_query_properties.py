"""Item 11 of issue 15: every GET route, public and staff (from the URL map, opened by someone who
may see it), with hostile query strings: its own parameters (read from its GET forms and links)
and others, repeated, with control characters, Unicode digits and long values, with and without
HX-Request, with and without a cookie (without one, public pages go through the page cache).
None may answer 5xx, and a GET may change no table."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from lindungi import create_app
from tests.security.crawl import viewers
from tests.security.discovery import paths_of, rules
from tests.security.fuzzing import FUZZ, TEXT, row_counts
from tests.security.world import World
from tests.support.apps import base_config

# Parameter names any page might be sent: the framework's own (url_for's), and common ones.
OTHER_NAMES = ["page", "q", "kategori", "status", "since", "sort", "lang", "next", "kode",
               "program", "slug", "_method", "endpoint", "_external", "_scheme", "_anchor",
               "values", "", "page[]", "q\x00"]


def _get_endpoints() -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(base_config(Path(folder)))
        return sorted({rule.endpoint for rule in rules(app, "GET")})


GET_ENDPOINTS = _get_endpoints()


def own_parameters(html: str, path: str) -> set[str]:
    """Names the page itself uses: its GET forms' fields and its links' query parameters."""
    soup = BeautifulSoup(html, "html.parser")
    names = {tag.get("name") for form in soup.find_all("form")
             if (form.get("method") or "get").lower() == "get"
             for tag in form.find_all(["input", "select", "textarea"])}
    for link in soup.find_all(["a", "link"], href=True):
        parts = urlsplit(link["href"])
        if parts.path == path or not parts.path:
            names |= {name for name, _ in parse_qsl(parts.query)}
    return {name for name in names if name}


@pytest.mark.parametrize("endpoint", GET_ENDPOINTS)
def test_hostile_query_strings(world: World, endpoint: str) -> None:
    fuzz_query(world, endpoint)


def fuzz_query(world: World, endpoint: str) -> None:
    app = world.app
    rule = next(r for r in rules(app, "GET") if r.endpoint == endpoint)
    path = next(paths_of(app, rule))
    name = viewers(app, rule)[0]
    page = world.client(name).get(path, check=False)
    assert page.status_code < 500, path
    bare, cookie = world.request_client(name)  # the client the examples use: signed in alike
    assert bare.get(path, headers=cookie).status_code == page.status_code, path
    known = own_parameters(page.get_data(as_text=True), path) if page.mimetype == "text/html" \
        else set()
    parameter = st.sampled_from(sorted(known) + OTHER_NAMES)
    world.restore()
    before = row_counts(app)

    @FUZZ
    @given(query=st.lists(st.tuples(parameter, TEXT), max_size=6), htmx=st.booleans(),
           cookie=st.booleans())
    def send(query: list[tuple[str, str]], htmx: bool, cookie: bool) -> None:
        public = not rule.rule.startswith("/staf")
        client, headers = world.request_client(name if cookie or not public else "visitor")
        if htmx:
            headers["HX-Request"] = "true"
        response = client.get(path, query_string=query, check=False, headers=headers)
        response.close()
        assert response.status_code < 500, (path, query)

    send()
    assert row_counts(app) == before, f"a GET of {path} changed a table"
