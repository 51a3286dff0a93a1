#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 for the tests: a fresh cluster in a temp folder, trust auth on 127.0.0.1 only, a free
# port. Progress goes to stderr; stdout is two shell lines to eval:
#   export CHATOPSJIT_TEST_POSTGRES='Host=127.0.0.1;Port=…;Username=postgres;Database=postgres'
#   export CHATOPSJIT_TEST_POSTGRES_DIR='/tmp/chatopsjit-pg.…'   (give it to stop.sh)
# As root the server runs as Debian's unprivileged 'postgres' user (PostgreSQL refuses to run as root); otherwise as you.
set -euo pipefail
bin=${POSTGRES_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$bin/initdb" ] || { echo "start.sh: $bin/initdb is missing; install Debian's postgresql package (apt-get install postgresql)" >&2; exit 1; }

dir=$(mktemp -d /tmp/chatopsjit-pg.XXXXXX)
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "start.sh: running as root needs the 'postgres' user (from Debian's postgresql package)" >&2; exit 1; }
  chown postgres: "$dir"
  as_owner() { runuser -u postgres -- "$@"; }
else
  as_owner() { "$@"; }
fi
chmod 700 "$dir"
cleanup_on_failure() { rm -rf "$dir"; }
trap cleanup_on_failure ERR

# From inside the folder, so the server's user can always read its working directory (root's home is closed to it).
cd "$dir"
as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
# A test server: durability off (a crash loses a throwaway database), loopback only, sockets kept in the folder.
# POSTGRES_DURABLE=1 keeps PostgreSQL's durable defaults, for benchmarks that compare commits with SQLite's fsync.
cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 300
shared_buffers = 64MB
log_min_messages = warning
CONF
# POSTGRES_STATEMENT_STATS=1 loads pg_stat_statements, for a benchmark that reports where the server's time went.
if [ "${POSTGRES_STATEMENT_STATS:-0}" = 1 ]; then
  printf "shared_preload_libraries = 'pg_stat_statements'\n" >>"$dir/data/postgresql.conf"
fi
if [ "${POSTGRES_DURABLE:-0}" != 1 ]; then
  printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n' >>"$dir/data/postgresql.conf"
fi
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$dir/data/pg_hba.conf"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
started=
for _ in 1 2 3 4 5 6 7 8 9 10; do
  port=$(( 20000 + RANDOM % 40000 ))
  port_in_use "$port" && continue
  # Another process may take the port between the check and the bind; then pg_ctl fails and another port is tried.
  if as_owner "$bin/pg_ctl" -D "$dir/data" -o "-p $port" -l "$dir/server.log" -w -t 60 start >/dev/null 2>&1; then
    started=1; break
  fi
done
[ -n "$started" ] || { echo "start.sh: PostgreSQL did not start; its log:" >&2; cat "$dir/server.log" >&2 || true; exit 1; }
echo "start.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') listening on 127.0.0.1:$port (folder $dir)" >&2
echo "export CHATOPSJIT_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
echo "export CHATOPSJIT_TEST_POSTGRES_DIR='$dir'"
