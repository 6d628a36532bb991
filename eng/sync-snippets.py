"""Copies each '#region snippet:NAME' of samples/Integration.Snippets into the ```csharp block that follows
'<!-- snippet: NAME -->' in README.md and docs/*.md, and checks the pages:

- every ```csharp block has a marker, every marker a region, every region a page (no orphan either way);
- a block ends at the first line that is exactly ``` (an empty block is filled, never merged with the next one),
  and the text outside the blocks is never changed by a sync;
- every page keeps the headings listed for it in docs/headings.txt, and lists every heading it has, so that
  removing a section is a change of that file, seen in review.

Usage: python3 eng/sync-snippets.py [--check] [--add-headings] [--root DIR]
  --check          change nothing; exit 1 when a page is out of date or a rule above is broken
  --add-headings   add the headings (and pages) docs/headings.txt lacks; it never removes one: do that by hand
tests/Integration.Sample.Tests/DocsTests.cs checks the same rules in the test run."""
import glob, os, re, sys

MARKER = re.compile(r'^<!-- snippet: (\S+) -->$')
REGION = re.compile(r'^\s*#region snippet:(\S+)')
HEADING = re.compile(r'^#{1,6} \S')
HEADINGS_FILE = os.path.join('docs', 'headings.txt')


def regions(problems):
    found = {}
    for path in sorted(glob.glob('samples/Integration.Snippets/**/*.cs', recursive=True)):
        lines = open(path, encoding='utf-8').read().splitlines()
        for i, line in enumerate(lines):
            m = REGION.match(line)
            if not m:
                continue
            name = m.group(1)
            end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == '#endregion'), None)
            if end is None:
                problems.append(f'{path}: region {name} has no #endregion')
                continue
            if name in found:
                problems.append(f'{path}: region {name} is defined twice')
            body = lines[i + 1:end]
            if not any(l.strip() for l in body):
                problems.append(f'{path}: region {name} is empty')
            indent = min((len(l) - len(l.lstrip()) for l in body if l.strip()), default=0)
            found[name] = '\n'.join(l[indent:].rstrip() if len(l) >= indent else l.strip() for l in body).strip('\n')
    return found


def pages():
    return ['README.md'] + sorted(p.replace(os.sep, '/') for p in glob.glob('docs/*.md'))


def fenced(lines):
    """Yields (start, end) for each fenced block: lines[start] opens it, lines[end] is its closing ``` line."""
    i = 0
    while i < len(lines):
        if lines[i].startswith('```'):
            end = next((j for j in range(i + 1, len(lines)) if lines[j] == '```'), None)
            yield i, end
            if end is None:
                return
            i = end
        i += 1


def blocks(path, text, problems):
    """The snippet blocks of a page as (marker line, first body line, closing line, name), with its rule breaks."""
    lines = text.split('\n')
    found = []
    for start, end in fenced(lines):
        if end is None:
            problems.append(f'{path}:{start + 1}: a code block is never closed')
            break
        if lines[start] != '```csharp':
            continue
        inner = [k for k in range(start + 1, end) if lines[k].startswith('```')]
        if inner:
            problems.append(f'{path}:{inner[0] + 1}: a code fence inside a ```csharp block (text swallowed by an old sync?)')
        marker = MARKER.match(lines[start - 1]) if start > 0 else None
        if not marker:
            problems.append(f'{path}:{start + 1}: a ```csharp block has no <!-- snippet: NAME --> marker above it')
            continue
        found.append((start - 1, start + 1, end, marker.group(1)))
    marked = {b[0] for b in found}
    for i, line in enumerate(lines):
        m = MARKER.match(line)
        if m and i not in marked:
            problems.append(f'{path}:{i + 1}: marker {m.group(1)} is not followed by a ```csharp block')
    return lines, found


def outside(lines, found):
    """The page without the bodies of its snippet blocks: what a sync must never change."""
    keep, i = [], 0
    for _, body, end, _ in found:
        keep.extend(lines[i:body])
        i = end
    keep.extend(lines[i:])
    return keep


def headings(text):
    result, in_code = [], False
    for line in text.split('\n'):
        if line.startswith('```'):
            in_code = not in_code
        elif not in_code and HEADING.match(line):
            result.append(line.rstrip())
    return result


def read_headings():
    listed, page = {}, None
    if not os.path.exists(HEADINGS_FILE):
        return listed
    for line in open(HEADINGS_FILE, encoding='utf-8').read().splitlines():
        if line.startswith('[') and line.endswith(']'):
            page = line[1:-1]
            listed.setdefault(page, [])
        elif line.startswith('#') and page is not None:
            listed[page].append(line.rstrip())
    return listed


def write_headings(listed):
    out = ['; The headings each page of README.md and docs/*.md must keep (eng/sync-snippets.py, DocsTests).',
           '; A page that lost one of them fails the build: remove a heading here, by hand, only when its section',
           '; goes on purpose. `python3 eng/sync-snippets.py --add-headings` adds new pages and headings.']
    for page in sorted(listed, key=lambda p: (p != 'README.md', p)):
        out.append('')
        out.append(f'[{page}]')
        out.extend(listed[page])
    open(HEADINGS_FILE, 'w', encoding='utf-8').write('\n'.join(out) + '\n')


def check_headings(path, text, listed, problems):
    have = headings(text)
    if path not in listed:
        problems.append(f'{path}: not in {HEADINGS_FILE} (python3 eng/sync-snippets.py --add-headings)')
        return
    for h in listed[path]:
        if h not in have:
            problems.append(f'{path}: lost the heading "{h}" listed in {HEADINGS_FILE}')
    for h in have:
        if h not in listed[path]:
            problems.append(f'{path}: heading "{h}" is not in {HEADINGS_FILE} (python3 eng/sync-snippets.py --add-headings)')


def sync(check, add_headings):
    problems = []
    snippets = regions(problems)
    listed = read_headings()
    used = set()
    for path in pages():
        text = open(path, encoding='utf-8').read().replace('\r\n', '\n')
        lines, found = blocks(path, text, problems)
        new_lines, i = [], 0
        for _, body, end, name in found:
            used.add(name)
            new_lines.extend(lines[i:body])
            if name in snippets:
                new_lines.extend(snippets[name].split('\n') if snippets[name] else [])
            else:
                problems.append(f'{path}: marker {name} has no region in samples/Integration.Snippets')
                new_lines.extend(lines[body:end])
            i = end
        new_lines.extend(lines[i:])
        new = '\n'.join(new_lines)
        _, new_found = blocks(path, new, [])
        if outside(new_lines, new_found) != outside(lines, found):
            problems.append(f'{path}: a sync would change text outside the code blocks; nothing written')
            continue
        if add_headings:
            have = headings(text)
            listed.setdefault(path, [])
            listed[path].extend(h for h in have if h not in listed[path])
        check_headings(path, text, listed, problems)
        if new != text:
            if check:
                problems.append(f'{path}: out of date (python3 eng/sync-snippets.py)')
            else:
                open(path, 'w', encoding='utf-8').write(new)
    for name in sorted(set(snippets) - used):
        problems.append(f'samples/Integration.Snippets: region {name} is used by no page')
    if add_headings:
        write_headings(listed)
    return problems


if __name__ == '__main__':
    args = sys.argv[1:]
    root = args[args.index('--root') + 1] if '--root' in args else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
    os.chdir(root)
    found = sync('--check' in args, '--add-headings' in args)
    print('\n'.join(found) or 'snippets in sync')
    sys.exit(1 if found else 0)
