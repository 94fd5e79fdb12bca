#!/usr/bin/env bash
# A project-local PostgreSQL cluster in .pgdata/, for `make run` and `make test`
# when DATABASE_URL is not set. Usage: scripts/db.sh start|stop|status
#
# The server listens only on a Unix socket in .pgdata/run (no TCP port to clash
# with), trusts local connections as the "hemed" superuser, and keeps its data
# between runs. PostgreSQL refuses to run as root, so as root it runs as the
# "postgres" system user, which must own the data, socket and log folders.
#
# It runs with PostgreSQL's defaults, fsync on, so a crash or power cut never loses
# or corrupts what was committed: this is the database `make run` and `make serve`
# keep clinicians' work in. Only the test database trades durability for speed, per
# connection (synchronous_commit=off in hemed/settings.py when TESTING): a crash
# there can lose the last few transactions, never corrupt anything. A cluster that
# an older version of this script started with fsync off is restarted by `start`.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
PGHOME=$ROOT/.pgdata
DATA=$PGHOME/data
SOCKET_DIR=$PGHOME/run
LOG=$PGHOME/log/postgresql.log

find_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  done
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir; return 0
  fi
  return 1
}

install_postgresql() {
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing PostgreSQL (Debian packages postgresql and postgresql-contrib)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null
  else
    echo "PostgreSQL is not installed. Install it, for example:" >&2
    echo "  sudo apt-get install postgresql postgresql-contrib" >&2
    echo "or set DATABASE_URL to a PostgreSQL database you already have." >&2
    exit 1
  fi
}

BINDIR=$(find_bindir) || { install_postgresql; BINDIR=$(find_bindir); }

# Run PostgreSQL's programs as "postgres" when we are root, else as ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

prepare_folders() {
  if [ "$(id -u)" -eq 0 ] && [ ! -e "$PGHOME" ] && ! runuser -u postgres -- test -x "$ROOT"; then
    # The postgres user cannot reach this checkout (a private parent folder):
    # keep the cluster in a folder it can reach and link it here.
    ln -s "$(mktemp -d /tmp/hemed-pgdata.XXXXXX)" "$PGHOME"
  fi
  mkdir -p "$DATA" "$SOCKET_DIR" "$(dirname "$LOG")"
  chmod 700 "$DATA"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres: "$(readlink -f "$PGHOME")"
  fi
}

is_running() {
  [ -f "$DATA/postmaster.pid" ] && as_owner "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

setting() {
  "$BINDIR/psql" -X -h "$SOCKET_DIR" -U hemed -d postgres -tAc "SHOW $1"
}

start() {
  prepare_folders
  if [ ! -f "$DATA/PG_VERSION" ]; then
    as_owner "$BINDIR/initdb" -D "$DATA" -U hemed --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if is_running && [ "$(setting fsync)" = off ]; then
    echo "PostgreSQL was started with fsync off; restarting it with the defaults (fsync on)."
    as_owner "$BINDIR/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  fi
  if ! is_running; then
    # Explicit options on every start: `pg_ctl restart` would reuse the old ones.
    as_owner "$BINDIR/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start \
      -o "-c listen_addresses='' -c unix_socket_directories='$SOCKET_DIR' -c unix_socket_permissions=0700" \
      >/dev/null || { tail -n 20 "$LOG" >&2; exit 1; }
  fi
  if [ "$(setting fsync)" != on ]; then
    echo "Warning: PostgreSQL still runs with fsync off; look for fsync in $DATA/postgresql*.conf." >&2
  fi
  if ! "$BINDIR/psql" -h "$SOCKET_DIR" -U hemed -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'hemed'" | grep -q 1; then
    "$BINDIR/createdb" -h "$SOCKET_DIR" -U hemed hemed
  fi
  echo "PostgreSQL is running in .pgdata (socket $SOCKET_DIR)."
}

stop() {
  if is_running; then
    as_owner "$BINDIR/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    echo "PostgreSQL stopped."
  else
    echo "PostgreSQL is not running."
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if is_running; then echo "running"; else echo "stopped"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
