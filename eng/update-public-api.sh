#!/usr/bin/env bash
# Records every public symbol of the src/ projects in their PublicAPI.Unshipped.txt (code fix of RS0016/RS0017).
set -euo pipefail
cd "$(dirname "$0")/.."
for proj in "${@:-src/*/*.csproj}"; do
  for p in $proj; do
    dotnet format analyzers "$p" --diagnostics RS0016 RS0017 --severity warn --no-restore || true
  done
done
