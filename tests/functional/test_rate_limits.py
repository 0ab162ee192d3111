"""Where rate limits are checked. Every limit of this site is a decorator on its view (the
request form, the status look-up, sign-in; their own tests count them exactly), so Flask-Limiter's
check before every request is left out; an installation that sets a whole-app limit keeps it."""

from __future__ import annotations


def test_a_whole_app_limit_set_by_an_installation_counts_every_request(make_app) -> None:
    app = make_app(RATELIMIT_DEFAULT="2 per minute")
    client = app.test_client()
    assert [client.get("/healthz").status_code for _ in range(3)] == [200, 200, 429]

