#!/usr/bin/env bash
# Load benchmark of the registry's hot reads (GetUnit, GetReportingChain) over
# loopback, reported as a ratio to a do-nothing gRPC server (bench/noop_server.cc)
# driven in the same run by the same load generator with the same parameters.
#
# Usage: bench/run.sh [build-dir]        (default: build)
#   Environment: BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 2),
#                BENCH_CONNECTIONS (default 4), BENCH_STREAMS (per connection,
#                default 16; concurrency = connections x streams = 64).
#
# Needs: h2load and nghttp (Debian: nghttp2-client), protoc and the protobuf
# well-known .proto files (Debian: protobuf-compiler, libprotobuf-dev), python3.
# Build first: ninja -C build rakor-registry rakor-bench-noop-server
#
# It reports and never fails on a slow result; it fails only when something is
# broken (a server does not start, a call does not return grpc-status 0).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-build}
[[ $build = /* ]] || build=$repo/$build
duration=${BENCH_DURATION:-10}
warmup=${BENCH_WARMUP:-2}
connections=${BENCH_CONNECTIONS:-4}
streams=${BENCH_STREAMS:-16}

registry_bin=$build/services/registry/rakor-registry
noop_bin=$build/bench/rakor-bench-noop-server
for tool in h2load nghttp protoc python3; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool not found" >&2; exit 1; }
done
for bin in "$registry_bin" "$noop_bin"; do
  [[ -x $bin ]] || { echo "run.sh: $bin not built" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/rakor-bench.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -n ${BENCH_KEEP:-} ]] || rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_ready PID PORT NAME: until the server accepts TCP connections (at most 30 s).
wait_ready() {
  local pid=$1 port=$2 name=$3
  for _ in $(seq 300); do
    kill -0 "$pid" 2>/dev/null || { echo "run.sh: $name exited during start-up" >&2; exit 1; }
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "run.sh: $name does not accept connections on 127.0.0.1:$port" >&2
  exit 1
}

# --- request bodies ------------------------------------------------------------
unit=regions/temanggung/units/dinas-kesehatan
python3 "$repo/bench/make_grpc_body.py" rakor.registry.v1.GetUnitRequest \
  "name: \"$unit\"" "$work/GetUnit.body" "$repo"
python3 "$repo/bench/make_grpc_body.py" rakor.registry.v1.GetReportingChainRequest \
  "unit: \"$unit\" matter: TECHNICAL_OPERATIONAL" "$work/GetReportingChain.body" "$repo"

# --- servers -------------------------------------------------------------------
declare -A port
servers=(noop registry registry+log)

port[noop]=$(free_port)
"$noop_bin" --listen="127.0.0.1:${port[noop]}" 2>"$work/noop.err" &
pids+=($!); wait_ready $! "${port[noop]}" noop

port[registry]=$(free_port)
"$registry_bin" --database="$work/registry.db" --seed_dir="$repo/data" \
  --listen="127.0.0.1:${port[registry]}" --rpc_log=false 2>"$work/registry.err" &
pids+=($!); wait_ready $! "${port[registry]}" registry

# As in production, one JSON log line per RPC; the lines go to /dev/null.
port[registry+log]=$(free_port)
"$registry_bin" --database="$work/registry-log.db" --seed_dir="$repo/data" \
  --listen="127.0.0.1:${port[registry+log]}" --rpc_log=true 2>/dev/null &
pids+=($!); wait_ready $! "${port[registry+log]}" registry+log

url() { echo "http://127.0.0.1:${port[$1]}/rakor.registry.v1.RegistryService/$2"; }
grpc_headers=(-H 'content-type: application/grpc' -H 'te: trailers')

# --- correctness: h2load counts HTTP 200 as success, so check grpc-status first --
for method in GetUnit GetReportingChain; do
  for server in "${servers[@]}"; do
    out=$work/check.$server.$method
    nghttp -v "${grpc_headers[@]}" -d "$work/$method.body" "$(url "$server" "$method")" \
      >"$out" 2>&1 || true
    status=$(sed -n 's/.*recv (stream_id=[0-9]*) grpc-status: \([0-9]*\).*/\1/p' "$out" | tail -n1)
    if [[ $status != 0 ]]; then
      echo "run.sh: $server $method: grpc-status '${status:-none}', expected 0" >&2
      grep -E 'grpc-status|grpc-message|:status' "$out" >&2 || tail -n 20 "$out" >&2
      exit 1
    fi
    if [[ $server != noop ]] && ! grep -q 'recv DATA frame <length=[1-9]' "$out"; then
      echo "run.sh: $server $method: empty response body" >&2
      exit 1
    fi
  done
done

# --- load ----------------------------------------------------------------------
# run_load SERVER METHOD: writes "req/s p50_us p99_us succeeded failed" to $work/result.
run_load() {
  local server=$1 method=$2 log=$work/h2load.$1.$2.log out=$work/h2load.$1.$2.out
  timeout $((duration + warmup + 30)) \
    h2load -t 1 -c "$connections" -m "$streams" -D "$duration" --warm-up-time="$warmup" \
      "${grpc_headers[@]}" -d "$work/$method.body" --log-file="$log" \
      "$(url "$server" "$method")" >"$out" 2>&1 || {
    echo "run.sh: h2load against $server $method failed:" >&2; cat "$out" >&2; exit 1; }
  python3 - "$out" "$log" >"$work/result" <<'PY'
import re, sys
out = open(sys.argv[1]).read()
rps = float(re.search(r"finished in [\d.]+\w*, ([\d.]+) req/s", out).group(1))
req = re.search(r"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed", out)
lat = sorted(int(row.split("\t")[2]) for row in open(sys.argv[2])
             if row.strip() and row.split("\t")[1] == "200")
def pct(p):
    return lat[min(len(lat) - 1, int(p / 100 * len(lat)))] if lat else float("nan")
print(f"{rps:.0f} {pct(50)} {pct(99)} {req.group(1)} {req.group(2)}")
PY
}

# Client and servers share the machine's cores: anything else running skews the
# figures, so say so when the machine was not idle just before the runs.
idle=$(python3 -c '
import time
def sample():
    v = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return v[3] + v[4], sum(v)
i0, t0 = sample(); time.sleep(1); i1, t1 = sample()
print(round(100 * (i1 - i0) / max(1, t1 - t0)))')
echo "rakor registry load benchmark: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, loopback"
if ((idle < 90)); then
  echo "WARNING: the machine was only ${idle}% idle before the runs; figures will be noisy"
fi
echo "h2load -t 1 -c $connections -m $streams ($((connections * streams)) concurrent streams)," \
  "${warmup}s warm-up + ${duration}s per run; client and servers share the cores"
echo
printf '%-18s %-13s %10s %9s %9s %9s %8s\n' endpoint server req/s p50_ms p99_ms ratio failed
for method in GetUnit GetReportingChain; do
  base=
  for server in "${servers[@]}"; do
    run_load "$server" "$method"
    read -r rps p50 p99 _ failed <"$work/result"
    [[ -n $base ]] || base=$rps
    awk -v m="$method" -v s="$server" -v r="$rps" -v p50="$p50" -v p99="$p99" -v b="$base" \
      -v f="$failed" 'BEGIN { printf "%-18s %-13s %10d %9.2f %9.2f %9.2f %8d\n",
                              m, s, r, p50 / 1000, p99 / 1000, r / b, f }'
  done
done
echo
echo "ratio: req/s relative to the do-nothing server; aim >= 0.80 with p99 < 2 ms"
