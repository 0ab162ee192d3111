"""Item 11 of issue 15: CSRF on every POST route (with and without HX-Request), the role matrix
over every staff route, and every form built on the one base form that cleans text.

Both walk the URL map, so a route added later is covered; the role matrix also holds the
expected roles of every /staf/ endpoint here, so a new staff route fails until someone writes
down who may open it (and the test then checks the view enforces exactly that)."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from flask import Flask
from flask_wtf import FlaskForm

from lindungi.extensions import db
from lindungi.forms import BaseForm
from lindungi.staff.models import Role
from tests.security.crawl import viewers
from tests.security.discovery import paths_of, rules
from tests.security.world import World
from tests.support.checking import soup_of

C, R, A = Role.COMMUNICATIONS, Role.REVIEWER, Role.ADMIN
EVERY_ROLE = frozenset({C, R, A})
ADMINS = frozenset({A})
EDITORS = frozenset({C, A})
REVIEWERS = frozenset({R, A})
# Who may open each /staf/ endpoint. The sign-in page is open to anyone (the empty set).
EXPECTED_ROLES: dict[str, frozenset[Role]] = {
    "staff.sign_in": frozenset(),
    "staff.sign_in_code": frozenset(),  # the second step: the session holds the password step
    "staff.sign_out": EVERY_ROLE,
    **dict.fromkeys([
        "staff.my_account", "staff.my_language", "staff.change_password", "staff.two_factor",
        "staff.renew_recovery_codes", "staff.reauthenticate"], EVERY_ROLE),
    "site_settings.edit": EDITORS,
    "staff.account_two_factor_reset": ADMINS,
    "review.dashboard": EVERY_ROLE,
    **dict.fromkeys([
        "staff.accounts_list", "staff.account", "staff.account_enable", "staff.account_disable",
        "staff.account_password", "staff.account_role", "staff.new_account", "audit.log",
        "staff.enrollment_window", "staff.close_enrollment", "staff.reopen_enrollment",
        "subjects.search", "subjects.export", "subjects.correct", "subjects.erase",
        "outbox.messages", "outbox.retry"], ADMINS),
    **dict.fromkeys([
        "editor.articles", "editor.edit_article", "editor.new_article", "editor.article_preview",
        "editor.article_revisions", "editor.article_revision", "editor.restore_article",
        "editor.pages", "editor.edit_page", "editor.page_preview", "editor.page_revisions",
        "editor.page_revision", "editor.restore_page", "editor.live_preview"], EDITORS),
    **dict.fromkeys([
        "review.queue", "review.request_detail", "review.add_note", "review.show_identity",
        "review.ask_for_information", "review.start_review", "review.approve",
        "review.mark_registered", "review.reject", "review.export_csv"], REVIEWERS),
}
ANONYMOUS = "visitor"


def staff_rules(app: Flask) -> list:  # type: ignore[type-arg]
    return [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/staf")]


def test_every_staff_route_has_expected_roles(world: World) -> None:
    app = world.app
    endpoints = {rule.endpoint for rule in staff_rules(app)}
    assert not endpoints - set(EXPECTED_ROLES), (
        f"say who may open {sorted(endpoints - set(EXPECTED_ROLES))} in EXPECTED_ROLES")
    assert not set(EXPECTED_ROLES) - endpoints, "EXPECTED_ROLES names routes that are gone"
    for endpoint in endpoints:
        declared = getattr(app.view_functions[endpoint], "required_roles", None)
        assert declared == EXPECTED_ROLES[endpoint], endpoint


def test_the_role_matrix(world: World) -> None:
    """Each staff route and method, as anonymous and as each role, on the world's data (put
    back after every POST): anonymous goes to sign-in, other roles get 403, the allowed ones
    get the page (or the action's answer)."""
    app = world.app
    cells = 0
    for rule in staff_rules(app):
        allowed = EXPECTED_ROLES[rule.endpoint]
        path = next(paths_of(app, rule))
        for method in sorted({"GET", "POST"} & set(rule.methods or ())):
            for name in [ANONYMOUS, *(role.value for role in Role)]:
                client = world.client(name)
                data = None
                if method == "POST":
                    token_page = "/staf/masuk" if name == ANONYMOUS else "/staf/"
                    field = soup_of(client.get(token_page)).find("input", {"name": "csrf_token"})
                    data = {"csrf_token": field["value"]}
                response = client.open(path, method=method, data=data, check=False)
                response.close()
                if method == "POST":
                    world.restore()
                cells += 1
                status = response.status_code
                if not allowed:  # the sign-in page
                    assert status in (200, 302, 303), (path, method, name, status)
                elif name == ANONYMOUS:
                    assert status == 302, (path, method, status)
                    assert response.location.startswith("/staf/masuk"), (path, method)
                elif Role(name) in allowed:
                    assert status not in (401, 403) and status < 500, (path, method, name, status)
                    if rule.endpoint != "staff.sign_out":
                        assert not (response.location or "").startswith("/staf/masuk"), path
                else:
                    assert status == 403, (path, method, name, status)
    world.restore()
    assert cells >= 200


def database_digest(app: Flask) -> str:
    """Every row of every table, hashed: equal digests mean nothing changed."""
    digest = hashlib.sha256()
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(sa.select(table)):
                digest.update(repr(tuple(row)).encode())
        db.session.remove()
    return digest.hexdigest()


def test_every_post_route_refuses_a_missing_or_forged_token(world: World) -> None:
    """Posted as someone allowed to (the least privileged viewer), with the token missing, made
    up, or valid for another session; with and without HX-Request. Every answer is the 400
    page, and the database is byte for byte as it was."""
    app = world.app
    world.restore()
    before = database_digest(app)
    posts = 0
    for rule in rules(app, "POST"):
        name = viewers(app, rule)[0]
        # A real token, of someone else's session.
        other_session = world.tokens[Role.REVIEWER.value if name == Role.ADMIN.value
                                     else Role.ADMIN.value]
        for path in list(paths_of(app, rule))[:2]:
            for headers in ({}, {"HX-Request": "true"}):
                for token in (None, "forged", "ImZvcmdlZCI.aGVsbG8.d29ybGQ", other_session):
                    data = {} if token is None else {"csrf_token": token}
                    response = world.client(name).post(path, data=data, headers=headers,
                                                       check=False)
                    posts += 1
                    assert response.status_code == 400, (path, headers, token,
                                                         response.status_code)
                    header_token = {"X-CSRFToken": token} if token else {}
                    response = world.client(name).post(path, headers={**headers, **header_token},
                                                       check=False)
                    assert response.status_code == 400, (path, "header", token)
    assert posts >= 30 * 2 * 4
    assert database_digest(app) == before


def every_subclass(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *every_subclass(sub)}
    return found


def test_every_form_cleans_its_text(app: Flask) -> None:
    import lindungi.models  # noqa: F401 - imports every feature, so every form class exists

    forms = {form for form in every_subclass(FlaskForm) if form.__module__.startswith("lindungi")}
    assert len(forms) >= 20
    assert all(issubclass(form, BaseForm) for form in forms), [
        form for form in forms if not issubclass(form, BaseForm)]
