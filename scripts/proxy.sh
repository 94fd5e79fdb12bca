#!/usr/bin/env bash
# Run deploy/nginx.conf, as shipped, in front of a local gunicorn: for the proxy test
# (tests/deploy) and `make proxy`. Everything lives in .nginx/ (ignored).
# Usage: scripts/proxy.sh start|stop   (PROXY_PORT, default 8080; gunicorn gets this
# environment: DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, ...)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
HOME_DIR=$ROOT/.nginx
PORT=${PROXY_PORT:-8080}

install_nginx() {
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing nginx (Debian package nginx)..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null 2>&1 || \
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }
  else
    echo "nginx is not installed. Install it, for example: sudo apt-get install nginx" >&2
    exit 1
  fi
}

render() {
  # The shipped site config with this checkout's paths and port in place of /srv/hemed's.
  mkdir -p "$HOME_DIR/cache" "$HOME_DIR/tmp"
  sed -e "s#/srv/hemed#$ROOT#g" \
      -e "s#unix:/run/hemed/gunicorn.sock#unix:$HOME_DIR/gunicorn.sock#" \
      -e "s#/var/cache/nginx/hemed#$HOME_DIR/cache#" \
      -e "s#listen 80;#listen 127.0.0.1:$PORT;#" \
      deploy/nginx.conf > "$HOME_DIR/site.conf"
  cat > "$HOME_DIR/nginx.conf" <<CONF
$( [ "$(id -u)" -eq 0 ] && echo "user root;" )
worker_processes 2;
pid $HOME_DIR/nginx.pid;
error_log $HOME_DIR/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log off;
    client_body_temp_path $HOME_DIR/tmp/body;
    proxy_temp_path $HOME_DIR/tmp/proxy;
    fastcgi_temp_path $HOME_DIR/tmp/fastcgi;
    uwsgi_temp_path $HOME_DIR/tmp/uwsgi;
    scgi_temp_path $HOME_DIR/tmp/scgi;
    include $HOME_DIR/site.conf;
}
CONF
}

start() {
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || install_nginx
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
  stop >/dev/null
  render
  .venv/bin/python manage.py collectstatic --noinput -v0
  BIND="unix:$HOME_DIR/gunicorn.sock" WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}" \
    .venv/bin/gunicorn -c deploy/gunicorn.conf.py --daemon --pid "$HOME_DIR/gunicorn.pid" \
    --error-logfile "$HOME_DIR/gunicorn.log" hemed.wsgi
  "$NGINX" -t -q -c "$HOME_DIR/nginx.conf" -p "$HOME_DIR"
  "$NGINX" -c "$HOME_DIR/nginx.conf" -p "$HOME_DIR"
  for _ in $(seq 100); do [ -S "$HOME_DIR/gunicorn.sock" ] && break; sleep 0.1; done
  echo "nginx on http://127.0.0.1:$PORT/ in front of gunicorn ($HOME_DIR)."
}

stop() {
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
  if [ -f "$HOME_DIR/nginx.pid" ]; then "$NGINX" -c "$HOME_DIR/nginx.conf" -p "$HOME_DIR" -s quit 2>/dev/null || true; fi
  if [ -f "$HOME_DIR/gunicorn.pid" ]; then kill "$(cat "$HOME_DIR/gunicorn.pid")" 2>/dev/null || true; fi
  for _ in $(seq 50); do [ -f "$HOME_DIR/nginx.pid" ] || [ -f "$HOME_DIR/gunicorn.pid" ] || break; sleep 0.1; done
  rm -f "$HOME_DIR/nginx.pid" "$HOME_DIR/gunicorn.pid" "$HOME_DIR/gunicorn.sock"
  echo "Proxy stopped."
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
