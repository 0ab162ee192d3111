"""Every route with a record number in its path, walked from the app's URL map: a huge, negative,
zero, non-ASCII or zero-padded number is a 404 for every method, never a 500, and never opens
the object that int() would read from it (objects 1 and 12 exist here)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa
from flask import Flask
from werkzeug.routing import AnyConverter, Rule

from lindungi.extensions import db
from lindungi.staff.models import Role, StaffUser
from lindungi.urlargs import IdConverter
from tests.support.staff import create_request, csrf_token, sign_in_as

BAD_NUMBERS = [
    "99999999999999999999",  # overflows every INTEGER column
    "2147483648",  # one more than PostgreSQL's int4
    "-1", "-12",
    "0",
    "\u0661\u0662", "\u0661",  # "١٢" and "١": int() reads 12 and 1
    "\uff11\uff12",  # full-width "１２"
    "0012", "01",  # zero-padded 12 and 1
]
# Values for the other parts of a path, so that only the number is wrong.
GOOD_VALUES = {"key": "faq"}
_PART = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def id_rules(app: Flask) -> list[Rule]:
    return [rule for rule in app.url_map.iter_rules()
            if any(isinstance(c, IdConverter) for c in rule._converters.values())]


def paths_with_a_bad_number(rule: Rule) -> Iterator[str]:
    """The rule's path with one number argument replaced by each bad value, the others 1."""
    numbers = [name for name, conv in rule._converters.items() if isinstance(conv, IdConverter)]

    def good(name: str) -> str:
        converter = rule._converters[name]
        if isinstance(converter, AnyConverter):
            return sorted(converter.items)[0]
        return "1" if name in numbers else GOOD_VALUES[name]

    for wrong in numbers:
        for bad in BAD_NUMBERS:
            yield _PART.sub(lambda m, w=wrong, b=bad: b if m[1] == w else good(m[1]), rule.rule)


@pytest.fixture
def app(make_seeded_app: Callable[..., Flask]) -> Flask:
    return make_seeded_app()


def test_the_app_int_converter_is_the_bounded_one(app: Flask) -> None:
    assert app.url_map.converters["int"] is IdConverter
    endpoints = {rule.endpoint for rule in id_rules(app)}
    # Staff records, editor records and the enrollment form's worker numbers are all covered.
    assert {"review.request_detail", "staff.account", "editor.edit_article",
            "editor.article_revision", "enrollment.worker"} <= endpoints


def test_every_numbered_route_refuses_bad_numbers(app: Flask, make_staff) -> None:
    admin = make_staff(role=Role.ADMIN)
    other = make_staff(role=Role.REVIEWER)
    with app.app_context():
        db.session.execute(sa.update(StaffUser).where(StaffUser.id == other.id).values(id=12))
        db.session.commit()
    for number in (1, 12):
        create_request(app, id=number)
    client = app.test_client()
    sign_in_as(client, admin)
    token = csrf_token(client)
    assert client.get("/staf/pendaftaran/12").status_code == 200  # the objects are there
    assert client.get("/staf/akun/12").status_code == 200
    assert client.get("/staf/berita/12").status_code == 200

    rules = id_rules(app)
    assert len(rules) >= 20
    for rule in rules:
        methods = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
        for path in paths_with_a_bad_number(rule):
            for method in methods:
                response = client.open(path, method=method, data={"csrf_token": token})
                assert response.status_code == 404, (method, path, response.status_code)
