#!/usr/bin/env bash
# The separate processes, as production runs them (scripts/run.sh runs the embedded
# default, one process). Installs what is missing, builds, and runs the registry (127.0.0.1:50051, the
# three regions seeded from data/), the scheduling service (127.0.0.1:50052) and the
# reporting service (127.0.0.1:50053), each on its embedded SQLite file, in
# development mode: callers say who they are in `rakor-actor` metadata, trusted as
# stated (no TLS). Stop them all with Ctrl-C (SIGINT) or SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --build-only
# Only the servers (the tests, if configured in build/, are left for test.sh).
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 --target rakor-registry rakor-scheduling rakor-reporting rakor-dashboard
registry_listen=${RAKOR_REGISTRY_LISTEN:-127.0.0.1:50051}
scheduling_listen=${RAKOR_SCHEDULING_LISTEN:-127.0.0.1:50052}
echo "rakor: DEVELOPMENT MODE: callers are trusted as their rakor-actor metadata says; no TLS" >&2
./build/services/registry/rakor-registry --listen="$registry_listen" \
  --database="${RAKOR_REGISTRY_DB:-rakor-registry.db}" --seed_dir=data --insecure_development \
  --metrics_listen="${RAKOR_REGISTRY_METRICS:-127.0.0.1:9451}" &
registry=$!
./build/services/scheduling/rakor-scheduling --listen="$scheduling_listen" \
  --database="${RAKOR_SCHEDULING_DB:-rakor-scheduling.db}" --registry_addr="$registry_listen" \
  --seed_dir=data/scheduling --metrics_listen="${RAKOR_SCHEDULING_METRICS:-127.0.0.1:9452}" \
  --insecure_development &
scheduling=$!
./build/services/reporting/rakor-reporting \
  --listen="${RAKOR_REPORTING_LISTEN:-127.0.0.1:50053}" \
  --database="${RAKOR_REPORTING_DB:-rakor-reporting.db}" --registry_addr="$registry_listen" \
  --scheduling_addr="$scheduling_listen" --insecure_development \
  --metrics_listen="${RAKOR_REPORTING_METRICS:-127.0.0.1:9453}" &
reporting=$!
./build/clients/dashboard/rakor-dashboard --listen="${RAKOR_DASHBOARD_LISTEN:-127.0.0.1:8080}" \
  --registry_addr="$registry_listen" --scheduling_addr="$scheduling_listen" \
  --reporting_addr="${RAKOR_REPORTING_LISTEN:-127.0.0.1:50053}" \
  --metrics_listen="${RAKOR_DASHBOARD_METRICS:-127.0.0.1:9454}" --insecure_development &
dashboard=$!
stop() { kill -TERM "$registry" "$scheduling" "$reporting" "$dashboard" 2>/dev/null || true; }
trap stop INT TERM
# Until any of them stops (a signal, or one failing): then stop the others too.
wait -n "$registry" "$scheduling" "$reporting" "$dashboard" || true
stop
wait
