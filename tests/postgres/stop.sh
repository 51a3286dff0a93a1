#!/usr/bin/env bash
# Stops the PostgreSQL that start.sh started and removes its folder: stop.sh <folder> (default $CHATOPSJIT_TEST_POSTGRES_DIR).
set -uo pipefail
bin=${POSTGRES_BIN:-/usr/lib/postgresql/15/bin}
dir=${1:-${CHATOPSJIT_TEST_POSTGRES_DIR:-}}
[ -n "$dir" ] || { echo "stop.sh: which folder? give the one start.sh printed" >&2; exit 1; }
# Only a folder start.sh made, so a wrong argument cannot remove anything else.
case "$dir" in /tmp/chatopsjit-pg.*) ;; *) echo "stop.sh: '$dir' is not a folder start.sh made" >&2; exit 1 ;; esac
if [ -f "$dir/data/postmaster.pid" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$dir" && runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1)
  else
    "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  fi
fi
rm -rf "$dir"
