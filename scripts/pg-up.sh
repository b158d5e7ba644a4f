#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 (Debian's binaries) on 127.0.0.1 and prints
# its DATABASE_URL on stdout (everything else goes to stderr):
#   export DATABASE_URL=$(bash scripts/pg-up.sh)
# Stop it with: bash scripts/pg-up.sh stop   (uses $PG_UP_DIR, default /tmp/portico-pg)
set -euo pipefail

BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DIR=${PG_UP_DIR:-/tmp/portico-pg}
DB=${PG_UP_DB:-portico}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
  if [ -f "$DIR/data/postmaster.pid" ]; then as_postgres "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2; fi
  rm -rf "$DIR"
  exit 0
fi

[ -x "$BIN/initdb" ] || { echo "pg-up: no PostgreSQL binaries in $BIN (apt-get install postgresql)" >&2; exit 1; }

# A running cluster from an earlier call is stopped and replaced: every run starts clean.
if [ -f "$DIR/data/postmaster.pid" ]; then as_postgres "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true; fi
rm -rf "$DIR"
mkdir -p "$DIR"
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"; fi
chmod 700 "$DIR"

PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
PASSWORD=$(node -e 'console.log(require("crypto").randomBytes(18).toString("base64url"))')
echo "$PASSWORD" > "$DIR/pwfile"
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR/pwfile"; fi

as_postgres "$BIN/initdb" -D "$DIR/data" -U postgres --pwfile="$DIR/pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >&2
rm -f "$DIR/pwfile"
as_postgres "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/postgres.log" -w \
  -o "-h 127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >&2

URL="postgres://postgres:${PASSWORD}@127.0.0.1:${PORT}/${DB}"
PGPASSWORD=$PASSWORD "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
  -c "CREATE DATABASE \"$DB\"" >&2
echo "$URL" > "$DIR/url"
echo "$URL"
