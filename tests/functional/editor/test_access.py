"""Who may use the editor: communications staff and admins; reviewers get 403; anonymous
visitors go to the sign-in page. Every editor route declares its roles."""

from __future__ import annotations

import pytest
from flask import Flask

from lindungi.editor.blueprint import EDITORS
from lindungi.staff.models import Role
from tests.support.checking import soup_of

GET_PATHS = [
    "/staf/berita", "/staf/berita/baru", "/staf/berita/1", "/staf/berita/1/pratinjau",
    "/staf/berita/1/pratinjau/en", "/staf/berita/1/revisi", "/staf/berita/1/revisi/1",
    "/staf/halaman", "/staf/halaman/faq", "/staf/halaman/faq/pratinjau",
    "/staf/halaman/faq/pratinjau/en", "/staf/halaman/faq/revisi", "/staf/halaman/faq/revisi/1",
]
POST_PATHS = [
    "/staf/pratinjau", "/staf/berita/baru", "/staf/berita/1", "/staf/berita/1/revisi/1/pulihkan",
    "/staf/halaman/faq", "/staf/halaman/faq/revisi/1/pulihkan",
]


def test_every_editor_route_is_for_editors_and_tested_here(app: Flask) -> None:
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("editor.")]
    assert len(rules) == 16  # the previews have two rules each (with and without language)
    for rule in rules:
        view = app.view_functions[rule.endpoint]
        assert view.required_roles == frozenset(EDITORS), rule.rule
    tested = {app.url_map.bind("localhost").match(path, method)[0]
              for paths, method in ((GET_PATHS, "GET"), (POST_PATHS, "POST")) for path in paths}
    assert tested == {rule.endpoint for rule in rules}


@pytest.mark.parametrize("role", [Role.COMMUNICATIONS, Role.ADMIN])
@pytest.mark.parametrize("path", GET_PATHS)
def test_editors_may_open_every_page(client_for, role: Role, path: str) -> None:
    response = client_for(role).get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", GET_PATHS)
def test_reviewers_get_403(client_for, path: str) -> None:
    assert client_for(Role.REVIEWER).get(path).status_code == 403


@pytest.mark.parametrize("path", POST_PATHS)
def test_reviewers_cannot_post(client_for, path: str) -> None:
    reviewer = client_for(Role.REVIEWER)
    response = reviewer.post(path, data={"csrf_token": reviewer.token, "version": "1"})
    assert response.status_code == 403


@pytest.mark.parametrize("path", GET_PATHS)
def test_anonymous_visitors_are_sent_to_sign_in(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staf/masuk?next=")


@pytest.mark.parametrize("path", POST_PATHS)
def test_anonymous_posts_change_nothing(client, path: str) -> None:
    token = soup_of(client.get("/staf/masuk")).find("input", attrs={"name": "csrf_token"})
    response = client.post(path, data={"csrf_token": token["value"], "version": "1"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staf/masuk")


def test_the_staff_menu_shows_news_and_pages_to_editors_only(client_for) -> None:
    menu = soup_of(client_for(Role.COMMUNICATIONS).get("/staf/")).select(".staff-nav a")
    assert {"/staf/berita", "/staf/halaman"} <= {a["href"] for a in menu}
    menu = soup_of(client_for(Role.REVIEWER).get("/staf/")).select(".staff-nav a")
    assert not {"/staf/berita", "/staf/halaman"} & {a["href"] for a in menu}
