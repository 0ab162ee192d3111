#!/usr/bin/env bash
# `make run`: the web server (the command given as arguments) and the outbox worker side by side.
# Ctrl-C or TERM stops both; if either one ends on its own, the other is stopped too, so a
# dead worker never goes unnoticed behind a running site.
set -uo pipefail
cd "$(dirname "$0")/.."

"$@" &
web=$!
.venv/bin/flask --app lindungi outbox work &
worker=$!

stop() {
  kill -TERM "$web" "$worker" 2>/dev/null || true
}
trap stop INT TERM

wait -n "$web" "$worker"
status=$?
stop
wait "$web" "$worker" 2>/dev/null || true
exit "$status"
