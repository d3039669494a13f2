#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster on loopback and makes a role and database for the
# tests: role `tunewright` with password `tunewright`, database `tunewright_test`.
# Prints the URL the tests read from TW_PG_URL.
set -euo pipefail
command -v pg_lsclusters >/dev/null || { echo "start-postgres: postgresql is not installed" >&2; exit 1; }
SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo)
cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
if [ -z "$cluster" ]; then
  "${SUDO[@]}" pg_createcluster 15 main >/dev/null
  cluster="15 main"
fi
set -- $cluster
if ! pg_lsclusters -h | awk -v v="$1" -v n="$2" '$1==v && $2==n {print $4}' | grep -q online; then
  "${SUDO[@]}" pg_ctlcluster "$1" "$2" start
fi
port=$(pg_lsclusters -h | awk -v v="$1" -v n="$2" '$1==v && $2==n {print $3}')
"${SUDO[@]}" su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_roles WHERE rolname='tunewright'\"" | grep -q 1 ||
  "${SUDO[@]}" su postgres -c "psql -q -p $port -c \"CREATE ROLE tunewright LOGIN PASSWORD 'tunewright' CREATEDB\""
"${SUDO[@]}" su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_database WHERE datname='tunewright_test'\"" | grep -q 1 ||
  "${SUDO[@]}" su postgres -c "psql -q -p $port -c \"CREATE DATABASE tunewright_test OWNER tunewright\""
echo "postgresql://tunewright:tunewright@127.0.0.1:$port/tunewright_test"
