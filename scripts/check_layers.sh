#!/usr/bin/env bash
# The layering of DESIGN.md, checked on the sources (the link step checks it on the
# libraries): common/, storage/ and each service's domain files include nothing of
# gRPC and nothing from a layer above them. Prints each offending line; fails if any.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
# forbid PATTERN FILES...: every line of FILES that includes PATTERN is an offence.
forbid() {
  local pattern=$1
  shift
  local hits
  if hits=$(grep -HnE "^#include \"($pattern)" "$@"); then
    echo "$hits"
    status=1
  fi
}
grpc='grpcpp/|grpc/|grpc\+\+/|[^"]*\.grpc\.pb\.h'
mapfile -t common < <(find common -name '*.h' -o -name '*.cc')
mapfile -t storage < <(find storage -name '*.h' -o -name '*.cc')
# A service's domain: everything but its edge (handlers/, clients/ for the services
# it calls, service.*, its Prometheus gauges metrics.*, main.cc).
mapfile -t domain < <(find services -path services/common -prune -o \
  \( -name '*.h' -o -name '*.cc' \) ! -path '*/handlers/*' ! -path '*/clients/*' \
  ! -name 'service.*' ! -name 'metrics.*' ! -name 'main.cc' -print)
forbid "$grpc|storage/|services/" "${common[@]}"
forbid "$grpc|services/" "${storage[@]}"
forbid "$grpc|services/common/|services/[a-z]+/handlers/" "${domain[@]}"
if ((status == 0)); then echo "layers: ${#common[@]} common, ${#storage[@]} storage and" \
  "${#domain[@]} domain files include no gRPC and nothing from above"; fi
exit $status
