#!/usr/bin/env bash
# Runs the whole suite. Starts a throw-away PostgreSQL server on a Unix socket for the tests
# marked "postgres" and stops it afterwards; everything else uses SQLite files in tmp dirs.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
pg_dir=""
second_pid=""
cleanup() {
  # Stopped early (Ctrl-C, a CI timeout): the second pass goes too.
  if [ -n "$second_pid" ]; then kill "$second_pid" 2>/dev/null || true; fi
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
    -o "-k $pg_dir -c listen_addresses='' -c fsync=off -c max_connections=300" start >/dev/null
  as_pg "$pg_bin/createdb" -h "$pg_dir" -U lindungi lindungi_test
  export LINDUNGI_TEST_POSTGRES_URL="postgresql+psycopg://lindungi@/lindungi_test?host=$pg_dir"
fi

# Both passes run on pytest-xdist, at the same time, each with one worker per core (LINDUNGI_TEST_WORKERS=0 runs in one
# process; a later -n among the arguments wins). Every fixture is per worker: temp dirs, free
# ports, a PostgreSQL database per worker and per test (tests/support/postgres_apps.py).
workers=${LINDUNGI_TEST_WORKERS:-$(nproc 2>/dev/null || echo 1)}
# worksteal: a worker that is done takes tests queued for the other (the browser tests are slow
# and would otherwise leave one worker idle at the end).
parallel=(-n "$workers" --dist worksteal)

status=0
# The functional suite again, all of it, on PostgreSQL: each test's app on its own copy of a
# template database the migrations built. Only when no test paths were given (`make test`);
# LINDUNGI_TEST_FUNCTIONAL_ON_POSTGRES=0 leaves it out. The tests marked postgres already ran on
# PostgreSQL in the first pass and are not run twice.
paths_given=""
# A path (or node id) among the arguments, not an option's value like `-p no:cacheprovider`.
for arg in "$@"; do [[ "$arg" != -* && -e "${arg%%::*}" ]] && paths_given=1; done
second_dir=""
if [ -z "$paths_given" ] && [ -n "${LINDUNGI_TEST_POSTGRES_URL:-}" ] \
    && [ "${LINDUNGI_TEST_FUNCTIONAL_ON_POSTGRES:-1}" = 1 ]; then
  # It runs beside the first pass rather than after it: both passes wait on PostgreSQL, the
  # browser and subprocesses for part of their time, and the two cores stay busy meanwhile
  # (sequential passes left a quarter of the CPU idle). Its own database for the per-worker
  # ones (no name shared with the first pass), its own temp folder, its output kept in a file
  # and printed when it is done.
  second_dir=$(mktemp -d /tmp/lindungi-pass2.XXXXXX)
  chmod 755 "$second_dir"
  second_url="$LINDUNGI_TEST_POSTGRES_URL"
  if [ -n "$pg_dir" ]; then
    as_pg "$pg_bin/createdb" -h "$pg_dir" -U lindungi lindungi_test_pg
    second_url="postgresql+psycopg://lindungi@/lindungi_test_pg?host=$pg_dir"
  fi
  LINDUNGI_TEST_POSTGRES_URL="$second_url" LINDUNGI_TEST_DATABASE=postgresql \
    .venv/bin/python -m pytest "${parallel[@]}" "$@" --basetemp "$second_dir/tmp" \
    -m "not postgres" tests/functional >"$second_dir/output" 2>&1 &
  second_pid=$!
fi

.venv/bin/python -m pytest "${parallel[@]}" "$@" || status=$?

if [ -n "$second_pid" ]; then
  second_status=0
  wait "$second_pid" || second_status=$?
  echo
  echo "== the functional suite on PostgreSQL (run beside the first pass) =="
  cat "$second_dir/output"
  rm -rf "$second_dir"
  second_pid=""
  [ "$second_status" = 0 ] || status=$second_status
fi
exit "$status"
