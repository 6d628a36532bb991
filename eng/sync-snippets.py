"""Copies each '#region snippet:NAME' of samples/Integration.Snippets into the ```csharp block that follows
'<!-- snippet: NAME -->' in README.md and docs/*.md. Usage: python3 eng/sync-snippets.py [--check]"""
import glob, os, re, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
os.chdir(root)


def regions():
    found = {}
    for path in glob.glob('samples/Integration.Snippets/**/*.cs', recursive=True):
        lines = open(path, encoding='utf-8').read().splitlines()
        for i, line in enumerate(lines):
            m = re.match(r'\s*#region snippet:(\S+)', line)
            if m:
                end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == '#endregion')
                body = lines[i + 1:end]
                indent = min((len(l) - len(l.lstrip()) for l in body if l.strip()), default=0)
                found[m.group(1)] = '\n'.join(l[indent:].rstrip() for l in body).strip('\n')
    return found


def sync(check):
    snippets = regions()
    stale = []
    for path in ['README.md'] + sorted(glob.glob('docs/*.md')):
        text = open(path, encoding='utf-8').read()
        def replace(m):
            name = m.group(1)
            if name not in snippets:
                stale.append(f'{path}: unknown snippet {name}')
                return m.group(0)
            return f'<!-- snippet: {name} -->\n```csharp\n{snippets[name]}\n```'
        new = re.sub(r'<!-- snippet: (\S+) -->\n```csharp\n.*?\n```', replace, text, flags=re.S)
        if new != text:
            stale.append(f'{path}: out of date')
            if not check:
                open(path, 'w', encoding='utf-8').write(new)
    return stale


if __name__ == '__main__':
    problems = sync('--check' in sys.argv)
    print('\n'.join(problems) or 'snippets in sync')
