#!/usr/bin/env bash
# Installs what is missing, builds, and runs the registry on embedded SQLite with
# the three regions seeded from data/. Stop it with Ctrl-C (SIGINT) or SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh build -DRAKOR_BUILD_TESTS=OFF
exec ./build/services/registry/rakor-registry \
  --listen="${RAKOR_REGISTRY_LISTEN:-127.0.0.1:50051}" \
  --database="${RAKOR_REGISTRY_DB:-rakor-registry.db}" \
  --seed_dir=data "$@"
