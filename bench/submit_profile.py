"""Where one enrollment submission's time goes: a throwaway SQLite database made as `make run`
makes it, N prepared drafts (as `make bench` prepares them), each sent once through the test
client, timed per request and profiled with cProfile.

    .venv/bin/python -m bench.submit_profile [--count 300] [--profile] [--statements] [--postgres]

It prints milliseconds per submission, wall clock and CPU (on a shared machine the CPU figure is
the steadier one).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.servers import BIN, ROOT


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--statements", action="store_true",
                        help="count the SQL statements and print one submission's")
    parser.add_argument("--dump", default="", help="write the profile to this file")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--postgres", action="store_true",
                        help="on a throwaway PostgreSQL server instead of a SQLite file")
    args = parser.parse_args()
    if args.postgres:
        from bench.servers import throwaway_postgres

        with throwaway_postgres() as url:
            if url is None:
                raise SystemExit("PostgreSQL is not installed")
            return measure(args, url)
    return measure(args, "")


def measure(args: argparse.Namespace, database_url: str) -> int:
    folder = Path(tempfile.mkdtemp(prefix="lindungi-submit."))
    try:
        from bench.run import site_env

        env = site_env(folder, database_url or f"sqlite:///{folder / 'db.sqlite3'}", 5000)
        environ = {**os.environ, **env}
        subprocess.run([str(BIN / "flask"), "--app", "lindungi", "db", "upgrade"],  # noqa: S603
                       cwd=ROOT, env=environ, check=True, capture_output=True)
        os.environ.update(env)
        from bench.scaled_data import prepare_drafts
        from bench.scenarios import template_answers
        from lindungi import create_app

        app = create_app()
        template = template_answers(app)
        with app.app_context():
            drafts = prepare_drafts(app, template, args.count + 20, random.Random(3))
        client = app.test_client()
        statements: list[str] = []
        if args.statements:
            import sqlalchemy as sa

            from lindungi.extensions import db

            with app.app_context():
                sa.event.listen(db.engine, "before_cursor_execute",
                                lambda *a: statements.append(a[2].split("\n")[0][:110]))

        def send(draft) -> int:
            client.set_cookie("lindungi_session", draft.cookie, domain="localhost")
            response = client.post("/id/daftar/kirim", data={
                "csrf_token": draft.csrf_token, "token": draft.token})
            assert response.status_code == 303, response.status_code
            assert response.location.endswith("/id/daftar/selesai"), response.location
            return response.status_code

        for draft in drafts[:20]:  # warm-up: imports, compiled statements
            send(draft)
        timed = drafts[20:]
        profiler = cProfile.Profile() if args.profile else None
        started, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        for draft in timed:
            send(draft)
        if profiler:
            profiler.disable()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"{len(timed)} submissions in {elapsed:.2f}s: "
              f"{elapsed / len(timed) * 1000:.2f} ms each, {cpu / len(timed) * 1000:.2f} ms CPU"
              + (" (under cProfile)" if profiler else ""))
        if statements:
            each = len(statements) // len(timed)
            print(f"{each} statements per submission; the last one's:")
            print("\n".join(statements[-each:]))
        if profiler:
            if args.dump:
                profiler.dump_stats(args.dump)
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
