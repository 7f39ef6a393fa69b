#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, on 127.0.0.1 and a free port.
#
#   scripts/postgres.sh start DIR   creates a cluster in DIR (an empty or new folder), starts
#                                   it, creates the database ie_nlp_test, prints its URL
#   scripts/postgres.sh stop DIR    stops the server of DIR (no error if none runs)
#
# Installs Debian's postgresql when initdb/pg_ctl are missing. As root, the server runs as the
# postgres user (PostgreSQL refuses to run as root). Example (what .ci/run does):
#   dir="$(mktemp -d)"; trap 'scripts/postgres.sh stop "$dir"' EXIT
#   export IE_TEST_POSTGRES_URL="$(scripts/postgres.sh start "$dir")"
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action="$1"
dir="$2"

find_bin() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$found" ] && [ -x "$found/initdb" ] && [ -x "$found/pg_ctl" ]; then
    echo "$found"
  elif command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v initdb)"
  fi
}

bin="$(find_bin)"
if [ "$(id -u)" = 0 ]; then
  as_server=(runuser -u postgres --)
else
  as_server=()
fi

case "$action" in
  stop)
    if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
      "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    exit 0
    ;;
  start) ;;
  *) usage ;;
esac

if [ -z "$bin" ]; then
  echo "installing Debian's postgresql ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin="$(find_bin)"
  [ -n "$bin" ] || { echo "postgresql installed, but no initdb/pg_ctl found" >&2; exit 1; }
fi

mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir"
fi
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

# trust on loopback only: a test server with a throwaway database, never reachable from outside
"${as_server[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
"${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null
"${as_server[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres ie_nlp_test
echo "postgresql+psycopg://postgres@127.0.0.1:$port/ie_nlp_test"
