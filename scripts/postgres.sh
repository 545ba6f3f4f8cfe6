#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for tests, on a free port of 127.0.0.1 and a Unix socket.
#
#   scripts/postgres.sh COMMAND [ARG...]   start it, run COMMAND with DATABASE_URL set, remove it
#   scripts/postgres.sh                    start it, print DATABASE_URL, wait for Ctrl+C
#
# Needs the Debian `postgresql` package (initdb under /usr/lib/postgresql/*/bin). As root the
# server runs as the `postgres` user (PostgreSQL refuses to run as root). Durability is switched
# off (fsync=off): this cluster is for tests only.
set -euo pipefail

initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z $initdb ]]; then
    echo "error: PostgreSQL not found (no /usr/lib/postgresql/*/bin/initdb);" \
        "install the Debian package 'postgresql'" >&2
    exit 1
fi
bin=$(dirname "$initdb")

as_db=()
if [[ $(id -u) -eq 0 ]]; then
    as_db=(runuser -u postgres --)
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/ttdn-pg.XXXXXX")
if [[ $(id -u) -eq 0 ]]; then
    chown postgres:postgres "$dir"
fi

cleanup() {
    local rc=$?
    if [[ -f $dir/data/postmaster.pid ]]; then
        "${as_db[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"${as_db[@]}" "$initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_db[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

# The application role and its database. The tests connect as the superuser `postgres`, which
# may create the test databases (test_ttdn, test_ttdn_gw0, ...).
"${as_db[@]}" "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE ttdn LOGIN CREATEDB" -c "CREATE DATABASE ttdn OWNER ttdn ENCODING 'UTF8'"

# Through the Unix socket in $dir (the host is its percent-encoded path): each query's round
# trip is shorter than over TCP (a database-heavy subset of the suite: 110 s → 101 s, 2026-11-28).
export DATABASE_URL="postgres://postgres@${dir////%2F}:$port/ttdn"
version=$("$bin/postgres" --version)
echo "PostgreSQL ready: $version, DATABASE_URL=$DATABASE_URL (data in $dir)"

if (($# == 0)); then
    echo "Ctrl+C stops and removes it."
    while true; do sleep 3600; done
fi
# Not exec: the trap must stop the server when the command ends.
"$@"
