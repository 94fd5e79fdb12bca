#!/usr/bin/env bash
# HTTP benchmark of hemed's pages beside Wagtail and nginx static, with the peer harness
# (../shared/bench/peers/run.sh), by hand: bash bench/http.sh [page ...]
#
# Starts hemed as production runs it: DEBUG=0, gunicorn with 2 sync workers
# (deploy/gunicorn.conf.py), the local database with the demo content, Redis for the
# shared cache; and, for the "proxy" page, the shipped deploy/nginx.conf in front
# (scripts/proxy.sh). Each page is one run of the harness, so each ratio is measured
# in one run; write them into bench/results.md. Pages (default: all):
#   article       /articles/what-is-hemgenix/ from the app's page cache
#   article-fresh the same page rendered on every request (a second instance with
#                 PAGE_CACHE=0)
#   faq           /faq/
#   search        /search/?q=gene+therapy+liver, every search run (SEARCH_CACHE=0;
#                 rate limits off for wrk)
#   searches      the 290 family searches of tests/search/relevance.yaml in turn (a wrk
#                 script), run every time and from the result cache, beside Wagtail's
#                 article: interleaved runs of wrk here, as the harness does (it takes
#                 one URL), after the harness has started Wagtail
#   proxy         /articles/what-is-hemgenix/ through nginx
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS=${PEERS:-../shared/bench/peers}
PAGES=("$@")
[ ${#PAGES[@]} -gt 0 ] || PAGES=(article article-fresh faq search searches proxy)

scripts/db.sh start >/dev/null
scripts/redis.sh start >/dev/null
export DEBUG=0 HTTPS=0 SECRET_KEY=${SECRET_KEY:-bench-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz}
export ALLOWED_HOSTS=127.0.0.1,localhost REDIS_URL=$(scripts/redis.sh url) WEB_CONCURRENCY=2 RATELIMIT_ENABLE=0
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_content --if-empty >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v0

start_app() {  # $1: port, $2: the caches on (1) or off (0)
  PAGE_CACHE=$2 SEARCH_CACHE=$2 BIND=127.0.0.1:$1 .venv/bin/gunicorn -c deploy/gunicorn.conf.py --daemon \
    --pid ".cache/bench-$1.pid" hemed.wsgi
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return; sleep 0.1; done
  echo "hemed did not start on port $1" >&2; exit 1
}
stop_app() { [ -f ".cache/bench-$1.pid" ] && kill "$(cat ".cache/bench-$1.pid")" 2>/dev/null || true; rm -f ".cache/bench-$1.pid"; }
mkdir -p .cache
trap 'stop_app 8811; stop_app 8812; scripts/proxy.sh stop >/dev/null' EXIT
start_app 8811 1
start_app 8812 0

# Searches in turn: wrk's script cycles through the relevance set's queries.
searches() {
  local lua=.cache/bench-searches.lua runs=${RUNS:-3} wagtail=http://127.0.0.1:8801/condition-001/
  .venv/bin/python - "$lua" <<'PY'
import sys, urllib.parse, yaml
queries = [entry["query"] for entry in yaml.safe_load(open("tests/search/relevance.yaml"))]
paths = ", ".join('"/search/?q=%s"' % urllib.parse.quote_plus(q) for q in dict.fromkeys(queries))
open(sys.argv[1], "w").write("local paths = {%s}\nlocal i = 0\nrequest = function()\n"
                             "  i = i %% #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n" % paths)
PY
  RUNS=1 DURATION=1s WARMUP=1s "$PEERS/run.sh" >/dev/null  # Wagtail and nginx up
  local out=.cache/bench-searches; rm -rf "$out"; mkdir -p "$out"
  # Fill the result cache first: the first pass through the searches runs each one.
  wrk -t2 -c16 -d"${SEARCH_WARMUP:-30s}" -s "$lua" http://127.0.0.1:8811 >/dev/null
  for run in $(seq "$runs"); do
    wrk -t2 -c16 -d"${DURATION:-10s}" "$wagtail" >"$out/wagtail.$run"
    wrk -t2 -c16 -d"${DURATION:-10s}" -s "$lua" http://127.0.0.1:8812 >"$out/uncached.$run"
    wrk -t2 -c16 -d"${DURATION:-10s}" -s "$lua" http://127.0.0.1:8811 >"$out/cached.$run"
  done
  .venv/bin/python - "$out" "$runs" <<'PY'
import re, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
def rate(name):
    return statistics.median(float(re.search(r"Requests/sec:\s+([\d.]+)", open(f"{out}/{name}.{r}").read()).group(1))
                             for r in range(1, runs + 1))
wagtail = rate("wagtail")
print(f"Medians of {runs} run(s), wrk -t2 -c16, one search after another (290 family searches):")
print(f"  wagtail article      {wagtail:8.1f} req/s")
for name in ("uncached", "cached"):
    print(f"  hemed search {name:8s}{rate(name):8.1f} req/s  {rate(name) / wagtail:5.2f}x Wagtail")
PY
}

for name in "${PAGES[@]}"; do
  case $name in
    article) url=http://127.0.0.1:8811/articles/what-is-hemgenix/ ;;
    article-fresh) url=http://127.0.0.1:8812/articles/what-is-hemgenix/ ;;
    faq) url=http://127.0.0.1:8811/faq/ ;;
    search) url="http://127.0.0.1:8812/search/?q=gene+therapy+liver" ;;
    searches) echo "== searches"; searches; continue ;;
    proxy) PROXY_PORT=8813 BEHIND_PROXY=1 scripts/proxy.sh start >/dev/null
           url=http://127.0.0.1:8813/articles/what-is-hemgenix/ ;;
    *) echo "unknown page $name" >&2; exit 2 ;;
  esac
  echo "== $name: $url"
  "$PEERS/run.sh" "$url"
done
