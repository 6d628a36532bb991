#!/usr/bin/env bash
# Packs every package of src/ (Release) into a temporary folder, checks each carries its README and has a symbols
# package, then builds and runs a fresh console application from those packages only: the README's quick start on
# the SQLite store (Program.cs). Fails when a pack warns, a package lacks a part, or the application does not build
# or run. Usage: bash eng/package-smoke/run.sh [dotnet pack options, default -c Release]
# (.ci/run passes `-c Debug --no-build` to pack what its build has just built: the packages' contents and NuGet's
# checks are the same in both configurations.)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/packages" "$work/app" "$work/nuget"

# Every project under src/, packed in one build through a solution filter made now (a new package is included).
python3 - "$root" "$work/packages.slnf" <<'PY'
import glob, json, os, sys
root, out = sys.argv[1], sys.argv[2]
projects = sorted(os.path.relpath(p, root) for p in glob.glob(os.path.join(root, 'src', '*', '*.csproj')))
json.dump({'solution': {'path': os.path.join(root, 'Integration.sln'), 'projects': projects}}, open(out, 'w'))
PY
[ $# -gt 0 ] || set -- -c Release
dotnet pack "$work/packages.slnf" "$@" -warnaserror -p:PackageOutputPath="$work/packages" -nologo -clp:ErrorsOnly

# Each package: its README inside, and a symbols package beside it.
python3 - "$root" "$work/packages" <<'PY'
import glob, os, sys, zipfile
root, folder = sys.argv[1], sys.argv[2]
expected = sorted(os.path.basename(os.path.dirname(p)) for p in glob.glob(os.path.join(root, 'src', '*', '*.csproj')))
problems = []
for name in expected:
    packages = glob.glob(os.path.join(folder, name + '.[0-9]*.nupkg'))
    if len(packages) != 1:
        problems.append(f'{name}: {len(packages)} packages')
        continue
    if 'README.md' not in zipfile.ZipFile(packages[0]).namelist():
        problems.append(f'{name}: no README.md in the package')
    if not os.path.exists(packages[0][:-len('.nupkg')] + '.snupkg'):
        problems.append(f'{name}: no symbols package')
print('\n'.join(problems) or f'{len(expected)} packages, each with its README and symbols package')
sys.exit(1 if problems else 0)
PY

# The application knows only the packages: a copy outside the repository, with a nuget.config that adds the
# folder as a source for Integration.* and keeps the machine's sources, and their mapping, for everything else.
# Its own packages folder keeps the packed 0.x versions out of the machine's cache; the machine's cache is a
# read-only fallback, so nothing already restored is fetched again.
cp "$here/Smoke.csproj" "$here/Program.cs" "$work/app/"
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cat > "$work/app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="integration-packed" value="$work/packages" />
  </packageSources>
  <fallbackPackageFolders>
    <add key="machine-cache" value="$cache" />
  </fallbackPackageFolders>
  <packageSourceMapping>
    <packageSource key="integration-packed">
      <package pattern="Integration.*" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
XML
version=$(dotnet msbuild "$root/src/Integration.Runtime/Integration.Runtime.csproj" -getProperty:Version)
hosting=$(sed -n 's/.*Include="Microsoft.Extensions.Hosting" Version="\([^"]*\)".*/\1/p' "$root/Directory.Packages.props")
export NUGET_PACKAGES="$work/nuget"
dotnet build "$work/app/Smoke.csproj" -c Release -nologo -clp:ErrorsOnly -p:IntegrationVersion="$version" -p:HostingVersion="$hosting"
dotnet "$work/app/bin/Release/net10.0/Smoke.dll"
