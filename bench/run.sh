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
declare -A port pid
servers=(noop registry registry+log)

port[noop]=$(free_port)
"$noop_bin" --listen="127.0.0.1:${port[noop]}" 2>"$work/noop.err" &
pid[noop]=$!; pids+=($!); wait_ready $! "${port[noop]}" noop

port[registry]=$(free_port)
"$registry_bin" --database="$work/registry.db" --seed_dir="$repo/data" \
  --listen="127.0.0.1:${port[registry]}" --rpc_log=false 2>"$work/registry.err" &
pid[registry]=$!; pids+=($!); wait_ready $! "${port[registry]}" registry

# As in production, one JSON log line per RPC; the lines go to /dev/null.
port[registry+log]=$(free_port)
"$registry_bin" --database="$work/registry-log.db" --seed_dir="$repo/data" \
  --listen="127.0.0.1:${port[registry+log]}" --rpc_log=true 2>/dev/null &
pid[registry+log]=$!; pids+=($!); wait_ready $! "${port[registry+log]}" registry+log

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
# run_load SERVER METHOD: a warm-up run, then the measured run; writes
# "req/s p50_us p99_us failed server_cpu_us_per_req other_cpu_percent" to $work/result.
# Server CPU comes from /proc/PID/stat, the client's from getrusage; "other" is the
# share of the machine's CPU that neither used during the run (other processes,
# the idle servers, the kernel's softirq work not charged to them): it should be ~0.
run_load() {
  local server=$1 method=$2
  python3 - "${pid[$server]}" "$work/h2load.$server.$method" "$warmup" "$duration" \
    h2load -t 1 -c "$connections" -m "$streams" "${grpc_headers[@]}" \
    -d "$work/$method.body" "$(url "$server" "$method")" >"$work/result" <<'PY'
import os, re, resource, subprocess, sys, time

server_pid, prefix, warmup, duration, h2load = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
tick = os.sysconf("SC_CLK_TCK")

def run(args, out):
    try:
        done = subprocess.run(args, stdout=open(out, "w"), stderr=subprocess.STDOUT,
                              timeout=float(duration) + float(warmup) + 30)
    except subprocess.TimeoutExpired:
        sys.exit(f"run.sh: h2load timed out ({out})")
    if done.returncode != 0:
        sys.stderr.write(open(out).read())
        sys.exit(f"run.sh: h2load failed ({out})")

def server_cpu():
    fields = open(f"/proc/{server_pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick  # utime + stime

def machine_busy():
    v = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return (sum(v) - v[3] - v[4]) / tick

def client_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime

run(h2load[:1] + ["-D", warmup] + h2load[1:], prefix + ".warmup.out")
s0, m0, c0, t0 = server_cpu(), machine_busy(), client_cpu(), time.monotonic()
run(h2load[:1] + ["-D", duration, f"--log-file={prefix}.log"] + h2load[1:], prefix + ".out")
s1, m1, c1, t1 = server_cpu(), machine_busy(), client_cpu(), time.monotonic()

out = open(prefix + ".out").read()
rps = float(re.search(r"finished in [\d.]+\w*, ([\d.]+) req/s", out).group(1))
done, failed = map(int, re.search(
    r"requests: \d+ total, \d+ started, (\d+) done, \d+ succeeded, (\d+) failed", out).groups())
lat = sorted(int(row.split("\t")[2]) for row in open(prefix + ".log")
             if row.strip() and row.split("\t")[1] == "200")
def pct(p):
    return lat[min(len(lat) - 1, int(p / 100 * len(lat)))] if lat else -1
other = max(0.0, (m1 - m0) - (s1 - s0) - (c1 - c0)) / ((t1 - t0) * os.cpu_count())
print(f"{rps:.0f} {pct(50)} {pct(99)} {failed} {1e6 * (s1 - s0) / max(1, done):.1f} {100 * other:.0f}")
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
printf '%-18s %-13s %8s %7s %7s %6s %12s %6s\n' \
  endpoint server req/s p50_ms p99_ms ratio srv_cpu_us/req other%
for method in GetUnit GetReportingChain; do
  base=
  for server in "${servers[@]}"; do
    run_load "$server" "$method"
    read -r rps p50 p99 failed cpu other <"$work/result"
    [[ -n $base ]] || base=$rps
    awk -v m="$method" -v s="$server" -v r="$rps" -v p50="$p50" -v p99="$p99" -v b="$base" \
      -v c="$cpu" -v o="$other" 'BEGIN { printf "%-18s %-13s %8d %7.2f %7.2f %6.2f %12.1f %6d\n",
                                         m, s, r, p50 / 1000, p99 / 1000, r / b, c, o }'
    if ((failed > 0)); then echo "  WARNING: $failed requests failed"; fi
  done
done
echo
echo "ratio: req/s relative to the do-nothing server (aim: >= 0.80, p99 < 2 ms)."
echo "srv_cpu_us/req: server CPU time per request. other%: machine CPU used by neither"
echo "the server under test nor h2load during the run; well above 0 means interference."
