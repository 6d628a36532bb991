"""Brings src/ projects' PublicAPI.Unshipped.txt up to date: adds symbols the analyzer reports undeclared (RS0016),
drops those it reports gone (RS0017). Usage: python3 eng/update-public-api.py [src/X/X.csproj ...]"""
import glob, os, re, subprocess, sys

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
projects = sys.argv[1:] or sorted(glob.glob('src/*/*.csproj'))
for proj in projects:
    d = os.path.dirname(proj)
    out = subprocess.run(['dotnet', 'build', proj, '--no-incremental', '-p:TreatWarningsAsErrors=false'],
                         capture_output=True, text=True).stdout
    mine = [l for l in out.splitlines() if '/' + d + '/' in l]
    added = {m.group(1) for l in mine for m in re.finditer(r"RS0016: Symbol '(.+?)' is not part of the declared public API", l)}
    gone = {m.group(1) for l in mine for m in re.finditer(r"RS0017: Symbol '(.+?)' is part of the declared API", l)}
    path = os.path.join(d, 'PublicAPI.Unshipped.txt')
    lines = [l for l in open(path).read().splitlines() if l and l != '#nullable enable']
    lines = sorted((set(lines) | added) - gone)
    open(path, 'w').write('#nullable enable\n' + ''.join(l + '\n' for l in lines))
    print(f"{path}: +{len(added)} -{len(gone)}")
