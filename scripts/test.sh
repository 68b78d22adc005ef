#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: once in the normal build
# and once under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# The PostgreSQL tests start their own throwaway server; here they must not skip.
export RAKOR_REQUIRE_POSTGRES=1
bash scripts/build.sh build -DRAKOR_BUILD_TESTS=ON
bash scripts/build.sh build-asan -DRAKOR_BUILD_TESTS=ON -DRAKOR_BUILD_BENCH=OFF -DRAKOR_SANITIZE=ON
echo "== sanitizer build (ASan+UBSan)"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$PWD/../tests/lsan.supp \
  ctest --output-on-failure -j2)
echo "== normal build"
(cd build && ctest --output-on-failure -j2)
