#!/usr/bin/env bash
# A project-local Redis in .redis/, for the shared cache (REDIS_URL) in the
# two-instance test and `make serve` when no REDIS_URL is set.
# Usage: scripts/redis.sh start|stop|status|url
#
# Debian's redis-server, listening only on a Unix socket in .redis/ (no TCP port to
# clash with). It is a cache: nothing in it needs to survive a restart, so it keeps
# no snapshot or log on disk (save "", appendonly no).
set -euo pipefail

cd "$(dirname "$0")/.."
HOME_DIR=$PWD/.redis
SOCKET=$HOME_DIR/redis.sock
PIDFILE=$HOME_DIR/redis.pid
LOG=$HOME_DIR/redis.log

install_redis() {
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Redis (Debian package redis-server)..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null 2>&1 || \
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }
  else
    echo "Redis is not installed. Install it, for example:" >&2
    echo "  sudo apt-get install redis-server" >&2
    echo "or set REDIS_URL to a Redis server you already have." >&2
    exit 1
  fi
}

is_running() {
  [ -S "$SOCKET" ] && redis-cli -s "$SOCKET" ping >/dev/null 2>&1
}

start() {
  command -v redis-server >/dev/null || install_redis
  mkdir -p "$HOME_DIR"
  if ! is_running; then
    redis-server --port 0 --unixsocket "$SOCKET" --unixsocketperm 700 --daemonize yes \
      --pidfile "$PIDFILE" --logfile "$LOG" --dir "$HOME_DIR" --save "" --appendonly no \
      --maxmemory "${REDIS_MAXMEMORY:-256mb}" --maxmemory-policy allkeys-lru >/dev/null
    for _ in $(seq 50); do is_running && break; sleep 0.1; done
    is_running || { tail -n 20 "$LOG" >&2; exit 1; }
  fi
  echo "Redis is running in .redis (socket $SOCKET)."
}

stop() {
  if is_running; then
    redis-cli -s "$SOCKET" shutdown nosave >/dev/null 2>&1 || true
    echo "Redis stopped."
  else
    echo "Redis is not running."
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if is_running; then echo "running"; else echo "stopped"; exit 3; fi ;;
  url) echo "unix://$SOCKET" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
