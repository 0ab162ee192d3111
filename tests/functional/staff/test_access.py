"""Every /staf/ route declares its roles, and each role gets exactly what it declares:
allowed -> 200 (or the route's own answer), not allowed -> 403, anonymous -> sign-in."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from werkzeug.routing import Rule

from lindungi.content import operations
from lindungi.content.models import Category
from lindungi.extensions import db
from lindungi.staff.access import is_safe_next
from lindungi.staff.models import Role, StaffUser
from tests.support.checking import soup_of
from tests.support.staff import create_request, csrf_token, sign_in_as

# The code step comes before a session exists: it answers only a pending password step.
PUBLIC_STAFF_ENDPOINTS = {"staff.sign_in", "staff.sign_in_code"}
ALL = frozenset(Role)
REVIEWERS = frozenset({Role.REVIEWER, Role.ADMIN})
ADMIN = frozenset({Role.ADMIN})
EDITORS = frozenset({Role.COMMUNICATIONS, Role.ADMIN})
# The intended matrix, written out: changing a route's roles must change this table too.
EXPECTED_ROLES = {
    "staff.sign_out": ALL,
    "staff.accounts_list": ADMIN,
    "staff.new_account": ADMIN,
    "staff.account": ADMIN,
    "staff.account_role": ADMIN,
    "staff.account_password": ADMIN,
    "staff.account_disable": ADMIN,
    "staff.account_enable": ADMIN,
    "staff.account_two_factor_reset": ADMIN,
    "staff.two_factor": ALL,
    "staff.change_password": ALL,
    "staff.reauthenticate": ALL,
    "review.dashboard": ALL,
    "review.queue": REVIEWERS,
    "review.request_detail": REVIEWERS,
    "review.start_review": REVIEWERS,
    "review.approve": REVIEWERS,
    "review.ask_for_information": REVIEWERS,
    "review.reject": REVIEWERS,
    "review.mark_registered": REVIEWERS,
    "review.add_note": REVIEWERS,
    "review.export_csv": REVIEWERS,
    "audit.log": ADMIN,
    "editor.articles": EDITORS,
    "editor.new_article": EDITORS,
    "editor.edit_article": EDITORS,
    "editor.article_preview": EDITORS,
    "editor.article_revisions": EDITORS,
    "editor.article_revision": EDITORS,
    "editor.restore_article": EDITORS,
    "editor.pages": EDITORS,
    "editor.edit_page": EDITORS,
    "editor.page_preview": EDITORS,
    "editor.page_revisions": EDITORS,
    "editor.page_revision": EDITORS,
    "editor.restore_page": EDITORS,
    "editor.live_preview": EDITORS,
    "subjects.search": ADMIN,
    "subjects.export": ADMIN,
    "subjects.correct": ADMIN,
    "subjects.erase": ADMIN,
}


def _content(app: Flask) -> dict[str, object]:
    """An article and a page, each with its first revision, for the editor's URLs."""
    with app.app_context():
        article = operations.create_article(operations.ArticleData(
            slug="uji-akses", category=Category.SERVICE,
            texts={"id": operations.ArticleTextData("Uji akses", "Ringkasan.", "Isi.")},
        ))
        operations.create_page("faq", {"id": operations.PageTextData("Tanya jawab", "Isi.")})
        db.session.commit()
        return {"article_id": article.id, "key": "faq", "number": 1, "lang": "en"}


