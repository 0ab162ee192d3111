#!/usr/bin/env bash
# Restore drill: dump a PostgreSQL database, restore the dump into a scratch database, compare
# every table's row count and the migration version, drop the scratch database.
#   tools/restore_drill.sh postgresql+psycopg://user@host/dbname   (SQLAlchemy or libpq URL)
# Exit 0 when the restored copy matches; prints one line per table.
set -euo pipefail
url="${1:?usage: restore_drill.sh DATABASE_URL}"
url="${url/postgresql+psycopg:/postgresql:}"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
PATH="$pg_bin:$PATH"
scratch="restore_drill_$$"
scratch_url=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$url" "$scratch")
work=$(mktemp -d)
cleanup() { dropdb --if-exists --force --maintenance-db="$url" "$scratch" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

pg_dump --format=custom --file="$work/drill.dump" "$url"
createdb --maintenance-db="$url" "$scratch"
pg_restore --no-owner --exit-on-error --dbname="$scratch_url" "$work/drill.dump"

counts() {
  psql -X -A -t -v ON_ERROR_STOP=1 "$1" -c "SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name" |
  while read -r table; do
    echo "$table $(psql -X -A -t -v ON_ERROR_STOP=1 "$1" -c "SELECT count(*) FROM \"$table\"")"
  done
  echo "alembic_version $(psql -X -A -t "$1" -c 'SELECT version_num FROM alembic_version' 2>/dev/null || echo none)"
}
counts "$url" > "$work/before"
counts "$scratch_url" > "$work/after"
cat "$work/after"
if diff -u "$work/before" "$work/after"; then
  echo "restore drill: the restored copy matches ($(wc -l < "$work/after") lines compared)"
else
  echo "restore drill: FAILED, the restored copy differs" >&2
  exit 1
fi
