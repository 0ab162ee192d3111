"""Item 11 of issue 15: CSRF on every POST route (with and without HX-Request), the role matrix
over every staff route, and every form built on the one base form that cleans text."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask
from flask_wtf import FlaskForm
from werkzeug.routing.converters import AnyConverter

from lindungi.audit.models import AuditEvent
from lindungi.extensions import db
from lindungi.forms import BaseForm
from lindungi.staff.models import Role
from tests.security.conftest import staff_client
from tests.support.staff import create_request

SAMPLE_VALUES = {"lang": "id", "key": "faq", "program": "jkk", "slug": "x", "name": "x",
                 "number": 1, "n": 1}



def rule_path(app: Flask, rule) -> str:  # type: ignore[no-untyped-def]
    values = {name: SAMPLE_VALUES.get(name, 1) for name in rule.arguments}
    for name, converter in rule._converters.items():
        if isinstance(converter, AnyConverter):  # e.g. a worker page's slug: one of its words
            values[name] = sorted(converter.items)[0]
    values.update(rule.defaults or {})  # a rule that fixes an argument (a worker's first page)
    with app.test_request_context():
        return app.url_for(rule.endpoint, **values)


def post_rules(app: Flask) -> list:  # type: ignore[type-arg]
    return [rule for rule in app.url_map.iter_rules() if "POST" in (rule.methods or ())]


def audit_count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) or 0


def test_every_post_route_refuses_a_missing_or_forged_token(app: Flask) -> None:
    create_request(app)
    admin = staff_client(app, Role.ADMIN)
    rules = post_rules(app)
    assert len(rules) >= 25
    before = audit_count(app)
    for rule in rules:
        path = rule_path(app, rule)
        for headers in ({}, {"HX-Request": "true"}):
            for data in ({}, {"csrf_token": "forged"}):
                response = admin.post(path, data=data, headers=headers, check=False)
                assert response.status_code == 400, (path, headers, data)
    assert audit_count(app) == before


def test_the_role_matrix(app: Flask) -> None:
    create_request(app)
    clients = {role: staff_client(app, role, f"{role.value}@makassarkota.go.id")
               for role in Role}
    anonymous = app.test_client()
    cells = 0
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        roles = getattr(view, "required_roles", None)
        if roles is None or not roles:  # public pages, and the sign-in page
            assert not rule.rule.startswith("/staf") or rule.endpoint in (
                "staff.sign_in", "staff.sign_in_code"), rule
            continue
        if rule.endpoint == "staff.sign_out":  # open to every role; it would end the sessions
            continue
        path = rule_path(app, rule)
        method = "GET" if "GET" in (rule.methods or ()) else "POST"
        response = anonymous.open(path, method=method, check=False)
        assert response.status_code in (302, 303, 400), (path, response.status_code)
        for role, client in clients.items():
            data = {"csrf_token": client.token} if method == "POST" else None
            response = client.open(path, method=method, data=data, check=False)
            response.close()
            cells += 1
            if role in roles:
                assert response.status_code != 403, (role, path)
            else:
                assert response.status_code == 403, (role, path, response.status_code)
    assert cells >= 100


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
