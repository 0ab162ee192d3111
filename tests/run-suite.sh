#!/usr/bin/env bash
# Runs the whole suite. Starts a throw-away PostgreSQL server on a Unix socket for the tests
# marked "postgres" and stops it afterwards; everything else uses SQLite files in tmp dirs.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT

as_pg() {
  # initdb refuses to run as root; use the postgres account Debian's package creates.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ -n "$pg_bin" ] && [ -z "${LINDUNGI_TEST_POSTGRES_URL:-}" ]; then
  pg_dir=$(mktemp -d /tmp/lindungi-pg.XXXXXX)
  chmod 755 "$pg_dir"
  [ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U lindungi --auth=trust -E UTF8 >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-k $pg_dir -c listen_addresses='' -c fsync=off" start >/dev/null
  as_pg "$pg_bin/createdb" -h "$pg_dir" -U lindungi lindungi_test
  export LINDUNGI_TEST_POSTGRES_URL="postgresql+psycopg://lindungi@/lindungi_test?host=$pg_dir"
fi

# Both passes run on pytest-xdist, one worker per core (LINDUNGI_TEST_WORKERS=0 runs in one
# process; a later -n among the arguments wins). Every fixture is per worker: temp dirs, free
# ports, a PostgreSQL database per worker and per test (tests/support/postgres_apps.py).
workers=${LINDUNGI_TEST_WORKERS:-$(nproc 2>/dev/null || echo 1)}
# worksteal: a worker that is done takes tests queued for the other (the browser tests are slow
# and would otherwise leave one worker idle at the end).
parallel=(-n "$workers" --dist worksteal)

status=0
.venv/bin/python -m pytest "${parallel[@]}" "$@" || status=$?

# The functional suite again, all of it, on PostgreSQL: each test's app on its own copy of a
# template database the migrations built. Only when no test paths were given (`make test`);
# LINDUNGI_TEST_FUNCTIONAL_ON_POSTGRES=0 leaves it out. The tests marked postgres already ran on
# PostgreSQL in the first pass and are not run twice.
paths_given=""
# A path (or node id) among the arguments, not an option's value like `-p no:cacheprovider`.
for arg in "$@"; do [[ "$arg" != -* && -e "${arg%%::*}" ]] && paths_given=1; done
if [ -z "$paths_given" ] && [ -n "${LINDUNGI_TEST_POSTGRES_URL:-}" ] \
    && [ "${LINDUNGI_TEST_FUNCTIONAL_ON_POSTGRES:-1}" = 1 ]; then
  LINDUNGI_TEST_DATABASE=postgresql .venv/bin/python -m pytest "${parallel[@]}" "$@" \
    -m "not postgres" tests/functional || status=$?
fi
exit "$status"
