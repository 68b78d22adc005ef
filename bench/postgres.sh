#!/usr/bin/env bash
# The registry on PostgreSQL: starts a throwaway PostgreSQL 15 server (as the tests
# do: as the postgres user when run as root, a socket in a short temporary
# directory, no TCP), then runs the write benchmark on both engines (each against
# its own raw client loop) and the read benchmark with the registries on PostgreSQL.
#
# Usage: bench/postgres.sh [build-dir]   (default: build; BENCH_* as for run.sh)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-build}
[[ $build = /* ]] || build=$repo/$build
bin=/usr/lib/postgresql/15/bin
[[ -x $bin/initdb ]] || { echo "postgres.sh: PostgreSQL 15 is not installed" >&2; exit 1; }

dir=$(mktemp -d /tmp/rkpgb.XXXXXX)
as_postgres=()
if [[ $(id -u) = 0 ]]; then chown postgres "$dir"; as_postgres=(runuser -u postgres --); fi
cleanup() {
  "${as_postgres[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
"${as_postgres[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
# Durable as in production (fsync on), unlike the tests.
"${as_postgres[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-k $dir -c listen_addresses='' -c max_connections=200" start >/dev/null
uri() { echo "postgresql:///$1?host=$dir&user=postgres"; }
for db in writes raw reads reads_log; do
  "${as_postgres[@]}" "$bin/createdb" -h "$dir" -U postgres "$db"
done

"$build/bench/rakor-bench-writes" --registry="$build/services/registry/rakor-registry" \
  --seed_dir="$repo/data" --postgres_registry_uri="$(uri writes)" \
  --postgres_raw_uri="$(uri raw)"
echo
BENCH_REGISTRY_DATABASES="$(uri reads) $(uri reads_log)" bash "$repo/bench/run.sh" "$build"
