"""What a form submission can cost at least in this stack, as ratios to the reference, measured
as `make bench` measures the site's submissions (same gunicorn settings, wrk at 32 connections,
each run paired with a reference run just before it):

- a POST whose CSRF token Flask-WTF checks, answered with a redirect, nothing else;
- the same, writing one row in a transaction of its own (SQLite as the site sets it up, or
  PostgreSQL with --postgres).

    .venv/bin/python -m bench.submit_floor [--postgres] [--runs 3] [--seconds 4]

The app is bench/floor_app.py. A real submission does more than the second line: it reads and
opens the draft, checks it, and writes the request, its workers, its status, an audit row and an
outbox message in one transaction (about eight statements).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import secrets
import shutil
import sqlite3
import tempfile
import urllib.request
from contextlib import ExitStack
from pathlib import Path

from bench import measure
from bench.servers import gunicorn, throwaway_postgres

FLOOR_SPEC = "bench.floor_app:app"
REFERENCE_SPEC = "bench.reference_app:app"


def session_and_token(base: str) -> tuple[str, str]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    token = opener.open(base + "/token").read().decode()
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar), token


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=4)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lindungi-floor."))
    try:
        with ExitStack() as stack:
            url = f"sqlite:///{folder / 'floor.sqlite3'}"
            if args.postgres:
                url = stack.enter_context(throwaway_postgres())
                if url is None:
                    raise SystemExit("PostgreSQL is not installed")
            log = folder / "gunicorn.log"
            ref = stack.enter_context(gunicorn(REFERENCE_SPEC, {}, log))
            floor = stack.enter_context(gunicorn(FLOOR_SPEC, {
                "FLOOR_DATABASE_URL": url, "FLOOR_SECRET_KEY": secrets.token_hex(32)}, log))
            reference = measure.Reference(ref.base + "/", args.seconds)
            cookie, token = session_and_token(floor.base)
            form = {"FORM_COOKIE": cookie, "FORM_BODY": f"csrf_token={token}&name=Siti"}
            print(f"reference and floor app, gunicorn as `make run` starts it; "
                  f"{'PostgreSQL' if args.postgres else 'SQLite'}")
            for path in ("/nothing", "/one-row"):
                figures = measure.paired(reference, floor.base + path, args.seconds, args.runs,
                                         script="post_form.lua", env=form)
                print(f"  POST {path:9s} {figures['ratio']:.2f}x the reference "
                      f"({figures['rps']:.0f} vs {figures['ref_rps']:.0f} req/s), "
                      f"p99 {figures['p99_ms']:.1f} ms, errors {figures['errors']}")
        if not args.postgres:
            with sqlite3.connect(folder / "floor.sqlite3") as connection:
                stored = connection.execute("SELECT count(*) FROM floor_row").fetchone()[0]
            print(f"  rows written: {stored}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
