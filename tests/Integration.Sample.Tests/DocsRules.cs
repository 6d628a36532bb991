using System.Text.RegularExpressions;

namespace Integration.Sample.Tests;

/// <summary>
/// The rules README.md and docs/*.md keep, as pure functions of the texts; eng/sync-snippets.py applies the same ones.
/// Every ```csharp block has a <c>&lt;!-- snippet: NAME --&gt;</c> marker and equals its region of
/// samples/Integration.Snippets; every marker has a region and every region a page; a block ends at the first line
/// that is exactly ``` (so an empty block is a block, not the start of one that swallows the text up to the next);
/// every page has exactly the headings listed for it in docs/headings.txt.
/// </summary>
internal static partial class DocsRules
{
    public const string HeadingsFile = "docs/headings.txt";

    /// <summary>The snippet regions of the given C# files, by name, unindented as the docs show them.</summary>
    public static Dictionary<string, string> Regions(IEnumerable<(string File, string Text)> files, List<string> problems)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, text) in files)
        {
            var lines = text.ReplaceLineEndings("\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var start = RegionStart().Match(lines[i]);
                if (!start.Success)
                {
                    continue;
                }

                var name = start.Groups[1].Value;
                var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "#endregion");
                if (end < 0)
                {
                    problems.Add($"{file}: region {name} has no #endregion");
                    continue;
                }

                var body = lines[(i + 1)..end];
                if (body.All(l => l.Trim().Length == 0))
                {
                    problems.Add($"{file}: region {name} is empty");
                }

                if (found.ContainsKey(name))
                {
                    problems.Add($"{file}: region {name} is defined twice");
                }

                var indent = body.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
                found[name] = string.Join('\n', body.Select(l => (l.Length >= indent ? l[indent..] : l.TrimStart()).TrimEnd())).Trim('\n');
            }
        }

        return found;
    }

    /// <summary>The snippet blocks of a page, and the problems of its fences and markers.</summary>
    public static List<SnippetBlock> Blocks(string page, string text, List<string> problems)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<SnippetBlock>();
        var marked = new HashSet<int>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var start = i;
            var end = Array.FindIndex(lines, start + 1, l => l == "```");
            if (end < 0)
            {
                problems.Add($"{page}:{start + 1}: a code block is never closed");
                break;
            }

            i = end;
            if (lines[start] != "```csharp")
            {
                continue;
            }

            var inner = Array.FindIndex(lines, start + 1, end - start - 1, l => l.StartsWith("```", StringComparison.Ordinal));
            if (inner >= 0)
            {
                problems.Add($"{page}:{inner + 1}: a code fence inside a ```csharp block (text swallowed by an old sync?)");
            }

            var marker = start > 0 ? SnippetMarker().Match(lines[start - 1]) : Match.Empty;
            if (!marker.Success)
            {
                problems.Add($"{page}:{start + 1}: a ```csharp block has no <!-- snippet: NAME --> marker above it");
                continue;
            }

            marked.Add(start - 1);
            blocks.Add(new SnippetBlock(marker.Groups[1].Value, start + 1, string.Join('\n', lines[(start + 1)..end])));
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var marker = SnippetMarker().Match(lines[i]);
            if (marker.Success && !marked.Contains(i))
            {
                problems.Add($"{page}:{i + 1}: marker {marker.Groups[1].Value} is not followed by a ```csharp block");
            }
        }

        return blocks;
    }

    /// <summary>The Markdown headings of a page, outside code blocks, in order.</summary>
    public static List<string> Headings(string text)
    {
        var headings = new List<string>();
        var inCode = false;
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
            }
            else if (!inCode && Heading().IsMatch(line))
            {
                headings.Add(line.TrimEnd());
            }
        }

        return headings;
    }

    /// <summary>Reads docs/headings.txt: <c>[page]</c> lines, each followed by the headings that page must have.</summary>
    public static Dictionary<string, List<string>> ListedHeadings(string text)
    {
        var listed = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = listed.TryGetValue(line[1..^1], out var existing) ? existing : listed[line[1..^1]] = [];
            }
            else if (line.StartsWith('#') && current is not null)
            {
                current.Add(line.TrimEnd());
            }
        }

        return listed;
    }

    /// <summary>Every rule broken by the given pages (relative path → text), regions and listed headings.</summary>
    public static List<string> Check(
        IReadOnlyDictionary<string, string> pages,
        IReadOnlyDictionary<string, string> regions,
        IReadOnlyDictionary<string, List<string>> listedHeadings)
    {
        var problems = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (page, text) in pages.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var block in Blocks(page, text, problems))
            {
                used.Add(block.Name);
                if (!regions.TryGetValue(block.Name, out var region))
                {
                    problems.Add($"{page}:{block.Line}: marker {block.Name} has no region in samples/Integration.Snippets");
                }
                else if (region != block.Body.TrimEnd())
                {
                    problems.Add($"{page}:{block.Line}: snippet '{block.Name}' differs from its region; run python3 eng/sync-snippets.py");
                }
            }

            var headings = Headings(text);
            if (!listedHeadings.TryGetValue(page, out var listed))
            {
                problems.Add($"{page}: not in {HeadingsFile} (python3 eng/sync-snippets.py --add-headings)");
                continue;
            }

            problems.AddRange(listed.Where(h => !headings.Contains(h)).Select(h => $"{page}: lost the heading \"{h}\" listed in {HeadingsFile}"));
            problems.AddRange(headings.Where(h => !listed.Contains(h)).Select(h => $"{page}: heading \"{h}\" is not in {HeadingsFile} (python3 eng/sync-snippets.py --add-headings)"));
        }

        problems.AddRange(regions.Keys.Where(n => !used.Contains(n)).Order(StringComparer.Ordinal).Select(n => $"samples/Integration.Snippets: region {n} is used by no page"));
        return problems;
    }

    [GeneratedRegex(@"^<!-- snippet: (\S+) -->$")]
    private static partial Regex SnippetMarker();

    [GeneratedRegex(@"^\s*#region snippet:(\S+)")]
    private static partial Regex RegionStart();

    [GeneratedRegex(@"^#{1,6} \S")]
    private static partial Regex Heading();
}
