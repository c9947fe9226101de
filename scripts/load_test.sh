#!/usr/bin/env bash
# Load test: 64 concurrent connections for 60 s on the home page, the offer list, searches,
# filtered lists and offer pages, against gunicorn on a free loopback port with production
# settings (DEBUG off, collected static files), the demo content and 500 generated offers.
# Prints wrk's figures and fails on any socket error, any 5xx or any other non-2xx/3xx answer.
#
#   scripts/load_test.sh                       # a throw-away SQLite database, in-process cache
#   LOAD_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ofpra_load \
#   LOAD_CACHE_URL=redis://127.0.0.1:6379/3 scripts/load_test.sh   # production-like services
#
# LOAD_CONNECTIONS, LOAD_DURATION, LOAD_THREADS and LOAD_OFFERS change the defaults below.
# Everything it creates (database file, media, static files, logs) lives in a temporary folder,
# removed at the end; gunicorn is stopped whatever happens.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
PY="$ROOT/.venv/bin/python"
CONNECTIONS=${LOAD_CONNECTIONS:-64}
DURATION=${LOAD_DURATION:-60}
THREADS=${LOAD_THREADS:-2}
OFFERS=${LOAD_OFFERS:-500}

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/ofpra-load.XXXXXX)
PIDFILE="$WORK/gunicorn.pid"
cleanup() {
    if [ -f "$PIDFILE" ]; then
        kill -TERM "$(cat "$PIDFILE")" 2>/dev/null || true
        for _ in $(seq 1 50); do [ -f "$PIDFILE" ] || break; sleep 0.2; done
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export PORT HOST=127.0.0.1
export DJANGO_DEBUG=false
export DJANGO_SECRET_KEY="load-test-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL=${LOAD_DATABASE_URL:-sqlite:///$WORK/db.sqlite3}
# The default cache (files shared by the workers) unless LOAD_CACHE_URL names another.
export CACHE_URL=${LOAD_CACHE_URL:-filecache://$WORK/cache}
export DJANGO_STATIC_ROOT="$WORK/static" DJANGO_MEDIA_ROOT="$WORK/media"
export DJANGO_LOG_LEVEL=ERROR

echo "== Preparing: $DATABASE_URL, cache $CACHE_URL, $OFFERS generated offers"
if [[ $DATABASE_URL == postgres* ]]; then
    "$PY" - <<'PYTHON'
import os, psycopg
from urllib.parse import urlparse
url = urlparse(os.environ["DATABASE_URL"])
name = url.path.lstrip("/")
with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.execute(f'CREATE DATABASE "{name}"')
PYTHON
fi
"$PY" manage.py migrate --noinput --verbosity 0
"$PY" manage.py load_demo --verbosity 0
"$PY" manage.py generate_offers --count "$OFFERS" --verbosity 0
"$PY" manage.py collectstatic --noinput --verbosity 0

# What visitors ask for: the home page, the list, searches, filters, pages of results, offers.
"$PY" manage.py shell --verbosity 0 -c '
from jobs.models import Job
paths = ["/", "/offres/", "/offres/?q=juriste", "/offres/?q=ressources+humaines",
         "/offres/?q=officier+protection&categorie=A", "/offres/?categorie=B&teletravail=PARTIEL",
         "/offres/?tri=date-limite", "/offres/?page=2", "/offres/?page=5&versant=FPE"]
paths += [job.get_absolute_url() for job in Job.objects.open().order_by("?")[:40]]
print("\n".join(paths))
' >"$WORK/paths.txt"
echo "   $(wc -l <"$WORK/paths.txt") paths"

"$ROOT/.venv/bin/gunicorn" ofpra_careers.wsgi -c gunicorn.conf.py --daemon --pid "$PIDFILE" \
    --access-logfile /dev/null --error-logfile "$WORK/gunicorn.log"
for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break
    sleep 0.2
done
curl -fsS "http://127.0.0.1:$PORT/healthz"; echo
# Every path answers before the clock starts (and fills the caches, as a live site has them).
while read -r path; do
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$path")
    [[ $status == 2* || $status == 3* ]] || { echo "$path answered $status" >&2; exit 1; }
done <"$WORK/paths.txt"

echo "== wrk: $CONNECTIONS connections, $DURATION s, $THREADS threads, gunicorn on 127.0.0.1:$PORT"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency \
    -H 'Accept-Encoding: gzip, br' \
    -s scripts/load_test.lua "http://127.0.0.1:$PORT" -- "$WORK/paths.txt" "$WORK/result.json"

if grep -q "Traceback" "$WORK/gunicorn.log"; then
    echo "gunicorn logged an exception:" >&2
    grep -A 20 Traceback "$WORK/gunicorn.log" | head -40 >&2
    exit 1
fi
"$PY" - "$WORK/result.json" <<'PYTHON'
import json, sys
r = json.load(open(sys.argv[1]))
lat, err = r["latency_ms"], r["socket_errors"]
print(f"== {r['requests']} requests in {r['seconds']} s: {r['requests_per_second']} req/s; "
      f"latency p50 {lat['p50']} ms, p90 {lat['p90']} ms, p99 {lat['p99']} ms, max {lat['max']} ms; "
      f"socket errors {sum(err.values())} {err}; non-2xx/3xx {r['non_2xx_3xx']} "
      f"(5xx {r['status_5xx']}, 4xx {r['status_4xx']})")
failed = sum(err.values()) or r["non_2xx_3xx"] or r["status_5xx"] or not r["requests"]
print("== FAILED" if failed else "== PASSED: no error, no 5xx")
sys.exit(1 if failed else 0)
PYTHON
