#!/usr/bin/env bash
# Load benchmark of the registry's reads (GetUnit, GetReportingChain, GetCoordinator,
# ListCoordinatedUnits, GetWorkingRelationship, a 50-unit ListUnits page) over
# loopback, reported as a ratio to a do-nothing gRPC server (bench/noop_server.cc)
# driven in the same run by the same load generator with the same parameters: once
# answering the empty message (noop), once answering the registry's own answer
# (canned), which is the fair baseline for the reads whose answers are large.
#
# Usage: bench/run.sh [build-dir]        (default: build)
#   Environment: BENCH_ROUNDS (default 3), BENCH_DURATION (s per measured run,
#                default 6), BENCH_WARMUP (s, default 2), BENCH_CONNECTIONS
#                (default 4), BENCH_STREAMS (per connection, default 16; the
#                concurrency is connections x streams = 64), BENCH_KEEP=1 keeps
#                the work directory (h2load outputs and per-request logs),
#                BENCH_REGISTRY_DATABASES ("URI URI": the registries on PostgreSQL).
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
rounds=${BENCH_ROUNDS:-3}
duration=${BENCH_DURATION:-6}
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
server_pids=()
cleanup() {
  local p
  for p in "${server_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${server_pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [[ -n ${BENCH_KEEP:-} ]]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_ready PID PORT NAME: until the server accepts TCP connections (at most 30 s).
wait_ready() {
  local p=$1 port=$2 name=$3
  for _ in $(seq 300); do
    kill -0 "$p" 2>/dev/null || { echo "run.sh: $name exited during start-up" >&2; exit 1; }
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "run.sh: $name does not accept connections on 127.0.0.1:$port" >&2
  exit 1
}

# --- request bodies ------------------------------------------------------------
methods=(GetUnit GetReportingChain GetCoordinator ListCoordinatedUnits GetWorkingRelationship
  ListUnits)
unit=regions/temanggung/units/dinas-kesehatan
body() {  # METHOD TEXT-PROTO: the framed request body of METHOD
  python3 "$repo/bench/make_grpc_body.py" "rakor.registry.v1.$1Request" "$2" "$work/$1.body" "$repo"
}
body GetUnit "name: \"$unit\""
body GetReportingChain "unit: \"$unit\" matter: TECHNICAL_OPERATIONAL"
body GetCoordinator "unit: \"$unit\""
body ListCoordinatedUnits "asisten: \"regions/temanggung/units/asisten-pemerintahan-kesra\""
body GetWorkingRelationship \
  "unit_a: \"$unit\" unit_b: \"regions/temanggung/units/dinas-pendidikan-pora\""
# A full 50-unit page of the 50 units the region has.
body ListUnits "parent: \"regions/temanggung\" page_size: 50"

# --- servers (all on 127.0.0.1) --------------------------------------------------
# The two registries' databases: fresh SQLite files, or BENCH_REGISTRY_DATABASES
# ("URI URI": two empty PostgreSQL databases, as bench/postgres.sh passes them).
read -r -a registry_db <<<"${BENCH_REGISTRY_DATABASES:-$work/registry.db $work/registry-log.db}"
declare -A port pid
servers=(noop registry registry+log)

port[noop]=$(free_port)
"$noop_bin" --listen="127.0.0.1:${port[noop]}" 2>"$work/noop.err" &
pid[noop]=$!

port[registry]=$(free_port)
"$registry_bin" --database="${registry_db[0]}" --seed_dir="$repo/data" \
  --listen="127.0.0.1:${port[registry]}" --rpc_log=false --insecure_development --max_calls_per_caller=1000000 2>"$work/registry.err" &
pid[registry]=$!

# As in production, one JSON log line per RPC; the lines go to /dev/null.
port[registry+log]=$(free_port)
"$registry_bin" --database="${registry_db[1]}" --seed_dir="$repo/data" \
  --listen="127.0.0.1:${port[registry+log]}" --rpc_log=true --insecure_development --max_calls_per_caller=1000000 2>/dev/null &
pid[registry+log]=$!

for server in "${servers[@]}"; do server_pids+=("${pid[$server]}"); done
for server in "${servers[@]}"; do wait_ready "${pid[$server]}" "${port[$server]}" "$server"; done

url() { echo "http://127.0.0.1:${port[$1]}/rakor.registry.v1.RegistryService/$2"; }
grpc_headers=(-H 'content-type: application/grpc' -H 'te: trailers')

# The second baseline, "canned": the do-nothing server answering each method with
# a copy of the registry's own answer (unframed from its one gRPC message), so the
# large answers are compared with a server that sends the same bytes.
mkdir "$work/responses"
for method in "${methods[@]}"; do
  nghttp "${grpc_headers[@]}" -d "$work/$method.body" "$(url registry "$method")" \
    >"$work/$method.framed"
  tail -c +6 "$work/$method.framed" >"$work/responses/$method.response"
done
port[canned]=$(free_port)
"$noop_bin" --listen="127.0.0.1:${port[canned]}" --responses_dir="$work/responses" \
  2>"$work/canned.err" &
pid[canned]=$!
server_pids+=("${pid[canned]}")
wait_ready "${pid[canned]}" "${port[canned]}" canned
servers=(noop canned registry registry+log)

# --- correctness: h2load counts HTTP 200 as success, so check grpc-status first --
for method in "${methods[@]}"; do
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
    if [[ $server = canned ]] && ! cmp -s <(nghttp "${grpc_headers[@]}" -d "$work/$method.body" \
        "$(url canned "$method")") "$work/$method.framed"; then
      echo "run.sh: canned $method: not the registry's answer" >&2
      exit 1
    fi
  done
done

# --- load ----------------------------------------------------------------------
# h2load SERVER METHOD SECONDS OUT [extra h2load args]: one bounded h2load run.
h2load_run() {
  local server=$1 method=$2 seconds=$3 out=$4
  shift 4
  if ! timeout $((seconds + 30)) h2load -t 1 -c "$connections" -m "$streams" -D "$seconds" \
      "${grpc_headers[@]}" -d "$work/$method.body" "$@" "$(url "$server" "$method")" \
      >"$out" 2>&1; then
    echo "run.sh: h2load against $server $method failed:" >&2
    cat "$out" >&2
    exit 1
  fi
}

# measure SERVER METHOD ROUND: one measured run. Appends to $work/runs
# "server method round seconds requests_done failed server_cpu_s other_cpu_s",
# and leaves per-request latencies in $work/log.SERVER.METHOD.ROUND.
# Server CPU comes from /proc/PID/stat, h2load's from the shell's `times`;
# "other" is the machine's CPU used by neither (other processes, the idle servers,
# kernel work charged to no one): well above 0 means the figures are disturbed.
cpu_server() { python3 -c '
import os, sys
f = open(f"/proc/{sys.argv[1]}/stat").read().rsplit(")", 1)[1].split()
print((int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK"))' "$1"; }
cpu_machine() { python3 -c '
import os
v = [int(x) for x in open("/proc/stat").readline().split()[1:]]
print((sum(v) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK"))'; }
# The shell's children's CPU time (h2load's), from the `times` builtin run in this
# shell: a subshell would not see it.
children_times() { times >"$1"; }

measure() {
  local server=$1 method=$2 round=$3 out=$work/out.$1.$2.$3
  local s0 m0 s1 m1 t0 t1
  s0=$(cpu_server "${pid[$server]}"); children_times "$work/times0"; m0=$(cpu_machine)
  t0=$EPOCHREALTIME
  h2load_run "$server" "$method" "$duration" "$out" --log-file="$work/log.$server.$method.$round"
  t1=$EPOCHREALTIME
  m1=$(cpu_machine); children_times "$work/times1"; s1=$(cpu_server "${pid[$server]}")
  python3 - "$out" "$server" "$method" "$round" "$s0" "$s1" "$m0" "$m1" "$t0" "$t1" \
    "$work/times0" "$work/times1" >>"$work/runs" <<'PY'
import re, sys
out, server, method, rnd = sys.argv[1:5]
s0, s1, m0, m1, t0, t1 = map(float, sys.argv[5:11])
def children(path):  # second line of `times`: the children's user and system time
    line = open(path).read().splitlines()[1]
    return sum(float(m) * 60 + float(s) for m, s in re.findall(r"(\d+)m([\d.]+)s", line))
c0, c1 = children(sys.argv[11]), children(sys.argv[12])
text = open(out).read()
done, failed = re.search(
    r"requests: \d+ total, \d+ started, (\d+) done, \d+ succeeded, (\d+) failed", text).groups()
# h2load's rate is requests over its measured duration; recover that duration.
rps = float(re.search(r"finished in [\d.]+\w*, ([\d.]+) req/s", text).group(1))
seconds = int(done) / rps if rps else 0.0
# c1 - c0 covers h2load and the short python helpers around it (also children).
other = max(0.0, (m1 - m0) - (s1 - s0) - (c1 - c0))
print(server, method, rnd, f"{seconds:.3f}", done, failed, f"{s1 - s0:.2f}", f"{other:.2f}",
      f"{t1 - t0:.2f}")
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
echo "h2load -t 1 -c $connections -m $streams ($((connections * streams)) concurrent streams);" \
  "${warmup}s warm-up per server and method, then $rounds rounds of ${duration}s runs"
echo "(servers in alternating order); client and servers share the cores"

for method in "${methods[@]}"; do
  for server in "${servers[@]}"; do
    h2load_run "$server" "$method" "$warmup" "$work/warmup.$server.$method"
  done
done
for ((round = 1; round <= rounds; round++)); do
  order=("${servers[@]}")
  if ((round % 2 == 0)); then order=(registry+log registry canned noop); fi
  for method in "${methods[@]}"; do
    for server in "${order[@]}"; do measure "$server" "$method" "$round"; done
  done
done

python3 - "$work" "${methods[@]}" <<'PY'
import collections, glob, os, sys

work, methods = sys.argv[1], sys.argv[2:]
servers = ["noop", "canned", "registry", "registry+log"]
runs = collections.defaultdict(list)
for line in open(f"{work}/runs"):
    server, method, rnd, seconds, done, failed, cpu, other, wall = line.split()
    runs[server, method].append(dict(seconds=float(seconds), done=int(done), failed=int(failed),
                                     cpu=float(cpu), other=float(other), wall=float(wall)))

def percentiles(server, method):
    lat = []
    for path in glob.glob(f"{work}/log.{server}.{method}.*"):
        for row in open(path):
            cols = row.split("\t")
            if len(cols) >= 3 and cols[1] == "200":
                lat.append(int(cols[2]))
    lat.sort()
    at = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] / 1000 if lat else float("nan")
    return at(0.50), at(0.99)

print()
print(f"{'endpoint':<22} {'server':<12} {'req/s':>7} {'(min-max of rounds)':>19} {'p50_ms':>6} "
      f"{'p99_ms':>6} {'ratio':>5} {'p99x':>5} {'c.ratio':>7} {'c.p99x':>6} {'srv_us/req':>10} "
      f"{'other%':>6}")
warnings = []
for method in methods:
    rows = {}
    for server in servers:
        r = runs[server, method]
        done = sum(x["done"] for x in r)
        each = [x["done"] / x["seconds"] for x in r]
        rows[server] = dict(
            rps=done / sum(x["seconds"] for x in r), spread=f"({min(each):.0f}-{max(each):.0f})",
            latency=percentiles(server, method), cpu_us=1e6 * sum(x["cpu"] for x in r) / done,
            other=100 * sum(x["other"] for x in r) / (os.cpu_count() * sum(x["wall"] for x in r)))
    for server in servers:
        noop, canned = rows["noop"], rows["canned"]
        row = rows[server]
        (p50, p99), rps = row["latency"], row["rps"]
        print(f"{method:<22} {server:<12} {rps:7.0f} {row['spread']:>19} {p50:6.2f} {p99:6.2f} "
              f"{rps / noop['rps']:5.2f} {p99 / noop['latency'][1]:5.2f} "
              f"{rps / canned['rps']:7.2f} {p99 / canned['latency'][1]:6.2f} "
              f"{row['cpu_us']:10.1f} {row['other']:6.0f}")
        if sum(x["failed"] for x in r):
            warnings.append(f"{server} {method}: {sum(x['failed'] for x in r)} requests failed")
print()
for w in warnings:
    print("WARNING:", w)
print("req/s: all rounds' requests over their time. ratio, p99x: req/s and p99 relative to")
print("the do-nothing server answering the empty message (noop); c.ratio, c.p99x: relative")
print("to the do-nothing server answering the registry's own answer (canned). Aim: ratio")
print(">= 0.90 and p99x <= 1.10 at 64 streams. p50/p99 over every request of all rounds.")
print("srv_us/req: the server's CPU time per request. other%: share of the machine's CPU used")
print("by neither that server nor h2load during the runs; well above 0 means something else")
print("was running and the figures are disturbed.")
PY