def staff_rules(app: Flask) -> list[Rule]:
    return [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/staf")]


def declared_roles(app: Flask, endpoint: str) -> frozenset[Role] | None:
    return getattr(app.view_functions[endpoint], "required_roles", None)


def test_every_staff_route_declares_its_roles(app: Flask) -> None:
    rules = staff_rules(app)
    assert len(rules) >= len(EXPECTED_ROLES)
    for rule in rules:
        roles = declared_roles(app, rule.endpoint)
        assert roles is not None, f"{rule.rule} ({rule.endpoint}) has no require_roles"
        if not roles:
            assert rule.endpoint in PUBLIC_STAFF_ENDPOINTS, f"{rule.rule} is open to anyone"


def test_the_declared_roles_are_the_intended_ones(app: Flask) -> None:
    found = {rule.endpoint: declared_roles(app, rule.endpoint) for rule in staff_rules(app)
             if rule.endpoint not in PUBLIC_STAFF_ENDPOINTS}
    # Routes added later (e.g. the communications editor) must declare roles too (test above);
    # the ones of this capability must keep these.
    assert {k: v for k, v in found.items() if k in EXPECTED_ROLES} == EXPECTED_ROLES
    assert set(EXPECTED_ROLES) <= set(found)


def _cases(app: Flask) -> list[tuple[Rule, str]]:
    cases = [(rule, method) for rule in staff_rules(app)
             if rule.endpoint not in PUBLIC_STAFF_ENDPOINTS
             for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    # Signing out ends the session: last.
    return sorted(cases, key=lambda case: case[0].endpoint == "staff.sign_out")


def _goes_to_sign_in(response) -> bool:
    return response.status_code in (302, 303) and urlsplit(
        response.headers["Location"]).path == "/staf/masuk"


@pytest.mark.parametrize("role", [*Role, None], ids=[*(r.value for r in Role), "anonymous"])
def test_role_matrix(app: Flask, make_staff: Callable[..., StaffUser], role: Role | None) -> None:
    """Walk the URL map: every staff route and method, as this role."""
    request = create_request(app)
    target = make_staff(role=Role.COMMUNICATIONS)  # the account the admin routes act on
    values = {"request_id": request.id, "account_id": target.id,
              "worker_id": request.workers[0].id, **_content(app)}
    client = app.test_client()
    if role is not None:
        sign_in_as(client, make_staff(role=role))
        token = csrf_token(client, "/staf/")
    else:
        token = csrf_token(client, "/staf/masuk")
    checked = 0
    for rule, method in _cases(app):
        url = rule.build({k: v for k, v in values.items() if k in rule.arguments})[1]
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, data={"csrf_token": token})
        where = f"{role} {method} {url}"
        allowed = role is not None and role in declared_roles(app, rule.endpoint)
        if role is None:
            assert _goes_to_sign_in(response), where
        elif not allowed:
            assert response.status_code == 403, where
        elif rule.endpoint == "staff.sign_out":
            assert _goes_to_sign_in(response), where
        elif method == "GET":
            assert response.status_code == 200, where
        else:  # a POST without its fields: the form again, the route's own redirect, or 400
            # for a form made only of hidden fields (a restore without its version)
            assert response.status_code in (200, 303, 302, 400), where
            assert not _goes_to_sign_in(response), where
        checked += 1
    assert checked >= len(EXPECTED_ROLES)


def test_forbidden_page_is_the_designed_one(client_for) -> None:
    response = client_for(Role.COMMUNICATIONS).get("/staf/pendaftaran")
    assert response.status_code == 403
    assert "Anda tidak dapat membuka halaman ini" in response.get_data(as_text=True)


def test_anonymous_is_sent_to_sign_in_with_next(client) -> None:
    response = client.get("/staf/pendaftaran?status=received")
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/staf/masuk"
    assert parse_qs(location.query)["next"] == ["/staf/pendaftaran?status=received"]


def test_anonymous_htmx_request_redirects_the_whole_page(client) -> None:
    response = client.get("/staf/pendaftaran", headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/staf/masuk")


def test_staff_pages_are_never_cached(client_for) -> None:
    response = client_for(Role.REVIEWER).get("/staf/")
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("target", "safe"),
    [
        ("/staf/", True),
        ("/staf/pendaftaran?status=received", True),
        ("/staf", True),
        ("/id/", False),
        ("/stafx/", False),
        ("https://evil.example/staf/", False),
        ("//evil.example/staf/", False),
        ("/\\evil.example/staf/", False),
        ("\\\\evil.example/staf/", False),
        ("/staf/../id/", False),
        ("javascript:alert(1)//staf/", False),
        ("/staf/\nSet-Cookie: x", False),
        ("", False),
        (None, False),
    ],
)
def test_safe_next(target: str | None, safe: bool) -> None:
    assert is_safe_next(target) is safe


def test_staff_errors_keep_the_staff_layout(client_for) -> None:
    communications = client_for(Role.COMMUNICATIONS)
    soup = soup_of(communications.get("/staf/pendaftaran"))
    assert soup.h1.get_text(strip=True) == "Anda tidak dapat membuka halaman ini"
    assert soup.select_one("nav.staff-nav")
    assert not soup.select(".lang-switch")
    missing = soup_of(communications.get("/staf/tidak-ada"))
    assert missing.h1.get_text(strip=True) == "Halaman tidak ditemukan"
    assert not missing.select(".lang-switch")
