#!/usr/bin/env bash
# Installs the Debian (bookworm) packages rakor builds, tests and benchmarks with.
set -euo pipefail
packages=(
  cmake ninja-build g++ pkg-config
  mold            # a faster linker, for the many test binaries
  libjemalloc-dev # the servers' allocator
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libsqlitecpp-dev libsqlite3-dev libspdlog-dev
  libgtest-dev libgmock-dev
  grpc-proto      # grpc.health.v1 for health probes in tests
  nghttp2-client  # h2load, for bench/
  libpqxx-dev     # the PostgreSQL backend
  libical-dev     # recurrence rules and iCalendar, for scheduling
  libssl-dev      # SHA-256 for reporting
  libcli11-dev    # argument parsing for the rakor command
  libcpp-httplib-dev  # HTTP for calendar feeds and the dashboard
  prometheus-cpp-dev  # metrics for Prometheus
  libgmime-3.0-dev       # composing invitation e-mails (MIME)
  libcurl4-openssl-dev   # sending them over SMTP
  libcairo2-dev libpango1.0-dev  # printable minutes (PDF)
  fonts-dejavu-core      # the printable minutes' typeface
)
# What only the tests use: a throwaway PostgreSQL server, a real SMTP server,
# iCalendar and PDF checks, a browser for the dashboard, a Prometheus to scrape the
# services. `--build-only` (scripts/run.sh, the image's build stage) leaves them out.
test_packages=(
  openssl                # the tests' throwaway certificate authority (mutual TLS)
  postgresql-15
  python3-aiosmtpd python3-icalendar poppler-utils
  chromium python3-websocket prometheus
  python3-yaml           # the manifests' policy check (tests/deploy)
)
# The manifests' render test needs kubectl with kustomize and Node.js with npm; a
# machine that has them already (newer than Debian's) keeps its own.
command -v kubectl >/dev/null || test_packages+=(kubernetes-client)
command -v npm >/dev/null || test_packages+=(nodejs npm)
if [ "${1:-}" != "--build-only" ]; then packages+=("${test_packages[@]}"); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
