#!/usr/bin/env bash
# Installs what is missing, builds, and runs rakor-server, the embedded default: one
# process serving the registry (127.0.0.1:50051, the three regions seeded from
# data/), scheduling (127.0.0.1:50052, calendar feeds on http://127.0.0.1:8052),
# reporting (127.0.0.1:50053) and the dashboard (http://127.0.0.1:8080/), with
# their SQLite files in rakor-data/ and Prometheus metrics on 127.0.0.1:9450, in
# development mode: callers say who they are in `rakor-actor` metadata, trusted as
# stated (no TLS). Stop it with Ctrl-C (SIGINT) or SIGTERM. scripts/run-separate.sh
# runs the services as separate processes instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --build-only
# Only the server (the tests, if configured in build/, are left for test.sh).
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 --target rakor-server rakor
exec ./build/services/embedded/rakor-server --insecure_development \
  --data_dir="${RAKOR_DATA_DIR:-rakor-data}" --seed_dir=data --scheduling_seed_dir=data/scheduling \
  --metrics_listen="${RAKOR_METRICS_LISTEN:-127.0.0.1:9450}" "$@"
