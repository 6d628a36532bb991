#!/usr/bin/env bash
# Runs the benchmark suite (docs/performance.md) and the compressed-day simulation (docs/scale.md).
#   benchmarks/run.sh            every benchmark with --job short, then the simulated day (hours on a small machine)
#   benchmarks/run.sh --short    a quick check (a few minutes): the micro-benchmarks with --job dry, without the
#                                1,000,000-row console list and export benchmarks (nothing seeded), and a 30-minute
#                                simulation of 100 interfaces
# Anything after the mode goes to BenchmarkDotNet, e.g. `benchmarks/run.sh --short --filter '*LogAppend*'`.
# PostgreSQL: INTEGRATION_POSTGRES, or the local server CI starts; without one, the PostgreSQL benchmarks are skipped.
# Results: BenchmarkDotNet.Artifacts/results/ (markdown per class); the simulation prints its tables.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export INTEGRATION_POSTGRES="${INTEGRATION_POSTGRES:-Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=integration_tests}"
project=benchmarks/Integration.Benchmarks

short=false
if [ "${1:-}" = "--short" ]; then
  short=true
  shift
fi

dotnet build "$project" -c Release -warnaserror
run() { dotnet run -c Release --no-build --project "$project" -- "$@"; }

if [ "$short" = true ]; then
  if [ "$#" -eq 0 ]; then
    # Every benchmark class but the ones that seed or export 1,000,000 rows, found by name so new classes join.
    mapfile -t classes < <(run --list flat | grep -E '^Integration\.Benchmarks\.' | sed -E 's/\.[^.]+$//' | sort -u |
      grep -Ev 'ConsoleList|ExcelExport')
    filters=()
    for class in "${classes[@]}"; do filters+=("$class.*"); done
    set -- --filter "${filters[@]}"
  fi
  run "$@" --job dry
  run --simulate-day --hours 0.5 --interfaces 100
else
  [ "$#" -eq 0 ] && set -- --filter '*'
  run "$@" --job short
  run --simulate-day
fi
