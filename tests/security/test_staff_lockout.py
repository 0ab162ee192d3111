"""A lockout a stranger cannot use against staff: failed sign-ins are counted per client address
and per (client address, account) in the rate limiter's storage, never on the account itself.
The address that fails too often for one account is paused for that account; the owner signing
in from another address gets in (with the code, for reviewers and admins)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from flask import Flask

from lindungi.audit.models import AuditEvent
from lindungi.extensions import db, limiter
from lindungi.staff import accounts
from lindungi.staff.models import Role
from tests.support.apps import STAFF_PASSWORD
from tests.support.redis_server import fresh_redis, redis_url  # noqa: F401 - fixtures
from tests.support.staff import csrf_token, current_code, enrol_two_factor

OWNER = "reviewer@makassarkota.go.id"
STRANGER = "203.0.113.66"
OWNER_ADDRESS = "198.51.100.20"


def owner_account(app: Flask):
    with app.app_context():
        limiter.reset()
        user = accounts.create_staff(OWNER, Role.REVIEWER, STAFF_PASSWORD)
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
    enrol_two_factor(app, user)
    return user


def attempt(client, address: str, password: str, email: str = OWNER):
    environ = {"REMOTE_ADDR": address}
    token = csrf_token_from(client, address)
    return client.post("/staf/masuk", data={"csrf_token": token, "email": email,
                                            "password": password}, environ_base=environ)


def csrf_token_from(client, address: str) -> str:
    page = client.get("/staf/masuk", environ_base={"REMOTE_ADDR": address})
    assert page.status_code == 200
    return csrf_token(client, "/staf/masuk")


@pytest.mark.parametrize("storage", ["memory", "redis"])
def test_a_stranger_pauses_only_their_own_address(make_app, storage, request) -> None:
    settings = {"SIGN_IN_ACCOUNT_LIMIT": "5 per 15 minutes", "SIGN_IN_LIMIT": "100 per minute"}
    if storage == "redis":
        url = request.getfixturevalue("fresh_redis")
        settings.update(RATELIMIT_STORAGE_URI=None, REDIS_URL=url)
    app = make_app(**settings)
    user = owner_account(app)
    stranger = app.test_client()
    for _ in range(5):
        assert attempt(stranger, STRANGER, "a wrong guess").status_code == 200
    # That address is now paused for this account, even with the right password...
    refused = attempt(stranger, STRANGER, STAFF_PASSWORD)
    assert refused.status_code == 429
    assert "Terlalu banyak percobaan masuk" in refused.get_data(as_text=True)
    # ...but not for another account.
    assert attempt(stranger, STRANGER, "a wrong guess", "other@makassarkota.go.id"
                   ).status_code == 200

    # The owner, from the office, signs in as usual: password, then the code.
    owner = app.test_client()
    response = attempt(owner, OWNER_ADDRESS, STAFF_PASSWORD)
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/staf/masuk/kode"
    code = owner.post("/staf/masuk/kode", data={
        "csrf_token": csrf_token(owner, "/staf/masuk/kode"), "code": current_code(app)},
        environ_base={"REMOTE_ADDR": OWNER_ADDRESS})
    assert code.status_code == 302
    assert owner.get("/staf/pendaftaran").status_code == 200

    with app.app_context():
        events = db.session.execute(sa.select(AuditEvent.action, AuditEvent.client,
                                              AuditEvent.target_id)).all()
    assert ("staff.sign_in_throttled", STRANGER, str(user.id)) in events
    assert ("staff.sign_in", OWNER_ADDRESS, str(user.id)) in events
    if storage == "redis":
        import redis

        keys = [key.decode() for key in redis.Redis.from_url(settings["REDIS_URL"]).keys("*")]
        assert any("sign-in-account" in key for key in keys)
        assert not any(OWNER in key or STRANGER in key for key in keys if "account" in key)


def test_one_address_trying_many_accounts_is_paused(make_app) -> None:
    app = make_app(SIGN_IN_ACCOUNT_LIMIT="100 per minute", SIGN_IN_LIMIT="4 per minute")
    owner_account(app)
    client = app.test_client()
    for number in range(4):
        assert attempt(client, STRANGER, "guess", f"n{number}@makassarkota.go.id"
                       ).status_code == 200
    assert attempt(client, STRANGER, "guess", "n9@makassarkota.go.id").status_code == 429
    assert attempt(client, OWNER_ADDRESS, STAFF_PASSWORD).status_code == 302


def test_successful_sign_ins_do_not_count(make_app) -> None:
    """A busy office behind one address signs in every morning."""
    app = make_app(SIGN_IN_ACCOUNT_LIMIT="2 per 15 minutes", SIGN_IN_LIMIT="2 per minute")
    owner_account(app)
    for _ in range(4):
        assert attempt(app.test_client(), OWNER_ADDRESS, STAFF_PASSWORD).status_code == 302
