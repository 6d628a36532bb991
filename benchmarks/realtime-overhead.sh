#!/usr/bin/env bash
# Real-time call overhead: the same ASP.NET Core endpoint bare (/bare) and with WithDailyExecution() (/daily), both
# served by one host process (benchmarks/Integration.RealTimeHost), loaded by wrk on 127.0.0.1 with 64 connections,
# on the SQLite store, on PostgreSQL when INTEGRATION_POSTGRES is set, and on the in-memory store (which writes nothing
# durable: it tells the cost of recording a call from the cost of storing it). Writes a markdown table to stdout.
#   bash benchmarks/realtime-overhead.sh [seconds per run, default 10] [warm-up seconds, default 5]
# Needs wrk (Debian: apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
warmup="${2:-5}"
connections=64
threads=2
port=5310
url="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install -y wrk)" >&2; exit 1; }

dotnet build -c Release benchmarks/Integration.RealTimeHost/Integration.RealTimeHost.csproj -nologo -v quiet >&2
host_dll=benchmarks/Integration.RealTimeHost/bin/Release/net10.0/Integration.RealTimeHost.dll

stores=(sqlite)
if [ -n "${INTEGRATION_POSTGRES:-}" ]; then stores+=(postgresql); fi
stores+=(inmemory)

# The host's CPU time so far (user + system, in clock ticks).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$host/stat"; }

# wrk's "Requests/sec", 99th percentile latency (in ms) and non-2xx count of one run, and the host's CPU time per
# request (µs).
measure() {
  local out before after
  before=$(cpu_ticks)
  out=$(wrk -t"$threads" -c"$connections" -d"${1}s" --latency "$url$2")
  after=$(cpu_ticks)
  python3 - "$out" "$((after - before))" "$(getconf CLK_TCK)" <<'PY'
import re, sys
out, ticks, per_second = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
requests = int(re.search(r"(\d+) requests in", out).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
print(f"{rps:.0f} {p99:.2f} {errors.group(1) if errors else 0} {ticks * 1e6 / per_second / requests:.1f}")
PY
}

echo "| store | endpoint | requests/s | p99 latency | requests/s vs bare | p99 vs bare | host CPU per request |"
echo "|---|---|---:|---:|---:|---:|---:|"
for store in "${stores[@]}"; do
  dotnet "$host_dll" "$store" "$url" >/dev/null 2>&1 &
  host=$!
  trap 'kill "$host" 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do curl -fs "$url/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fs "$url/ready" >/dev/null || { echo "the $store host did not start" >&2; exit 1; }

  # Warm-up (JIT, connection pools, the daily execution opened), then bare and recorded one after the other.
  measure "$warmup" /bare >/dev/null
  measure "$warmup" /daily >/dev/null
  read -r bare_rps bare_p99 bare_errors bare_cpu < <(measure "$duration" /bare)
  read -r daily_rps daily_p99 daily_errors daily_cpu < <(measure "$duration" /daily)
  kill "$host"; wait "$host" 2>/dev/null || true
  trap - EXIT
  if [ "$bare_errors" != 0 ] || [ "$daily_errors" != 0 ]; then
    echo "non-2xx responses: bare $bare_errors, daily $daily_errors" >&2
  fi

  python3 - "$store" "$bare_rps" "$bare_p99" "$bare_cpu" "$daily_rps" "$daily_p99" "$daily_cpu" <<'PY'
import sys
store, bare_rps, bare_p99, bare_cpu, daily_rps, daily_p99, daily_cpu = sys.argv[1], *map(float, sys.argv[2:])
name = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "inmemory": "in-memory"}[store]
print(f"| {name} | bare (baseline) | {bare_rps:,.0f} | {bare_p99:.2f} ms | 1.00 | 1.00 | {bare_cpu:.0f} µs |")
print(f"| {name} | `WithDailyExecution()` | {daily_rps:,.0f} | {daily_p99:.2f} ms | **{daily_rps / bare_rps:.2f}** | **{daily_p99 / bare_p99:.2f}** | {daily_cpu:.0f} µs |")
PY
done
