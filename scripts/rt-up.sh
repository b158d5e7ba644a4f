#!/usr/bin/env bash
# Request Tracker 5 for Portico's rt connector: installs RT from Debian when
# missing, configures it for 127.0.0.1 with SQLite, grants rights, creates the
# `portico` service account (token -> .portico-data/rt.env), the custom fields,
# demo users and tickets, then starts rt-server in the background.
# Idempotent: run it again to restart a stopped server or repair the setup.
#
#   npm run rt:up                 # or: bash scripts/rt-up.sh [--no-demo] [--reset]
#   bash scripts/rt-down.sh       # stop it
#
# --reset erases RT's database and starts from RT's initial data (root/password).
# Under CI (CI set and not "false") every run resets: test runs leave tickets
# behind, and CI must not depend on what an earlier run or a developer left.
# Without a reset a second run still restores what the tests and the demo need:
# configuration, rights, users, custom fields, the token and the demo tickets
# (a demo ticket changed since it was seeded is retired and made again).
#
# Environment: RT_PORT (8780), RT_QUEUE (General), RT_WORKERS (2).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT_DIR=$(pwd)
PORT=${RT_PORT:-8780}
QUEUE=${RT_QUEUE:-General}
WORKERS=${RT_WORKERS:-2}
DATA_DIR="$ROOT_DIR/.portico-data/rt"
ENV_FILE="$ROOT_DIR/.portico-data/rt.env"
PID_FILE="$DATA_DIR/rt-server.pid"
LOG_FILE="$DATA_DIR/rt-server.log"
RT_HOME=/usr/share/request-tracker5
SITE_CONFIG=/etc/request-tracker5/RT_SiteConfig.d/90-portico.pm
URL="http://127.0.0.1:$PORT"
DB_FILE=/var/lib/dbconfig-common/sqlite3/request-tracker5/rtdb
DEMO_FLAG=--demo
RESET=
for arg in "$@"; do
  case "$arg" in
    --no-demo) DEMO_FLAG=--no-demo ;;
    --reset) RESET=1 ;;
    *) echo "usage: $0 [--no-demo] [--reset]" >&2; exit 2 ;;
  esac
done
if [[ -n "${CI:-}" && "${CI:-}" != "false" ]]; then RESET=1; fi

# RT's configuration and SQLite database belong to root/www-data.
SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "rt-up: needs root (or sudo) to install and configure RT" >&2; exit 1; }
  SUDO=(sudo)
fi

log() { echo "rt-up: $*"; }

if [[ ! -x "$RT_HOME/libexec/rt-server" ]]; then
  log "installing request-tracker5 from Debian (about a minute)…"
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    request-tracker5 rt5-db-sqlite rt5-standalone >/dev/null
fi

mkdir -p "$DATA_DIR"

# Loaded after the package's own RT_SiteConfig.d files, so these win.
SITE_CONFIG_TEXT="# Written by Portico's scripts/rt-up.sh.
Set(\$WebPort, $PORT);
Set(\$WebDomain, '127.0.0.1');
Set(\$WebPath, '');
Set(\$WebBaseURL, '$URL');
# Outgoing mail goes to an mbox file under /var/lib/request-tracker5, never to the network.
Set(\$MailCommand, 'mbox');
Set(\$LogToSyslog, undef);
Set(\$LogToSTDERR, 'warning');
1;
"
if [[ ! -f "$SITE_CONFIG" ]] || [[ "$(cat "$SITE_CONFIG")" != "${SITE_CONFIG_TEXT%$'\n'}" ]]; then
  log "writing $SITE_CONFIG"
  printf '%s' "$SITE_CONFIG_TEXT" | "${SUDO[@]}" tee "$SITE_CONFIG" >/dev/null
  CONFIG_CHANGED=1
fi

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid=$(cat "$PID_FILE")
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# An rt-server on this port started from another checkout (its pid file is
# elsewhere) is the same RT: take it over instead of failing on a busy port.
if ! running_pid >/dev/null; then
  other=$(pgrep -o -f "libexec/rt-server --server Starlet --host 127.0.0.1 --port $PORT( |\$)" || true)
  if [[ -n "$other" ]]; then
    log "taking over the rt-server already running on port $PORT (pid $other)"
    echo "$other" >"$PID_FILE"
  fi
fi

if pid=$(running_pid) && [[ -n "${CONFIG_CHANGED:-}" ]]; then
  log "configuration changed: restarting rt-server ($pid)"
  bash "$ROOT_DIR/scripts/rt-down.sh"
fi

if [[ -z "$RESET" && ! -s "$DB_FILE" ]]; then
  log "RT has no database yet"
  RESET=1
fi
if [[ -n "$RESET" ]]; then
  bash "$ROOT_DIR/scripts/rt-down.sh"
  log "erasing RT's database ($DB_FILE) and loading RT's initial data…"
  "${SUDO[@]}" rm -f "$DB_FILE"
  "${SUDO[@]}" mkdir -p "$(dirname "$DB_FILE")"
  "${SUDO[@]}" /usr/sbin/rt-setup-database-5 --action init --skip-create >/dev/null
  "${SUDO[@]}" chown root:www-data "$DB_FILE"
  "${SUDO[@]}" chmod 660 "$DB_FILE"
fi

log "preparing RT (rights, service account, custom fields, demo data)…"
"${SUDO[@]}" env RT_QUEUE="$QUEUE" perl "$ROOT_DIR/scripts/rt/setup.pl" \
  --env-file "$ENV_FILE" --queue "$QUEUE" --url "$URL" "$DEMO_FLAG"
"${SUDO[@]}" chown "$(id -u):$(id -g)" "$ENV_FILE"
chmod 600 "$ENV_FILE"
TOKEN=$(sed -n 's/^RT_TOKEN=//p' "$ENV_FILE")

rest_answers() {
  curl -fs -o /dev/null --max-time 5 -H "Authorization: token $TOKEN" "$URL/REST/2.0/queues/all"
}

if [[ -e "$ENV_FILE.restart" ]]; then
  # setup.pl changed RT's lifecycles: a running server only sees them after a restart.
  "${SUDO[@]}" rm -f "$ENV_FILE.restart"
  if running_pid >/dev/null; then
    log "restarting rt-server (its lifecycles changed)"
    bash "$ROOT_DIR/scripts/rt-down.sh"
  fi
fi

if pid=$(running_pid); then
  log "rt-server already running (pid $pid)"
else
  if curl -s -o /dev/null --max-time 2 "$URL/"; then
    echo "rt-up: something else already listens on $URL; stop it or set RT_PORT" >&2
    exit 1
  fi
  log "starting rt-server on $URL (log: $LOG_FILE)"
  # setsid: the server must outlive this script and the npm process group.
  "${SUDO[@]}" setsid "$RT_HOME/libexec/rt-server" --server Starlet --host 127.0.0.1 --port "$PORT" \
    --max-workers "$WORKERS" >>"$LOG_FILE" 2>&1 < /dev/null &
  echo $! >"$PID_FILE"
fi

for _ in $(seq 1 60); do
  if rest_answers; then
    log "REST2 answers at $URL/REST/2.0 (pid $(cat "$PID_FILE")); settings in $ENV_FILE"
    exit 0
  fi
  if ! running_pid >/dev/null; then
    echo "rt-up: rt-server exited; see $LOG_FILE" >&2
    tail -n 20 "$LOG_FILE" >&2 || true
    exit 1
  fi
  sleep 1
done
echo "rt-up: REST2 did not answer within 60 s; see $LOG_FILE" >&2
exit 1
