#!/usr/bin/env bash
# Installs what is missing, builds, and runs the registry (127.0.0.1:50051, the
# three regions seeded from data/) and the scheduling service (127.0.0.1:50052),
# each on its embedded SQLite file. Stop both with Ctrl-C (SIGINT) or SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# Only the two servers (the tests, if configured in build/, are left for test.sh).
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 --target rakor-registry rakor-scheduling
registry_listen=${RAKOR_REGISTRY_LISTEN:-127.0.0.1:50051}
./build/services/registry/rakor-registry --listen="$registry_listen" \
  --database="${RAKOR_REGISTRY_DB:-rakor-registry.db}" --seed_dir=data &
registry=$!
./build/services/scheduling/rakor-scheduling \
  --listen="${RAKOR_SCHEDULING_LISTEN:-127.0.0.1:50052}" \
  --database="${RAKOR_SCHEDULING_DB:-rakor-scheduling.db}" --registry_addr="$registry_listen" &
scheduling=$!
stop() { kill -TERM "$registry" "$scheduling" 2>/dev/null || true; }
trap stop INT TERM
# Until either stops (a signal, or one of them failing): then stop the other too.
wait -n "$registry" "$scheduling" || true
stop
wait
