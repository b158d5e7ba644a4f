#!/usr/bin/env bash
# Stops the rt-server that scripts/rt-up.sh started (by its pid file only).
set -euo pipefail

cd "$(dirname "$0")/.."
PID_FILE=.portico-data/rt/rt-server.pid

if [[ ! -f "$PID_FILE" ]]; then
  echo "rt-down: not running (no $PID_FILE)"
  exit 0
fi
pid=$(cat "$PID_FILE")
if ! [[ "$pid" =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null; then
  echo "rt-down: not running (stale pid file)"
  rm -f "$PID_FILE"
  exit 0
fi

SUDO=()
[[ $(id -u) -ne 0 ]] && SUDO=(sudo)

# The Starlet master stops its workers on TERM.
"${SUDO[@]}" kill -TERM "$pid"
for _ in $(seq 1 30); do
  if ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$PID_FILE"
    echo "rt-down: stopped rt-server ($pid)"
    exit 0
  fi
  sleep 0.5
done
echo "rt-down: rt-server ($pid) did not stop within 15 s" >&2
exit 1
