#!/usr/bin/env bash
# `make run`: the web server (the command given as arguments) and the outbox worker side by side.
# Ctrl-C or TERM stops both; if either one ends on its own, the other is stopped too, so a
# dead worker never goes unnoticed behind a running site.
set -uo pipefail
cd "$(dirname "$0")/.."

web="" worker="" stopping=""
stop() {
  stopping=1
  kill -TERM $web $worker 2>/dev/null || true
}
# Set before anything starts: a TERM that arrives while the two are starting still stops both.
trap stop INT TERM

"$@" &
web=$!
.venv/bin/flask --app lindungi outbox work &
worker=$!
[ -n "$stopping" ] && stop

wait -n "$web" "$worker"
status=$?
stop
wait "$web" "$worker" 2>/dev/null || true
exit "$status"
