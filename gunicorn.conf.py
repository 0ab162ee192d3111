"""gunicorn settings for `make run` (and for production: `gunicorn -c gunicorn.conf.py
'lindungi:create_app()'`). Environment: HOST, PORT, WEB_CONCURRENCY, GUNICORN_TIMEOUT.

Graceful reload: `kill -HUP <master pid>` starts new workers with the new code and lets the old
ones finish their requests (up to graceful_timeout) before they stop.
"""

import os

host = os.environ.get("HOST", "127.0.0.1")
port = int(os.environ.get("PORT", "5000"))
bind = [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"]
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests: memory that a long-lived process gathers is
# given back. The jitter is as large as the count: workers share the load evenly, so with a small
# jitter they all reach it within a second and restart together, and for the second or so that
# new workers take to start (imports, then each template's first use) nobody answers (p99 of
# 500-900 ms in `make bench` at ~2,000 req/s). Spread over 40,000 requests, a worker restarts
# while the others serve.
max_requests = 40000
max_requests_jitter = 40000

# The access log names the path only: no query string (answers to the eligibility questions),
# no referrer and no user agent.
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"

# Feeds, the sitemap and share links need the public address; unless it is set, it is the one
# this server listens on (a wildcard listen address is reached as 127.0.0.1 on this machine).
_reach = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # noqa: S104
_reach = f"[{_reach}]" if ":" in _reach else _reach
os.environ.setdefault("LINDUNGI_BASE_URL", f"http://{_reach}:{port}")


def post_worker_init(_worker: object) -> None:
    """The app is loaded: what it made at start-up lives as long as the worker. Frozen out of
    the garbage collector's sight, a full collection no longer walks those objects each time
    (pauses of several milliseconds that showed as p99 under load)."""
    import gc

    gc.collect()
    gc.freeze()
